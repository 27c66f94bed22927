using RunGates.GitHub.Events;

namespace RunGates.GitHub.Tests.Events;

public sealed class GitHubEventReaderTests : IDisposable
{
    private const string Head = "0123456789abcdef0123456789abcdef01234567";
    private const string Merge = "fedcba9876543210fedcba9876543210fedcba98";
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private GitHubContext Context(string name, string? payload)
    {
        var path = payload is null ? null : _temp.Write("event.json", payload);
        return new GitHubContext { Owner = "acme", Repository = "helios", EventName = name, EventPath = path, Sha = Merge };
    }

    [Fact]
    public void A_fork_pull_request_reports_on_its_head_not_the_merge_commit()
    {
        var payload = """{"pull_request":{"number":7,"head":{"sha":"HEAD","repo":{"full_name":"someone/helios"}},"base":{"repo":{"full_name":"acme/helios"}}}}""".Replace("HEAD", Head, StringComparison.Ordinal);

        var e = GitHubEventReader.Read(Context("pull_request", payload));

        Assert.Equal(new GitHubEvent("pull_request", Head, 7, FromFork: true), e);
    }

    [Fact]
    public void A_same_repository_pull_request_target_is_not_a_fork()
    {
        var payload = """{"pull_request":{"number":8,"head":{"sha":"HEAD","repo":{"full_name":"acme/helios"}},"base":{"repo":{"full_name":"acme/helios"}}}}""".Replace("HEAD", Head, StringComparison.Ordinal);

        Assert.False(GitHubEventReader.Read(Context("pull_request_target", payload)).FromFork);
    }

    [Fact]
    public void Merge_group_reports_on_the_group_head()
    {
        var e = GitHubEventReader.Read(Context("merge_group", """{"merge_group":{"head_sha":"HEAD"}}""".Replace("HEAD", Head, StringComparison.Ordinal)));

        Assert.Equal(Head, e.HeadSha);
        Assert.Null(e.PullRequestNumber);
    }

    [Fact]
    public void Workflow_run_from_a_fork_has_no_pull_request_number_and_is_a_fork()
    {
        var payload = """{"workflow_run":{"head_sha":"HEAD","pull_requests":[],"head_repository":{"full_name":"someone/helios"}},"repository":{"full_name":"acme/helios"}}""".Replace("HEAD", Head, StringComparison.Ordinal);

        var e = GitHubEventReader.Read(Context("workflow_run", payload));

        Assert.Equal(new GitHubEvent("workflow_run", Head, null, FromFork: true), e);
    }

    [Fact]
    public void Workflow_run_takes_the_pull_request_github_lists()
    {
        var payload = """{"workflow_run":{"head_sha":"HEAD","pull_requests":[{"number":12}],"head_repository":{"full_name":"acme/helios"}},"repository":{"full_name":"acme/helios"}}""".Replace("HEAD", Head, StringComparison.Ordinal);

        Assert.Equal(12, GitHubEventReader.Read(Context("workflow_run", payload)).PullRequestNumber);
    }

    [Theory]
    [InlineData("push")]
    [InlineData("workflow_dispatch")]
    public void Other_events_report_on_github_sha(string name)
    {
        Assert.Equal(new GitHubEvent(name, Merge, null, false), GitHubEventReader.Read(Context(name, "{}")));
    }

    [Fact]
    public void A_payload_without_the_head_sha_names_the_file_and_the_field()
    {
        var context = Context("pull_request", """{"pull_request":{"number":7,"head":{}}}""");

        var error = Assert.Throws<GitHubException>(() => GitHubEventReader.Read(context));

        Assert.Equal("RG6004", error.Diagnostic.Code);
        Assert.Equal($"{context.EventPath}: the event payload has no pull_request.head.sha; a pull_request event must have it.", error.Message);
    }

    [Fact]
    public void A_sha_that_is_not_forty_hex_digits_is_refused()
    {
        var error = Assert.Throws<GitHubException>(() => GitHubEventReader.Read(Context("merge_group", """{"merge_group":{"head_sha":"main"}}""")));

        Assert.Contains("merge_group.head_sha is \"main\"; expected a 40-digit commit SHA", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_payload_that_is_not_json_names_the_file_line_and_column()
    {
        var context = Context("pull_request", "{\n  \"pull_request\": nope\n}");

        var error = Assert.Throws<GitHubException>(() => GitHubEventReader.Read(context));

        Assert.StartsWith($"{context.EventPath}(2,", error.Message, StringComparison.Ordinal);
        Assert.Contains("the event payload is not JSON", error.Message, StringComparison.Ordinal);
    }
}
