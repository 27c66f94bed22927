using System.IO.Compression;
using System.Reflection.Metadata;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Xunit;

namespace RunGates.Tests;

/// <summary>
/// What nuget.org shows of a packed package, read from the .nupkg itself: its .nuspec (readme, licence expression,
/// project and repository URL with the commit) and, in the .snupkg beside it, PDBs whose SourceLink names that commit
/// and whose source paths are the deterministic /_/ of a CI build.
/// </summary>
internal static class PublishedPackage
{
    public const string RepositoryUrl = "https://github.com/rungates/rungates";

    /// <summary>The pack argument that lets a ContinuousIntegrationBuild read the global git config too.</summary>
    public const string ReadGlobalGitConfig = "-p:GitRepositoryConfigurationScope=";

    // SourceLink's custom debug information in a portable PDB (System.Reflection.Metadata documents the GUID).
    private static readonly Guid SourceLinkKind = new("CC110556-A091-4D38-9FEC-25AB9A351A6A");

    /// <summary>
    /// Variables under which a pack sees the repository as a clone from GitHub does (SourceLink builds its URLs from the
    /// origin remote, which actions/checkout sets and a local worktree may lack): a global git config, in
    /// <paramref name="folder"/>, naming origin. Git and SourceLink read $XDG_CONFIG_HOME/git/config; a CI build reads
    /// only the repository's own config unless the pack is also given <see cref="ReadGlobalGitConfig"/>.
    /// </summary>
    public static IReadOnlyDictionary<string, string> AsClonedFromGitHub(string folder)
    {
        Directory.CreateDirectory(Path.Combine(folder, "git"));
        var config = $"[remote \"origin\"]\n\turl = {RepositoryUrl}\n";

        // A clone's own origin (CI clones this repository from a local path) outranks the global one: map it instead.
        var (exit, origin, _) = ExternalTool.Run(RepositoryRoot.Path, "git", "config", "--get", "remote.origin.url");
        if (exit == 0 && origin.Trim() is { Length: > 0 } existing && existing != RepositoryUrl)
        {
            config += $"[url \"{RepositoryUrl}\"]\n\tinsteadOf = {existing}\n";
        }

        File.WriteAllText(Path.Combine(folder, "git", "config"), config);
        return new Dictionary<string, string> { ["XDG_CONFIG_HOME"] = folder };
    }

    /// <summary>Asserts the metadata every RunGates package carries; returns the nuspec's metadata element.</summary>
    public static XElement AssertMetadata(string nupkg, string id)
    {
        using var zip = ZipFile.OpenRead(nupkg);
        var nuspecEntry = Assert.Single(zip.Entries, e => !e.FullName.Contains('/', StringComparison.Ordinal) && e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
        using var stream = nuspecEntry.Open();
        var nuspec = XDocument.Load(stream);
        var ns = nuspec.Root!.Name.Namespace;
        var metadata = nuspec.Root.Element(ns + "metadata")!;
        string? Value(string name) => metadata.Element(ns + name)?.Value;

        Assert.Equal(id, Value("id"));
        var readme = Value("readme");
        Assert.Equal("README.md", readme);
        Assert.Contains(zip.Entries, e => e.FullName == readme && e.Length > 0);
        var license = metadata.Element(ns + "license");
        Assert.Equal("expression", license?.Attribute("type")?.Value);
        Assert.Equal("MIT", license?.Value);
        Assert.Equal(RepositoryUrl, Value("projectUrl"));
        Assert.False(string.IsNullOrWhiteSpace(Value("description")), $"{id} has no description");
        Assert.False(string.IsNullOrWhiteSpace(Value("tags")), $"{id} has no tags");
        var repository = metadata.Element(ns + "repository");
        Assert.Equal("git", repository?.Attribute("type")?.Value);
        Assert.Equal(RepositoryUrl, repository?.Attribute("url")?.Value);
        Assert.Equal(HeadCommit(), repository?.Attribute("commit")?.Value);
        return metadata;
    }

    /// <summary>
    /// Asserts the symbol package holds each named PDB (path inside the package), with SourceLink to raw sources at the
    /// packed commit and every source path mapped to /_/ (ContinuousIntegrationBuild: no machine's folders leak in).
    /// </summary>
    public static void AssertSymbols(string snupkg, params string[] pdbs)
    {
        Assert.True(File.Exists(snupkg), $"{snupkg}: no symbol package beside the package");
        using var zip = ZipFile.OpenRead(snupkg);
        foreach (var pdb in pdbs)
        {
            var entry = zip.GetEntry(pdb);
            Assert.True(entry is not null, $"{snupkg}: no {pdb}; it holds {string.Join(", ", zip.Entries.Select(e => e.FullName))}");
            using var buffer = new MemoryStream();
            using (var stream = entry.Open())
            {
                stream.CopyTo(buffer);
            }

            buffer.Position = 0;
            using var provider = MetadataReaderProvider.FromPortablePdbStream(buffer);
            var reader = provider.GetMetadataReader();
            var documents = reader.Documents.Select(h => reader.GetString(reader.GetDocument(h).Name)).ToList();
            Assert.NotEmpty(documents);
            Assert.All(documents, d => Assert.StartsWith("/_/", d, StringComparison.Ordinal));

            var sourceLink = reader.GetCustomDebugInformation(EntityHandle.ModuleDefinition)
                .Select(reader.GetCustomDebugInformation)
                .Where(c => reader.GetGuid(c.Kind) == SourceLinkKind)
                .Select(c => Encoding.UTF8.GetString(reader.GetBlobBytes(c.Value)))
                .SingleOrDefault();
            Assert.True(sourceLink is not null, $"{pdb} has no SourceLink");
            Assert.Contains($"\"/_/*\":\"https://raw.githubusercontent.com/rungates/rungates/{HeadCommit()}/*\"", Regex.Replace(sourceLink, @"\s", ""), StringComparison.Ordinal);
        }
    }

    private static string HeadCommit()
    {
        var (exitCode, output, error) = ExternalTool.Run(TimeSpan.FromSeconds(30), RepositoryRoot.Path, "git", ["rev-parse", "HEAD"]);
        Assert.True(exitCode == 0, error);
        return output.Trim();
    }
}
