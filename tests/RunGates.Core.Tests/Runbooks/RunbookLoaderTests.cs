using System.Security.Cryptography;
using RunGates.Core.Checks;
using RunGates.Core.Evidence;
using RunGates.Core.Runbooks;
using RunGates.Core.Verdicts;

namespace RunGates.Core.Tests.Runbooks;

public sealed class RunbookLoaderTests
{
    /// <summary>The contract's example from DESIGN.md, plus every key it leaves out.</summary>
    internal const string FullRunbook = """
        version: 1
        name: helios
        states: { pass: CERTIFIED, partial: PARTIAL, incomplete: IN-PROGRESS, reject: REJECT }

        run:
          bundles: out/helios
          id: "{utc:yyyyMMdd'T'HHmmss}-{git.short}"
          seed: ${RUN_SEED}
          evidence: "{run}"
          record: { env: [AGI_ADAPTER_MODE], tools: [dotnet, node] }
          steps:
            - { id: mission, run: "make -C demo/helios mission", timeout: 20m }
            - id: render
              run: [python3, render.py, --frames, 12]
              timeout: 1h30m
              cwd: demo/render
              env: { MODE: "${MODE:-strict}", FRAMES: 12 }

        secrets: [RPC_URL, DEPLOYER_KEY]

        preflight:
          - { id: inputs, files: [config/run.yml, project-plan.json] }
          - id: canonical-mode
            file: config/run.yml
            expect: { canonical.family: natario, canonical.chart: comoving_cartesian }
          - id: caps
            file: config/strobe.json
            expect: { duty.burst: { max: 0.25 }, sectors.live: { min: 1, max: 16 } }
          - { id: toolchain, tools: { node: { version-file: .nvmrc }, dotnet: { version: 10.0.100 }, jq: "1.7" } }
          - { id: secrets-present, env: [RPC_URL, DEPLOYER_KEY] }
          - { id: docs, links: ["docs/**/*.md", README.md], severity: advisory, description: Docs resolve }
          - { id: signers, command: [npm, run, ci:verify-signers], severity: blocker }
          - { id: lint, command: "make lint", timeout: 90s, exit-code: 3 }

        gates:
          - { id: gtt-residual, severity: blocker, file: diagnostics.json, expect: { strict.gttResidual: PASS } }
          - id: seed-aligned
            severity: blocker
            same: [ { diagnostics.json: seed }, { proofs.json: meta.seed }, { run: seed } ]
          - id: no-blocking-risk
            each: receipts/*.json
            expect: { "risks[*].code": { not-in: [BLOCK, HALT] } }
          - id: signed-derivations
            each: derivations/*.yaml
            when: { kind: derivation }
            infeasible-when: { status: { in: [infeasible] } }
            expect:
              git_sha: { matches: "^[0-9a-f]{40}$" }
              reviewer: { exists: true, not-equal-field: author }
              /meta/count: { type: integer, not: 0 }
          - { id: tier-c-never-lockable, each: derivations/*.yaml, when: { cost_tier: C }, expect: { lockability: { not: lockable } } }
          - { id: artefacts-intact, ledger: reports/helios/SHA256SUMS }
          - { id: reproducible, reproducible: { against: LATEST, ignore: ["**/*.log"] } }
          - { id: review, approvals: { min: 2, not-author: false }, severity: blocker }

        waivers:
          - { check: docs, reason: "link target moves next sprint", by: alice, expires: 2026-12-31 }

        ledger:
          root: reports/helios
          include: ["**/*"]
          exclude: ["**/*.tmp"]
          file: SHA256SUMS
          copy-to: dist/SHA256SUMS

        promote:
          requires: partial
          packet: packet.json
        """;

    private static readonly Dictionary<string, string> Environment = new() { ["RUN_SEED"] = "4242" };

