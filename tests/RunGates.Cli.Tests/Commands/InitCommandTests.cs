using RunGates.Cli.Tests.TestSupport;
using RunGates.Core.Runbooks;

namespace RunGates.Cli.Tests.Commands;

public sealed class InitCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Init_writes_the_starter_that_then_loads()
    {
        var run = await RunGatesCli.RunAsync(_folder.Path, "init");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("wrote " + _folder["rungates.yml"], run.Out, StringComparison.Ordinal);
        Assert.Equal(RunbookSchema.StarterYaml, await File.ReadAllTextAsync(_folder["rungates.yml"]));
        var runbook = new RunbookLoader(new Dictionary<string, string>()).Load(_folder["rungates.yml"]);
        Assert.Equal("my-run", runbook.Name);
    }

    [Fact]
    public async Task Init_writes_to_the_path_given()
    {
        var run = await RunGatesCli.RunAsync(_folder.Path, "init", "--path", "ops/release.yml");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.True(File.Exists(_folder["ops/release.yml"]));
        Assert.False(File.Exists(_folder["rungates.yml"]));
    }

    [Fact]
    public async Task Init_refuses_to_overwrite_without_force()
    {
        _folder.Write("rungates.yml", "version: 1\nname: mine\n");

        var run = await RunGatesCli.RunAsync(_folder.Path, "init");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("already exists; use --force to overwrite it", run.Error, StringComparison.Ordinal);
        Assert.Equal("version: 1\nname: mine\n", await File.ReadAllTextAsync(_folder["rungates.yml"]));
    }

    [Fact]
    public async Task Init_overwrites_with_force()
    {
        _folder.Write("rungates.yml", "version: 1\nname: mine\n");

        var run = await RunGatesCli.RunAsync(_folder.Path, "init", "--force");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(RunbookSchema.StarterYaml, await File.ReadAllTextAsync(_folder["rungates.yml"]));
    }
}
