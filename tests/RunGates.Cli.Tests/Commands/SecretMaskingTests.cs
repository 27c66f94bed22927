using System.Text;
using RunGates.Cli.Tests.TestSupport;

namespace RunGates.Cli.Tests.Commands;

/// <summary>
/// A secret planted in every place a runbook can carry a value never reaches a byte RunGates prints or writes: every
/// stream of every command, every file (and file name) under the bundles folder, the reports in all four formats, the
/// GitHub dry-run requests, the job summary and the step outputs. Each runs the real <c>rungates</c> process.
/// </summary>
public sealed class SecretMaskingTests : IDisposable
{
    // Two lines, each with characters JSON, XML, Markdown and the shell escape, each starting and ending with a marker
    // that survives any escaping: a leak of any line, escaped or not, shows a marker.
    private const string Secret = "Zq9X-alpha<&|\"one-Wv7K\nZq9X-beta+'two `x`-Wv7K";
    private static readonly string[] Markers = ["Zq9X", "Wv7K"];

    private readonly TempFolder _folder = new();
    private readonly List<(string What, string Text)> _outputs = [];

    public void Dispose() => _folder.Dispose();

    private const string Runbook = """
        version: 1
        name: masking
        secrets: [SECRET]
        run:
          bundles: out
          evidence: ev
          id: "run-{utc:yyyyMMdd'T'HHmmssfffffff}"
          seed: "7"
          record: { env: [SECRET, COPY] }
          steps:
            - id: shell
              run: "printf '%s\n' \"$SECRET\"; printf 'inline %s done\n' \"$COPY\" >&2"
            - id: direct
              run: ["printf", "arg %s\n", "${SECRET}"]
              env: { EXTRA: "${SECRET}" }
        preflight:
          - { id: present, env: [SECRET], description: "needs ${SECRET}" }
          - id: shell-prints
            description: "prints ${SECRET} and fails"
            command: "printf '%s\n' \"$SECRET\" >&2; exit 3"
            severity: advisory
        gates:
          - id: expected-secret
            description: "compares with ${SECRET}"
            file: a.json
            expect: { token: "${SECRET}" }
          - id: actual-secret
            file: a.json
            expect: { leaked: plain, "list[*]": { not-in: ["${SECRET}"] } }
          - id: named-by-secret
            file: "missing-${SECRET}.json"
            expect: { x: 1 }
          - id: files-named-by-secret
            files: ["gone-${SECRET}.txt"]
            severity: advisory
          - id: waived
            file: a.json
            expect: { leaked: { in: [other, "${SECRET}-not"] } }
          - id: same-values
            same: [ { a.json: leaked }, { b.json: leaked } ]
            severity: advisory
          - id: command-prints
            command: ["sh", "-c", "printf 'gate %s\n' \"$1\"; exit 1", "sh", "${SECRET}"]
            severity: advisory
        waivers:
          - { check: waived, reason: "accepted because ${SECRET}", by: "${SECRET}", expires: 2999-12-31 }
        ledger: { root: ., file: SHA256SUMS }
        promote: { requires: partial }
        """;

