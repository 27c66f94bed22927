using RunGates.Core.Checks;
using RunGates.Core.Runbooks;
using static RunGates.Core.Tests.Checks.CheckFixture;

namespace RunGates.Core.Tests.Checks;

public sealed class CommandCheckTests : IDisposable
{
    private readonly CheckFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    private static CommandCheck Check(CommandSpec command, int exitCode = 0, TimeSpan? timeout = null) => new()
    {
        Id = "signers",
        Phase = Phase.Preflight,
        Position = At,
        Command = command,
        ExitCode = exitCode,
        Timeout = timeout ?? TimeSpan.FromSeconds(30),
    };

    [Fact]
    public async Task Expected_exit_code_passes_and_keeps_the_output()
    {
        var result = await _fixture.Evaluate(Check(CommandSpec.Shell("echo signed; pwd")));

        Assert.Equal(Outcome.Passed, result.Outcome);
        Assert.Contains("signed", result.Output);
        Assert.Contains(_fixture.Root, result.Output);
    }

    [Fact]
    public async Task Other_exit_code_fails_with_the_last_line_of_output()
    {
        var result = await _fixture.Evaluate(Check(CommandSpec.Direct(["sh", "-c", "echo checking; echo 'signer 3 unknown'; exit 3"])));

        Assert.Equal(Outcome.Failed, result.Outcome);
        Assert.Equal("sh -c \"echo checking; echo 'signer 3 unknown'; exit 3\" exited with 3, expected 0: signer 3 unknown", result.Message);
        Assert.Contains("checking", result.Output);
    }

    [Fact]
    public async Task A_declared_nonzero_exit_code_is_success()
    {
        var result = await _fixture.Evaluate(Check(CommandSpec.Shell("exit 2"), exitCode: 2));

        Assert.Equal(Outcome.Passed, result.Outcome);
    }

    [Fact]
    public async Task Timeout_fails_and_says_so()
    {
        var result = await _fixture.Evaluate(Check(CommandSpec.Shell("sleep 20"), timeout: TimeSpan.FromMilliseconds(300)));

        Assert.Equal(Outcome.Failed, result.Outcome);
        Assert.Contains("did not finish within", result.Message);
    }

    [Fact]
    public async Task Secret_values_are_masked_in_output_and_message()
    {
        _fixture.Environment["DEPLOYER_KEY"] = "hunter2-very-secret";
        _fixture.Secrets = ["DEPLOYER_KEY"];

        var result = await _fixture.Evaluate(Check(CommandSpec.Shell("echo key=$DEPLOYER_KEY; exit 1")));

        Assert.Equal(Outcome.Failed, result.Outcome);
        Assert.DoesNotContain("hunter2-very-secret", result.Output);
        Assert.Contains("key=***", result.Output);
        Assert.DoesNotContain("hunter2-very-secret", result.Message);
    }

    [Fact]
    public async Task A_program_that_does_not_exist_fails()
    {
        var result = await _fixture.Evaluate(Check(CommandSpec.Direct(["no-such-program-rungates"])));

        Assert.Equal(Outcome.Failed, result.Outcome);
        Assert.Contains("no-such-program-rungates", result.Message);
    }
}
