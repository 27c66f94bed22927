using System.Diagnostics;
using System.Text.Json;
using System.Xml.Linq;
using RunGates.Cli.Tests.TestSupport;

namespace RunGates.Cli.Tests.Commands;

public sealed class RunCommandTests : IDisposable
{
    private const string Secret = "tok-5ecret-Value-991";
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static readonly Dictionary<string, string> SecretEnv = new() { ["DEPLOYER_KEY"] = Secret };

    /// <summary>A runbook whose step writes the evidence its gates read, into the bundle itself.</summary>
    private string WriteRunbook(string gates = "", string preflight = "", string steps = "", string extra = "")
    {
        _folder.Write("config/run.json", """{ "canonical": { "family": "natario" }, "caps": { "burst": 0.2 } }""");
        return _folder.Write("rungates.yml", $$"""
            version: 1
            name: demo
            states: { pass: CERTIFIED, partial: PARTIAL, incomplete: IN-PROGRESS, reject: REJECTED }
            run:
              bundles: out/demo
              seed: "${RUN_SEED:-7}"
              steps:
                - id: produce
                  run: |
                    mkdir -p "$RUNGATES_RUN_DIR/reports"
                    printf '{ "strict": { "gttResidual": "PASS" }, "seed": "%s" }' "$RUNGATES_SEED" > "$RUNGATES_RUN_DIR/diagnostics.json"
                    printf 'alpha\n' > "$RUNGATES_RUN_DIR/reports/a.txt"
                    echo "using key $DEPLOYER_KEY"
                  timeout: 1m
            {{steps}}
            secrets: [DEPLOYER_KEY]
            preflight:
              - { id: inputs, files: [config/run.json] }
              - id: canonical
                file: config/run.json
                expect: { canonical.family: natario, caps.burst: { max: 0.25 } }
              - { id: key-present, env: [DEPLOYER_KEY], severity: blocker }
            {{preflight}}
            gates:
              - { id: gtt-residual, severity: blocker, file: diagnostics.json, expect: { strict.gttResidual: PASS } }
              - id: seed-aligned
                same: [ { diagnostics.json: seed }, { run: seed } ]
              - { id: echo-key, command: "echo gate sees $DEPLOYER_KEY", severity: advisory }
            {{gates}}
            ledger: { root: reports }
            promote: { requires: pass }
            {{extra}}
            """);
    }

    private Task<CliRun> Run(IReadOnlyDictionary<string, string>? env, params string[] args) => RunGatesCli.RunAsync(_folder.Path, env, ["run", "--spec", _folder["rungates.yml"], .. args]);

    private string LatestBundle() => Path.Combine(_folder["out/demo"], File.ReadAllText(_folder["out/demo/LATEST"]).Trim());

    private static JsonElement ReadJson(string path) => JsonDocument.Parse(File.ReadAllText(path)).RootElement;

    [Fact]
    public async Task Passing_runbook_commits_a_complete_bundle_and_exits_0()
    {
        WriteRunbook();

        var run = await Run(SecretEnv);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("CERTIFIED", run.Out, StringComparison.Ordinal);
        var bundle = LatestBundle();
        foreach (var file in new[] { "run.json", "logs/produce.log", "results.json", "SHA256SUMS", "artifact_index.json", "promotion_packet.json", "logs/gates-echo-key.log" })
        {
            Assert.True(File.Exists(Path.Combine(bundle, file)), file + " missing from the bundle");
        }

        Assert.Equal("committed", ReadJson(Path.Combine(bundle, "run.json")).GetProperty("state").GetString());
        Assert.Equal("pass", ReadJson(Path.Combine(bundle, "results.json")).GetProperty("verdict").GetString());
        Assert.True(ReadJson(Path.Combine(bundle, "promotion_packet.json")).GetProperty("promotable").GetBoolean());
        Assert.Equal(0, (await RunGatesCli.RunAsync(_folder.Path, "bundle", "validate", bundle)).ExitCode);
    }

    [Fact]
    public async Task The_ledger_written_into_the_bundle_is_accepted_by_sha256sum()
    {
        WriteRunbook();
        Assert.Equal(0, (await Run(SecretEnv)).ExitCode);
        var bundle = LatestBundle();

        // The ledger's paths are relative to ledger.root, which the step wrote inside the bundle.
        var check = Process.Start(new ProcessStartInfo("sha256sum", ["-c", Path.Combine(bundle, "SHA256SUMS")]) { WorkingDirectory = Path.Combine(bundle, "reports"), RedirectStandardOutput = true })!;
        var output = await check.StandardOutput.ReadToEndAsync();
        await check.WaitForExitAsync();

        Assert.Equal(0, check.ExitCode);
        Assert.Equal("a.txt: OK\n", output);
    }

