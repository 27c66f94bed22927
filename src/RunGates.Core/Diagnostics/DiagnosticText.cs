namespace RunGates.Core.Diagnostics;

/// <summary>
/// How a message and its hint read as sentences, and how a count reads ("1 error", "2 errors", never "1 error(s)"):
/// one rule for every front door, so the CLI, MSBuild and GitHub print the same words.
/// </summary>
public static class DiagnosticText
{
    /// <summary>
    /// <paramref name="message"/> ended as a sentence, then <paramref name="hint"/> (a sentence of its own) after a space:
    /// "found 'gatse'. Did you mean 'gates'?".
    /// </summary>
    public static string WithHint(string message, string? hint) =>
        string.IsNullOrWhiteSpace(hint) ? Sentence(message) : Sentence(message) + " " + Sentence(hint.Trim());

    /// <summary><paramref name="text"/> with a full stop unless it already ends a sentence (., ?, !) or is empty.</summary>
    public static string Sentence(string text)
    {
        var trimmed = text.TrimEnd();
        return trimmed.Length == 0 || trimmed[^1] is '.' or '?' or '!' ? trimmed : trimmed + ".";
    }

    /// <summary>"1 error", "2 errors"; <paramref name="plural"/> for words that do not take an s ("entry", "entries").</summary>
    public static string Count(int count, string singular, string? plural = null) =>
        $"{count} {(count == 1 ? singular : plural ?? singular + "s")}";
}
