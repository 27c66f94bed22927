using RunGates.Cli.Tests.TestSupport;

namespace RunGates.Cli.Tests.Commands;

public sealed class ExplainCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private void WriteRunbook(string burst)
    {
        _folder.Write("evidence/diagnostics.json", $$"""
            {
              "burst": {{burst}}
            }
            """);
        _folder.Write("rungates.yml", """
            version: 1
            name: explained
            run: { bundles: out, evidence: evidence }
            gates:
              - id: burst-cap
                description: The strobe burst duty stays within the hardware's cap.
                file: diagnostics.json
                expect: { burst: { max: 0.25 } }
            """);
    }

    [Fact]
    public async Task Explains_what_a_check_does_and_why_it_failed_last_time_with_the_evidence_position()
    {
        WriteRunbook("0.4");
        Assert.Equal(1, (await RunGatesCli.RunAsync(_folder.Path, "run", "--quiet")).ExitCode);

        var explain = await RunGatesCli.RunAsync(_folder.Path, "explain", "burst-cap");

        Assert.True(explain.ExitCode == 0, explain.ToString());
        Assert.Contains("The strobe burst duty stays within the hardware's cap.", explain.Out, StringComparison.Ordinal);
        Assert.Contains("failed", explain.Out, StringComparison.Ordinal);
        Assert.Contains("diagnostics.json(2,", explain.Out, StringComparison.Ordinal);
        Assert.Contains("0.25", explain.Out, StringComparison.Ordinal);
        Assert.Contains("0.4", explain.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Before_any_run_it_still_describes_the_check()
    {
        WriteRunbook("0.1");

        var explain = await RunGatesCli.RunAsync(_folder.Path, "explain", "burst-cap");

        Assert.True(explain.ExitCode == 0, explain.ToString());
        Assert.Contains("burst", explain.Out, StringComparison.Ordinal);
        Assert.Contains("rungates.yml(5,", explain.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_check_id_is_a_usage_error_listing_the_ids()
    {
        WriteRunbook("0.1");

        var explain = await RunGatesCli.RunAsync(_folder.Path, "explain", "burst");

        Assert.Equal(2, explain.ExitCode);
        Assert.Contains("no check 'burst'", explain.Error, StringComparison.Ordinal);
        Assert.Contains("burst-cap", explain.Error, StringComparison.Ordinal);
    }
}
