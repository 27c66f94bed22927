using System.Text.RegularExpressions;

namespace RunGates.Hardening.Tests.Corpus;

/// <summary>Every generated case by name, and the one way a case is run and judged.</summary>
internal static partial class HostileCorpus
{
    private static readonly Lazy<IReadOnlyDictionary<string, HostileCase>> Cases = new(() =>
        RunbookCases.All().Concat(TruncationCases.All()).Concat(EvidenceCases.All()).Concat(LedgerCases.All()).Concat(CommandLineCases.All())
            .ToDictionary(c => c.Name, StringComparer.Ordinal));

    public static IReadOnlyCollection<HostileCase> All => [.. Cases.Value.Values];

    /// <summary>The names of the cases whose name starts with <paramref name="prefix"/>, for a theory's data.</summary>
    public static TheoryData<string> Names(string prefix)
    {
        var data = new TheoryData<string>();
        foreach (var name in Cases.Value.Keys.Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            data.Add(name);
        }

        return data;
    }

    /// <summary>Lays the case out in a fresh temp folder, runs the real CLI, and fails with every broken expectation listed.</summary>
    public static void Verify(string name)
    {
        var hostile = Cases.Value[name];
        using var temp = new TempFolder();
        var folder = new CaseFolder(temp.Path);
        hostile.Setup(folder);
        var before = FolderSnapshot.Take(temp.Path);
        var run = CaseRunner.Start(temp.Path, hostile.Args, hostile.StdoutToDevFull, hostile.Signal, hostile.Unprivileged) with { Before = before };
        var failures = Judge(hostile.Expect, run);
        if (hostile.Unprivileged && !OperatingSystem.IsWindows())
        {
            // Folders the case made read-only are made writable again, so the temp folder can be removed by any user.
            foreach (var made in Directory.EnumerateDirectories(temp.Path, "*", SearchOption.AllDirectories).Prepend(temp.Path))
            {
                File.SetUnixFileMode(made, File.GetUnixFileMode(made) | UnixFileMode.UserWrite);
            }
        }

        if (KnownOpenCases.Reasons.TryGetValue(name, out var open))
        {
            Console.WriteLine($"hardening corpus: {name} is known open: {open}");
            Assert.True(failures.Count > 0, $"{name} now passes: take it off KnownOpenCases");
            return;
        }

        Assert.True(failures.Count == 0, $"{name} (fix owner: {hostile.Owner})\n  rungates {string.Join(' ', hostile.Args.Select(Shown))}\n"
            + string.Join("", failures.Select(f => $"  - {f}\n")) + run);
    }

    public static IReadOnlyList<string> Judge(CaseExpectation expect, CaseRun run)
    {
        var failures = new List<string>();
        if (run.TimedOut)
        {
            failures.Add($"did not finish within the {CaseRunner.HangGuard.TotalSeconds:0} s hang guard (its process tree was killed)");
            return failures;
        }

        if (!expect.Exits.Contains(run.ExitCode))
        {
            failures.Add($"exit {run.ExitCode}, expected {string.Join(" or ", expect.Exits)}");
        }

        if (StackTrace().Match(run.Printed) is { Success: true } trace)
        {
            failures.Add($"printed a .NET stack trace or crash report: '{trace.Value.Trim()}'");
        }

        if (expect.Coded.Contains(run.ExitCode))
        {
            if (expect.Code is { } code && !Regex.IsMatch(run.Printed, $@"\b(?:{code})\b"))
            {
                failures.Add($"no diagnostic code matching {code} in the output");
            }

            if (expect.Position is { } position && !Regex.IsMatch(run.Printed, position))
            {
                failures.Add($"no source position matching {position} in the output");
            }
        }

        if (run.ExitCode == 2 && FolderSnapshot.Take(run.Folder) is var after && !after.SequenceEqual(run.Before))
        {
            var changed = after.Except(run.Before).Concat(run.Before.Except(after).Select(e => "(gone) " + e)).Take(5);
            failures.Add($"exit 2 but the folder changed: {string.Join(", ", changed)}");
        }

        foreach (var check in expect.Checks)
        {
            if (check.Failure(run) is { } why)
            {
                failures.Add($"{check.What}: {why}");
            }
        }

        return failures;
    }

    private static string Shown(string arg) => arg.Length == 0 ? "''" : arg.Contains(' ', StringComparison.Ordinal) ? $"'{arg}'" : arg;

    // A frame ("   at N.T.M(...)"), the runtime's last words, or its crash reporter: what a user must never see.
    [GeneratedRegex(@"(?m)^\s*at [\w.`<>+\[\],]+\(|Unhandled exception|Stack overflow|--- End of|Fatal error\.|OutOfMemoryException")]
    private static partial Regex StackTrace();
}
