using static RunGates.Hardening.Tests.Corpus.CaseExpectation;

namespace RunGates.Hardening.Tests.Corpus;

/// <summary>
/// Hostile command lines: outputs naming a folder or a full device, bad globs, unknown options, a damaged results.json
/// for <c>explain</c>, runbooks that are not regular files, and SIGTERM/SIGINT while a step runs.
/// </summary>
internal static class CommandLineCases
{
    private const string Cli = "cli";
    private const string Evidence = "evidence";
    private const string Passing = HostileText.RunbookHead + "gates:\n  - { id: g, files: [a.json] }\n";

    public static IEnumerable<HostileCase> All()
    {
        // Outputs that cannot be written: exit 2 before anything is written.
        yield return Runnable("run-output-is-a-folder", ["run", "-o", "report"], f => f.Folder("report"));
        yield return Runnable("run-output-long-option-is-a-folder", ["run", "--output", "report"], f => f.Folder("report"));
        yield return Runnable("run-output-under-dev-null", ["run", "-o", "/dev/null/report.txt"], f => { });
        yield return Runnable("run-output-under-a-file", ["run", "-o", "file/report.txt"], f => f.Write("file", "x"));
        yield return Template("promote-out-is-a-folder", ["promote", "--out", "packet"], f => f.Folder("packet"));
        yield return Template("promote-out-under-dev-null", ["promote", "--out", "/dev/null/packet.json"], f => { });
        yield return Plain("init-path-is-a-folder", ["init", "--path", "where"], f => f.Folder("where"));
        yield return Plain("init-path-under-a-file", ["init", "--path", "file/rungates.yml"], f => f.Write("file", "x"));
        yield return Plain("init-path-under-dev-null", ["init", "--path", "/dev/null/rungates.yml"], f => { });
        yield return new(Name("schema-to-dev-full"), Cli, f => { }, ["schema"], Usage()) { StdoutToDevFull = true };
        yield return new(Name("init-help-to-dev-full"), Cli, f => { }, ["init", "--help"], Usage()) { StdoutToDevFull = true };
        yield return new(Name("bundle-list-to-dev-full"), Cli, f => f.CommittedBundle(), ["bundle", "list"], Usage()) { StdoutToDevFull = true };
        // A bundles folder this user cannot write (run as nobody when the tests run as root): RG0003, exit 2, nothing written.
        yield return Unwritable("run-bundles-folder-read-only", ["run"], f =>
        {
            f.Write("rungates.yml", Passing);
            f.Write("ev/a.json", "{}");
            ReadOnly(f.Folder("out"));
        });
        yield return Unwritable("run-bundles-folder-read-only-beside-a-committed-bundle", ["run"], f =>
        {
            f.CommittedBundle();
            ReadOnly(f["out"]);
        });
        yield return Unwritable("run-bundles-parent-read-only", ["run"], f =>
        {
            f.Write("rungates.yml", HostileText.RunbookHead.Replace("bundles: out", "bundles: locked/out", StringComparison.Ordinal) + "gates:\n  - { id: g, files: [a.json] }\n");
            f.Write("ev/a.json", "{}");
            ReadOnly(f.Folder("locked"));
        });
        yield return Unwritable("bundle-invalidate-read-only-bundles", ["bundle", "invalidate", CommittedBundleTemplate.RunId, "--reason", "x"], f =>
        {
            f.CommittedBundle();
            ReadOnly(f["out"]);
        });
        yield return new(Name("ledger-write-to-dev-full"), Cli, f => f.Write("r/a.txt", "a\n"), ["ledger", "write", "--root", "r"], Usage()) { StdoutToDevFull = true };
        yield return Plain("ledger-write-o-is-a-folder", ["ledger", "write", "--root", "r", "-o", "out"], f =>
        {
            f.Write("r/a.txt", "a\n");
            f.Folder("out");
        });
        yield return Plain("ledger-merge-o-is-a-folder", ["ledger", "merge", "a.sums", "-o", "out"], f =>
        {
            f.Write("a.sums", new string('0', 64) + "  a.txt\n");
            f.Folder("out");
        });

        // Globs that match nothing because they cannot: a usage error, never an empty ledger and exit 0.
        foreach (var (slug, option, glob) in (ValueTuple<string, string, string>[])[
            ("include-climbs-out", "--include", "../*"),
            ("include-unbalanced-bracket", "--include", "["),
            ("include-unbalanced-brace", "--include", "{a,b"),
            ("include-absolute", "--include", "/etc/*"),
            ("include-empty", "--include", ""),
            ("exclude-unbalanced-bracket", "--exclude", "["),
            ("exclude-climbs-out", "--exclude", "../*")])
        {
            yield return Plain("ledger-write-" + slug, ["ledger", "write", "--root", "r", option, glob, "-o", "out.sums"], f => f.Write("r/a.txt", "a\n"));
        }

        // Command lines that do not parse: exit 2 with a code; a typo gets a did-you-mean naming the option.
        yield return Runnable("unknown-option", ["run", "--spce", "rungates.yml"], f => { }, CaseChecks.Names("--spec"));
        yield return Runnable("unknown-command", ["rnu"], f => { }, CaseChecks.Names("run"));
        yield return Plain("unknown-option-on-ledger-verify", ["ledger", "verify", "SHA256SUMS", "--strcit"], f => f.Write("SHA256SUMS", ""), CaseChecks.Names("--strict"));
        yield return Runnable("fail-on-not-a-verdict", ["run", "--fail-on", "bogus"], f => { });
        yield return Runnable("format-not-a-format", ["run", "--format", "yaml"], f => { });
        yield return Runnable("option-without-its-value", ["run", "--spec"], f => { });
        yield return Plain("ledger-verify-without-a-file", ["ledger", "verify"], f => { });
        yield return Plain("ledger-merge-without-o", ["ledger", "merge", "a.sums"], f => f.Write("a.sums", ""));
        yield return Template("invalidate-without-reason", ["bundle", "invalidate", CommittedBundleTemplate.RunId], f => { });
        yield return Template("explain-too-many-arguments", ["explain", "answer", "extra"], f => { });
        yield return Template("explain-unknown-check", ["explain", "no-such-check"], f => { });
        // explain describes the check even before any run (exit 0); a missing bundle may also be RG4007.
        yield return Runnable("explain-without-any-bundle", ["explain", "g"], f => { }, exits: [0, 3]);

        // explain on a damaged results.json: a clear error at its position, never a parser's exception.
        yield return Explain("malformed", "{ \"checks\": [ { \"id\": ", position: true);
        yield return Explain("not-json", "garbage", position: true);
        yield return Explain("nesting-100k", HostileText.NestedJsonArray(100_000), position: false);
        yield return Explain("wrong-shape", "{ \"checks\": 42 }", position: false);
        yield return Explain("empty", "", position: false);
        yield return new(Name("explain-results-json-is-a-fifo"), Evidence, f =>
        {
            f.CommittedBundle();
            f.SwapForFifo(CommittedBundleTemplate.Bundle + "/results.json");
        }, ["explain", "answer"], Usage().OrCodedExit(3).And(CaseChecks.Names("results.json")));

        // Runbooks that are not regular files, or not there: RG1011 (or another RG1xxx), exit 2, no hang.
        yield return Plain("spec-is-a-fifo", ["run", "--spec", "rungates.yml"], f => f.Fifo("rungates.yml"), owner: Evidence);
        yield return Plain("spec-is-dev-zero", ["run", "--spec", "/dev/zero"], f => { }, owner: Evidence);
        yield return Plain("spec-is-dev-urandom", ["bundle", "list", "--spec", "/dev/urandom"], f => { }, owner: Evidence);
        yield return Plain("spec-is-proc-self-status", ["run", "--spec", "/proc/self/status"], f => { }, owner: Evidence);
        yield return Plain("spec-folder-without-runbook", ["run", "--spec", "empty"], f => f.Folder("empty"));
        yield return Plain("spec-missing", ["run", "--spec", "nowhere.yml"], f => { });
        yield return Plain("spec-is-a-link-to-dev-zero", ["run"], f => f.Symlink("rungates.yml", "/dev/zero"), owner: Evidence);

        // Signals while a step runs: the step's whole tree ends, the bundle stays uncommitted, exit 128 + signal.
        yield return Signalled("sigterm-during-a-step", [CaseSignal.Terminate], 143);
        yield return Signalled("sigint-during-a-step", [CaseSignal.Interrupt], 130);
        yield return Signalled("sigterm-twice-during-a-step", [CaseSignal.Terminate, CaseSignal.Terminate], 143);
        yield return Signalled("sigint-then-sigterm-during-a-step", [CaseSignal.Interrupt, CaseSignal.Terminate], 130, 143);
        yield return new(Name("sigterm-during-a-preflight-command"), Cli, f => f.Write("rungates.yml", HostileText.RunbookHead
            + $"preflight:\n  - {{ id: slow, command: [sh, -c, \"touch '{f["started"]}'; exec sleep 300\"] }}\n"
            + "gates:\n  - { id: g, files: [a.json] }\n"),
            ["run"], Signal(143).And(CaseChecks.NotCommitted())) { Signal = new CaseSignal("started", [CaseSignal.Terminate]) };
    }

