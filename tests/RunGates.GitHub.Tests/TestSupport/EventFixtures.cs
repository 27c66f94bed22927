namespace RunGates.GitHub.Tests.TestSupport;

/// <summary>
/// Event payloads as GitHub writes them to GITHUB_EVENT_PATH (Fixtures/events, copied beside the test binaries), each
/// validated against <c>@octokit/webhooks-schemas</c> by EventFixtureTests.
/// </summary>
internal static class EventFixtures
{
    public static string Directory { get; } = System.IO.Path.Combine(AppContext.BaseDirectory, "Fixtures", "events");

    /// <summary>The full path of a fixture, e.g. <c>Path("pull_request.opened.fork.json")</c>.</summary>
    public static string Path(string name)
    {
        var path = System.IO.Path.Combine(Directory, name);
        return File.Exists(path) ? path : throw new FileNotFoundException("No event fixture " + name, path);
    }
}
