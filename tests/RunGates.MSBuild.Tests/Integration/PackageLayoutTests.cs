using System.IO.Compression;
using System.Xml.Linq;
using RunGates.MSBuild.Tests.TestSupport;

namespace RunGates.MSBuild.Tests.Integration;

[Collection(PackageFeedCollection.Name)]
[Trait("Category", "Integration")]
public sealed class PackageLayoutTests(PackageFeed feed)
{
    private IReadOnlyList<string> Entries()
    {
        using var zip = ZipFile.OpenRead(feed.PackagePath);
        return zip.Entries.Select(e => e.FullName).ToList();
    }

    [Fact]
    public void Task_assembly_travels_with_core_and_its_dependencies_under_tasks()
    {
        var entries = Entries();
        foreach (var expected in new[] { "RunGates.MSBuild.dll", "RunGates.Core.dll", "YamlDotNet.dll", "Markdig.dll", "Microsoft.Extensions.FileSystemGlobbing.dll", "RunGates.MSBuild.deps.json" })
        {
            Assert.Contains("tasks/net10.0/" + expected, entries);
        }
    }

    [Fact]
    public void MSBuild_assemblies_are_never_shipped_and_nothing_is_a_lib()
    {
        var entries = Entries();
        Assert.DoesNotContain(entries, e => Path.GetFileName(e).StartsWith("Microsoft.Build", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(entries, e => e.StartsWith("lib/", StringComparison.Ordinal));
    }

    [Fact]
    public void Props_and_targets_are_imported_for_single_and_multi_targeted_projects()
    {
        var entries = Entries();
        Assert.Contains("build/RunGates.MSBuild.props", entries);
        Assert.Contains("build/RunGates.MSBuild.targets", entries);
        Assert.Contains("buildMultiTargeting/RunGates.MSBuild.props", entries);
        Assert.Contains("buildMultiTargeting/RunGates.MSBuild.targets", entries);
        Assert.Contains("README.md", entries);
    }

    [Fact]
    public void Nuspec_is_a_development_dependency_with_no_dependencies()
    {
        using var zip = ZipFile.OpenRead(feed.PackagePath);
        using var stream = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open();
        var nuspec = XDocument.Load(stream);
        var ns = nuspec.Root!.Name.Namespace;
        var metadata = nuspec.Root.Element(ns + "metadata")!;
        Assert.Equal("true", metadata.Element(ns + "developmentDependency")?.Value);
        Assert.Empty(metadata.Descendants(ns + "dependency"));
        Assert.Equal("README.md", metadata.Element(ns + "readme")?.Value);
    }

    [Fact]
    public void Nuspec_carries_the_readme_licence_expression_project_and_repository_with_its_commit()
    {
        var metadata = PublishedPackage.AssertMetadata(feed.PackagePath, "RunGates.MSBuild");

        Assert.Contains("msbuild", metadata.Element(metadata.Name.Namespace + "tags")!.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Symbol_package_holds_the_task_pdbs_with_sourcelink_and_deterministic_paths()
    {
        PublishedPackage.AssertSymbols(feed.SymbolPackagePath, "tasks/net10.0/RunGates.MSBuild.pdb", "tasks/net10.0/RunGates.Core.pdb");
    }

    [Fact]
    public void The_package_itself_carries_no_pdbs_they_travel_in_the_symbol_package()
    {
        Assert.DoesNotContain(Entries(), e => e.EndsWith(".pdb", StringComparison.Ordinal));
    }
}
