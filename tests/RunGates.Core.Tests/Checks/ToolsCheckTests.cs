using RunGates.Core.Checks;
using static RunGates.Core.Tests.Checks.CheckFixture;

namespace RunGates.Core.Tests.Checks;

public sealed class ToolsCheckTests : IDisposable
{
    private readonly CheckFixture _fixture = new();
    private readonly string _tool;

    public ToolsCheckTests()
    {
        // A real executable that reports a version the way node does.
        _tool = _fixture.Write("bin/fakenode", "#!/bin/sh\necho v20.11.1\n", inEvidence: false);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(_tool, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    public void Dispose() => _fixture.Dispose();

    private static ToolsCheck Check(params ToolPin[] pins) => new() { Id = "toolchain", Phase = Phase.Preflight, Position = At, Tools = pins };

    [Theory]
    [InlineData("20")]
    [InlineData("20.11")]
    [InlineData("v20.11.1")]
    public async Task A_pin_matches_by_prefix_on_a_dotted_boundary(string pin)
    {
        var result = await _fixture.Evaluate(Check(new ToolPin(_tool, At) { Version = pin }));

        Assert.Equal(Outcome.Passed, result.Outcome);
    }

    [Theory]
    [InlineData("2")]
    [InlineData("20.1")]
    [InlineData("18")]
    public async Task A_different_version_fails_and_names_both(string pin)
    {
        var result = await _fixture.Evaluate(Check(new ToolPin(_tool, At) { Version = pin }));

        Assert.Equal(Outcome.Failed, result.Outcome);
        Assert.Equal($"{_tool} is 20.11.1, expected {pin}", result.Message);
    }

    [Theory]
    [InlineData(".nvmrc", "v20\n")]
    [InlineData(".node-version", "20.11.1\n")]
    [InlineData(".tool-versions", "python 3.12.1\nnodejs 20.11\n")]
    public async Task Version_files_pin_the_tool(string file, string text)
    {
        _fixture.Write(file, text.Replace("nodejs", _tool, StringComparison.Ordinal), inEvidence: false);

        var result = await _fixture.Evaluate(Check(new ToolPin(_tool, At) { VersionFile = file }));

        Assert.Equal(Outcome.Passed, result.Outcome);
    }

    [Fact]
    public async Task Global_json_pins_the_real_dotnet_sdk_and_an_uninstalled_pin_fails()
    {
        var sdk = (await new Core.Runs.ProcessRunner(Core.Runs.SecretMasker.None).RunAsync(
            Core.Runbooks.CommandSpec.Direct(["dotnet", "--version"]), _fixture.Root, null, TimeSpan.FromMinutes(1), CancellationToken.None)).Output.Trim();
        _fixture.Write("global.json", $"{{ \"sdk\": {{ \"version\": \"{sdk}\", \"rollForward\": \"latestFeature\" }} }}", inEvidence: false);

        var passed = await _fixture.Evaluate(Check(new ToolPin("dotnet", At) { VersionFile = "global.json" }));
        _fixture.Write("global.json", "{ \"sdk\": { \"version\": \"8.0.100\" } }", inEvidence: false);
        var failed = await _fixture.Evaluate(Check(new ToolPin("dotnet", At) { VersionFile = "global.json" }));

        Assert.Equal(Outcome.Passed, passed.Outcome);
        Assert.Equal(Outcome.Failed, failed.Outcome);
        // dotnet itself refuses to run under a global.json naming an SDK it lacks; the check says so.
        Assert.StartsWith("dotnet --version exited with", failed.Message);
    }

    [Fact]
    public async Task A_missing_tool_fails()
    {
        var result = await _fixture.Evaluate(Check(new ToolPin("no-such-tool-rungates", At) { Version = "1" }));

        Assert.Equal(Outcome.Failed, result.Outcome);
        Assert.StartsWith("no-such-tool-rungates is not installed", result.Message);
    }

    [Fact]
    public async Task A_missing_version_file_fails()
    {
        var result = await _fixture.Evaluate(Check(new ToolPin(_tool, At) { VersionFile = ".nvmrc" }));

        Assert.Equal(Outcome.Failed, result.Outcome);
        Assert.Contains(".nvmrc does not exist", result.Message);
    }
}
