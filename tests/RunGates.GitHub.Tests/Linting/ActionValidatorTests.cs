using RunGates.GitHub.Tests.TestSupport;

namespace RunGates.GitHub.Tests.Linting;

public sealed class ActionValidatorTests
{
    [Fact]
    public void Valid_docker_action_passes()
    {
        using var folder = new TempFolder();
        var action = folder.Write("action.yml", """
            name: RunGates
            description: Gates a release on its evidence
            inputs:
              spec:
                description: The runbook
                default: rungates.yml
            runs:
              using: docker
              image: action/Dockerfile
            """);

        var (exitCode, output) = ActionValidator.Validate(action);

        Assert.True(exitCode == 0, output);
    }

    [Fact]
    public void Broken_action_is_rejected_with_the_reason()
    {
        using var folder = new TempFolder();
        var action = folder.Write("action.yml", """
            name: RunGates
            description: Gates a release on its evidence
            inputz:
              spec: {}
            runs:
              using: dokker
            """);

        var (exitCode, output) = ActionValidator.Validate(action);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("Additional property 'inputz' is not allowed", output);
        Assert.Contains("/runs/using", output);
    }

    [Fact]
    public void Broken_workflow_is_rejected_with_the_reason()
    {
        using var folder = new TempFolder();
        var workflow = folder.Write(".github/workflows/ci.yml", """
            on: pull_request
            jobs:
              gates:
                stepz:
                  - run: rungates run
            """);

        var (exitCode, output) = ActionValidator.Validate(workflow);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("Additional property 'stepz' is not allowed", output);
        Assert.Contains("/jobs/gates/runs-on", output);
    }
}
