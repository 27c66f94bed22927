namespace RunGates.Core.Runs;

/// <summary>
/// Replaces the values of the runbook's secrets with <c>***</c> in everything RunGates prints or writes.
/// Longer values are replaced first so that a secret containing another is masked whole.
/// </summary>
public sealed class SecretMasker
{
    public const string Mask = "***";

    private readonly string[] _values;

    public SecretMasker(IEnumerable<string?> values)
    {
        // Values shorter than 3 characters would mask ordinary text everywhere and protect little.
        _values = values
            .Where(v => !string.IsNullOrEmpty(v) && v.Trim().Length >= 3)
            .Select(v => v!)
            .Distinct(StringComparer.Ordinal)
            .OrderByDescending(v => v.Length)
            .ToArray();
    }

    public static SecretMasker None { get; } = new([]);

    /// <summary>The masker for <paramref name="secretNames"/> as set in <paramref name="environment"/>.</summary>
    public static SecretMasker For(IEnumerable<string> secretNames, IReadOnlyDictionary<string, string> environment) =>
        new(secretNames.Select(name => environment.GetValueOrDefault(name)));

    public bool IsEmpty => _values.Length == 0;

    public string Apply(string text)
    {
        foreach (var value in _values)
        {
            if (text.Contains(value, StringComparison.Ordinal))
            {
                text = text.Replace(value, Mask, StringComparison.Ordinal);
            }
        }

        return text;
    }

    public string? ApplyOrNull(string? text) => text is null ? null : Apply(text);
}