    [Fact]
    public void Full_runbook_loads_every_key_into_the_model()
    {
        using var folder = new RunbookFolder(FullRunbook);
        var runbook = folder.Load(Environment);

        Assert.Equal(folder.File, runbook.SourcePath);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(folder.File))), runbook.Digest);
        Assert.Equal(1, runbook.Version);
        Assert.Equal("helios", runbook.Name);
        Assert.Equal(new VerdictNames("CERTIFIED", "PARTIAL", "IN-PROGRESS", "REJECT"), runbook.States);

        var run = runbook.Run;
        Assert.Equal(Path.Combine(folder.Path, "out", "helios"), run.Bundles);
        Assert.Equal("{utc:yyyyMMdd'T'HHmmss}-{git.short}", run.IdTemplate);
        Assert.Equal("4242", run.Seed);
        Assert.Equal("{run}", run.Evidence);
        Assert.Equal(["AGI_ADAPTER_MODE"], run.Record.Env);
        Assert.Equal(["dotnet", "node"], run.Record.Tools);
        Assert.Equal(2, run.Steps.Count);
        Assert.Equal("mission", run.Steps[0].Id);
        Assert.Equal("make -C demo/helios mission", run.Steps[0].Command.ShellText);
        Assert.Equal(TimeSpan.FromMinutes(20), run.Steps[0].Timeout);
        Assert.Equal(new SourcePosition(folder.File, 12, 13), run.Steps[0].Position);
        Assert.Equal(["python3", "render.py", "--frames", "12"], run.Steps[1].Command.Arguments);
        Assert.Null(run.Steps[1].Command.ShellText);
        Assert.Equal(TimeSpan.FromMinutes(90), run.Steps[1].Timeout);
        Assert.Equal("demo/render", run.Steps[1].WorkingDirectory);
        Assert.Equal("strict", run.Steps[1].Environment["MODE"]);
        Assert.Equal("12", run.Steps[1].Environment["FRAMES"]);

        Assert.Equal(["RPC_URL", "DEPLOYER_KEY"], runbook.Secrets);

        Assert.Equal(["inputs", "canonical-mode", "caps", "toolchain", "secrets-present", "docs", "signers", "lint"], runbook.Preflight.Select(c => c.Id));
        Assert.All(runbook.Preflight, c => Assert.Equal(Phase.Preflight, c.Phase));
        Assert.Equal(["config/run.yml", "project-plan.json"], Assert.IsType<FilesCheck>(runbook.Preflight[0]).Paths);
        Assert.Equal(Severity.Required, runbook.Preflight[0].Severity);
        Assert.Equal(new SourcePosition(folder.File, 22, 11), runbook.Preflight[0].Position);

        var canonical = Assert.IsType<ExpectCheck>(runbook.Preflight[1]);
        Assert.Equal("config/run.yml", canonical.File);
        Assert.Null(canonical.Each);
        Assert.Equal(["canonical.family", "canonical.chart"], canonical.Expect.Fields().Select(e => e.Path.Text));
        var family = Assert.Single(canonical.Expect.Fields()[0].Matchers);
        Assert.Equal(MatcherKind.EqualTo, family.Kind);
        Assert.Equal("natario", family.Value!.Text);
        Assert.Equal(new SourcePosition(folder.File, 25, 15), canonical.Expect.Fields()[0].Position);
        Assert.Equal(new SourcePosition(folder.File, 25, 33), family.Value.Position);

        var caps = Assert.IsType<ExpectCheck>(runbook.Preflight[2]);
        Assert.Equal(MatcherKind.Max, Assert.Single(caps.Expect.Fields()[0].Matchers).Kind);
        Assert.Equal(0.25, caps.Expect.Fields()[0].Matchers[0].Value!.Number);
        Assert.Equal([MatcherKind.Min, MatcherKind.Max], caps.Expect.Fields()[1].Matchers.Select(m => m.Kind));
        Assert.Equal(16, caps.Expect.Fields()[1].Matchers[1].Value!.Number);

        var tools = Assert.IsType<ToolsCheck>(runbook.Preflight[3]).Tools;
        Assert.Equal(["node", "dotnet", "jq"], tools.Select(t => t.Tool));
        Assert.Equal(".nvmrc", tools[0].VersionFile);
        Assert.Null(tools[0].Version);
        Assert.Equal("10.0.100", tools[1].Version);
        Assert.Equal("1.7", tools[2].Version);

        Assert.Equal(["RPC_URL", "DEPLOYER_KEY"], Assert.IsType<EnvCheck>(runbook.Preflight[4]).Variables);
        var docs = Assert.IsType<LinksCheck>(runbook.Preflight[5]);
        Assert.Equal(["docs/**/*.md", "README.md"], docs.Patterns);
        Assert.Equal(Severity.Advisory, docs.Severity);
        Assert.Equal("Docs resolve", docs.Description);
        var signers = Assert.IsType<CommandCheck>(runbook.Preflight[6]);
        Assert.Equal(["npm", "run", "ci:verify-signers"], signers.Command.Arguments);
        Assert.Equal(Severity.Blocker, signers.Severity);
        Assert.Equal(CommandCheck.DefaultTimeout, signers.Timeout);
        Assert.Equal(0, signers.ExitCode);
        var lint = Assert.IsType<CommandCheck>(runbook.Preflight[7]);
        Assert.Equal("make lint", lint.Command.ShellText);
        Assert.Equal(TimeSpan.FromSeconds(90), lint.Timeout);
        Assert.Equal(3, lint.ExitCode);

        Assert.All(runbook.Gates, c => Assert.Equal(Phase.Gates, c.Phase));
        Assert.Equal(Severity.Blocker, runbook.Gates[0].Severity);
        var same = Assert.IsType<SameCheck>(runbook.Gates[1]);
        Assert.Equal(["diagnostics.json", "proofs.json", "run"], same.Sources.Select(s => s.File));
        Assert.Equal(["seed", "meta.seed", "seed"], same.Sources.Select(s => s.Path.Text));
        Assert.True(same.Sources[2].IsRun);

        var risk = Assert.IsType<ExpectCheck>(runbook.Gates[2]);
        Assert.Equal("receipts/*.json", risk.Each);
        Assert.True(risk.Expect.Fields()[0].Path.HasWildcard);
        var notIn = Assert.Single(risk.Expect.Fields()[0].Matchers);
        Assert.Equal(MatcherKind.NotIn, notIn.Kind);
        Assert.Equal(["BLOCK", "HALT"], notIn.Values.Select(v => v.Text));

        var signed = Assert.IsType<ExpectCheck>(runbook.Gates[3]);
        Assert.Equal("kind", Assert.Single(signed.When.Fields()).Path.Text);
        Assert.Equal(MatcherKind.In, Assert.Single(Assert.Single(signed.InfeasibleWhen.Fields()).Matchers).Kind);
        var sha = Assert.Single(signed.Expect.Fields()[0].Matchers);
        Assert.Equal(MatcherKind.Matches, sha.Kind);
        Assert.Matches(sha.Pattern!, new string('a', 40));
        Assert.Equal(TimeSpan.FromSeconds(2), sha.Pattern!.MatchTimeout);
        Assert.Equal([MatcherKind.Exists, MatcherKind.NotEqualField], signed.Expect.Fields()[1].Matchers.Select(m => m.Kind));
        Assert.Equal(true, signed.Expect.Fields()[1].Matchers[0].Value!.Boolean);
        Assert.Equal("author", signed.Expect.Fields()[1].Matchers[1].Reference!.Text);
        Assert.Equal("/meta/count", signed.Expect.Fields()[2].Path.Text);
        Assert.Equal(EvidenceNodeKind.Number, signed.Expect.Fields()[2].Matchers[1].Value!.Kind);

        Assert.Equal("reports/helios/SHA256SUMS", Assert.IsType<LedgerCheck>(runbook.Gates[5]).Ledger);
        var reproducible = Assert.IsType<ReproducibleCheck>(runbook.Gates[6]);
        Assert.Equal(ReproducibleCheck.Latest, reproducible.Against);
        Assert.Equal(["**/*.log"], reproducible.Ignore);
        var review = Assert.IsType<ApprovalsCheck>(runbook.Gates[7]);
        Assert.Equal(2, review.Min);
        Assert.False(review.NotAuthor);

        var waiver = Assert.Single(runbook.Waivers);
        Assert.Equal(("docs", "link target moves next sprint", "alice", new DateOnly(2026, 12, 31)), (waiver.Check, waiver.Reason, waiver.By, waiver.Expires));
        Assert.Equal(new SourcePosition(folder.File, 57, 5), waiver.Position);

        var ledger = runbook.Ledger!;
        Assert.Equal(("reports/helios", "SHA256SUMS", "dist/SHA256SUMS"), (ledger.Root, ledger.File, ledger.CopyTo));
        Assert.Equal(["**/*"], ledger.Include);
        Assert.Equal(["**/*.tmp"], ledger.Exclude);
        Assert.Equal(new PromoteSettings(Verdict.Partial, "packet.json", new SourcePosition(folder.File, 67, 3)), runbook.Promote);
    }

    [Fact]
    public void Minimal_runbook_gets_the_defaults()
    {
        using var folder = new RunbookFolder("version: 1\nname: mini\nstates: { pass: OK }\n");
        var runbook = folder.Load();

        Assert.Equal(Path.Combine(folder.Path, "out", "mini"), runbook.Run.Bundles);
        Assert.Equal(RunSettings.DefaultIdTemplate, runbook.Run.IdTemplate);
        Assert.Equal("{run}", runbook.Run.Evidence);
        Assert.Null(runbook.Run.Seed);
        Assert.Empty(runbook.Run.Steps);
        Assert.Equal(VerdictNames.Default with { Pass = "OK" }, runbook.States);
        Assert.Null(runbook.Ledger);
        Assert.Null(runbook.Promote);
        Assert.Empty(runbook.Checks);
    }

    [Fact]
    public void Promote_and_ledger_sections_fill_their_defaults()
    {
        var runbook = RunbookFolder.LoadOf("version: 1\nname: d\nledger: { root: r }\npromote: {}\ngates: [ { id: a, each: x/*.json, expect: { v: 1 } } ]\n");

        Assert.Equal(["**/*"], runbook.Ledger!.Include);
        Assert.Equal("SHA256SUMS", runbook.Ledger.File);
        Assert.Equal(Verdict.Pass, runbook.Promote!.Requires);
        Assert.Equal(PromoteSettings.DefaultPacket, runbook.Promote.Packet);
        Assert.Equal(Severity.Required, runbook.Gates[0].Severity);
    }

    [Fact]
    public void Bundles_resolve_against_the_runbook_folder_and_evidence_stays_as_written()
    {
        var runbook = RunbookFolder.LoadOf("version: 1\nname: b\nrun: { bundles: ../elsewhere/bundles, evidence: data/out }\n");

        Assert.True(Path.IsPathFullyQualified(runbook.Run.Bundles));
        Assert.EndsWith(Path.Combine("elsewhere", "bundles"), runbook.Run.Bundles, StringComparison.Ordinal);
        Assert.Equal("data/out", runbook.Run.Evidence);
    }

    [Fact]
    public void Variables_expand_from_the_environment_given_with_defaults_and_escapes()
    {
        var runbook = RunbookFolder.LoadOf(
            "version: 1\nname: v\nrun:\n  bundles: ${OUT:-out/default}\n  seed: ${SEED}-${SUFFIX:-x}\n  evidence: $${NOT_A_VAR}\n",
            new Dictionary<string, string> { ["SEED"] = "7", ["SUFFIX"] = "" });

        Assert.EndsWith(Path.Combine("out", "default"), runbook.Run.Bundles, StringComparison.Ordinal);
        Assert.Equal("7-x", runbook.Run.Seed);
        Assert.Equal("${NOT_A_VAR}", runbook.Run.Evidence);
    }

    [Fact]
    public void A_set_variable_wins_over_its_default()
    {
        var runbook = RunbookFolder.LoadOf("version: 1\nname: v\nrun: { seed: \"${SEED:-1}\" }\n", new Dictionary<string, string> { ["SEED"] = "99" });

        Assert.Equal("99", runbook.Run.Seed);
    }

    [Fact]
    public void Variables_expand_inside_matcher_values_and_keep_their_position()
    {
        var runbook = RunbookFolder.LoadOf(
            "version: 1\nname: v\ngates:\n  - { id: g, file: a.json, expect: { mode: \"${MODE}\" } }\n",
            new Dictionary<string, string> { ["MODE"] = "strict" });

        var value = ((ExpectCheck)runbook.Gates[0]).Expect.Fields()[0].Matchers[0].Value!;
        Assert.Equal("strict", value.Text);
        Assert.Equal(4, value.Position.Line);
        Assert.Equal(44, value.Position.Column);
    }

    [Fact]
    public void Keys_are_not_expanded()
    {
        var runbook = RunbookFolder.LoadOf(
            "version: 1\nname: v\ngates:\n  - { id: g, file: a.json, expect: { \"${KEY}\": 1 } }\n",
            new Dictionary<string, string> { ["KEY"] = "expanded" });

        Assert.Equal("${KEY}", ((ExpectCheck)runbook.Gates[0]).Expect.Fields()[0].Path.Text);
    }

    [Fact]
    public void A_leading_byte_order_mark_is_accepted_and_counted_in_the_digest()
    {
        using var folder = new RunbookFolder("");
        var bytes = "\uFEFFversion: 1\nname: bom\n"u8.ToArray();
        File.WriteAllBytes(folder.File, [0xEF, 0xBB, 0xBF, .. "version: 1\nname: bom\n"u8.ToArray()]);

        var runbook = folder.Load();

        Assert.Equal("bom", runbook.Name);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(folder.File))), runbook.Digest);
        Assert.NotEmpty(bytes);
    }
}