    private static string Name(string slug) => "command-line/" + slug;

    /// <summary>A command that needs no runbook; exit 2 (or <paramref name="exits"/>) with nothing written.</summary>
    private static HostileCase Plain(string slug, string[] args, Action<CaseFolder> setup, params CaseCheck[] checks) => Plain(slug, args, setup, Cli, checks);

    private static HostileCase Plain(string slug, string[] args, Action<CaseFolder> setup, string owner, params CaseCheck[] checks) =>
        new(Name(slug), owner, setup, args, Usage().And(checks));

    /// <summary>A command over a passing runbook in the case's folder.</summary>
    private static HostileCase Runnable(string slug, string[] args, Action<CaseFolder> setup, params CaseCheck[] checks) => Runnable(slug, args, setup, [2], checks);

    private static HostileCase Runnable(string slug, string[] args, Action<CaseFolder> setup, int[] exits, params CaseCheck[] checks) =>
        new(Name(slug), Cli, f =>
        {
            f.Write("rungates.yml", Passing);
            f.Write("ev/a.json", "{}");
            setup(f);
        }, args, (exits.Contains(2) ? Usage() : Integrity(AnyCode).OrCodedExit(2).OrExit(exits)).And(checks));

    /// <summary>A command run unprivileged against a folder made read-only: exit 2, RG0003 naming the folder, nothing written.</summary>
    private static HostileCase Unwritable(string slug, string[] args, Action<CaseFolder> setup) =>
        new(Name(slug), Cli, setup, args, Usage("RG0003").And(CaseChecks.Names("out"), CaseChecks.NotCommitted())) { Unprivileged = true };

