using System.Text.RegularExpressions;
using RunGates.Core.Diagnostics;

namespace RunGates.Core.Tests.Diagnostics;

public sealed class DiagnosticCatalogTests
{
    private static readonly string ErrorsFolder = Path.Combine(RepositoryRoot.Path, "docs", "errors");

    [Fact]
    public void Every_code_has_its_page_and_every_page_its_code()
    {
        var codes = DiagnosticCatalog.All.Select(d => d.Code).ToHashSet(StringComparer.Ordinal);
        var pages = Directory.GetFiles(ErrorsFolder, "RG*.md").Select(Path.GetFileNameWithoutExtension).ToHashSet(StringComparer.Ordinal);

        Assert.Empty(codes.Except(pages!));
        Assert.Empty(pages.Except(codes)!);
    }

    [Fact]
    public void Every_page_is_titled_with_its_code_and_the_catalog_title_and_says_cause_and_fix()
    {
        foreach (var diagnostic in DiagnosticCatalog.All)
        {
            var text = File.ReadAllText(Path.Combine(ErrorsFolder, diagnostic.Code + ".md"));
            Assert.StartsWith($"# {diagnostic.Code}: {diagnostic.Title}\n", text, StringComparison.Ordinal);
            Assert.Contains("## Cause", text, StringComparison.Ordinal);
            Assert.Contains("## Fix", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Codes_are_unique_well_formed_and_in_the_range_of_their_area()
    {
        Assert.Equal(DiagnosticCatalog.All.Count, DiagnosticCatalog.All.Select(d => d.Code).Distinct().Count());
        Assert.All(DiagnosticCatalog.All, d => Assert.Matches(new Regex("^RG(00(0[1-9]|1[0-9]|2[0-9])|[1-6][0-9]{3})$"), d.Code));
        Assert.All(DiagnosticCatalog.All, d => Assert.EndsWith($"docs/errors/{d.Code}.md", d.HelpLink, StringComparison.Ordinal));
    }

    [Fact]
    public void README_lists_every_code()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "README.md"));
        var missing = DiagnosticCatalog.All.Where(d => !readme.Contains($"[{d.Code}](docs/errors/{d.Code}.md)", StringComparison.Ordinal)).Select(d => d.Code).ToList();
        Assert.Empty(missing);
    }
}
