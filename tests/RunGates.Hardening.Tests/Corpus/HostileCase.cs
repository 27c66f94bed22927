namespace RunGates.Hardening.Tests.Corpus;

/// <summary>
/// One hostile input: a readable name, the helper area that owns its fix, how to lay out its temp folder, the command
/// line, and what a user must see. Cases are generated in code; nothing hostile is checked in.
/// </summary>
internal sealed record HostileCase(string Name, string Owner, Action<CaseFolder> Setup, IReadOnlyList<string> Args, CaseExpectation Expect)
{
    /// <summary>Signals sent once the file <see cref="CaseSignal.ReadyFile"/> exists (a step is running), or none.</summary>
    public CaseSignal? Signal { get; init; }

    /// <summary>Runs the CLI with its stdout on /dev/full, so every write to it fails (ENOSPC).</summary>
    public bool StdoutToDevFull { get; init; }

    /// <summary>
    /// Runs the CLI as an unprivileged user (nobody, 65534) when the tests run as root, who ignores file modes: a
    /// read-only folder is then read-only for the CLI too. Run as any other user the CLI is already unprivileged.
    /// </summary>
    public bool Unprivileged { get; init; }

    public override string ToString() => Name;
}
