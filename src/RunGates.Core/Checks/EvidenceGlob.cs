using Microsoft.Extensions.FileSystemGlobbing;

namespace RunGates.Core.Checks;

/// <summary>Glob matching for check paths, relative to a base folder, in a stable (ordinal) order.</summary>
internal static class EvidenceGlob
{
    public static bool IsGlob(string pattern) => pattern.AsSpan().IndexOfAny("*?[{") >= 0;

    /// <summary>The full paths of the files <paramref name="pattern"/> matches under <paramref name="baseDirectory"/>, sorted.</summary>
    public static List<string> Match(string baseDirectory, string pattern)
    {
        if (!Directory.Exists(baseDirectory))
        {
            return [];
        }

        pattern = pattern.Replace('\\', '/');
        List<string> files;
        var slash = pattern.LastIndexOf('/');
        var folder = slash < 0 ? "" : pattern[..slash];
        var name = pattern[(slash + 1)..];
        if (!IsGlob(folder) && name.AsSpan().IndexOfAny("[{") < 0 && !name.Contains("**", StringComparison.Ordinal) && !folder.Contains("..", StringComparison.Ordinal))
        {
            // The common shape, receipts/*.json: one folder listing, several times faster than the general matcher.
            var directory = Path.GetFullPath(folder, baseDirectory);
            files = Directory.Exists(directory)
                ? Directory.EnumerateFiles(directory, name, SingleFolder).ToList()
                : [];
        }
        else
        {
            var matcher = new Matcher(StringComparison.Ordinal);
            matcher.AddInclude(pattern);
            files = matcher.GetResultsInFullPath(baseDirectory).Select(Path.GetFullPath).ToList();
        }

        files.Sort(StringComparer.Ordinal);
        return files;
    }

    private static readonly EnumerationOptions SingleFolder = new()
    {
        MatchType = MatchType.Simple,
        MatchCasing = MatchCasing.CaseSensitive,
        RecurseSubdirectories = false,
        IgnoreInaccessible = true,
        AttributesToSkip = 0,
    };
}
