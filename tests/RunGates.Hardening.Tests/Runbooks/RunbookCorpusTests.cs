using RunGates.Hardening.Tests.Corpus;

namespace RunGates.Hardening.Tests.Runbooks;

/// <summary>Hostile runbooks (<see cref="RunbookCases"/>): RG1xxx at a position, exit 2, nothing written, never a crash or a hang.</summary>
public sealed class RunbookCorpusTests
{
    public static TheoryData<string> Cases => HostileCorpus.Names("runbook/");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Hostile_runbook_ends_in_a_clear_error(string name) => HostileCorpus.Verify(name);
}
