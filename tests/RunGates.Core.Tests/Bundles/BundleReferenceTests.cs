using RunGates.Core.Bundles;

namespace RunGates.Core.Tests.Bundles;

public sealed class BundleReferenceTests : IDisposable
{
    private readonly TempFolder _tree = new();

    public void Dispose() => _tree.Dispose();

    private string Bundles => _tree["out"];

    private string Resolve(string? reference) => BundleReference.Resolve(reference, _tree.Path, () => new BundleStore(Bundles));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("LATEST")]
    public void Empty_or_LATEST_means_the_bundle_LATEST_names(string? reference)
    {
        BundleTestData.Commit(Bundles, "run-1", BundleTestData.Start);
        var latest = BundleTestData.Commit(Bundles, "run-2", BundleTestData.Start.AddHours(1));

        Assert.Equal(latest.Directory, Resolve(reference));
    }

    [Fact]
    public void A_run_id_means_its_folder_under_the_bundles_folder()
    {
        var bundle = BundleTestData.Commit(Bundles, "run-1", BundleTestData.Start);
        BundleTestData.Commit(Bundles, "run-2", BundleTestData.Start.AddHours(1));

        Assert.Equal(bundle.Directory, Resolve("run-1"));
    }

    [Fact]
    public void A_folder_is_taken_against_the_working_folder_or_as_given_when_absolute()
    {
        var bundle = BundleTestData.Commit(Bundles, "run-1", BundleTestData.Start);

        Assert.Equal(bundle.Directory, Resolve("out/run-1"));
        Assert.Equal(bundle.Directory, Resolve(bundle.Directory));
    }

    [Fact]
    public void A_name_that_is_both_an_existing_folder_and_a_run_id_means_the_folder()
    {
        BundleTestData.Commit(Bundles, "run-1", BundleTestData.Start);
        var copy = BundleTestData.Commit(_tree["copies"], "run-1", BundleTestData.Start);

        var folder = BundleReference.Resolve("run-1", _tree["copies"], () => new BundleStore(Bundles));

        Assert.Equal(copy.Directory, folder);
    }

    [Fact]
    public void A_folder_needs_no_bundles_folder()
    {
        var bundle = BundleTestData.Commit(Bundles, "run-1", BundleTestData.Start);

        var folder = BundleReference.Resolve("out/run-1", _tree.Path, () => throw new InvalidOperationException("the runbook was read"));

        Assert.Equal(bundle.Directory, folder);
    }

    [Fact]
    public void Nothing_found_is_RG4007_naming_the_reference_and_the_bundles_folder()
    {
        Directory.CreateDirectory(Bundles);

        var missing = Assert.Throws<BundleException>(() => Resolve("run-9"));
        var noLatest = Assert.Throws<BundleException>(() => Resolve(null));

        Assert.Equal("RG4007", missing.Diagnostic.Code);
        Assert.Contains($"a run id under {Bundles} or a bundle folder, found nothing for 'run-9'", missing.Message, StringComparison.Ordinal);
        Assert.Equal("RG4007", noLatest.Diagnostic.Code);
        Assert.Contains("no run has been committed here", noLatest.Message, StringComparison.Ordinal);
    }
}
