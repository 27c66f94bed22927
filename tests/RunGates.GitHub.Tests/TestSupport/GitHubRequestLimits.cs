using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace RunGates.GitHub.Tests.TestSupport;

/// <summary>
/// The limits GitHub enforces beyond what its OpenAPI schemas can say, each with where it is documented or observed. Where the
/// unit is ambiguous the stricter reading is enforced, so what passes here passes on GitHub.
/// </summary>
internal static class GitHubRequestLimits
{
    /// <summary>
    /// "The Checks API limits the number of annotations to a maximum of 50 per API request" (OpenAPI description of
    /// checks/create and checks/update, output.annotations, also <c>maxItems: 50</c>). GitHub's message for more:
    /// "No more than 50 items are allowed; 53 were supplied." (AdWerx/pronto-ruby#49, stoplightio/spectral-action#334).
    /// </summary>
    public const int AnnotationsPerRequest = 50;

    /// <summary>
    /// output.summary and output.text: "Maximum length: 65535 characters" (OpenAPI, <c>maxLength: 65535</c>), and GitHub also
    /// counts UTF-8 bytes: "summary exceeds a maximum bytesize of 65535" (github/docs#35252, dorny/test-reporter#57).
    /// </summary>
    public const int OutputTextBytes = 65535;

    /// <summary>
    /// Annotation message and raw_details: "The maximum size is 64 KB" (OpenAPI). Enforced as 65,535 UTF-8 bytes, the same
    /// bytesize ceiling GitHub applies to summary, since 64 KB could also be read as 65,536.
    /// </summary>
    public const int AnnotationMessageBytes = 65535;

    /// <summary>Annotation title: "The maximum size is 255 characters" (OpenAPI); counted in Unicode scalar values.</summary>
    public const int AnnotationTitleCharacters = 255;

    /// <summary>
    /// Commit status description: GitHub answers 422 "description is too long (maximum is 140 characters)" (reported verbatim
    /// in zalando/zappr#378, vince-riv/argo-diff#49, sclorg/testing-farm-as-github-action#187).
    /// </summary>
    public const int StatusDescriptionCharacters = 140;

    public static IEnumerable<GitHubFieldError> Check(GitHubOperation operation, JsonNode? body) => operation switch
    {
        GitHubOperation.CreateCheckRun or GitHubOperation.UpdateCheckRun => CheckRunErrors(body?["output"] as JsonObject),
        GitHubOperation.CreateCommitStatus => StatusErrors(body as JsonObject),
        _ => [],
    };

    private static IEnumerable<GitHubFieldError> CheckRunErrors(JsonObject? output)
    {
        if (output is null)
        {
            yield break;
        }

        foreach (var field in new[] { "summary", "text" })
        {
            if (Text(output[field]) is { } value && Encoding.UTF8.GetByteCount(value) > OutputTextBytes)
            {
                yield return new("CheckRun", "custom", field, $"{field} exceeds a maximum bytesize of {OutputTextBytes}");
            }
        }

        if (output["annotations"] is not JsonArray annotations)
        {
            yield break;
        }

        if (annotations.Count > AnnotationsPerRequest)
        {
            yield return new("CheckRun", "invalid", "annotations",
                $"No more than {AnnotationsPerRequest} items are allowed; {annotations.Count.ToString(CultureInfo.InvariantCulture)} were supplied.");
        }

        for (var i = 0; i < annotations.Count; i++)
        {
            if (annotations[i] is not JsonObject annotation)
            {
                continue;
            }

            foreach (var field in new[] { "message", "raw_details" })
            {
                if (Text(annotation[field]) is { } value && Encoding.UTF8.GetByteCount(value) > AnnotationMessageBytes)
                {
                    yield return new("CheckRun", "custom", $"annotations[{i}].{field}", $"{field} exceeds a maximum bytesize of {AnnotationMessageBytes}");
                }
            }

            if (Text(annotation["title"]) is { } title && title.EnumerateRunes().Count() > AnnotationTitleCharacters)
            {
                yield return new("CheckRun", "custom", $"annotations[{i}].title", $"title is too long (maximum is {AnnotationTitleCharacters} characters)");
            }
        }
    }

    private static IEnumerable<GitHubFieldError> StatusErrors(JsonObject? status)
    {
        if (Text(status?["description"]) is not { } description)
        {
            yield break;
        }

        if (description.EnumerateRunes().Count() > StatusDescriptionCharacters)
        {
            yield return new("Status", "custom", "description", $"description is too long (maximum is {StatusDescriptionCharacters} characters)");
        }

        // GitHub's own 422 for an emoji in a status description (ouzi-dev/commit-status-updater#527).
        if (description.EnumerateRunes().Any(rune => rune.Utf8SequenceLength == 4))
        {
            yield return new("Status", "custom", "description", "description doesn't accept 4-byte Unicode");
        }
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
