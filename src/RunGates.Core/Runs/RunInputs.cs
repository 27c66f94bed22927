using System.Security.Cryptography;
using System.Text;
using RunGates.Core.Checks;
using RunGates.Core.Runbooks;

namespace RunGates.Core.Runs;

/// <summary>
/// What a set of checks depends on, gathered from each check kind (<see cref="Check.Inputs"/>) and from every document
/// they loaded: the front door that skips unchanged work (MSBuild's RunGatesPreflight) records this after a passing
/// evaluation and evaluates again when a file changes, appears or disappears, a glob gains or loses a match, or
/// <see cref="Unrecorded"/> is not empty.
/// </summary>
public sealed record RunInputs
{
    /// <summary>Full paths, sorted and distinct, present or absent: rungates.yml first among them.</summary>
    public required IReadOnlyList<string> Files { get; init; }

    public required IReadOnlyList<GlobInput> Globs { get; init; }

    /// <summary>"check id: why" for each check whose outcome no file vouches for; any entry means always evaluate again.</summary>
    public required IReadOnlyList<string> Unrecorded { get; init; }

    /// <summary>The inputs of <paramref name="checks"/> evaluated in <paramref name="context"/>, with the documents they loaded.</summary>
    public static RunInputs Of(Runbook runbook, IEnumerable<Check> checks, CheckContext context, IEnumerable<string> loadedDocuments)
    {
        var files = new SortedSet<string>(StringComparer.Ordinal) { runbook.SourcePath };
        files.UnionWith(loadedDocuments);
        var globs = new List<GlobInput>();
        var unrecorded = new List<string>();
        if (runbook.ExpandsVariables)
        {
            // ${VAR} is expanded when rungates.yml loads: a different value is a different runbook that no file shows.
            unrecorded.Add("rungates.yml: expands ${VAR} from the environment");
        }

        foreach (var check in checks)
        {
            var inputs = check.Inputs(context);
            if (inputs.Unrecorded is { } why)
            {
                unrecorded.Add($"{check.Id}: {why}");
            }

            files.UnionWith(inputs.Files);
            globs.AddRange(inputs.Globs);
        }

        return new RunInputs { Files = files.ToList(), Globs = globs.Distinct().ToList(), Unrecorded = unrecorded };
    }

    /// <summary>One line per glob: a digest of its matches now, its folder and its pattern, for <see cref="GlobsChanged"/>.</summary>
    public string GlobRecord()
    {
        var text = new StringBuilder();
        foreach (var glob in Globs)
        {
            text.Append(MatchDigest(glob)).Append('\t').Append(glob.BaseDirectory).Append('\t').Append(glob.Pattern).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>Which recorded glob now matches a different set of files, or null when none does.</summary>
    public static string? GlobsChanged(string record)
    {
        foreach (var line in record.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split('\t');
            if (parts.Length != 3)
            {
                return $"the record line '{line}' is not digest, folder and glob";
            }

            var glob = new GlobInput(parts[1], parts[2]);
            if (!string.Equals(MatchDigest(glob), parts[0], StringComparison.Ordinal))
            {
                return $"{glob.Pattern} in {glob.BaseDirectory} matches other files than when pre-flight last passed";
            }
        }

        return null;
    }

    private static string MatchDigest(GlobInput glob) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', glob.Matches()))));
}
