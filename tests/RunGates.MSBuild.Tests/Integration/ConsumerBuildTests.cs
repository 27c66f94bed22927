using System.Diagnostics;
using System.Text.RegularExpressions;
using RunGates.MSBuild.Tests.TestSupport;

namespace RunGates.MSBuild.Tests.Integration;

/// <summary>The package as a developer meets it: the real dotnet build and dotnet pack over a consumer project.</summary>
[Collection(PackageFeedCollection.Name)]
[Trait("Category", "Integration")]
public sealed partial class ConsumerBuildTests(PackageFeed feed)
{
    // Line 7 column 11 is the `inputs` check's id; the error must point there.
    private static string Runbook(string inputsSeverity = "blocker", string inputs = "config/run.json") => $$"""
        version: 1
        name: consumer
        run:
          bundles: out/consumer
          evidence: .
        preflight:
          - { id: inputs, files: [{{inputs}}], severity: {{inputsSeverity}} }
          - id: canonical
            file: config/run.json
            expect: { mode: canonical }
        gates:
          - { id: evidence, file: config/run.json, expect: { mode: canonical } }
        promote: { requires: pass }
        """;

    private ConsumerProject Consumer(string runbook, string targetFrameworks = "net10.0")
    {
        var consumer = new ConsumerProject(feed, runbook, targetFrameworks);
        consumer.Write("config/run.json", """{ "mode": "canonical" }""");
        return consumer;
    }

    [Fact]
    public void Passing_spec_builds_and_the_gates_target_leaves_a_committed_bundle()
    {
        using var consumer = Consumer(Runbook());

        var build = consumer.Build("-t:Build;RunGatesGates");

        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Contains("rungates: consumer: pass", build.Output, StringComparison.Ordinal);
        var bundles = consumer["out/consumer"];
        var latest = File.ReadAllText(Path.Combine(bundles, "LATEST")).Trim();
        Assert.True(File.Exists(Path.Combine(bundles, latest, "artifact_index.json")), build.ToString());
        Assert.True(File.Exists(Path.Combine(bundles, latest, "promotion_packet.json")), build.ToString());
    }

    [Fact]
    public void Failing_blocker_fails_the_build_with_the_compilers_error_line()
    {
        using var consumer = Consumer(Runbook(inputs: "config/absent.json"));

        var build = consumer.Build();

        Assert.NotEqual(0, build.ExitCode);
        var spec = consumer["rungates.yml"];
        Assert.Matches(new Regex("^.*" + Regex.Escape(spec) + @"\(7,11\): error RG2002: \[inputs\] config/absent\.json does not exist", RegexOptions.Multiline), build.Output);
        Assert.False(File.Exists(consumer["bin/Debug/net10.0/Consumer.dll"]), "compile must not run after a failed blocker pre-flight");
    }

    [Fact]
    public void Advisory_failure_only_warns_and_the_build_succeeds()
    {
        using var consumer = Consumer(Runbook(inputsSeverity: "advisory", inputs: "config/absent.json"));

        var build = consumer.Build();

        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Matches(new Regex(Regex.Escape(consumer["rungates.yml"]) + @"\(7,11\): warning RG2002: \[inputs\]"), build.Output);
    }

