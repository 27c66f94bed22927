using System.Text;

namespace RunGates.GitHub.Workflow;

/// <summary>Step outputs, appended to <c>$GITHUB_OUTPUT</c> in the multi-line form with a delimiter no value contains.</summary>
public static class StepOutputs
{
    /// <summary>Writes every output; false when there is no file to write (outside Actions).</summary>
    public static async Task<bool> WriteAsync(string? path, IReadOnlyList<KeyValuePair<string, string>> outputs, CancellationToken cancellationToken)
    {
        if (path is null)
        {
            return false;
        }

        var text = new StringBuilder();
        foreach (var (name, value) in outputs)
        {
            // The toolkit's own form: name<<delimiter, the value, the delimiter, with a delimiter the value cannot hold.
            var delimiter = "ghadelimiter_" + Guid.NewGuid().ToString("N");
            text.Append(name).Append("<<").Append(delimiter).Append('\n').Append(value).Append('\n').Append(delimiter).Append('\n');
        }

        await File.AppendAllTextAsync(path, text.ToString(), new UTF8Encoding(false), cancellationToken).ConfigureAwait(false);
        return true;
    }
}
