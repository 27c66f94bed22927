using System.Text;
using static RunGates.Hardening.Tests.Corpus.CaseExpectation;

namespace RunGates.Hardening.Tests.Corpus;

/// <summary>
/// Hostile ledgers and bundles: malformed SHA256SUMS lines, FIFOs, devices and /proc in a ledger root, files swapped
/// in a committed bundle, a damaged artifact_index.json, status.jsonl or LATEST.
/// </summary>
internal static class LedgerCases
{
    private const string Ledger = "ledger";
    private const string Cli = "cli";
    private const string Good = "87428fc522803d31065e7bce3cf03fe475096631e5e07bbd7a0fde60c4cf25c7  a.txt\n"; // sha256("a\n")
    private static readonly string Hex = new('0', 64);

    public static IEnumerable<HostileCase> All()
    {
        // Malformed lines under --strict: exit 1 (as sha256sum -c), RG4006 at the line.
        yield return Malformed("short-digest", new string('0', 63) + "  a.txt\n");
        yield return Malformed("long-digest", new string('0', 65) + "  a.txt\n");
        yield return Malformed("non-hex-digest", new string('g', 64) + "  a.txt\n");
        yield return Malformed("no-separator", Hex + "a.txt\n");
        yield return Malformed("digest-only", Hex + "\n");
        yield return Malformed("name-only", "a.txt\n");
        yield return Malformed("empty-name", Hex + "  \n");
        yield return Malformed("tagged-short-digest", "SHA256 (a.txt) = abc\n");
        yield return Malformed("tagged-other-algorithm", "MD5 (a.txt) = " + new string('0', 32) + "\n");
        yield return Malformed("tagged-unclosed", "SHA256 (a.txt = " + Hex + "\n");
        yield return Malformed("invalid-escape", "\\" + Hex + "  a\\qb\n");
        yield return MalformedBytes("binary-garbage", [0x80, 0xff, 0xfe, 0x00, 0x9c, (byte)'\n']);
        yield return Malformed("huge-line-1mib", new string('0', 1 << 20) + "  a.txt\n");
        // sha256sum reads the name up to the NUL ("a") and fails to open it; refusing the line (RG4004) is as good.
        yield return new(Name("nul-in-name"), Ledger, f =>
        {
            f.Write("a.txt", "a\n");
            f.Write("SHA256SUMS", Good + Hex + "  a\0b\n");
        }, ["ledger", "verify", "SHA256SUMS", "--strict"], LedgerFailure().At(LedgerLine));
        yield return new(Name("no-properly-formatted-line"), Ledger, f =>
        {
            f.Write("a.txt", "a\n");
            f.Write("SHA256SUMS", "garbage\nmore garbage\n");
        }, ["ledger", "verify", "SHA256SUMS"], LedgerFailure());
        yield return new(Name("100k-malformed-lines"), Ledger, f =>
        {
            f.Write("a.txt", "a\n");
            f.WriteStreamed("SHA256SUMS", w =>
            {
                w.Write(Good);
                for (var i = 0; i < 100_000; i++)
                {
                    w.Write("not a ledger line\n");
                }
            });
        }, ["ledger", "verify", "SHA256SUMS", "--strict"], LedgerFailure("RG4006").At(LedgerLine));

        // Files that are not regular files, listed in a ledger or found under its root: a per-file problem, no hang.
        yield return new(Name("verify-lists-a-fifo"), Ledger, f =>
        {
            f.Fifo("f.bin");
            f.Write("SHA256SUMS", Hex + "  f.bin\n");
        }, ["ledger", "verify", "SHA256SUMS"], LedgerFailure().And(CaseChecks.Names("f.bin")));
        yield return new(Name("verify-lists-a-dev-zero-link"), Ledger, f =>
        {
            f.Symlink("z.bin", "/dev/zero");
            f.Write("SHA256SUMS", Hex + "  z.bin\n");
        }, ["ledger", "verify", "SHA256SUMS"], LedgerFailure().And(CaseChecks.Names("z.bin")));
        yield return new(Name("verify-ledger-is-a-fifo"), Ledger, f => f.Fifo("SHA256SUMS"), ["ledger", "verify", "SHA256SUMS"], Usage().OrCodedExit(1));
        yield return new(Name("verify-ledger-is-dev-zero"), Ledger, f => f.Folder("r"), ["ledger", "verify", "/dev/zero", "--root", "r"], Usage().OrCodedExit(1));
        yield return new(Name("verify-ledger-is-a-folder"), Ledger, f => f.Folder("SHA256SUMS"), ["ledger", "verify", "SHA256SUMS"], Usage());
        yield return new(Name("verify-root-proc-self"), Ledger, f => f.Write("SHA256SUMS", Hex + "  status\n"), ["ledger", "verify", "SHA256SUMS", "--root", "/proc/self"], Usage().OrCodedExit(1));
        yield return new(Name("write-root-holds-a-fifo"), Ledger, f =>
        {
            f.Write("r/a.txt", "a\n");
            f.Fifo("r/f.bin");
        }, ["ledger", "write", "--root", "r", "-o", "out.sums"], LedgerFailure().OrCodedExit(2).And(CaseChecks.Absent("out.sums"), CaseChecks.Names("f.bin")));
        yield return new(Name("write-root-proc-self"), Ledger, f => { }, ["ledger", "write", "--root", "/proc/self", "-o", "out.sums"], LedgerFailure().OrCodedExit(2).And(CaseChecks.Absent("out.sums")));
        yield return new(Name("write-root-dev"), Ledger, f => { }, ["ledger", "write", "--root", "/dev", "-o", "out.sums"], LedgerFailure().OrCodedExit(2).And(CaseChecks.Absent("out.sums")));
        yield return new(Name("write-root-links-to-dev-zero"), Ledger, f =>
        {
            f.Write("r/a.txt", "a\n");
            f.Symlink("r/z.bin", "/dev/zero");
        }, ["ledger", "write", "--root", "r", "-o", "out.sums"], LedgerFailure().And(CaseChecks.Absent("out.sums")));
        yield return new(Name("merge-shard-is-a-fifo"), Ledger, f =>
        {
            f.Write("a.sums", Good);
            f.Fifo("f.sums");
        }, ["ledger", "merge", "a.sums", "f.sums", "-o", "m.sums"], LedgerFailure().OrCodedExit(2).And(CaseChecks.Absent("m.sums")));
        yield return new(Name("merge-malformed-shard"), Ledger, f =>
        {
            f.Write("a.sums", Good);
            f.Write("b.sums", "garbage\n");
        }, ["ledger", "merge", "a.sums", "b.sums", "-o", "m.sums"], LedgerFailure("RG4006").At(LedgerLine).And(CaseChecks.Absent("m.sums")));

        // A run whose ledger root or bundle holds what cannot be hashed: the run ends, never hangs.
        yield return RunWithLedger("run-ledger-root-proc-self", "ledger: { root: /proc/self }\n", f => { });
        yield return RunWithLedger("run-ledger-root-dev", "ledger: { root: /dev }\n", f => { });
        // ledger.root is relative to run.evidence (ev): root data is ev/data. A FIFO there is RG4030 naming it, never left out.
        yield return RunWithLedger("run-ledger-root-holds-a-fifo", "ledger: { root: data }\n", f => f.Fifo("ev/data/f.bin"), checks: [CaseChecks.Names("f.bin"), CaseChecks.NotCommitted()]);
        yield return RunWithLedger("run-ledger-root-is-evidence-and-holds-a-fifo", "ledger: {}\n", f => f.Fifo("ev/f.bin"), checks: [CaseChecks.Names("f.bin"), CaseChecks.NotCommitted()]);
        yield return RunWithLedger("run-step-makes-a-fifo-in-the-ledger-root", "ledger: { root: data }\n", f => f.Folder("ev/data"), "mkfifo ev/data/made.fifo", [CaseChecks.Names("made.fifo"), CaseChecks.NotCommitted()]);
        // A root that does not exist (here ev/ev: relative to the wrong folder) is no ledger written and a pass: RG4033, uncommitted.
        yield return RunWithLedger("run-ledger-root-missing", "ledger: { root: ev }\n", f => f.Fifo("ev/f.bin"), checks: [CaseChecks.Names("RG4033"), CaseChecks.NotCommitted()]);
        yield return RunWithLedger("run-step-makes-a-fifo-in-the-bundle", "", f => { }, "mkfifo \\\"$RUNGATES_RUN_DIR/made.fifo\\\"");
        // RunGates' own run.json swapped for a FIFO by a step: the step fails naming it (RG4022), never a blocked read.
        yield return RunWithLedger("run-step-swaps-run-json-for-a-fifo", "", f => { }, "rm \\\"$RUNGATES_RUN_DIR/run.json\\\" && mkfifo \\\"$RUNGATES_RUN_DIR/run.json\\\"", [CaseChecks.Names("run.json"), CaseChecks.NotCommitted()]);

        // A committed bundle with a file swapped for a FIFO or a device: exit 3 naming the file, never a blocked read.
        foreach (var file in (string[])["results.json", "run.json", "artifact_index.json", "promotion_packet.json"])
        {
            yield return Swapped("validate", file, ["bundle", "validate"]);
        }

        yield return Swapped("promote", "results.json", ["promote"]);
        yield return Swapped("promote", "promotion_packet.json", ["promote"]);
        yield return new(Name("validate-file-swapped-for-dev-zero-link"), Ledger, f =>
        {
            f.CommittedBundle();
            File.Delete(f[CommittedBundleTemplate.Bundle + "/results.json"]);
            f.Symlink(CommittedBundleTemplate.Bundle + "/results.json", "/dev/zero");
        }, ["bundle", "validate"], Integrity().And(CaseChecks.Names("results.json")));
        yield return new(Name("validate-unlisted-fifo-added"), Ledger, f =>
        {
            f.CommittedBundle();
            f.Fifo(CommittedBundleTemplate.Bundle + "/extra.fifo");
        }, ["bundle", "validate"], Integrity().And(CaseChecks.Names("extra.fifo")));

        // A damaged artifact_index.json: exit 3 with RG4xxx and, where the JSON breaks, its line.
        yield return Index("truncated", "{ \"run_id\": \"r1\", \"files\": [", position: true);
        yield return Index("not-json", "garbage", position: true);
        yield return Index("nesting-100k", HostileText.NestedJsonArray(100_000), position: false);
        yield return Index("lone-surrogate-path", """{ "run_id": "r1", "files": [ { "path": "\ud800", "size": 1, "sha256": "HEX" } ] }""".Replace("HEX", Hex, StringComparison.Ordinal), position: false);
        yield return Index("path-climbs-out", """{ "run_id": "r1", "files": [ { "path": "../../etc/passwd", "size": 1, "sha256": "HEX" } ] }""".Replace("HEX", Hex, StringComparison.Ordinal), position: false);
        yield return Index("duplicate-keys", """{ "run_id": "r1", "run_id": "r2", "files": [] }""", position: false);

        // Damaged bundle state beside the bundles: a clear error, never a crash or a blocked read.
        yield return State("status-jsonl-garbage", f => f.Write("out/status.jsonl", "{ not json\n"));
        yield return State("status-jsonl-nesting-100k", f => f.Write("out/status.jsonl", HostileText.NestedJsonArray(100_000) + "\n"));
        yield return State("status-jsonl-is-a-fifo", f => f.Fifo("out/status.jsonl"), owner: Ledger);

        // Every reader of a status.jsonl that cannot be read refuses it at its line (exit 3): it may hold an invalidation.
        const string CutInvalidation = "{\"run_id\":\"r1\",\"action\":\"invalidate\",\"reason\":\"bad";
        yield return State("status-jsonl-cut-mid-append", f => f.Write("out/status.jsonl", CutInvalidation), position: true);
        yield return State("status-jsonl-garbage-promote", f => f.Write("out/status.jsonl", "{ not json\n"), args: ["promote"], position: true);
        yield return State("status-jsonl-cut-promote", f => f.Write("out/status.jsonl", CutInvalidation), args: ["promote"], position: true);
        yield return State("status-jsonl-garbage-list", f => f.Write("out/status.jsonl", "{ not json\n"), args: ["bundle", "list"], position: true);
        yield return State("status-jsonl-garbage-invalidate", f => f.Write("out/status.jsonl", "[1]\n"), args: ["bundle", "invalidate", CommittedBundleTemplate.RunId, "--reason", "x"], position: true);
        yield return State("status-jsonl-garbage-run-commit", f => f.Write("out/status.jsonl", "\"x\"\n"), args: ["run"], position: true, checks: [CaseChecks.NotCommitted()]);
        yield return State("status-jsonl-line-over-1-mib", f => f.Write("out/status.jsonl", new string(' ', (1 << 20) + 1) + "{}\n"), position: true);
        yield return State("latest-is-a-fifo", f => f.SwapForFifo("out/LATEST"), owner: Ledger);
        yield return State("latest-climbs-out", f => File.WriteAllText(f["out/LATEST"], "../../etc\n"));
        yield return State("latest-is-garbage", f => File.WriteAllBytes(f["out/LATEST"], [0xff, 0x00, 0xfe, (byte)'\n']));
        yield return State("latest-huge", f => File.WriteAllText(f["out/LATEST"], new string('r', 8 << 20)));
    }

