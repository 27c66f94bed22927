using System.Globalization;
using System.Text.RegularExpressions;

namespace RunGates.Core.Runbooks;

/// <summary>Durations as rungates.yml writes them: <c>90s</c>, <c>20m</c>, <c>1h</c>, <c>1h30m</c>, <c>1h30m15s</c>.</summary>
internal static partial class DurationText
{
    public const string Examples = "90s, 20m, 1h or 1h30m";

    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        var match = Pattern().Match(text);
        if (!match.Success || text.Length == 0)
        {
            return false;
        }

        long Part(string group) => match.Groups[group].Success ? long.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture) : 0;
        var seconds = (Part("h") * 3600) + (Part("m") * 60) + Part("s");
        if (seconds <= 0 || seconds > TimeSpan.FromDays(7).TotalSeconds)
        {
            return false;
        }

        duration = TimeSpan.FromSeconds(seconds);
        return true;
    }

    [GeneratedRegex(@"^(?:(?<h>[0-9]{1,4})h)?(?:(?<m>[0-9]{1,6})m)?(?:(?<s>[0-9]{1,7})s)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
