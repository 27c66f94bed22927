using RunGates.Hardening.Tests.Corpus;

namespace RunGates.Hardening.Tests.Runbooks;

/// <summary>Every example runbook cut short (<see cref="TruncationCases"/>): a verdict or RG1xxx at a position, never a crash.</summary>
public sealed class TruncationCorpusTests
{
    public static TheoryData<string> Cases => HostileCorpus.Names("truncation/");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Truncated_example_runbook_loads_or_fails_at_a_position(string name) => HostileCorpus.Verify(name);
}
