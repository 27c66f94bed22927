using System.Text.Json.Serialization;

namespace RunGates.GitHub.Api;

/// <summary>
/// The JSON metadata for every body the client sends or reads, generated at build time: no reflection, so it is the
/// same under Native AOT. Unknown fields in GitHub's answers are skipped; nulls are not sent.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(NewCheckRun))]
[JsonSerializable(typeof(CheckRunUpdate))]
[JsonSerializable(typeof(CheckRun))]
[JsonSerializable(typeof(CheckRunList))]
[JsonSerializable(typeof(NewCommitStatus))]
[JsonSerializable(typeof(CommitStatus))]
[JsonSerializable(typeof(PullRequest))]
[JsonSerializable(typeof(IReadOnlyList<PullRequestReview>))]
[JsonSerializable(typeof(GitHubApiErrorBody))]
internal sealed partial class GitHubJsonContext : JsonSerializerContext;
