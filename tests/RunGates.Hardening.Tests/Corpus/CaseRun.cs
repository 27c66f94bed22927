namespace RunGates.Hardening.Tests.Corpus;

/// <summary>What one case's CLI process did: exit code, streams, its folder, and whether the hang guard had to kill it.</summary>
internal sealed record CaseRun(int ExitCode, string Out, string Error, string Folder, bool TimedOut)
{
    /// <summary>The folder as the case's setup left it, before the CLI ran (see <see cref="FolderSnapshot"/>).</summary>
    public IReadOnlyList<string> Before { get; init; } = [];

    /// <summary>Files the CLI wrote or changed, relative to the folder; only those named <paramref name="fileName"/> unless null.</summary>
    public IEnumerable<string> Written(string? fileName)
    {
        var before = Before.ToHashSet(StringComparer.Ordinal);
        return FolderSnapshot.Take(Folder)
            .Where(e => !before.Contains(e) && !e.EndsWith('/') && !e.Contains(" -> ", StringComparison.Ordinal))
            .Select(e => e[..e.LastIndexOf(' ', e.LastIndexOf(' ') - 1)])
            .Where(p => fileName is null || Path.GetFileName(p) == fileName);
    }

    /// <summary>stdout and stderr, as a user reads them in a terminal.</summary>
    public string Printed => Out + "\n" + Error;

    public override string ToString() =>
        (TimedOut ? "KILLED by the hang guard\n" : $"exit {ExitCode}\n") + $"--- stdout\n{Clip(Out)}\n--- stderr\n{Clip(Error)}";

    private static string Clip(string text) => text.Length <= 4000 ? text : text[..4000] + $"\n[... {text.Length - 4000} more characters]";
}