    [Fact]
    public void Pack_writes_a_SHA256SUMS_that_sha256sum_accepts()
    {
        using var consumer = Consumer(Runbook());

        var pack = consumer.Pack("-o", consumer["packages-out"], "-p:IncludeSymbols=true", "-p:SymbolPackageFormat=snupkg");

        Assert.True(pack.ExitCode == 0, pack.ToString());
        var ledger = File.ReadAllText(consumer["packages-out/SHA256SUMS"]);
        Assert.Contains("  Consumer.1.2.3.nupkg\n", ledger, StringComparison.Ordinal);
        Assert.Contains("  Consumer.1.2.3.snupkg\n", ledger, StringComparison.Ordinal);
        var check = Process.Start(new ProcessStartInfo("sha256sum", ["-c", "--strict", "SHA256SUMS"]) { WorkingDirectory = consumer["packages-out"], RedirectStandardOutput = true })!;
        var output = check.StandardOutput.ReadToEnd();
        check.WaitForExit();
        Assert.True(check.ExitCode == 0, output);
        Assert.Contains("Consumer.1.2.3.nupkg: OK", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Multi_targeted_project_runs_preflight_once()
    {
        using var consumer = Consumer(Runbook(), "net10.0;net10-second");

        var build = consumer.Build();

        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.True(File.Exists(consumer["bin/Debug/net10-second/Consumer.dll"]), build.ToString());
        Assert.Single(PreflightRan().Matches(build.Output));
    }

    [Fact]
    public void Unchanged_second_build_skips_preflight_and_a_changed_input_runs_it_again()
    {
        using var consumer = Consumer(Runbook());
        var first = consumer.Build();
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Single(PreflightRan().Matches(first.Output));

        var second = consumer.Build("-v:d");

        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Empty(PreflightRan().Matches(second.Output));
        Assert.Contains("Skipping target \"RunGatesPreflight\" because all output files are up-to-date", second.Output, StringComparison.Ordinal);

        File.SetLastWriteTimeUtc(consumer["config/run.json"], DateTime.UtcNow.AddSeconds(5));
        var third = consumer.Build();
        Assert.Single(PreflightRan().Matches(third.Output));
    }

    [Fact]
    public void Deleting_a_file_a_files_check_requires_runs_preflight_again_and_fails_the_build()
    {
        // The false pass: only rungates.yml and expect's documents were recorded, so this second build logged
        // 'Skipping target "RunGatesPreflight"' and succeeded without config/required.txt.
        using var consumer = Consumer(Runbook(inputs: "config/required.txt"));
        consumer.Write("config/required.txt", "present");
        var first = consumer.Build();
        Assert.True(first.ExitCode == 0, first.ToString());

        File.Delete(consumer["config/required.txt"]);
        var second = consumer.Build("-v:d");

        Assert.NotEqual(0, second.ExitCode);
        Assert.DoesNotContain("Skipping target \"RunGatesPreflight\"", second.Output, StringComparison.Ordinal);
        Assert.Matches(new Regex(Regex.Escape(consumer["rungates.yml"]) + @"\(7,11\): error RG2002: \[inputs\] config/required\.txt does not exist"), second.Output);
    }

    [Fact]
    public void A_new_or_removed_glob_match_runs_preflight_again()
    {
        using var consumer = Consumer("""
            version: 1
            name: consumer
            preflight:
              - { id: receipts, each: "receipts/*.json", expect: { status: PASS } }
              - { id: docs, files: ["docs/*.md"] }
            """);
        consumer.Write("receipts/a.json", """{ "status": "PASS" }""");
        consumer.Write("docs/a.md", "# a");
        consumer.Write("docs/b.md", "# b");
        Assert.True(consumer.Build().ExitCode == 0);
        var unchanged = consumer.Build("-v:d");
        Assert.Contains("Skipping target \"RunGatesPreflight\" because all output files are up-to-date", unchanged.Output, StringComparison.Ordinal);

        // A new receipt is no newer than anything MSBuild compares: only its being a new match can run pre-flight.
        consumer.Write("receipts/b.json", """{ "status": "FAIL" }""");
        File.SetLastWriteTimeUtc(consumer["receipts/b.json"], DateTime.UtcNow.AddDays(-1));
        var added = consumer.Build();

        Assert.NotEqual(0, added.ExitCode);
        Assert.Contains("receipts/b.json: status is", added.Output, StringComparison.Ordinal);

        File.Delete(consumer["receipts/b.json"]);
        Assert.True(consumer.Build().ExitCode == 0);
        File.Delete(consumer["docs/a.md"]);
        File.Delete(consumer["docs/b.md"]);
        var removed = consumer.Build();

        Assert.NotEqual(0, removed.ExitCode);
        Assert.Contains("error RG2002: [docs] no file matches docs/*.md", removed.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_check_that_reads_no_file_runs_preflight_on_every_build()
    {
        using var consumer = Consumer("""
            version: 1
            name: consumer
            preflight:
              - { id: marker, command: "test -f marker" }
            """);
        consumer.Write("marker", "");
        var first = consumer.Build("-v:n");
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Contains("RunGates: pre-flight runs on every build: marker: a command check runs a command", first.Output, StringComparison.Ordinal);

        File.Delete(consumer["marker"]);
        var second = consumer.Build();

        Assert.NotEqual(0, second.ExitCode);
        Assert.Contains("error RG2007: [marker]", second.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Clean_removes_what_preflight_recorded()
    {
        using var consumer = Consumer(Runbook());
        Assert.Equal(0, consumer.Build().ExitCode);
        Assert.True(File.Exists(consumer["obj/Debug/net10.0/rungates/preflight.stamp"]));

        var clean = consumer.Clean();

        Assert.True(clean.ExitCode == 0, clean.ToString());
        Assert.False(Directory.Exists(consumer["obj/Debug/net10.0/rungates"]), clean.ToString());
    }

    [Fact]
    public void Skip_property_turns_every_target_off()
    {
        using var consumer = Consumer(Runbook(inputs: "config/absent.json"));

        var build = consumer.Build("-p:RunGatesSkip=true");

        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.DoesNotContain("RG2002", build.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Design_time_builds_never_run_gates()
    {
        using var consumer = Consumer(Runbook(inputs: "config/absent.json"));

        var build = consumer.Build("-p:DesignTimeBuild=true", "-p:SkipCompilerExecution=true", "-p:ProvideCommandLineArgs=true");

        Assert.DoesNotContain("RG2002", build.Output, StringComparison.Ordinal);
        Assert.Empty(PreflightRan().Matches(build.Output));
    }

    [GeneratedRegex(@"rungates: consumer: \w+ \(\w+\)", RegexOptions.Multiline)]
    private static partial Regex PreflightRan();
}