    private static void ReadOnly(string folder)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }
    }

    /// <summary>A command over the committed template bundle (see <see cref="CommittedBundleTemplate"/>).</summary>
    private static HostileCase Template(string slug, string[] args, Action<CaseFolder> setup) =>
        new(Name(slug), Cli, f =>
        {
            f.CommittedBundle();
            setup(f);
        }, args, Usage());

    private static HostileCase Explain(string slug, string results, bool position)
    {
        var expectation = Usage().OrCodedExit(3).And(CaseChecks.Names("results.json"));
        return new(Name("explain-results-json-" + slug), Cli, f =>
        {
            f.CommittedBundle();
            File.WriteAllText(f[CommittedBundleTemplate.Bundle + "/results.json"], results);
        }, ["explain", "answer"], position ? expectation.At(@"results\.json\(\d+,\d+\)") : expectation);
    }

    private static HostileCase Signalled(string slug, int[] signals, params int[] exits) =>
        new(Name(slug), Cli, f =>
        {
            var step = $"sleep 300 & echo $! > '{f["grandchild.pid"]}'; touch '{f["started"]}'; wait";
            f.Write("rungates.yml", HostileText.RunbookHead.Replace("  evidence: ev\n", $"  evidence: ev\n  steps:\n    - id: slow\n      run: \"{step}\"\n", StringComparison.Ordinal)
                + "gates:\n  - { id: g, files: [a.json] }\n");
            f.Write("ev/a.json", "{}");
        }, ["run"], (Signal(exits[0]) with { Exits = exits, Coded = exits }).And(CaseChecks.NotCommitted(), CaseChecks.ProcessEnded("grandchild.pid")))
        {
            Signal = new CaseSignal("started", signals),
        };
}