    [Fact]
    public async Task Failed_blocker_preflight_stops_the_pipeline_no_step_runs_and_later_checks_are_missing()
    {
        WriteRunbook();

        var run = await Run(env: null, "--format", "json");

        Assert.Equal(1, run.ExitCode);
        var results = JsonDocument.Parse(run.Out).RootElement;
        Assert.Equal("reject", results.GetProperty("verdict").GetString());
        Assert.Equal("key-present", results.GetProperty("stopped_at").GetString());
        var checks = results.GetProperty("checks").EnumerateArray().ToDictionary(c => c.GetProperty("id").GetString()!);
        Assert.Equal("failed", checks["key-present"].GetProperty("outcome").GetString());
        foreach (var id in new[] { "gtt-residual", "seed-aligned", "echo-key" })
        {
            Assert.Equal("missing", checks[id].GetProperty("outcome").GetString());
            Assert.Equal("not run: stopped at key-present", checks[id].GetProperty("message").GetString());
        }

        Assert.False(File.Exists(Path.Combine(LatestBundle(), "diagnostics.json")), "the step ran after a failed blocker");
    }

    [Fact]
    public async Task Consecutive_expect_gates_share_a_pass_but_a_gate_in_between_still_comes_first()
    {
        // receipts-pass and receipts-signed read the same two receipts in one pass; rewrite changes one afterwards, and
        // receipts-after, evaluated after it, must see the change.
        WriteRunbook(
            steps: """
                    - id: receipts
                      run: |
                        mkdir -p "$RUNGATES_RUN_DIR/receipts"
                        printf '{ "status": "PASS", "signed": true }' > "$RUNGATES_RUN_DIR/receipts/a.json"
                        printf '{ "status": "PASS", "signed": false }' > "$RUNGATES_RUN_DIR/receipts/b.json"
                """,
            gates: """
                  - { id: receipts-pass, each: "receipts/*.json", expect: { status: PASS } }
                  - { id: receipts-signed, each: "receipts/*.json", expect: { signed: true } }
                  - id: rewrite
                    command: 'printf "{ \"status\": \"FAIL\" }" > "$(ls -td out/demo/*/ | head -n 1)receipts/a.json"'
                  - { id: receipts-after, each: "receipts/*.json", expect: { status: PASS } }
                """);

        var run = await Run(SecretEnv, "--format", "json");

        var checks = JsonDocument.Parse(run.Out).RootElement.GetProperty("checks").EnumerateArray()
            .Where(c => c.GetProperty("phase").GetString() == "gates")
            .ToDictionary(c => c.GetProperty("id").GetString()!, c => (Outcome: c.GetProperty("outcome").GetString(), Message: c.GetProperty("message").GetString()));
        Assert.Equal(["gtt-residual", "seed-aligned", "echo-key", "receipts-pass", "receipts-signed", "rewrite", "receipts-after"], checks.Keys);
        Assert.Equal(("passed", "2 documents matching receipts/*.json hold"), checks["receipts-pass"]);
        Assert.Equal(("failed", "1 of 2 documents fail receipts/*.json: receipts/b.json: signed is false, expected true"), checks["receipts-signed"]);
        Assert.Equal("passed", checks["rewrite"].Outcome);
        Assert.Equal(("failed", "1 of 2 documents fail receipts/*.json: receipts/a.json: status is \"FAIL\", expected \"PASS\""), checks["receipts-after"]);
    }

    [Fact]
    public async Task Failed_step_stops_the_pipeline_and_every_gate_is_missing()
    {
        WriteRunbook(steps: """
                - { id: explode, run: "echo boom; exit 4" }
            """);

        var run = await Run(SecretEnv, "--format", "json");

        Assert.Equal(1, run.ExitCode);
        var results = JsonDocument.Parse(run.Out).RootElement;
        Assert.Equal("incomplete", results.GetProperty("verdict").GetString());
        Assert.Equal("explode", results.GetProperty("stopped_at").GetString());
        Assert.All(
            results.GetProperty("checks").EnumerateArray().Where(c => c.GetProperty("phase").GetString() == "gates"),
            c => Assert.Equal("not run: stopped at explode", c.GetProperty("message").GetString()));
        Assert.Equal("boom\n", File.ReadAllText(Path.Combine(LatestBundle(), "logs/explode.log")));
    }

