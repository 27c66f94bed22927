namespace RunGates.GitHub.Tests.Commands;

/// <summary>
/// What the runner gives a container step: a checkout (examples/helios in a git work tree) as the workspace, an
/// event payload, and the summary and output files, all in a temporary folder.
/// </summary>
internal sealed class ActionWorkspace : IDisposable
{
    public const string HeadSha = "0123456789abcdef0123456789abcdef01234567";
    public const string MergeSha = "fedcba9876543210fedcba9876543210fedcba98";

    private readonly TempFolder _temp = new();

    public ActionWorkspace()
    {
        Directory.CreateDirectory(_temp["repo/.git"]);
        _temp.CopyFrom(Path.Combine(RepositoryRoot.Path, "examples", "helios"), "repo/examples/helios");
        _temp.Write("runner/summary.md", "");
        _temp.Write("runner/output", "");
    }

    public string Root => _temp.Path;

    public string Repository => _temp["repo"];

    public string Spec => _temp["repo/examples/helios/rungates.yml"];

    public string SummaryPath => _temp["runner/summary.md"];

    public string OutputPath => _temp["runner/output"];

    public string DryRun => _temp["dry"];

    public string Evidence(string set) => _temp[$"repo/examples/helios/evidence/{set}"];

    /// <summary>A pull request from a fork, on <see cref="HeadSha"/>.</summary>
    public static string PullRequest(int number = 7) =>
        """{"pull_request":{"number":NUMBER,"head":{"sha":"HEAD","repo":{"full_name":"someone/helios"}},"base":{"repo":{"full_name":"acme/helios"}}}}"""
            .Replace("NUMBER", number.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("HEAD", HeadSha, StringComparison.Ordinal);

    /// <summary>A workflow_run event for a fork's pull request: GitHub lists no pull request for it.</summary>
    public static string WorkflowRun() =>
        """{"workflow_run":{"head_sha":"HEAD","pull_requests":[],"head_repository":{"full_name":"someone/helios"}},"repository":{"full_name":"acme/helios"}}"""
            .Replace("HEAD", HeadSha, StringComparison.Ordinal);

    /// <summary>The runner's variables for <paramref name="eventName"/>; <paramref name="extra"/> adds or overrides.</summary>
    public Dictionary<string, string> Environment(string eventName, string payload, string apiUrl = "http://127.0.0.1:9", IReadOnlyDictionary<string, string>? extra = null)
    {
        var eventPath = _temp.Write($"runner/{eventName}.json", payload);
        var environment = new Dictionary<string, string>
        {
            ["GITHUB_ACTIONS"] = "true",
            ["GITHUB_REPOSITORY"] = "acme/helios",
            ["GITHUB_EVENT_NAME"] = eventName,
            ["GITHUB_EVENT_PATH"] = eventPath,
            ["GITHUB_SHA"] = MergeSha,
            ["GITHUB_WORKSPACE"] = Repository,
            ["GITHUB_RUN_ID"] = "42",
            ["GITHUB_RUN_ATTEMPT"] = "1",
            ["GITHUB_API_URL"] = apiUrl,
            ["GITHUB_SERVER_URL"] = "https://ghe.example.com",
            ["GITHUB_STEP_SUMMARY"] = SummaryPath,
            ["GITHUB_OUTPUT"] = OutputPath,
        };
        foreach (var (name, value) in extra ?? new Dictionary<string, string>())
        {
            environment[name] = value;
        }

        return environment;
    }

    /// <summary>The outputs written so far, read back the way the runner reads the multi-line form.</summary>
    public Dictionary<string, string> Outputs()
    {
        var outputs = new Dictionary<string, string>();
        var lines = File.ReadAllText(OutputPath).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var marker = lines[i].IndexOf("<<", StringComparison.Ordinal);
            if (marker < 0)
            {
                continue;
            }

            var delimiter = lines[i][(marker + 2)..];
            var end = Array.IndexOf(lines, delimiter, i + 1);
            outputs[lines[i][..marker]] = string.Join("\n", lines[(i + 1)..end]);
            i = end;
        }

        return outputs;
    }

    public void Dispose() => _temp.Dispose();
}
