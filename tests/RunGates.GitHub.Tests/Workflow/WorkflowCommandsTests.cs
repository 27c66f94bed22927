using RunGates.GitHub.Workflow;

namespace RunGates.GitHub.Tests.Workflow;

public sealed class WorkflowCommandsTests
{
    [Fact]
    public async Task An_error_carries_file_line_column_and_title_escaped_as_the_toolkit_does()
    {
        var output = new StringWriter();

        await new WorkflowCommands(output).ErrorAsync("100% wrong\r\nsecond line", "dir/a,b:c.json", 4, 21, "gtt: blocker failed, RG3001");

        Assert.Equal("::error file=dir/a%2Cb%3Ac.json,line=4,col=21,title=gtt%3A blocker failed%2C RG3001::100%25 wrong%0D%0Asecond line\n", output.ToString().Replace("\r\n", "\n", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_command_without_properties_has_none()
    {
        var output = new StringWriter();

        await new WorkflowCommands(output).WarningAsync("careful");

        Assert.Equal("::warning::careful", output.ToString().TrimEnd());
    }
}