    [Fact]
    public async Task A_secret_planted_everywhere_appears_in_no_stream_no_report_no_bundle_file_and_nothing_sent_to_GitHub()
    {
        Arrange();
        var environment = Environment();

        // run, with each report format on stdout and in -o.
        string? bundle = null;
        foreach (var format in new[] { "console", "json", "markdown", "junit" })
        {
            var run = await Cli(environment, "run", "--format", format, "-o", $"reports/report.{format}");
            Assert.True(run.ExitCode is 0 or 1, run.ToString());
            bundle = Directory.GetDirectories(_folder["out"]).Order(StringComparer.Ordinal).Last();
        }

        foreach (var id in new[] { "present", "shell-prints", "expected-secret", "actual-secret", "waived", "same-values", "command-prints" })
        {
            var explain = await Cli(environment, "explain", id);
            Assert.True(explain.ExitCode == 0, explain.ToString());
        }

        await Cli(environment, "bundle", "list");
        await Cli(environment, "bundle", "validate", "LATEST");
        await Cli(environment, "promote", "LATEST");

        // The action: a run reported to GitHub, then a committed bundle published, both in dry-run.
        var github = await Cli(GitHubEnvironment(environment, "dry-run"), "github", "--evidence", "ev", "--bundles", "out-gh");
        Assert.True(github.ExitCode is 0 or 1, github.ToString());
        var publish = await Cli(GitHubEnvironment(environment, "dry-publish"), "github", "publish", "--bundle", bundle!);
        Assert.True(publish.ExitCode is 0 or 1, publish.ToString());

        var files = new[] { "out", "out-gh", "reports", "dry-run", "dry-publish", "runner" }
            .Select(f => _folder[f])
            .Where(Directory.Exists)
            .SelectMany(f => Directory.EnumerateFiles(f, "*", SearchOption.AllDirectories))
            .ToList();
        Assert.Contains(files, f => f.StartsWith(_folder["dry-run"], StringComparison.Ordinal) && f.EndsWith(".json", StringComparison.Ordinal));
        Assert.Equal(4, Directory.GetFiles(_folder["reports"]).Length);
        foreach (var file in files)
        {
            _outputs.Add(($"name of {file}", Path.GetRelativePath(_folder.Path, file)));
            _outputs.Add((file, File.ReadAllText(file)));
        }

        AssertNoLeak();

        // The secret was really there to leak: in the evidence, in the steps' environment, in the runbook's values.
        Assert.Contains(Markers[0], File.ReadAllText(_folder["ev/a.json"]), StringComparison.Ordinal);
        var results = File.ReadAllText(Path.Combine(bundle!, "results.json"));
        Assert.Contains("***", results, StringComparison.Ordinal);
        Assert.Contains("***", File.ReadAllText(Path.Combine(bundle!, "logs", "shell.log")), StringComparison.Ordinal);
        Assert.Contains("***", File.ReadAllText(Path.Combine(bundle!, "logs", "direct.log")), StringComparison.Ordinal);
        Assert.Contains("***", File.ReadAllText(Path.Combine(bundle!, "run.json")), StringComparison.Ordinal);
        Assert.Contains(@"\*\*\*", File.ReadAllText(_folder["runner/summary.md"]), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("name: \"${SECRET}\"", "name")]
    [InlineData("run: { id: \"{seed}\", seed: \"${SECRET}\" }", "run.seed")]
    [InlineData("run: { id: \"r-${SECRET}\" }", "run.id")]
    [InlineData("run: { steps: [ { id: \"s-${SECRET}\", run: \"true\" } ] }", "a step id")]
    [InlineData("gates: [ { id: \"g-${SECRET}\", files: [a.json] } ]", "a check id")]
    [InlineData("states: { pass: \"OK-${SECRET:-x}\" }", "a verdict name")]
    [InlineData("run: { id: \"{seed}\", seed: \"${PLAIN}\" }", "run.seed")]
    public async Task A_name_derived_from_a_secret_is_refused_at_load_without_printing_it(string line, string what)
    {
        var yaml = "version: 1\nname: masking\nsecrets: [SECRET]\n" + line + "\n";
        if (line.StartsWith("name:", StringComparison.Ordinal))
        {
            yaml = yaml.Replace("name: masking\n", "", StringComparison.Ordinal);
        }

        _folder.Write("rungates.yml", yaml);
        _folder.Write("a.json", "{}");
        var environment = new Dictionary<string, string> { ["SECRET"] = "Zq9Xsingle-line-Wv7K", ["PLAIN"] = "Zq9Xsingle-line-Wv7K" };

        var run = await Cli(environment, "run");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("error RG1055", run.Error, StringComparison.Ordinal);
        Assert.Contains(what, run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_folder["out"]), "a refused runbook writes nothing");
        AssertNoLeak();
    }

    [Theory]
    [InlineData("gates: [ { id: g, file: a.json, expect: { x: { matches: \"(${SECRET}\" } } } ]", "RG1006")]
    [InlineData("gates: [ { id: g, files: [\"/${SECRET}\"] } ]", "RG1007")]
    [InlineData("gates: [ { id: g, severity: \"${SECRET}\", files: [a.json] } ]", "RG1010")]
    [InlineData("gates: [ { id: g, files: [a.json] } ]\nwaivers: [ { check: \"${SECRET}\", reason: r, by: b, expires: 2999-01-01 } ]", "RG1014")]
    [InlineData("run: { id: \"{${SECRET}}\" }", "RG1015")]
    [InlineData("gates: [ { id: g, file: a.json, expect: { x: { type: \"${SECRET}\" } } } ]", "RG1010")]
    public async Task A_load_error_masks_every_expanded_secret(string line, string code)
    {
        _folder.Write("rungates.yml", "version: 1\nname: masking\nsecrets: [SECRET]\n" + line + "\n");
        _folder.Write("a.json", "{}");

        var run = await Cli(new Dictionary<string, string> { ["SECRET"] = Secret }, "run");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains($"error {code}", run.Error, StringComparison.Ordinal);
        Assert.Contains("***", run.Error, StringComparison.Ordinal);
        AssertNoLeak();
    }

