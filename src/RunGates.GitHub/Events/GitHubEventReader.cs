using System.Text.Json;
using RunGates.Core.Diagnostics;
using RunGates.Core.Paths;

namespace RunGates.GitHub.Events;

/// <summary>Reads the event payload at <c>GITHUB_EVENT_PATH</c> into the commit and pull request to report on.</summary>
public static class GitHubEventReader
{
    /// <summary>
    /// <c>pull_request</c> and <c>pull_request_target</c>: the pull request's head; <c>merge_group</c>: the group's head;
    /// <c>workflow_run</c>: the triggering run's head and its pull request when GitHub lists one; anything else
    /// (<c>push</c>, <c>workflow_dispatch</c>, ...): <c>GITHUB_SHA</c>.
    /// </summary>
    public static GitHubEvent Read(GitHubContext context)
    {
        var name = context.EventName ?? "";
        using var payload = Load(context);
        var root = payload?.RootElement;
        switch (name)
        {
            case "pull_request" or "pull_request_target":
                {
                    var pull = Required(root, context, "pull_request");
                    var head = Required(pull, context, "pull_request.head");
                    var baseRepository = Optional(Optional(pull, "base"), "repo");
                    return new GitHubEvent(
                        name,
                        Sha(Required(head, context, "pull_request.head.sha"), context, "pull_request.head.sha"),
                        Number(Required(pull, context, "pull_request.number"), context, "pull_request.number"),
                        FromFork: !SameRepository(Optional(head, "repo"), baseRepository));
                }

            case "merge_group":
                {
                    var group = Required(root, context, "merge_group");
                    return new GitHubEvent(name, Sha(Required(group, context, "merge_group.head_sha"), context, "merge_group.head_sha"), null, false);
                }

            case "workflow_run":
                {
                    var run = Required(root, context, "workflow_run");
                    int? number = null;
                    if (Optional(run, "pull_requests") is { ValueKind: JsonValueKind.Array } pulls && pulls.GetArrayLength() > 0)
                    {
                        number = Number(Required(pulls[0], context, "workflow_run.pull_requests[0].number"), context, "workflow_run.pull_requests[0].number");
                    }

                    return new GitHubEvent(
                        name,
                        Sha(Required(run, context, "workflow_run.head_sha"), context, "workflow_run.head_sha"),
                        number,
                        FromFork: !SameRepository(Optional(run, "head_repository"), Optional(root, "repository")));
                }

            default:
                var sha = context.Sha ?? throw new GitHubException(
                    DiagnosticCatalog.GitHubEventUnreadable,
                    $"GITHUB_SHA is not set; a {(name.Length > 0 ? name : "job without GITHUB_EVENT_NAME")} reports on GITHUB_SHA.");
                return new GitHubEvent(name, sha, null, false);
        }
    }

    private static JsonDocument? Load(GitHubContext context)
    {
        if (context.EventPath is not { } path)
        {
            return null;
        }

        try
        {
            // Read as a regular file only: a FIFO or device named by GITHUB_EVENT_PATH is refused, never waited on.
            using var handle = RegularFile.TryOpenRead(path, out var notRegular) ?? throw new GitHubException(
                DiagnosticCatalog.GitHubEventUnreadable, $"{path}: the event payload (GITHUB_EVENT_PATH) {notRegular}; expected a JSON file, refused, not read.");
            using var stream = new FileStream(handle, FileAccess.Read);
            return JsonDocument.Parse(stream);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new GitHubException(DiagnosticCatalog.GitHubEventUnreadable, $"{path}: the event payload (GITHUB_EVENT_PATH) cannot be read: {e.Message}", e);
        }
        catch (JsonException e)
        {
            throw new GitHubException(DiagnosticCatalog.GitHubEventUnreadable, $"{path}({(e.LineNumber ?? 0) + 1},{(e.BytePositionInLine ?? 0) + 1}): the event payload is not JSON: {e.Message}", e);
        }
    }

    private static JsonElement? Optional(JsonElement? element, string property) =>
        element is { ValueKind: JsonValueKind.Object } e && e.TryGetProperty(property, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    private static JsonElement Required(JsonElement? element, GitHubContext context, string path)
    {
        var property = path[(path.LastIndexOf('.') + 1)..];
        return Optional(element, property) ?? throw Unreadable(context, $"has no {path}; a {context.EventName} event must have it");
    }

    private static string Sha(JsonElement value, GitHubContext context, string path) =>
        value.ValueKind == JsonValueKind.String && value.GetString() is { Length: 40 } sha && sha.All(Uri.IsHexDigit)
            ? sha
            : throw Unreadable(context, $"{path} is {value.GetRawText()}; expected a 40-digit commit SHA");

    private static int Number(JsonElement value, GitHubContext context, string path) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) && number > 0
            ? number
            : throw Unreadable(context, $"{path} is {value.GetRawText()}; expected a pull request number");

    private static bool SameRepository(JsonElement? head, JsonElement? @base)
    {
        string? Name(JsonElement? repository) => Optional(repository, "full_name") is { ValueKind: JsonValueKind.String } n ? n.GetString() : null;
        var headName = Name(head);

        // A deleted fork has no head repository: treat it as a fork, whose token cannot write.
        return headName is not null && string.Equals(headName, Name(@base), StringComparison.OrdinalIgnoreCase);
    }

    private static GitHubException Unreadable(GitHubContext context, string what) => new(
        DiagnosticCatalog.GitHubEventUnreadable,
        context.EventPath is { } path ? $"{path}: the event payload {what}." : $"GITHUB_EVENT_PATH is not set, so the event {what}.");
}