    private static string Name(string slug) => "ledger/" + slug;

    private static HostileCase Malformed(string slug, string line) => MalformedBytes(slug, Encoding.UTF8.GetBytes(line));

    /// <summary>A ledger of one good line and one malformed line, verified with --strict.</summary>
    private static HostileCase MalformedBytes(string slug, byte[] line) =>
        new(Name("malformed-" + slug), Ledger, f =>
        {
            f.Write("a.txt", "a\n");
            f.WriteBytes("SHA256SUMS", [.. Encoding.UTF8.GetBytes(Good), .. line]);
        }, ["ledger", "verify", "SHA256SUMS", "--strict"], LedgerFailure("RG4006").At(LedgerLine));

    private static HostileCase RunWithLedger(string slug, string ledger, Action<CaseFolder> files, string? step = null, CaseCheck[]? checks = null)
    {
        var steps = step is null ? "" : $"  steps: [ {{ id: s, run: \"{step}\" }} ]\n";
        var runbook = HostileText.RunbookHead + steps + "gates:\n  - { id: control, files: [control.json] }\n" + ledger;
        return new(Name(slug), Ledger, f =>
        {
            f.Write("rungates.yml", runbook);
            f.Write("ev/control.json", "{}");
            files(f);
        }, ["run"], Usage().OrCodedExit(3).OrExit(1).And(checks ?? []));
    }

