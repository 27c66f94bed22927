namespace RunGates.GitHub.Tests;

public sealed class GitHubContextTests
{
    [Fact]
    public void Enterprise_urls_come_from_the_environment()
    {
        var context = GitHubContext.FromEnvironment(new Dictionary<string, string>
        {
            ["GITHUB_REPOSITORY"] = "acme/helios",
            ["GITHUB_API_URL"] = "https://ghe.example.com/api/v3/",
            ["GITHUB_SERVER_URL"] = "https://ghe.example.com",
            ["GITHUB_RUN_ID"] = "42",
            ["GITHUB_RUN_ATTEMPT"] = "2",
        });

        Assert.Equal("https://ghe.example.com/api/v3", context.ApiUrl);
        Assert.Equal("https://ghe.example.com/acme/helios/actions/runs/42/attempts/2", context.WorkflowRunUrl);
        Assert.Null(context.StepSummaryPath);
        Assert.Null(context.OutputPath);
    }

    [Fact]
    public void Defaults_are_github_com()
    {
        var context = GitHubContext.FromEnvironment(new Dictionary<string, string> { ["GITHUB_REPOSITORY"] = "acme/helios", ["GITHUB_RUN_ID"] = "42", ["GITHUB_RUN_ATTEMPT"] = "1" });

        Assert.Equal("https://api.github.com", context.ApiUrl);
        Assert.Equal("https://github.com/acme/helios/actions/runs/42", context.WorkflowRunUrl);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("helios")]
    [InlineData("acme/helios/extra")]
    public void A_missing_or_malformed_repository_is_an_rg6004(string? repository)
    {
        var environment = new Dictionary<string, string>();
        if (repository is not null)
        {
            environment["GITHUB_REPOSITORY"] = repository;
        }

        var error = Assert.Throws<GitHubException>(() => GitHubContext.FromEnvironment(environment));

        Assert.Equal("RG6004", error.Diagnostic.Code);
        Assert.Contains("expected owner/name", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_token_input_wins_over_github_token_and_never_appears_in_the_context()
    {
        var environment = new Dictionary<string, string> { ["GITHUB_REPOSITORY"] = "acme/helios", ["INPUT_TOKEN"] = "ghs_input", ["GITHUB_TOKEN"] = "ghs_env" };

        Assert.Equal("ghs_input", GitHubToken.From(environment));
        Assert.DoesNotContain("ghs_", GitHubContext.FromEnvironment(environment).ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fail-on", "INPUT_FAIL-ON")]
    [InlineData("max annotations", "INPUT_MAX_ANNOTATIONS")]
    [InlineData("spec", "INPUT_SPEC")]
    public void Inputs_are_read_as_the_runner_names_them(string input, string variable)
    {
        Assert.Equal(variable, GitHubActionInputs.VariableName(input));
        Assert.Equal("x", new GitHubActionInputs(new Dictionary<string, string> { [variable] = " x " }).Get(input));
        Assert.Null(new GitHubActionInputs(new Dictionary<string, string> { [variable] = "" }).Get(input));
    }
}
