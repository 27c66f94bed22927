using System.Text;

namespace RunGates.Core.Runbooks;

/// <summary>
/// Expands <c>${VAR}</c> and <c>${VAR:-default}</c> in scalar values; <c>$${</c> is a literal <c>${</c>.
/// As in the shell, a default applies when the variable is unset or empty.
/// </summary>
internal static class VariableExpander
{
    /// <summary>The expanded text, and the names that are unset and have no default.</summary>
    public static string Expand(string text, IReadOnlyDictionary<string, string> environment, List<string> unset)
    {
        if (!text.Contains('$', StringComparison.Ordinal))
        {
            return text;
        }

        var result = new StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '$' && i + 2 < text.Length && text[i + 1] == '$' && text[i + 2] == '{')
            {
                result.Append("${");
                i += 3;
                continue;
            }

            if (text[i] == '$' && i + 1 < text.Length && text[i + 1] == '{')
            {
                var close = text.IndexOf('}', i + 2);
                if (close > 0 && TryReference(text[(i + 2)..close], out var name, out var fallback))
                {
                    environment.TryGetValue(name, out var value);
                    if (fallback is not null)
                    {
                        result.Append(string.IsNullOrEmpty(value) ? fallback : value);
                    }
                    else if (value is null)
                    {
                        unset.Add(name);
                    }
                    else
                    {
                        result.Append(value);
                    }

                    i = close + 1;
                    continue;
                }
            }

            result.Append(text[i]);
            i++;
        }

        return result.ToString();
    }

    private static bool TryReference(string inside, out string name, out string? fallback)
    {
        var separator = inside.IndexOf(":-", StringComparison.Ordinal);
        name = separator < 0 ? inside : inside[..separator];
        fallback = separator < 0 ? null : inside[(separator + 2)..];
        if (name.Length == 0 || !(char.IsAsciiLetter(name[0]) || name[0] == '_'))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                return false;
            }
        }

        return true;
    }
}
