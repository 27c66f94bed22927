using RunGates.Hardening.Tests.Corpus;

namespace RunGates.Hardening.Tests.Ledgers;

/// <summary>Hostile ledgers and bundles (<see cref="LedgerCases"/>): a per-file problem with its code, never a blocked read.</summary>
public sealed class LedgerCorpusTests
{
    public static TheoryData<string> Cases => HostileCorpus.Names("ledger/");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Hostile_ledger_or_bundle_is_refused_clearly(string name) => HostileCorpus.Verify(name);
}
