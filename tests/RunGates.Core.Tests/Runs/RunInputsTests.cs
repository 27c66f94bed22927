using RunGates.Core.Runs;
using RunGates.Core.Tests.Runbooks;

namespace RunGates.Core.Tests.Runs;

/// <summary>What pre-flight depends on, as each check kind lists it: the record MSBuild's incremental pre-flight keeps.</summary>
public sealed class RunInputsTests
{
    private static async Task<RunInputs> PreflightInputs(RunbookFolder folder, IReadOnlyDictionary<string, string>? environment = null)
    {
        var env = environment ?? new Dictionary<string, string>();
        var result = await new RunPipeline(folder.Load(env), new RunOptions { Environment = env }).RunPreflightAsync(CancellationToken.None);
        return result.PreflightInputs!;
    }

    private static void Write(RunbookFolder folder, string relative, string text)
    {
        var path = Path.Combine(folder.Path, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    [Fact]
    public async Task Every_file_a_check_reads_or_requires_is_listed_present_or_absent()
    {
        using var folder = new RunbookFolder("""
            version: 1
            name: inputs
            preflight:
              - { id: required, files: [config/required.txt, config/absent.txt], severity: advisory }
              - { id: receipts, each: "receipts/*.json", expect: { status: PASS } }
              - { id: one, file: config/run.json, expect: { mode: canonical } }
              - { id: same, same: [ { config/run.json: mode }, { config/other.json: mode } ], severity: advisory }
              - { id: sums, ledger: dist/SHA256SUMS }
              - { id: docs, links: ["docs/*.md"] }
            """);
        Write(folder, "config/required.txt", "x");
        Write(folder, "config/run.json", "{ \"mode\": \"canonical\" }");
        Write(folder, "receipts/a.json", "{ \"status\": \"PASS\" }");
        Write(folder, "dist/app.zip", "zip");
        Write(folder, "dist/SHA256SUMS", "6b0d5fb4ac25a4cb4ec2ae3a2cdf5a7cb8e3ec6aa0e15e1a0a5a2b2e6c4a2d1a  app.zip\n");
        Write(folder, "docs/index.md", "[guide](guide.md) and [missing](gone.md#top)\n");
        Write(folder, "docs/guide.md", "# Guide\n");

        var inputs = await PreflightInputs(folder);

        string[] expected = ["rungates.yml", "config/required.txt", "config/absent.txt", "receipts/a.json", "config/run.json", "config/other.json", "dist/SHA256SUMS", "dist/app.zip", "docs/index.md", "docs/guide.md", "docs/gone.md"];
        Assert.Equal(expected.Select(e => Path.Combine(folder.Path, e)).Order(StringComparer.Ordinal), inputs.Files);
        Assert.Equal(["receipts/*.json", "docs/*.md"], inputs.Globs.Select(g => g.Pattern));
        Assert.Empty(inputs.Unrecorded);
    }

    [Fact]
    public async Task A_check_that_reads_no_file_or_a_runbook_that_expands_a_variable_is_unrecorded()
    {
        using var folder = new RunbookFolder("""
            version: 1
            name: inputs
            run: { seed: "${SEED:-1}" }
            preflight:
              - { id: key, env: [API_KEY], severity: advisory }
              - { id: probe, command: "true" }
              - { id: sdk, tools: { dotnet: { version: "10.0" } }, severity: advisory }
            """);

        var inputs = await PreflightInputs(folder);

        Assert.Equal(
            ["rungates.yml: expands ${VAR} from the environment", "key: an env check reads environment variables", "probe: a command check runs a command", "sdk: a tools check runs the tools"],
            inputs.Unrecorded);
    }

    [Fact]
    public async Task An_expect_check_reading_another_file_through_a_reference_or_digest_of_is_unrecorded()
    {
        // The referenced files are named at run time (digest-of by a value): listing only the document would let a build
        // skip pre-flight after the policy or the digested file changed.
        using var folder = new RunbookFolder("""
            version: 1
            name: inputs
            preflight:
              - { id: plain, file: config/run.json, expect: { mode: canonical, other: { not-equal-field: mode } } }
              - { id: policy, file: config/run.json, expect: { limit: { max-field: { file: spec:config/policy.json, path: max } } } }
              - { id: digest, file: config/run.json, expect: { sum: { digest-of: file } } }
              - { id: grouped, file: config/run.json, expect: { any-of: [ { n: { count: { min-field: { file: config/policy.json, path: max } } } } ] } }
            """);
        Write(folder, "config/run.json", "{ \"mode\": \"canonical\", \"limit\": 1, \"file\": \"config/policy.json\", \"sum\": \"x\", \"n\": [] }");
        Write(folder, "config/policy.json", "{ \"max\": 2 }");

        var inputs = await PreflightInputs(folder);

        const string Why = "an expect check with a reference into another file or digest-of reads files named at run time";
        Assert.Equal(["policy: " + Why, "digest: " + Why, "grouped: " + Why], inputs.Unrecorded);
        Assert.Contains(Path.Combine(folder.Path, "config/run.json"), inputs.Files);
    }

    [Fact]
    public async Task The_glob_record_goes_stale_when_a_match_appears_or_disappears_but_not_when_a_file_changes()
    {
        using var folder = new RunbookFolder("version: 1\nname: inputs\npreflight:\n  - { id: receipts, each: \"receipts/*.json\", expect: { status: PASS } }\n");
        Write(folder, "receipts/a.json", "{ \"status\": \"PASS\" }");
        var record = (await PreflightInputs(folder)).GlobRecord();
        Assert.Null(RunInputs.GlobsChanged(record));

        Write(folder, "receipts/a.json", "{ \"status\": \"PASS\", \"more\": 1 }");
        Assert.Null(RunInputs.GlobsChanged(record));

        Write(folder, "receipts/b.json", "{ \"status\": \"PASS\" }");
        Assert.Equal($"receipts/*.json in {folder.Path} matches other files than when pre-flight last passed", RunInputs.GlobsChanged(record));

        File.Delete(Path.Combine(folder.Path, "receipts/b.json"));
        Assert.Null(RunInputs.GlobsChanged(record));
        File.Delete(Path.Combine(folder.Path, "receipts/a.json"));
        Assert.NotNull(RunInputs.GlobsChanged(record));
    }
}
