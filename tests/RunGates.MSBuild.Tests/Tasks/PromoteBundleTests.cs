using System.Text.Json.Nodes;
using RunGates.Core.Bundles;
using RunGates.MSBuild.Tests.TestSupport;

namespace RunGates.MSBuild.Tests.Tasks;

public sealed class PromoteBundleTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly RecordingBuildEngine _engine = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>Runs a runbook whose burst-cap gate fails: an incomplete run, with a ledger, that its packet calls unpromotable.</summary>
    private (string Spec, string Bundle) CommitIncompleteRun()
    {
        _folder.Write("evidence/diagnostics.json", """{ "burst": 0.4 }""");
        var spec = _folder.Write("rungates.yml", """
            version: 1
            name: tasks
            run: { bundles: out, evidence: evidence }
            gates:
              - { id: burst-cap, file: diagnostics.json, expect: { burst: { max: 0.25 } } }
            ledger: { root: ., file: SHA256SUMS }
            promote: { requires: pass }
            """);
        var run = new RunRunbook { BuildEngine = _engine, Spec = spec, FailOn = "reject" };
        Assert.True(run.Execute(), _engine.ToString());
        Assert.Equal("incomplete", run.Verdict);
        return (spec, run.BundleDirectory);
    }

    private static void EditPacket(string bundle, Action<JsonObject> edit)
    {
        var path = Path.Combine(bundle, "promotion_packet.json");
        var json = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        edit(json);
        File.WriteAllText(path, json.ToJsonString());
    }

    private PromoteBundle Promote(string spec, bool require = true) => new() { BuildEngine = _engine, Spec = spec, RequirePromotable = require };

    [Fact]
    public void Hand_edited_promotable_fails_the_build_with_RG4017_even_when_promotion_is_not_required()
    {
        var (spec, bundle) = CommitIncompleteRun();
        EditPacket(bundle, p => p["promotable"] = true);

        var promote = Promote(spec, require: false);

        Assert.False(promote.Execute());
        Assert.False(promote.Promotable);
        var error = Assert.Single(_engine.Errors);
        Assert.Equal("RG4017", error.Code);
        Assert.Equal(Path.Combine(bundle, "promotion_packet.json"), error.File);
        Assert.Equal("field 'promotable' is true, but the committed bundle gives false.", error.Message);
    }

    [Fact]
    public void Flipped_verdict_and_deleted_ledger_field_each_fail_the_build_by_name()
    {
        var (spec, bundle) = CommitIncompleteRun();
        EditPacket(bundle, p =>
        {
            p["verdict"] = "pass";
            p.Remove("ledger");
        });

        Assert.False(Promote(spec).Execute());

        Assert.Equal(["RG4017", "RG4016"], _engine.Errors.Select(e => e.Code));
        Assert.Contains("field 'verdict'", _engine.Errors[0].Message, StringComparison.Ordinal);
        Assert.StartsWith("field 'ledger' is missing", _engine.Errors[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Untouched_packet_of_an_incomplete_run_fails_only_as_unpromotable()
    {
        var (spec, _) = CommitIncompleteRun();

        Assert.False(Promote(spec).Execute());

        var error = Assert.Single(_engine.Errors);
        Assert.Equal("RG5001", error.Code);
        Assert.Contains("promotion requires pass", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalidated_bundle_fails_the_build_with_RG4009_even_when_promotion_is_not_required()
    {
        var (spec, bundle) = CommitIncompleteRun();
        new BundleStore(Path.GetDirectoryName(bundle)!).Invalidate(Path.GetFileName(bundle), "wrong calibration", "alice", DateTimeOffset.UnixEpoch);
        var promote = new PromoteBundle { BuildEngine = _engine, Spec = spec, RequirePromotable = false, Bundle = bundle };

        Assert.False(promote.Execute());

        var error = Assert.Single(_engine.Errors);
        Assert.Equal("RG4009", error.Code);
        Assert.Contains("wrong calibration", error.Message, StringComparison.Ordinal);
    }
}
