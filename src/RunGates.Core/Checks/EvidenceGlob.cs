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

        var matcher = new Matcher(StringComparison.Ordinal);
        matcher.AddInclude(pattern.Replace('\\', '/'));
        var files = matcher.GetResultsInFullPath(baseDirectory).Select(Path.GetFullPath).ToList();
        files.Sort(StringComparer.Ordinal);
        return files;
    }

    /// <summary>The path as a reader wants to see it: relative to the base folder when it lies below it.</summary>
    public static string Show(string baseDirectory, string fullPath)
    {
        var relative = Path.GetRelativePath(baseDirectory, fullPath);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? fullPath : relative.Replace('\\', '/');
    }
}