    private static HostileCase Swapped(string command, string file, string[] args) =>
        new(Name($"{command}-{file.Replace('.', '-')}-swapped-for-a-fifo"), Ledger, f =>
        {
            f.CommittedBundle();
            f.SwapForFifo(CommittedBundleTemplate.Bundle + "/" + file);
        }, args, Integrity().And(CaseChecks.Names(file)));

    private static HostileCase Index(string slug, string content, bool position) =>
        new(Name("index-" + slug), Cli, f =>
        {
            f.CommittedBundle();
            File.WriteAllText(f[CommittedBundleTemplate.Bundle + "/artifact_index.json"], content);
        }, ["bundle", "validate"], position ? Integrity().At(@"artifact_index\.json\(\d+,\d+\)|artifact_index\.json.*line \d+") : Integrity());

    private static HostileCase State(string slug, Action<CaseFolder> damage, string owner = Cli, string[]? args = null, bool position = false, CaseCheck[]? checks = null) =>
        new(Name(slug), owner, f =>
        {
            f.CommittedBundle();
            damage(f);
        }, args ?? ["bundle", "validate"], position
            ? Integrity("RG4032").At(@"status\.jsonl\(\d+,\d+\)").And([CaseChecks.Names("status.jsonl"), .. checks ?? []])
            : Integrity(AnyCode).OrCodedExit(2).And(checks ?? []));
}
