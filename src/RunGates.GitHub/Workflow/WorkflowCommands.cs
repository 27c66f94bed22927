using System.Globalization;
using System.Text;

namespace RunGates.GitHub.Workflow;

/// <summary>
/// <c>::error file=…,line=…,col=…,title=…::message</c> and its kin on stdout, escaped as the Actions toolkit escapes
/// them, so a message can hold newlines, colons and commas and still be one command.
/// </summary>
public sealed class WorkflowCommands(TextWriter output)
{
    public Task ErrorAsync(string message, string? file = null, int? line = null, int? column = null, string? title = null) => WriteAsync("error", message, file, line, column, title);

    public Task WarningAsync(string message, string? file = null, int? line = null, int? column = null, string? title = null) => WriteAsync("warning", message, file, line, column, title);

    public Task NoticeAsync(string message, string? file = null, int? line = null, int? column = null, string? title = null) => WriteAsync("notice", message, file, line, column, title);

    private async Task WriteAsync(string command, string message, string? file, int? line, int? column, string? title)
    {
        var properties = new List<string>();
        if (file is not null)
        {
            properties.Add("file=" + EscapeProperty(file));
        }

        if (line is { } l)
        {
            properties.Add("line=" + l.ToString(CultureInfo.InvariantCulture));
        }

        if (column is { } c)
        {
            properties.Add("col=" + c.ToString(CultureInfo.InvariantCulture));
        }

        if (title is not null)
        {
            properties.Add("title=" + EscapeProperty(title));
        }

        var text = new StringBuilder("::").Append(command);
        if (properties.Count > 0)
        {
            text.Append(' ').AppendJoin(',', properties);
        }

        text.Append("::").Append(EscapeData(message));
        await output.WriteLineAsync(text.ToString()).ConfigureAwait(false);
    }

    /// <summary>The toolkit's <c>escapeData</c>: <c>%</c>, CR and LF.</summary>
    public static string EscapeData(string value) => value
        .Replace("%", "%25", StringComparison.Ordinal)
        .Replace("\r", "%0D", StringComparison.Ordinal)
        .Replace("\n", "%0A", StringComparison.Ordinal);

    /// <summary>The toolkit's <c>escapeProperty</c>: as data, plus <c>:</c> and <c>,</c>.</summary>
    public static string EscapeProperty(string value) => EscapeData(value)
        .Replace(":", "%3A", StringComparison.Ordinal)
        .Replace(",", "%2C", StringComparison.Ordinal);
}