    [Fact]
    public async Task Secrets_appear_in_no_output_log_or_bundle_file()
    {
        // The secret reaches a step's output, a command check's output and an evidence value that fails a gate.
        WriteRunbook(gates: """
              - { id: leaks, file: diagnostics.json, expect: { strict.gttResidual: "${DEPLOYER_KEY}" } }
            """, extra: """
            waivers: []
            """);

        var run = await Run(SecretEnv, "--format", "markdown");
        var junit = await Run(SecretEnv, "--format", "junit");

        Assert.Equal(1, run.ExitCode);
        Assert.DoesNotContain(Secret, run.Out + run.Error + junit.Out + junit.Error, StringComparison.Ordinal);
        var files = Directory.EnumerateFiles(_folder["out"], "*", SearchOption.AllDirectories).ToList();
        Assert.True(files.Count > 10);
        foreach (var file in files)
        {
            Assert.DoesNotContain(Secret, File.ReadAllText(file), StringComparison.Ordinal);
        }

        Assert.Contains("using key ***", File.ReadAllText(Path.Combine(LatestBundle(), "logs/produce.log")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("pass", 1)]
    [InlineData("partial", 0)]
    [InlineData("reject", 0)]
    public async Task Fail_on_sets_the_worst_verdict_that_still_exits_0(string failOn, int expected)
    {
        // An advisory failure makes the run partial.
        WriteRunbook(gates: """
              - { id: optional-doc, files: [notes.md], severity: advisory }
            """);

        var run = await Run(SecretEnv, "--fail-on", failOn);

        Assert.True(expected == run.ExitCode, run.ToString());
        Assert.Contains("PARTIAL", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_verdict_below_fail_on_is_named_in_one_line_on_stderr()
    {
        WriteRunbook(gates: """
              - { id: optional-doc, files: [notes.md], severity: advisory }
            """);

        var run = await Run(SecretEnv, "--fail-on", "pass", "--quiet");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("rungates: demo: verdict partial (PARTIAL) is below --fail-on pass", run.Error.TrimEnd());
    }

    [Fact]
    public async Task Preflight_only_runs_the_preflight_checks_and_writes_no_bundle()
    {
        WriteRunbook(preflight: """
              - { id: notes, files: [notes.md], severity: advisory }
            """);

        var run = await Run(SecretEnv, "--preflight-only", "--format", "json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var results = JsonDocument.Parse(run.Out).RootElement;
        Assert.Equal("partial", results.GetProperty("verdict").GetString());
        Assert.Equal(["inputs", "canonical", "key-present", "notes"], results.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("id").GetString()));
        Assert.All(results.GetProperty("checks").EnumerateArray(), c => Assert.Equal("preflight", c.GetProperty("phase").GetString()));
        Assert.False(Directory.Exists(_folder["out"]), "pre-flight alone opened a bundle");
    }

    [Fact]
    public async Task Preflight_only_fails_on_a_failed_blocker_with_the_verdict_named()
    {
        WriteRunbook();

        var run = await Run(env: null, "--preflight-only");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("key-present", run.Out, StringComparison.Ordinal);
        Assert.Contains("Verdict: REJECTED (reject)", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("Promotable", run.Out, StringComparison.Ordinal);
        Assert.Contains("rungates: demo: verdict reject (REJECTED) is below --fail-on partial", run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_folder["out"]));
    }

    [Fact]
    public async Task Missing_evidence_folder_exits_2_before_any_bundle_is_opened()
    {
        WriteRunbook();
        var before = _folder.Snapshot();

        var run = await Run(SecretEnv, "--evidence", "/nonexistent");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("--evidence /nonexistent does not exist", run.Error, StringComparison.Ordinal);
        Assert.Equal(before, _folder.Snapshot());
        Assert.False(Directory.Exists(_folder["out"]), "no bundle, no LATEST");
    }

    [Fact]
    public async Task Bundles_folder_that_is_a_file_exits_2_and_writes_nothing()
    {
        WriteRunbook();
        _folder.Write("not-a-folder", "x");
        var before = _folder.Snapshot();

        var option = await Run(SecretEnv, "--bundles", "not-a-folder");
        var afterOption = _folder.Snapshot();
        _folder.Write("out/demo", "x");
        var beforeRunbook = _folder.Snapshot();
        var fromRunbook = await Run(SecretEnv);

        Assert.True(option.ExitCode == 2, option.ToString());
        Assert.Contains("--bundles: ", option.Error, StringComparison.Ordinal);
        Assert.Contains("is a file; expected the folder bundles are written to", option.Error, StringComparison.Ordinal);
        Assert.True(fromRunbook.ExitCode == 2, fromRunbook.ToString());
        Assert.Contains("run.bundles in ", fromRunbook.Error, StringComparison.Ordinal);
        Assert.Equal(before, afterOption);
        Assert.Equal(beforeRunbook, _folder.Snapshot());
    }

    [Fact]
    public async Task Unreadable_runbook_exits_2_with_RG1011_and_writes_nothing()
    {
        Directory.CreateDirectory(_folder["spec/rungates.yml"]);
        var before = _folder.Snapshot();

        var run = await RunGatesCli.RunAsync(_folder.Path, SecretEnv, "run", "--spec", "spec");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("error RG1011: expected a readable runbook file at", run.Error, StringComparison.Ordinal);
        Assert.Equal(before, _folder.Snapshot());
    }

    [Fact]
    public async Task Runbook_errors_exit_2_name_file_line_and_column_and_write_nothing()
    {
        WriteRunbook(gates: """
              - { id: gtt-residual, file: other.json, expect: { a: 1 } }
            """, extra: "gatez: []");
        var before = _folder.Snapshot();

        var run = await Run(SecretEnv);

        Assert.Equal(2, run.ExitCode);
        Assert.Matches(@"rungates\.yml\(\d+,\d+\): error RG1002: .*gatez", run.Error);
        Assert.Matches(@"rungates\.yml\(\d+,\d+\): error RG1005: .*gtt-residual", run.Error);
        Assert.Equal(before, _folder.Snapshot());
    }

    [Fact]
    public async Task Malformed_references_filters_groups_and_counts_exit_2_at_their_positions_and_write_nothing()
    {
        WriteRunbook(gates: """
              - id: contract
                file: diagnostics.json
                expect:
                  a: { equals-field: 3 }
                  b: { digest-of: "@.log" }
                  "c[?x=1]": { count: { max: 0 } }
                  any-of: []
                  d: { count: 1 }
            """);
        var before = _folder.Snapshot();

        var run = await Run(SecretEnv);

        Assert.Equal(2, run.ExitCode);
        foreach (var code in new[] { "RG1017", "RG1018", "RG1020", "RG1021", "RG1022" })
        {
            Assert.Matches($@"rungates\.yml\(\d+,\d+\): error {code}: ", run.Error);
        }

        Assert.Equal(before, _folder.Snapshot());
    }

    [Theory]
    [InlineData("json")]
    [InlineData("markdown")]
    [InlineData("junit")]
    public async Task Every_format_reports_every_check(string format)
    {
        WriteRunbook();

        var run = await Run(SecretEnv, "--format", format, "--output", _folder["report.out"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(run.Out, File.ReadAllText(_folder["report.out"]));
        var ids = new[] { "inputs", "canonical", "key-present", "gtt-residual", "seed-aligned", "echo-key" };
        switch (format)
        {
            case "json":
                Assert.Equal(ids, JsonDocument.Parse(run.Out).RootElement.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("id").GetString()));
                break;
            case "junit":
                // Steps are test cases too, so a failed step shows in CI's test view.
                Assert.Equal(ids.Append("produce").Order(), XDocument.Parse(run.Out).Descendants("testcase").Select(t => (string)t.Attribute("name")!).Order());
                break;
            default:
                Assert.All(ids, id => Assert.Contains(id, run.Out, StringComparison.Ordinal));
                break;
        }
    }

    [Fact]
    public async Task Console_report_has_no_colour_codes_when_not_on_a_terminal()
    {
        WriteRunbook();

        var run = await Run(SecretEnv);

        Assert.DoesNotContain("\u001b[", run.Out, StringComparison.Ordinal);
        Assert.Contains("gtt-residual", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_processes_started_together_commit_distinct_valid_bundles()
    {
        WriteRunbook();
        var env = new Dictionary<string, string>(SecretEnv) { ["RUN_SEED"] = "11" };

        // Same second, same git state: the same run id, so the folders race.
        var first = RunGatesCli.Start(_folder.Path, env, "run", "--spec", _folder["rungates.yml"], "--quiet");
        var second = RunGatesCli.Start(_folder.Path, env, "run", "--spec", _folder["rungates.yml"], "--quiet");
        var runs = await Task.WhenAll(RunGatesCli.CompleteAsync(first), RunGatesCli.CompleteAsync(second));

        Assert.All(runs, r => Assert.True(r.ExitCode == 0, r.ToString()));
        var bundles = Directory.GetFiles(_folder["out/demo"], "artifact_index.json", SearchOption.AllDirectories).Select(Path.GetDirectoryName).ToList();
        Assert.Equal(2, bundles.Distinct().Count());
        foreach (var bundle in bundles)
        {
            var validate = await RunGatesCli.RunAsync(_folder.Path, "bundle", "validate", bundle!);
            Assert.True(validate.ExitCode == 0, validate.ToString());
        }

        Assert.Contains(LatestBundle(), bundles);
    }
}
