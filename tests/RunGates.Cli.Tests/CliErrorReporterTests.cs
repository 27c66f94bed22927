using RunGates.Cli.Tests.TestSupport;

namespace RunGates.Cli.Tests;

/// <summary>
/// The one top-level handler: every failure from the command line is a message in the compiler's form with the
/// documented exit code, nothing written on exit 2, and never a stack trace unless RUNGATES_DEBUG=1 asks for one.
/// </summary>
public sealed class CliErrorReporterTests : IDisposable
{
    private const string Runbook = """
        version: 1
        name: demo
        run: { bundles: out, evidence: evidence }
        gates:
          - { id: ok, file: data.json, expect: { status: PASS } }
        """;

    private readonly TempFolder _folder = new();

    public CliErrorReporterTests()
    {
        _folder.Write("rungates.yml", Runbook);
        _folder.Write("evidence/data.json", """{ "status": "PASS" }""");
    }

    public void Dispose() => _folder.Dispose();

    private static void AssertNoTrace(CliRun run)
    {
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception:", run.Error, StringComparison.Ordinal);
    }

    private async Task<CliRun> UsageErrorChangingNothing(string code, params string[] args)
    {
        var before = _folder.Snapshot();
        var run = await RunGatesCli.RunAsync(_folder.Path, args);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains($"error {code}: ", run.Error, StringComparison.Ordinal);
        AssertNoTrace(run);
        Assert.Equal(before, _folder.Snapshot());
        return run;
    }

