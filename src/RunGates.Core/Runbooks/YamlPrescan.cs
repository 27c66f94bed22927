using RunGates.Core.Diagnostics;

namespace RunGates.Core.Runbooks;

/// <summary>
/// The runbook's pass over <see cref="YamlCheckedEvents"/> before the document is loaded: reports every duplicate
/// key (YamlDotNet's representation model stops at the first), a crossed limit, and the syntax error, if any, at its
/// line and column, as RG1001. Only a document that passes is handed to the recursive representation model.
/// </summary>
internal static class YamlPrescan
{
    public static void Scan(string text, Func<int, int, SourcePosition> at, List<RunbookError> errors)
    {
        var events = new YamlCheckedEvents(new StringReader(text), YamlLimits.Runbook);
        while (events.MoveNext())
        {
        }

        foreach (var problem in events.Problems)
        {
            errors.Add(problem.Kind switch
            {
                YamlProblemKind.DuplicateKey => new RunbookError(
                    DiagnosticCatalog.YamlSyntax,
                    $"duplicate key '{problem.Key}': expected each key once in a mapping, found it again (first at line {problem.First.Line}, column {problem.First.Column})",
                    at(problem.Line, problem.Column),
                    "Remove one of the two, or merge them."),
                YamlProblemKind.SecondDocument => new RunbookError(
                    DiagnosticCatalog.YamlSyntax,
                    "expected one YAML document, found more than one",
                    at(problem.Line, problem.Column),
                    "Remove the '---' separator and the second document."),
                YamlProblemKind.Syntax => Syntax(text, problem, at),
                _ => new RunbookError(DiagnosticCatalog.YamlSyntax, problem.Message, at(problem.Line, problem.Column), problem.Hint),
            });
        }
    }

    private static RunbookError Syntax(string text, YamlProblem problem, Func<int, int, SourcePosition> at)
    {
        var (line, column) = (problem.Line, problem.Column);
        if (problem.Message.Contains("tab", StringComparison.OrdinalIgnoreCase) && FirstIndentingTab(text) is { } tab)
        {
            // YamlDotNet reports a tab indent at the mapping's start; point at the tab itself.
            (line, column) = tab;
        }

        return new RunbookError(
            DiagnosticCatalog.YamlSyntax,
            $"expected well-formed YAML, found a syntax error: {problem.Message}",
            at(line, column),
            "Check the indentation (spaces, not tabs) and that quotes and brackets are closed.");
    }

    private static (int Line, int Column)? FirstIndentingTab(string text)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var indent = lines[i].Length - lines[i].TrimStart(' ', '\t').Length;
            var tab = lines[i].IndexOf('\t', StringComparison.Ordinal);
            if (tab >= 0 && tab < indent)
            {
                return (i + 1, tab + 1);
            }
        }

        return null;
    }
}
