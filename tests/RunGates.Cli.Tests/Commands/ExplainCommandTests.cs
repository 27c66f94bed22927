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

    [Fact]
    public async Task Explains_keys_joins_file_names_and_first_run_references_as_written()
    {
        _folder.Write("evidence/lanes/a.json", """{ "probe": "p", "decision": "deny", "values": { "a": 1 } }""");
        _folder.Write("evidence/results.json", """{ "results": [ { "probe": "p", "observed": "deny" } ] }""");
        _folder.Write("rungates.yml", """
            version: 1
            name: explained
            run: { bundles: out, evidence: evidence }
            gates:
              - id: joined
                each: lanes/*.json
                expect:
                  decision: { equals-field: { file: results.json, path: "results[?probe==^.probe].observed" } }
                  "values.*~": { in: [a] }
                  probe: { not-equal-field: { file-name: base } }
                  limit: { min-field: { file: bundle:LATEST/limits.json, path: limit, if-none: pass } }
            """);

        var run = await RunGatesCli.RunAsync(_folder.Path, "run", "--quiet");
        var explain = await RunGatesCli.RunAsync(_folder.Path, "explain", "joined");

        Assert.True(run.ExitCode == 0, run.ToString()); // no earlier bundle: the if-none comparison holds
        Assert.True(explain.ExitCode == 0, explain.ToString());
        Assert.Contains("results.json#results[?probe==^.probe].observed", explain.Out, StringComparison.Ordinal);
        Assert.Contains("values.*~", explain.Out, StringComparison.Ordinal);
        Assert.Contains("file-name:base", explain.Out, StringComparison.Ordinal);
        Assert.Contains("bundle:LATEST/limits.json#limit if-none: pass", explain.Out, StringComparison.Ordinal);
    }
}
