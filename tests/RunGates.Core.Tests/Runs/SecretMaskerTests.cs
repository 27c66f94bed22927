using RunGates.Core.Reports;
using RunGates.Core.Runs;
using RunGates.Core.Checks;
using RunGates.Core.Verdicts;

namespace RunGates.Core.Tests.Runs;

public sealed class SecretMaskerTests
{
    [Fact]
    public void Every_occurrence_of_every_secret_is_masked()
    {
        var masker = SecretMasker.For(["RPC_URL", "DEPLOYER_KEY"], new Dictionary<string, string> { ["RPC_URL"] = "https://rpc.example/k3y", ["DEPLOYER_KEY"] = "0xdeadbeef" });

        Assert.Equal("url=*** key=*** again ***", masker.Apply("url=https://rpc.example/k3y key=0xdeadbeef again 0xdeadbeef"));
    }

    [Fact]
    public void A_secret_containing_another_is_masked_whole()
    {
        var masker = new SecretMasker(["abc", "abcdef"]);
        Assert.Equal("x *** y", masker.Apply("x abcdef y"));
    }

    [Fact]
    public void Unset_and_tiny_values_mask_nothing()
    {
        var masker = SecretMasker.For(["A", "B"], new Dictionary<string, string> { ["B"] = "1" });
        Assert.True(masker.IsEmpty);
        Assert.Equal("1 2 3", masker.Apply("1 2 3"));
    }

    [Fact]
    public void A_multi_line_secret_is_masked_whole_and_each_of_its_lines()
    {
        var masker = new SecretMasker(["first-line\nsecond-line"]);

        Assert.Equal("a *** b", masker.Apply("a first-line\nsecond-line b"));
        Assert.Equal("log: ***", masker.Apply("log: second-line"));
        Assert.Equal("*** / ***", masker.Apply("first-line / second-line"));
    }

    [Fact]
    public void A_secret_is_masked_as_JSON_escapes_it()
    {
        var masker = new SecretMasker(["p\"w+<d>\nline-two"]);

        Assert.Equal("\"***\"", masker.Apply("\"p\\\"w+<d>\\nline-two\""));
        Assert.Equal("***", masker.Apply("p\\u0022w\\u002B\\u003Cd\\u003E"));
    }

    [Fact]
    public void Reveals_tells_whether_text_carries_a_secret_or_one_of_its_lines()
    {
        var masker = new SecretMasker(["alpha-one\nbeta-two"]);

        Assert.True(masker.Reveals("x beta-two y"));
        Assert.False(masker.Reveals("alpha beta"));
        Assert.False(masker.Reveals(null));
    }

    [Fact]
    public void A_line_shorter_than_three_characters_is_left_as_it_is()
    {
        var masker = new SecretMasker(["long-line\nab"]);

        Assert.Equal("*** ab", masker.Apply("long-line ab"));
    }

    [Fact]
    public void Results_are_masked_as_records_so_no_serialiser_escapes_a_value_out_of_the_mask()
    {
        const string secret = "s3cr\"et<one>\nline&two";
        var masker = new SecretMasker([secret]);
        var results = new ResultsDocument
        {
            RunId = "run-1",
            Runbook = "r",
            Verdict = Verdict.Reject,
            VerdictName = "reject",
            StartedAt = DateTimeOffset.UnixEpoch,
            Checks =
            [
                new ResultsCheck
                {
                    Id = "c",
                    Kind = "expect",
                    Phase = Phase.Gates,
                    Severity = Severity.Required,
                    Outcome = Outcome.Failed,
                    Message = $"token is \"{secret}\"",
                    Spec = new ResultsPosition("rungates.yml", 1, 1),
                    Findings = [new ResultsFinding("m", secret, "x", new ResultsPosition($"{secret}.json", 1, 1))],
                    Waiver = new ResultsWaiver(secret, "because " + secret, new DateOnly(2999, 1, 1)),
                },
            ],
        };

        var json = ResultsJson.Serialize(masker.Apply(results));

        Assert.DoesNotContain("s3cr", json, StringComparison.Ordinal);
        Assert.DoesNotContain("line&two", json, StringComparison.Ordinal);
        Assert.DoesNotContain("line\\u0026two", json, StringComparison.Ordinal);
        Assert.Contains("token is \\u0022***\\u0022", json.Replace("\\\"", "\\u0022", StringComparison.Ordinal), StringComparison.Ordinal);
    }
}
