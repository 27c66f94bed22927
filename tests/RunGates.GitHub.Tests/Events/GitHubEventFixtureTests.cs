using RunGates.GitHub.Events;
using RunGates.GitHub.Tests.TestSupport;

namespace RunGates.GitHub.Tests.Events;

/// <summary>The reader over the fixtures that <c>@octokit/webhooks-schemas</c> validates: payloads shaped as GitHub sends them.</summary>
public sealed class GitHubEventFixtureTests
{
    private const string PushSha = "5555555555555555555555555555555555555555";

    [Theory]
    [InlineData("pull_request", "pull_request.opened.fork.json", "9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b", 42, true)]
    [InlineData("pull_request_target", "pull_request_target.opened.fork.json", "9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b", 42, true)]
    [InlineData("merge_group", "merge_group.checks_requested.json", "e1d2c3b4a5f60718293a4b5c6d7e8f9012345678", null, false)]
    [InlineData("workflow_run", "workflow_run.completed.fork.json", "9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b", null, true)]
    [InlineData("workflow_run", "workflow_run.completed.pull_request.json", "9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b", 43, false)]
    [InlineData("push", "push.main.json", PushSha, null, false)]
    [InlineData("workflow_dispatch", "workflow_dispatch.json", PushSha, null, false)]
    public void Every_fixture_yields_the_commit_and_pull_request_github_means(string eventName, string fixture, string? headSha, int? number, bool fromFork)
    {
        var context = new GitHubContext { Owner = "acme", Repository = "service", EventName = eventName, EventPath = EventFixtures.Path(fixture), Sha = PushSha };

        var e = GitHubEventReader.Read(context);

        Assert.Equal(eventName, e.Name);
        if (headSha is not null)
        {
            Assert.Equal(headSha, e.HeadSha);
        }

        if (number is not null)
        {
            Assert.Equal(number, e.PullRequestNumber);
        }

        Assert.Equal(fromFork, e.FromFork);
        Assert.NotEqual(PushSha, eventName is "pull_request" or "pull_request_target" or "merge_group" or "workflow_run" ? e.HeadSha : "");
    }
}
