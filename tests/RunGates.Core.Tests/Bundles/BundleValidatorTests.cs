using RunGates.Core.Bundles;
using RunGates.Core.Runbooks;
using RunGates.Core.Tests.Promotion;
using RunGates.Core.Tests.Reports;
using RunGates.Core.Verdicts;

namespace RunGates.Core.Tests.Bundles;

public sealed class BundleValidatorTests : IDisposable
{
    private readonly TempFolder _tree = new();

    public void Dispose() => _tree.Dispose();

    private RunBundle Committed() => BundleTestData.Commit(_tree["out"], "run-1", BundleTestData.Start);

    [Fact]
    public void A_committed_bundle_validates_with_the_verified_promotion_packet_its_index_names()
    {
        using var run = new RunFixture();
        CommittedBundle.CommitWithPacket(run.Result([run.Passed("a")], new PromoteSettings(Verdict.Pass, "packets/release.json", run.Spec(50))), DateTimeOffset.UnixEpoch);

        var result = BundleValidator.Validate(run.Bundle);

        Assert.True(result.Succeeded, string.Join('\n', result.Problems));
        Assert.Equal("packets/release.json", result.Index!.Packet);
        Assert.True(result.Promotion!.PacketVerified);
    }

    [Fact]
    public void Validate_checks_the_packet_whenever_one_exists()
    {
        using var run = new RunFixture();
        var packet = CommittedBundle.CommitWithPacket(run.Result([run.Failed("a")], new PromoteSettings(Verdict.Pass, PromoteSettings.DefaultPacket, run.Spec(50))), DateTimeOffset.UnixEpoch);
        File.WriteAllText(packet, File.ReadAllText(packet).Replace("\"promotable\": false", "\"promotable\": true", StringComparison.Ordinal));

        var result = BundleValidator.Validate(run.Bundle);

        Assert.False(result.Succeeded);
        Assert.Equal(("promotion_packet.json", "RG4017"), (Assert.Single(result.Problems).Path, result.Problems[0].Diagnostic.Code));
    }

    [Fact]
    public void A_packet_that_no_committed_results_json_can_back_is_refused()
    {
        var bundle = RunBundle.Open(_tree["out"], "run-1", BundleTestData.Manifest());
        bundle.WriteFile("reports/a.txt", "alpha\n");
        bundle.Commit(new BundleTestData.FixedTime(BundleTestData.Start), BundleTestData.Manifest(), "packets/release.json", digest => $$"""{ "artifact_index": "{{digest}}" }""");

        var problem = Assert.Single(BundleValidator.Validate(bundle.Directory).Problems);

        Assert.Equal(("results.json", "RG4019"), (problem.Path, problem.Diagnostic.Code));
    }

    [Fact]
    public void A_packet_file_the_index_does_not_name_is_unlisted()
    {
        var bundle = Committed();
        File.WriteAllText(Path.Combine(bundle.Directory, "promotion_packet.json"), "{}");

        var problems = BundleValidator.Validate(bundle.Directory).Problems;

        Assert.Contains(("promotion_packet.json", "RG4003"), problems.Select(p => (p.Path, p.Diagnostic.Code)));
    }

    [Theory]
    [InlineData("late.rungates-tmp")]
    [InlineData(".promotion_packet.json.0123.rungates-tmp")]
    [InlineData("reports/.a.txt.rungates-tmp")]
    public void A_temporary_file_planted_in_a_committed_bundle_is_unlisted(string planted)
    {
        var bundle = Committed();
        File.WriteAllText(Path.Combine(bundle.Directory, planted), "{}");

        var problem = Assert.Single(BundleValidator.Validate(bundle.Directory).Problems);

        Assert.Equal((planted, "RG4003"), (problem.Path, problem.Diagnostic.Code));
    }

