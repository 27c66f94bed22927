using System.Globalization;
using RunGates.Core.Diagnostics;

namespace RunGates.Core.Checks;

/// <summary><c>files:</c> every listed path exists; a glob must match at least one file.</summary>
public sealed record FilesCheck : Check
{
    public required IReadOnlyList<string> Paths { get; init; }

    public override string Kind => "files";

    public override string Describe() => $"Checks that {string.Join(", ", Paths)} exist.";

    /// <summary>Each listed path, present or absent, and each glob by its matches.</summary>
    public override CheckInputs Inputs(CheckContext context) => new()
    {
        Files = Paths.Where(p => !EvidenceGlob.IsGlob(p)).Select(p => context.ResolveEvidencePath(Phase, p)).ToList(),
        Globs = Paths.Where(EvidenceGlob.IsGlob).Select(p => new GlobInput(context.EvidenceBase(Phase), p)).ToList(),
    };

    public override ValueTask<CheckEvaluation> EvaluateAsync(CheckContext context, CancellationToken cancellationToken)
    {
        var baseDirectory = context.EvidenceBase(Phase);
        var findings = new List<CheckFinding>();
        var found = 0;
        foreach (var path in Paths)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (EvidenceGlob.IsGlob(path))
            {
                var matches = 0;
                foreach (var match in EvidenceGlob.Match(baseDirectory, path))
                {
                    // A link out of the root is not a file of the root, and says so rather than counting.
                    if (context.EvidenceEscape(Phase, match) is { } refusal)
                    {
                        findings.Add(CheckContext.EscapeFinding(refusal, match));
                    }
                    else
                    {
                        matches++;
                    }
                }

                found += matches;
                if (matches == 0)
                {
                    findings.Add(new CheckFinding($"no file matches {path}", Position, "at least one file", "none"));
                }
            }
            else if (context.ResolveEvidencePath(Phase, path) is var full && (File.Exists(full) || Directory.Exists(full)))
            {
                if (context.EvidenceEscape(Phase, full) is { } refusal)
                {
                    findings.Add(CheckContext.EscapeFinding(refusal, full));
                }
                else
                {
                    found++;
                }
            }
            else
            {
                findings.Add(new CheckFinding($"{path} does not exist", Position, "exists", "absent"));
            }
        }

        if (findings.Count == 0)
        {
            return ValueTask.FromResult(CheckEvaluation.Passed(string.Create(CultureInfo.InvariantCulture, $"{DiagnosticText.Count(found, "file")} present for {DiagnosticText.Count(Paths.Count, "path")}")));
        }

        var summary = findings.Count == 1 ? findings[0].Message : $"{DiagnosticText.Count(findings.Count, "problem")} in {DiagnosticText.Count(Paths.Count, "path")}: {string.Join("; ", findings.Select(f => f.Message))}";
        return ValueTask.FromResult(CheckEvaluation.Failed(summary, findings));
    }
}