    [Fact]
    public async Task An_error_after_load_is_masked_too()
    {
        // A step names a file after the secret and links it out of the ledger's tree: the integrity error names it.
        _folder.Write("rungates.yml", """
            version: 1
            name: masking
            secrets: [SECRET]
            run:
              bundles: out
              evidence: ev
              steps:
                - { id: link, run: "mkdir -p ev && ln -s /etc/hostname \"ev/link-$SECRET\"" }
            gates:
              - { id: g, files: ["*"] }
            ledger: { root: . }
            """);
        _folder.Write("ev/a.txt", "a");

        var run = await Cli(new Dictionary<string, string> { ["SECRET"] = "Zq9Xsingle-line-Wv7K" }, "run");

        Assert.True(run.ExitCode == 3, run.ToString());
        Assert.Contains("RG4004", run.Error, StringComparison.Ordinal);
        Assert.Contains("link-***", run.Error, StringComparison.Ordinal);
        AssertNoLeak();
    }

    private void Arrange()
    {
        Directory.CreateDirectory(_folder[".git"]);
        _folder.Write("rungates.yml", Runbook);
        var json = Json(Secret);
        _folder.Write("ev/a.json", $$"""{ "token": "other", "leaked": {{json}}, "list": [ {{json}} ] }""");
        _folder.Write("ev/b.json", $$"""{ "leaked": {{Json("different " + Secret)}} }""");
        _folder.Write("runner/summary.md", "");
        _folder.Write("runner/output", "");
        _folder.Write("runner/pull_request.json", """{"pull_request":{"number":7,"head":{"sha":"0123456789abcdef0123456789abcdef01234567","repo":{"full_name":"acme/masking"}},"base":{"repo":{"full_name":"acme/masking"}}}}""");
    }

    private Dictionary<string, string> Environment() => new()
    {
        ["SECRET"] = Secret,
        ["COPY"] = Secret,
        ["NO_COLOR"] = "1",
    };

    private Dictionary<string, string> GitHubEnvironment(Dictionary<string, string> environment, string dryRun) => new(environment)
    {
        ["GITHUB_ACTIONS"] = "true",
        ["GITHUB_REPOSITORY"] = "acme/masking",
        ["GITHUB_EVENT_NAME"] = "pull_request",
        ["GITHUB_EVENT_PATH"] = _folder["runner/pull_request.json"],
        ["GITHUB_SHA"] = "fedcba9876543210fedcba9876543210fedcba98",
        ["GITHUB_WORKSPACE"] = _folder.Path,
        ["GITHUB_RUN_ID"] = "42",
        ["GITHUB_RUN_ATTEMPT"] = "1",
        ["GITHUB_API_URL"] = "http://127.0.0.1:9",
        ["GITHUB_SERVER_URL"] = "https://ghe.example.com",
        ["GITHUB_STEP_SUMMARY"] = _folder["runner/summary.md"],
        ["GITHUB_OUTPUT"] = _folder["runner/output"],
        ["INPUT_DRY-RUN"] = _folder[dryRun],
    };

    private async Task<CliRun> Cli(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var run = await RunGatesCli.CompleteAsync(RunGatesCli.Start(_folder.Path, environment, args));
        _outputs.Add(($"stdout of {string.Join(' ', args)}", run.Out));
        _outputs.Add(($"stderr of {string.Join(' ', args)}", run.Error));
        return run;
    }

    private void AssertNoLeak()
    {
        var leaks = Leaks();
        Assert.True(leaks.Count == 0, $"{leaks.Count} leak(s):\n" + string.Join("\n", leaks));
    }

    /// <summary>Every output that shows a marker, whole secret or any one of its lines, with the line it is on.</summary>
    private List<string> Leaks()
    {
        var leaks = new List<string>();
        var needles = Markers.Concat(Secret.Split('\n')).Append(Secret);
        foreach (var (what, text) in _outputs)
        {
            foreach (var needle in needles.Where(n => text.Contains(n, StringComparison.Ordinal)))
            {
                var at = text.IndexOf(needle, StringComparison.Ordinal);
                var start = text.LastIndexOf('\n', Math.Max(0, at - 1)) + 1;
                var end = text.IndexOf('\n', at);
                leaks.Add($"{what}: '{needle}' in: {text[start..(end < 0 ? text.Length : end)]}");
            }
        }

        return leaks;
    }

    private static string Json(string value)
    {
        var text = new StringBuilder("\"");
        foreach (var c in value)
        {
            text.Append(c switch { '"' => "\\\"", '\\' => "\\\\", '\n' => "\\n", _ => c.ToString() });
        }

        return text.Append('"').ToString();
    }
}
