using System.Text.Json;
using RunGates.MSBuild.Tests.TestSupport;

namespace RunGates.MSBuild.Tests.Integration;

/// <summary>
/// The targets as Visual Studio's .NET Framework MSBuild evaluates them. No Visual Studio runs here, and
/// MSBuildRuntimeType and MSBuildVersion are reserved (a build cannot set them), so the targets read them through
/// _RunGatesMSBuildRuntimeType and _RunGatesMSBuildVersion, which these tests set to what Visual Studio 2022 (17.14)
/// and 2026 (18.x) report. The .NET SDK's MSBuild honours TaskHostFactory too, so a build with 18.x really runs the
/// tasks in the external .NET task host that Visual Studio would start.
/// </summary>
[Collection(PackageFeedCollection.Name)]
[Trait("Category", "Integration")]
public sealed class VisualStudioTaskHostTests(PackageFeed feed)
{
    private const string Runbook = """
        version: 1
        name: consumer
        run:
          bundles: out/consumer
          evidence: .
        preflight:
          - { id: inputs, files: [config/absent.json], severity: blocker }
        """;

    private static string[] AsVisualStudio(string version) => ["-p:_RunGatesMSBuildRuntimeType=Full", $"-p:_RunGatesMSBuildVersion={version}"];

    [Theory]
    [InlineData("17.14.23", "None", "false")]
    [InlineData("17.99.0", "None", "false")]
    [InlineData("18.0.5", "NET", "true")]
    [InlineData("18.3.1", "NET", "true")]
    public void Under_dotnet_framework_MSBuild_the_version_decides_between_the_task_host_and_skipping(string version, string taskHost, string enabled)
    {
        using var consumer = new ConsumerProject(feed, Runbook);
        var restore = consumer.Restore();
        Assert.True(restore.ExitCode == 0, restore.ToString());

        var properties = Properties(consumer.Evaluate(["-getProperty:_RunGatesTaskHost", "-getProperty:_RunGatesEnabled", .. AsVisualStudio(version)]));

        Assert.Equal(taskHost, properties["_RunGatesTaskHost"]);
        Assert.Equal(enabled, properties["_RunGatesEnabled"]);
    }

    [Fact]
    public void Under_the_dotnet_SDKs_MSBuild_the_tasks_load_in_process()
    {
        using var consumer = new ConsumerProject(feed, Runbook);
        var restore = consumer.Restore();
        Assert.True(restore.ExitCode == 0, restore.ToString());

        var properties = Properties(consumer.Evaluate("-getProperty:_RunGatesTaskHost", "-getProperty:_RunGatesEnabled"));

        Assert.Equal("InProcess", properties["_RunGatesTaskHost"]);
        Assert.Equal("true", properties["_RunGatesEnabled"]);
    }

    [Fact]
    public void Under_MSBuild_18_preflight_runs_in_the_dotnet_task_host_and_its_errors_fail_the_build()
    {
        using var consumer = new ConsumerProject(feed, Runbook);

        var build = consumer.Build(["-v:d", .. AsVisualStudio("18.0.5")]);

        Assert.NotEqual(0, build.ExitCode);
        Assert.Contains("error RG2002: [inputs] config/absent.json does not exist", build.Output, StringComparison.Ordinal);
        Assert.Contains("Launching task \"EvaluatePreflight\" from assembly", build.Output, StringComparison.Ordinal);
        Assert.Contains("in an external task host with a runtime of \"NET\"", build.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("RunGates: skipped under .NET Framework MSBuild", build.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Below_MSBuild_18_every_target_skips_with_the_notice()
    {
        using var consumer = new ConsumerProject(feed, Runbook);

        var build = consumer.Build(["-v:n", .. AsVisualStudio("17.14.23")]);

        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Contains("RunGates: skipped under .NET Framework MSBuild; run 'dotnet build' to evaluate", build.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("RG2002", build.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("external task host", build.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Under_the_dotnet_SDKs_MSBuild_no_task_host_is_started()
    {
        using var consumer = new ConsumerProject(feed, Runbook);

        var build = consumer.Build("-v:d");

        Assert.NotEqual(0, build.ExitCode);
        Assert.Contains("error RG2002", build.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("external task host", build.Output, StringComparison.Ordinal);
    }

    private static Dictionary<string, string> Properties(DotNetResult evaluation)
    {
        Assert.True(evaluation.ExitCode == 0, evaluation.ToString());
        var json = evaluation.Output[evaluation.Output.IndexOf('{', StringComparison.Ordinal)..];
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("Properties").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "");
    }
}
