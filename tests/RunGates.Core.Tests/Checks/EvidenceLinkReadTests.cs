using RunGates.Core.Checks;
using static RunGates.Core.Tests.Checks.CheckFixture;

namespace RunGates.Core.Tests.Checks;

/// <summary>
/// Evidence read with the link check on the open itself (O_NOFOLLOW, CheckContext.ReadEvidence) refuses and follows
/// exactly what the lstat before it did: a link inside stays readable, a link out is RG4004 and never read, and the
/// message is EvidenceEscape's own.
/// </summary>
public sealed class EvidenceLinkReadTests : IDisposable
{
    private readonly CheckFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    private static ExpectCheck Each(string glob, Phase phase = Phase.Gates) => new()
    {
        Id = "gate",
        Phase = phase,
        Position = At,
        Each = glob,
        Expect = [FieldEquals("status", "PASS")],
        When = [],
        InfeasibleWhen = [],
    };

    [Fact]
    public void Links_inside_are_followed_and_links_out_are_refused_with_the_escape_message()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        _fixture.Write("receipts/a.json", "{\"status\": \"PASS\"}");
        _fixture.Write("real/inside.json", "{\"status\": \"PASS\"}");
        var outside = _fixture.Write("outside.json", "{\"status\": \"PASS\"}", inEvidence: false);
        File.CreateSymbolicLink(Path.Combine(_fixture.Evidence, "receipts/b-inside.json"), "../real/inside.json");
        File.CreateSymbolicLink(Path.Combine(_fixture.Evidence, "receipts/c-out.json"), outside);
        File.CreateSymbolicLink(Path.Combine(_fixture.Evidence, "receipts/d-proc.json"), "/proc/self/status");
        var context = _fixture.Context();
        var expected = new[] { "receipts/c-out.json", "receipts/d-proc.json" }
            .Select(name => $"{name}: {context.EvidenceEscape(Phase.Gates, Path.Combine(_fixture.Evidence, name))}")
            .ToList();

        var result = ExpectPass.Evaluate([Each("receipts/*.json")], context, CancellationToken.None)[0];

        Assert.Equal(Outcome.Failed, result.Outcome);
        Assert.StartsWith("2 of 4 documents fail receipts/*.json", result.Message, StringComparison.Ordinal);
        Assert.Equal(expected, result.Findings.Select(f => f.Message));
        Assert.All(result.Findings, f => Assert.EndsWith("(RG4004)", f.Message, StringComparison.Ordinal));
        Assert.Contains("resolves through a symbolic link to /proc/", result.Findings[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_folder_link_out_refuses_its_plain_files_but_a_link_back_inside_is_followed()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        _fixture.Write("real/inside.json", "{\"status\": \"PASS\"}");
        var away = Path.Combine(_fixture.Root, "away");
        Directory.CreateDirectory(away);
        File.WriteAllText(Path.Combine(away, "plain.json"), "{\"status\": \"PASS\"}");
        File.CreateSymbolicLink(Path.Combine(away, "back.json"), Path.Combine(_fixture.Evidence, "real/inside.json"));
        Directory.CreateSymbolicLink(Path.Combine(_fixture.Evidence, "away"), away);

        var result = ExpectPass.Evaluate([Each("away/*.json")], _fixture.Context(), CancellationToken.None)[0];

        // back.json resolves inside the evidence folder (as it did with the lstat); plain.json lies outside it.
        Assert.Equal(Outcome.Failed, result.Outcome);
        Assert.StartsWith("1 of 2 documents fail away/*.json", result.Message, StringComparison.Ordinal);
        var finding = Assert.Single(result.Findings);
        Assert.Contains("plain.json resolves through a symbolic link to " + Path.Combine(away, "plain.json"), finding.Message, StringComparison.Ordinal);
        Assert.EndsWith("(RG4004)", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_document_loaded_under_another_root_is_still_checked_for_its_link()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        // evidence/x.json leads to the spec folder, outside the evidence folder: pre-flight (rooted at the spec
        // folder) may read it, and loads it into the run's cache; gates (rooted at evidence) must still refuse it.
        var shadow = _fixture.Write("shadow.json", "{\"status\": \"PASS\"}", inEvidence: false);
        File.CreateSymbolicLink(Path.Combine(_fixture.Evidence, "x.json"), shadow);
        var context = _fixture.Context();

        var preflight = ExpectPass.Evaluate([Each("evidence/*.json", Phase.Preflight)], context, CancellationToken.None)[0];
        Assert.Equal(Outcome.Passed, preflight.Outcome);
        _ = context.LoadEvidence(Phase.Preflight, "evidence/x.json");

        var gates = ExpectPass.Evaluate([Each("*.json")], context, CancellationToken.None)[0];

        Assert.Equal(Outcome.Failed, gates.Outcome);
        Assert.EndsWith("(RG4004)", Assert.Single(gates.Findings).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_fifo_named_by_a_glob_is_refused_without_blocking()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        _fixture.Write("receipts/a.json", "{\"status\": \"PASS\"}");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [Path.Combine(_fixture.Evidence, "receipts/b.json")]))
        {
            mkfifo.WaitForExit();
        }

        var result = ExpectPass.Evaluate([Each("receipts/*.json")], _fixture.Context(), CancellationToken.None)[0];

        Assert.Equal(Outcome.Failed, result.Outcome);
        Assert.Contains("is a named pipe", Assert.Single(result.Findings).Message, StringComparison.Ordinal);
    }
}
