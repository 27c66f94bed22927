using RunGates.Hardening.Tests.Corpus;

namespace RunGates.Hardening.Tests.Corpus;

/// <summary>The corpus itself: big enough, covering every case issue #13 lists, and a judge that can fail.</summary>
public sealed class HostileCorpusTests
{
    /// <summary>Each hostile input issue #13's "Why" names, by the case that reproduces it.</summary>
    public static TheoryData<string> IssueCases => new(
        "runbook/unclosed-flow-sequence-in-steps",
        "runbook/recursive-alias-sequence",
        "runbook/billion-laughs",
        "runbook/nesting-40k-flow-sequences",
        "runbook/nesting-100k-flow-sequences",
        "runbook/run-id-LATEST",
        "runbook/run-id-status.jsonl",
        "runbook/run-id-utc-percent",
        "runbook/bundles-is-a-file",
        "runbook/bundles-under-dev-null",
        "evidence/surrogate-equals",
        "evidence/surrogate-in",
        "evidence/surrogate-matches",
        "evidence/surrogate-not-equal-field-same",
        "evidence/yaml-nesting-10k-flow-sequences",
        "evidence/yaml-recursive-alias-sequence",
        "evidence/yaml-billion-laughs",
        "evidence/regex-nested-quantifier",
        "evidence/fifo-as-file",
        "evidence/fifo-in-each",
        "ledger/run-ledger-root-holds-a-fifo",
        "ledger/validate-results-json-swapped-for-a-fifo",
        "ledger/promote-results-json-swapped-for-a-fifo",
        "ledger/run-ledger-root-proc-self",
        "command-line/run-output-is-a-folder",
        "command-line/promote-out-is-a-folder",
        "command-line/init-path-is-a-folder",
        "command-line/schema-to-dev-full",
        "command-line/ledger-write-o-is-a-folder",
        "command-line/ledger-merge-o-is-a-folder",
        "command-line/ledger-write-include-climbs-out",
        "command-line/ledger-write-include-unbalanced-bracket",
        "command-line/explain-results-json-malformed",
        "command-line/sigterm-during-a-step",
        "command-line/sigterm-twice-during-a-step");

    [Fact]
    public void Corpus_holds_at_least_200_cases_each_owned_by_a_helper_area()
    {
        Assert.True(HostileCorpus.All.Count >= 200, $"only {HostileCorpus.All.Count} cases");
        Assert.All(HostileCorpus.All, c => Assert.Contains(c.Owner, (string[])["yaml-limits", "evidence", "cli", "ledger"]));
    }

    [Theory]
    [MemberData(nameof(IssueCases))]
    public void Every_input_the_issue_names_is_a_case(string name) =>
        Assert.Contains(name, HostileCorpus.All.Select(c => c.Name));

    [Fact]
    public void Judge_fails_a_stack_trace_even_with_the_right_exit_and_code()
    {
        using var temp = new TempFolder();
        var run = Run(2, "rungates.yml(3,1): error RG1001: bad\nUnhandled exception. System.InvalidOperationException: x\n   at YamlDotNet.Core.Parser.Parse()", temp.Path);
        Assert.Contains(HostileCorpus.Judge(CaseExpectation.RunbookError("RG1001"), run), f => f.Contains("stack trace", StringComparison.Ordinal));
    }

    [Fact]
    public void Judge_fails_a_missing_code_or_position_and_a_wrong_exit()
    {
        using var temp = new TempFolder();
        var failures = HostileCorpus.Judge(CaseExpectation.RunbookError("RG1001"), Run(2, "rungates: error: the runbook is bad", temp.Path));
        Assert.Contains(failures, f => f.Contains("code", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("position", StringComparison.Ordinal));
        Assert.Contains(HostileCorpus.Judge(CaseExpectation.Usage(), Run(1, "error RG0001: x")), f => f.StartsWith("exit 1", StringComparison.Ordinal));
    }

    [Fact]
    public void Judge_fails_an_exit_2_that_wrote_a_file()
    {
        using var temp = new TempFolder();
        var before = FolderSnapshot.Take(temp.Path);
        temp.Write("out/r1/run.json", "{}");
        var run = Run(2, "rungates.yml(1,1): error RG1001: x", temp.Path) with { Before = before };
        Assert.Contains(HostileCorpus.Judge(CaseExpectation.RunbookError("RG1001"), run), f => f.Contains("folder changed", StringComparison.Ordinal));
    }

    [Fact]
    public void Judge_fails_a_hang_whatever_else_it_printed()
    {
        var run = Run(-1, "") with { TimedOut = true };
        Assert.Contains(HostileCorpus.Judge(CaseExpectation.Usage(), run), f => f.Contains("hang guard", StringComparison.Ordinal));
    }

    private static CaseRun Run(int exit, string error, string folder = "/") => new(exit, "", error, folder, TimedOut: false);
}