    [Fact]
    public async Task A_mistyped_option_is_RG0001_with_a_did_you_mean()
    {
        var run = await UsageErrorChangingNothing("RG0001", "run", "--spce", "rungates.yml");

        Assert.Contains("rungates: error RG0001: Unrecognized command or argument '--spce'. Did you mean '--spec'?", run.Error, StringComparison.Ordinal);
        Assert.Contains("Run 'rungates run --help' for usage.", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_mistyped_command_suggests_the_command()
    {
        var run = await UsageErrorChangingNothing("RG0001", "bundle", "valdiate");

        Assert.Contains("Did you mean 'validate'?", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_output_naming_a_folder_is_RG0002_before_anything_runs()
    {
        Directory.CreateDirectory(_folder["reports"]);

        var run = await UsageErrorChangingNothing("RG0002", "run", "--quiet", "-o", "reports");

        Assert.Contains("--output reports is a folder; expected the file to write the report to", run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_folder["out"]));
    }

    [Fact]
    public async Task Init_path_naming_a_folder_is_RG0002()
    {
        Directory.CreateDirectory(_folder["ops"]);

        var run = await UsageErrorChangingNothing("RG0002", "init", "--path", "ops");

        Assert.Contains("--path ops is a folder", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Promote_out_naming_a_folder_is_RG0002()
    {
        Assert.Equal(0, (await RunGatesCli.RunAsync(_folder.Path, "run", "--quiet")).ExitCode);
        Directory.CreateDirectory(_folder["release"]);

        var run = await UsageErrorChangingNothing("RG0002", "promote", "--out", "release");

        Assert.Contains("--out release is a folder", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ledger_write_output_naming_a_folder_exits_2_not_the_integrity_code()
    {
        Directory.CreateDirectory(_folder["sums"]);

        var run = await UsageErrorChangingNothing("RG0002", "ledger", "write", "--root", "evidence", "-o", "sums");

        Assert.Contains("--output sums is a folder", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ledger_merge_output_naming_a_folder_exits_2_not_the_integrity_code()
    {
        _folder.Write("a.sha256", new string('0', 64) + "  a\n");
        Directory.CreateDirectory(_folder["merged"]);

        var run = await UsageErrorChangingNothing("RG0002", "ledger", "merge", "a.sha256", "-o", "merged");

        Assert.Contains("--output merged is a folder", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../*")]
    [InlineData("[")]
    [InlineData("/etc/*")]
    public async Task Ledger_write_with_an_include_that_cannot_match_is_a_usage_error_not_an_empty_ledger(string glob)
    {
        var run = await UsageErrorChangingNothing("RG0001", "ledger", "write", "--root", "evidence", "--include", glob, "-o", "SHA256SUMS");

        Assert.Contains($"expected --include to be a glob relative to --root, found '{glob}'", run.Error, StringComparison.Ordinal);
        Assert.Equal("", run.Out);
    }

    [Fact]
    public async Task Ledger_write_with_a_bad_exclude_is_a_usage_error_too()
    {
        var run = await UsageErrorChangingNothing("RG0001", "ledger", "write", "--root", "evidence", "--exclude", "../x");

        Assert.Equal("", run.Out);
    }

    [Fact]
    public async Task Bundles_folder_that_is_a_file_is_RG0002()
    {
        _folder.Write("out", "not a folder");

        var run = await UsageErrorChangingNothing("RG0002", "run", "--quiet");

        Assert.Contains("is a file; expected the folder bundles are written to", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bundles_folder_under_dev_null_is_RG0002()
    {
        var run = await UsageErrorChangingNothing("RG0002", "run", "--quiet", "--bundles", "/dev/null/bundles");

        Assert.Contains("/dev/null/bundles lies under /dev/null, which is not a folder", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bundles_folder_on_proc_is_RG0002()
    {
        var run = await UsageErrorChangingNothing("RG0002", "run", "--quiet", "--bundles", "/proc/self/rungates");

        Assert.Contains("pseudo file system", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("LATEST", "expands to 'LATEST'")]
    [InlineData("status.jsonl", "expands to 'status.jsonl'")]
    [InlineData("latest", "expands to 'latest'")]
    [InlineData("{utc:%}", "found {utc:%}, whose format .NET cannot apply to a date")]
    [InlineData("{seed}", "expands to 'LATEST'")]
    public async Task A_run_id_RunGates_could_not_open_is_RG1015_at_its_position(string id, string expected)
    {
        _folder.Write("rungates.yml", $"version: 1\nname: demo\nrun: {{ bundles: out, evidence: evidence, seed: LATEST, id: \"{id}\" }}\n");

        var run = await UsageErrorChangingNothing("RG1015", "run", "--quiet");

        Assert.Contains("rungates.yml(3,", run.Error, StringComparison.Ordinal);
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
        Assert.Contains("rungates: 1 error in the runbook; nothing was run or written.", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Runbook_errors_read_as_sentences_and_are_counted_in_words()
    {
        _folder.Write("rungates.yml", "version: 1\nname: demo\ngatse: []\nprefligt: []\n");

        var run = await UsageErrorChangingNothing("RG1002", "run", "--quiet");

        Assert.Contains("found 'gatse'. Did you mean 'gates'?", run.Error, StringComparison.Ordinal);
        Assert.Contains("rungates: 2 errors in the runbook; nothing was run or written.", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("(s)", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explain_on_a_malformed_results_json_is_an_integrity_error_with_its_position()
    {
        Assert.Equal(0, (await RunGatesCli.RunAsync(_folder.Path, "run", "--quiet")).ExitCode);
        var latest = File.ReadAllText(_folder["out/LATEST"]).Trim();
        File.WriteAllText(_folder[$"out/{latest}/results.json"], "{\n  \"verdict\": nope\n}\n");

        var run = await RunGatesCli.RunAsync(_folder.Path, "explain", "ok");

        Assert.True(run.ExitCode == 3, run.ToString());
        AssertNoTrace(run);
        Assert.Contains($"{Path.Combine("out", latest, "results.json")}(2,", run.Error, StringComparison.Ordinal);
        Assert.Contains("error RG0006: expected results.json as RunGates writes it, found JSON that does not parse", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Schema_to_a_full_disk_is_RG0003_exit_2_without_a_trace()
    {
        // A real stdout on /dev/full, as the shell's `rungates schema > /dev/full` makes it.
        var result = ExternalTool.Run(_folder.Path, "/bin/sh", "-c", $"exec dotnet '{Path.Combine(AppContext.BaseDirectory, "rungates.dll")}' schema > /dev/full");

        Assert.True(result.ExitCode == 2, $"exit {result.ExitCode}\n{result.Error}");
        Assert.Contains("rungates: error RG0003: could not write the schema to stdout: No space left on device", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unexpected_exception_is_one_line_RG0005_exit_70_and_RUNGATES_DEBUG_adds_the_trace()
    {
        var console = new CliConsole(new StringWriter(), new StringWriter(), new Dictionary<string, string>(), _folder.Path);
        using var signals = CliSignals.From(CancellationToken.None);

        var exit = CliErrorReporter.Report(console, new InvalidOperationException("the impossible happened"), signals);
        var debugConsole = console with { Error = new StringWriter(), Environment = new Dictionary<string, string> { ["RUNGATES_DEBUG"] = "1" } };
        var debugExit = CliErrorReporter.Report(debugConsole, Thrown(), signals);

        Assert.Equal((70, 70), (exit, debugExit));
        var text = console.Error.ToString()!;
        Assert.Equal(
            "rungates: error RG0005: unexpected System.InvalidOperationException: the impossible happened. This is a defect in RunGates: run again with RUNGATES_DEBUG=1 for the stack trace, and report it.\n",
            text.Replace("\r\n", "\n", StringComparison.Ordinal));
        Assert.Contains("   at ", debugConsole.Error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_IO_failure_is_RG0003_exit_2_and_masks_secrets()
    {
        var console = new CliConsole(new StringWriter(), new StringWriter(), new Dictionary<string, string>(), _folder.Path);
        console.Masking.Add(RunGates.Core.Runs.SecretMasker.For(["TOKEN"], new Dictionary<string, string> { ["TOKEN"] = "hunter22" }));
        using var signals = CliSignals.From(CancellationToken.None);

        var exit = CliErrorReporter.Report(console, new IOException("cannot write /tmp/hunter22/x"), signals);

        Assert.Equal(2, exit);
        Assert.Contains("rungates: error RG0003: cannot write /tmp/***/x. Check the path", console.Error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("hunter22", console.Error.ToString(), StringComparison.Ordinal);
    }

    private static Exception Thrown()
    {
        try
        {
            throw new InvalidOperationException("with a trace");
        }
        catch (InvalidOperationException e)
        {
            return e;
        }
    }
}
