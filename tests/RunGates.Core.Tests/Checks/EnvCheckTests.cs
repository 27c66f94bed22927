using RunGates.Core.Checks;
using static RunGates.Core.Tests.Checks.CheckFixture;

namespace RunGates.Core.Tests.Checks;

public sealed class EnvCheckTests : IDisposable
{
    private readonly CheckFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    private static EnvCheck Check(params string[] names) => new() { Id = "secrets-present", Phase = Phase.Preflight, Position = At, Variables = names };

    [Fact]
    public async Task Set_variables_pass_without_showing_values()
    {
        _fixture.Environment["RPC_URL"] = "https://secret.example/key-123";

        var result = await _fixture.Evaluate(Check("RPC_URL"));

        Assert.Equal(Outcome.Passed, result.Outcome);
        Assert.DoesNotContain("secret.example", result.Message);
    }

    [Fact]
    public async Task Unset_and_empty_variables_fail_each_named()
    {
        _fixture.Environment["DEPLOYER_KEY"] = "";

        var result = await _fixture.Evaluate(Check("RPC_URL", "DEPLOYER_KEY"));

        Assert.Equal(Outcome.Failed, result.Outcome);
        Assert.Equal(["RPC_URL is not set", "DEPLOYER_KEY is set but empty"], result.Findings.Select(f => f.Message));
    }
}