    [Fact]
    public void An_index_beside_a_run_json_still_in_progress_is_not_a_commit()
    {
        // What a step that writes its own artifact_index.json leaves: an index RunGates never wrote.
        var bundle = RunBundle.Open(_tree["out"], "run-1", BundleTestData.Manifest());
        File.WriteAllText(Path.Combine(bundle.Directory, "artifact_index.json"), $$"""{ "version": 1, "run_id": "run-1", "committed_at": "2026-11-23T08:00:00Z", "files": [] }""");

        var problem = Assert.Single(BundleValidator.Validate(bundle.Directory).Problems);

        Assert.Equal(("run.json", "RG4005"), (problem.Path, problem.Diagnostic.Code));
        Assert.Contains("never committed", problem.Message, StringComparison.Ordinal);
        Assert.Equal("in_progress", new BundleStore(_tree["out"]).List().Single().State);
    }

    [Fact]
    public void One_altered_byte_is_named_as_a_digest_mismatch()
    {
        var bundle = Committed();
        var path = Path.Combine(bundle.Directory, "reports/a.txt");
        var bytes = File.ReadAllBytes(path);
        bytes[0] ^= 1;
        File.WriteAllBytes(path, bytes);

        var problem = Assert.Single(BundleValidator.Validate(bundle.Directory).Problems);

        Assert.Equal(("reports/a.txt", "RG4001"), (problem.Path, problem.Diagnostic.Code));
        Assert.Contains("(artifact_index.json line", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_and_extra_files_are_each_named()
    {
        var bundle = Committed();
        File.Delete(Path.Combine(bundle.Directory, "logs/produce.log"));
        File.WriteAllText(Path.Combine(bundle.Directory, "smuggled.txt"), "x");

        var problems = BundleValidator.Validate(bundle.Directory).Problems;

        Assert.Equal([("logs/produce.log", "RG4002"), ("smuggled.txt", "RG4003")], problems.Select(p => (p.Path, p.Diagnostic.Code)));
    }

    [Fact]
    public void A_bundle_without_an_index_is_uncommitted()
    {
        var bundle = RunBundle.Open(_tree["out"], "run-1", BundleTestData.Manifest());

        var result = BundleValidator.Validate(bundle.Directory);

        Assert.False(result.Succeeded);
        Assert.Equal("RG4005", Assert.Single(result.Problems).Diagnostic.Code);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{ "version": 1, "run_id": "x", "committed_at": "2026-01-01T00:00:00Z", "files": [ { "path": "a", "sha256": "XYZ", "size": 1 } ] }""")]
    [InlineData("""{ "version": 9, "run_id": "x", "committed_at": "2026-01-01T00:00:00Z", "files": [] }""")]
    // A key named twice: read with the last value winning, the empty list would hide every listed file.
    [InlineData("""{ "version": 1, "run_id": "x", "committed_at": "2026-01-01T00:00:00Z", "files": [ { "path": "a", "sha256": "0000000000000000000000000000000000000000000000000000000000000000", "size": 1 } ], "files": [] }""")]
    public void An_index_that_does_not_parse_is_RG4008(string index)
    {
        var bundle = Committed();
        File.Delete(Path.Combine(bundle.Directory, "artifact_index.json"));
        File.WriteAllText(Path.Combine(bundle.Directory, "artifact_index.json"), index);

        var problem = Assert.Single(BundleValidator.Validate(bundle.Directory).Problems);

        Assert.Equal("RG4008", problem.Diagnostic.Code);
    }

    [Theory]
    [InlineData("garbage", 1, 1)]
    [InlineData("{ \"run_id\": \"r1\",\n  \"files\": [", 2, 13)]
    public void An_index_that_is_no_JSON_is_RG4008_at_the_line_and_column_where_it_breaks(string index, int line, int column)
    {
        var bundle = Committed();
        File.Delete(Path.Combine(bundle.Directory, "artifact_index.json"));
        File.WriteAllText(Path.Combine(bundle.Directory, "artifact_index.json"), index);

        var problem = Assert.Single(BundleValidator.Validate(bundle.Directory).Problems);

        Assert.Equal(("RG4008", line, column), (problem.Diagnostic.Code, problem.Line, problem.Column));
        Assert.StartsWith($"artifact_index.json({line},{column}): error RG4008: cannot be read: it is not JSON here (", problem.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", problem.Message, StringComparison.Ordinal);
    }
}
