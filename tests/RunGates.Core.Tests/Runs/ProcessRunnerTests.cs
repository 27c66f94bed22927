using RunGates.Core.Runbooks;
using RunGates.Core.Runs;

namespace RunGates.Core.Tests.Runs;

public sealed class ProcessRunnerTests
{
    private static readonly string Here = Path.GetTempPath();

    [Fact]
    public async Task Shell_command_output_and_exit_code_are_kept_and_masked()
    {
        var runner = new ProcessRunner(new SecretMasker(["s3cret-value"]));

        var result = await runner.RunAsync(CommandSpec.Shell("echo out s3cret-value; echo err >&2; exit 3"), Here, null, TimeSpan.FromSeconds(30), CancellationToken.None);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("out ***", result.Output, StringComparison.Ordinal);
        Assert.Contains("err", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret-value", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Direct_command_gets_its_arguments_verbatim_without_a_shell()
    {
        var runner = new ProcessRunner(SecretMasker.None);

        var result = await runner.RunAsync(CommandSpec.Direct(["printf", "%s|", "a b", "$HOME"]), Here, null, TimeSpan.FromSeconds(30), CancellationToken.None);

        Assert.True(result.Succeeded());
        Assert.Equal("a b|$HOME|", result.Output.TrimEnd('\n'));
    }

    [Fact]
    public async Task Timeout_kills_the_process_and_says_so()
    {
        var runner = new ProcessRunner(SecretMasker.None);

        var result = await runner.RunAsync(CommandSpec.Shell("sleep 30"), Here, null, TimeSpan.FromMilliseconds(300), CancellationToken.None);

        Assert.True(result.TimedOut);
        Assert.Null(result.ExitCode);
    }

    [Fact]
    public async Task Timeout_kills_the_whole_process_group_even_a_grandchild_whose_parent_already_exited()
    {
        var runner = new ProcessRunner(SecretMasker.None);
        var pidFile = Path.Combine(Path.GetTempPath(), $"rungates-orphan-{Guid.NewGuid():N}.pid");

        // The inner sh exits at once, so the sleep is no descendant any more, and it holds the output pipe.
        var result = await runner.RunAsync(CommandSpec.Shell($"sh -c 'sleep 300 & echo $! > {pidFile}'; sleep 300"), Here, null, TimeSpan.FromSeconds(2), CancellationToken.None)
            .WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(result.TimedOut);
        var orphan = File.ReadAllText(pidFile).Trim();
        File.Delete(pidFile);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (Alive(orphan) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.False(Alive(orphan), $"the orphaned grandchild {orphan} outlived the timeout");
    }

    [Fact]
    public async Task Cancellation_kills_the_process_group_and_throws()
    {
        var runner = new ProcessRunner(SecretMasker.None);
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(1));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => runner.RunAsync(CommandSpec.Shell("sleep 300 & sleep 300"), Here, null, Timeout.InfiniteTimeSpan, cancel.Token).WaitAsync(TimeSpan.FromSeconds(30)));
    }

    private static bool Alive(string pid)
    {
        // A zombie is dead; only its reaping is missing (PID 1 of a container may never reap it).
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..][0] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }

    [Fact]
    public async Task A_program_that_does_not_exist_is_a_start_error_not_a_crash()
    {
        var runner = new ProcessRunner(SecretMasker.None);

        var result = await runner.RunAsync(CommandSpec.Direct(["rungates-no-such-program"]), Here, null, TimeSpan.FromSeconds(5), CancellationToken.None);

        Assert.False(result.Succeeded());
        Assert.Contains("could not start rungates-no-such-program", result.StartError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Environment_handed_in_reaches_the_process()
    {
        var runner = new ProcessRunner(SecretMasker.None);

        var result = await runner.RunAsync(CommandSpec.Shell("echo \"$RUNGATES_RUN_ID\""), Here, new Dictionary<string, string> { ["RUNGATES_RUN_ID"] = "r-1" }, TimeSpan.FromSeconds(30), CancellationToken.None);

        Assert.Equal("r-1\n", result.Output);
    }
}
