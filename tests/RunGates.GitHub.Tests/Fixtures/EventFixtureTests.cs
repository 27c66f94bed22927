using System.Text.Json.Nodes;
using RunGates.GitHub.Tests.TestSupport;

namespace RunGates.GitHub.Tests.Fixtures;

public sealed class EventFixtureTests
{
    /// <summary>
    /// Each fixture and the webhook schema definition it must satisfy. pull_request_target has no definition of its own:
    /// Actions hands that event the pull_request webhook payload.
    /// </summary>
    public static TheoryData<string, string> Fixtures => new()
    {
        { "pull_request.opened.fork.json", "pull_request$opened" },
        { "pull_request_target.opened.fork.json", "pull_request$opened" },
        { "push.main.json", "push$event" },
        { "merge_group.checks_requested.json", "merge_group$checks_requested" },
        { "workflow_run.completed.fork.json", "workflow_run$completed" },
        { "workflow_run.completed.pull_request.json", "workflow_run$completed" },
        { "workflow_dispatch.json", "workflow_dispatch$event" },
    };

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Fixture_is_a_valid_payload_of_its_event(string fixture, string definition)
    {
        var violations = WebhookSchemas.Violations(definition, File.ReadAllText(EventFixtures.Path(fixture)));

        Assert.True(violations.Count == 0, $"{fixture} against {definition}:\n{string.Join("\n", violations)}");
    }

    [Fact]
    public void Every_fixture_in_the_folder_is_validated()
    {
        var validated = Fixtures.Select(row => (string)row[0]).Order(StringComparer.Ordinal);
        var present = Directory.EnumerateFiles(EventFixtures.Directory, "*.json").Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal);

        Assert.Equal(validated, present);
    }

    [Fact]
    public void Fork_fixtures_have_a_head_repository_other_than_the_base()
    {
        var pull = JsonNode.Parse(File.ReadAllText(EventFixtures.Path("pull_request.opened.fork.json")))!["pull_request"]!;
        var run = JsonNode.Parse(File.ReadAllText(EventFixtures.Path("workflow_run.completed.fork.json")))!["workflow_run"]!;

        Assert.NotEqual(pull["base"]!["repo"]!["full_name"]!.GetValue<string>(), pull["head"]!["repo"]!["full_name"]!.GetValue<string>());
        Assert.True(pull["head"]!["repo"]!["fork"]!.GetValue<bool>());
        Assert.NotEqual(run["repository"]!["full_name"]!.GetValue<string>(), run["head_repository"]!["full_name"]!.GetValue<string>());
        Assert.Empty(run["pull_requests"]!.AsArray());
    }

    [Fact]
    public void Validation_rejects_a_payload_that_breaks_the_schema()
    {
        var payload = JsonNode.Parse(File.ReadAllText(EventFixtures.Path("pull_request.opened.fork.json")))!.AsObject();
        payload.Remove("sender");
        payload["action"] = "opend";
        payload["pull_request"]!["head"]!["sha"] = 42;

        var violations = WebhookSchemas.Violations("pull_request$opened", payload.ToJsonString());

        Assert.Contains(violations, v => v.Contains("sender"));
        Assert.Contains(violations, v => v.Contains("action"));
        Assert.Contains(violations, v => v.Contains("sha"));
    }
}
