using RunGates.Hardening.Tests.Corpus;

namespace RunGates.Hardening.Tests.Evidence;

/// <summary>Hostile evidence (<see cref="EvidenceCases"/>): the one check it feeds fails on its own, the run goes on and commits.</summary>
public sealed class EvidenceCorpusTests
{
    public static TheoryData<string> Cases => HostileCorpus.Names("evidence/");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Hostile_evidence_fails_its_check_and_the_run_commits(string name) => HostileCorpus.Verify(name);
}
