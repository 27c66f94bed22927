namespace RunGates.Hardening.Tests.Corpus;

/// <summary>The signals a case sends to the CLI (e.g. SIGTERM twice), once <see cref="ReadyFile"/> appears in its folder.</summary>
internal sealed record CaseSignal(string ReadyFile, IReadOnlyList<int> Signals)
{
    public const int Interrupt = 2;
    public const int Terminate = 15;
}
