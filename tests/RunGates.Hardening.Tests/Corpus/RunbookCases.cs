using System.Text;
using static RunGates.Hardening.Tests.Corpus.CaseExpectation;
using static RunGates.Hardening.Tests.Corpus.HostileText;

namespace RunGates.Hardening.Tests.Corpus;

/// <summary>Hostile runbooks run with <c>rungates run</c>: broken YAML, expansion bombs, deep nesting, huge lines, bad run ids and bundles folders.</summary>
internal static class RunbookCases
{
    private const string Yaml = "yaml-limits";
    private const string Cli = "cli";
    private const string Gate = "gates:\n  - { id: g, files: [a.json] }\n";

    public static IEnumerable<HostileCase> All()
    {
        // YAML syntax breakage: RG1xxx at the line and column, nothing written.
        yield return Text("unclosed-flow-sequence-in-steps", Yaml, RunbookHead.Replace("  evidence: ev\n", "  evidence: ev\n  steps: [\n", StringComparison.Ordinal) + Gate);
        yield return Text("unclosed-flow-sequence-at-end", Yaml, RunbookHead + "gates: [ { id: g, files: [a.json] }");
        yield return Text("unclosed-flow-mapping", Yaml, RunbookHead + "gates:\n  - { id: g, files: [a.json]\n");
        yield return Text("unclosed-double-quote", Yaml, "version: 1\nname: \"hostile\nrun: { bundles: out }\n");
        yield return Text("unclosed-single-quote", Yaml, "version: 1\nname: 'hostile\nrun: { bundles: out }\n");
        yield return Text("tab-indentation", Yaml, "version: 1\nname: hostile\nrun:\n\tbundles: out\n");
        yield return Text("bad-dedent", Yaml, "version: 1\nname: hostile\nrun:\n    bundles: out\n  evidence: ev\n");
        yield return Text("mapping-inside-plain-scalar", Yaml, "version: 1\nname: a: b\n");
        yield return Text("undefined-alias", Yaml, "version: 1\nname: *nowhere\n");
        yield return Text("stray-closing-bracket", Yaml, RunbookHead + "gates: ]\n");
        yield return Text("unbalanced-brackets", Yaml, RunbookHead + "gates: [ { id: g, files: [a.json } ]\n");
        yield return Text("two-documents", Yaml, RunbookHead + "---\n" + RunbookHead);
        yield return Text("nul-byte", Yaml, "version: 1\nname: hos\0tile\n");
        yield return Bytes("invalid-utf8", Yaml, [.. Encoding.UTF8.GetBytes("version: 1\nname: "), 0xff, 0xfe, 0xc3, (byte)'\n']);
        yield return Bytes("bom-then-tab", Yaml, [0xef, 0xbb, 0xbf, .. Encoding.UTF8.GetBytes("version: 1\n\tname: x\n")]);
        yield return Text("control-character", Yaml, "version: 1\nname: hos\u0007tile\n");
        yield return Text("bad-directive", Yaml, "%FOO bar\n--- \nversion: 1\n");
        yield return Loads("yaml-1.3-directive", "%YAML 1.3\n---\n" + RunbookHead + Gate);
        yield return Text("directive-without-document", Yaml, "%YAML 1.2\n");
        yield return Loads("unknown-tag", RunbookHead.Replace("version: 1", "version: !custom 1", StringComparison.Ordinal) + Gate);
        yield return Text("binary-tag-garbage", Yaml, RunbookHead.Replace("name: hostile", "name: !!binary \"@@@\"", StringComparison.Ordinal) + Gate);
        yield return Text("complex-key", Yaml, RunbookHead + "? [a, b]\n: c\n");
        yield return Text("bad-block-scalar-indicator", Yaml, "version: 1\nname: |0\n  hostile\n");
        yield return Text("anchor-on-nothing", Yaml, "version: 1\nname: &a\n");
        yield return Text("duplicate-anchor-then-alias", Yaml, "version: 1\nname: &a x\nrun: &a { bundles: out }\nx-other: *a\n");
        yield return Text("duplicate-key", Yaml, RunbookHead + "version: 1\n" + Gate);
        yield return Text("top-level-scalar", Yaml, "hostile\n");
        yield return Text("top-level-sequence", Yaml, "- version: 1\n- name: hostile\n");
        yield return new(Name("empty-file"), Yaml, f => f.Write("rungates.yml", ""), ["run"], Usage(@"RG1\d{3}"));
        yield return new(Name("only-a-comment"), Yaml, f => f.Write("rungates.yml", "# nothing here\n"), ["run"], Usage(@"RG1\d{3}"));

        // Limits (issue #13): RG1001 naming the limit and the position, fast, in bounded memory.
        yield return Limit("billion-laughs", RunbookHead + "x-bomb:\n" + BillionLaughs() + Gate);
        yield return Limit("billion-laughs-in-a-check", RunbookHead + "gates:\n  - id: g\n    description:\n" + BillionLaughs(9, "      ") + "    files: [a.json]\n");
        yield return Limit("billion-laughs-in-an-in-list", RunbookHead + "gates:\n  - id: g\n    file: a.json\n    expect:\n      a:\n        in:\n" + BillionLaughs(9, "          "));
        yield return Limit("billion-laughs-of-mappings", RunbookHead + "x-bomb:\n" + BillionLaughsMappings() + Gate);
        yield return Limit("merge-key-bomb", RunbookHead + "x-bomb:\n" + MergeKeyBomb() + Gate);
        yield return Limit("alias-flood-1m", RunbookHead + "x-flood:\n" + AliasFlood(1_000_000) + Gate);
        yield return Limit("recursive-alias-sequence", RunbookHead + "x-loop: &r [*r]\n" + Gate);
        yield return Limit("recursive-alias-mapping", RunbookHead + "x-loop: &m { a: *m }\n" + Gate);
        yield return Limit("recursive-alias-in-gates", RunbookHead + "gates: &g [ { id: g, files: *g } ]\n");
        yield return Limit("nesting-10k-flow-sequences", RunbookHead + "gates: " + NestedFlowSequence(10_000) + "\n");
        yield return Limit("nesting-40k-flow-sequences", RunbookHead + "gates: " + NestedFlowSequence(40_000) + "\n");
        yield return Limit("nesting-100k-flow-sequences", RunbookHead + "gates: " + NestedFlowSequence(100_000) + "\n");
        yield return Limit("nesting-100k-unclosed", RunbookHead + "gates: " + NestedFlowSequence(100_000, closed: false) + "\n");
        yield return Limit("nesting-40k-flow-mappings", RunbookHead + "x-deep: " + NestedFlowMapping(40_000) + "\n" + Gate);
        yield return Limit("nesting-10k-block-sequences", RunbookHead + "x-deep: " + NestedBlockSequence(10_000) + "\n" + Gate);
        yield return Limit("nesting-10k-in-an-expect", RunbookHead + "gates:\n  - id: g\n    file: a.json\n    expect: " + NestedFlowMapping(10_000) + "\n");
        yield return Limit("huge-line-2mib-value", RunbookHead + "gates:\n  - id: g\n    description: \"" + Long(2 << 20) + "\"\n    files: [a.json]\n");
        yield return Limit("huge-line-2mib-key", RunbookHead + Long(2 << 20, 'k') + ": 1\n" + Gate);
        yield return Limit("huge-line-2mib-comment", RunbookHead + "# " + Long(2 << 20, 'c') + "\n" + Gate);
        yield return new(Name("huge-document-72mib"), Yaml, f => f.WriteStreamed("rungates.yml", w =>
        {
            w.Write(RunbookHead + Gate);
            var line = "# " + Long(97, 'c') + "\n";
            for (var i = 0; i < 72 * 10_486; i++)
            {
                w.Write(line);
            }
        }), ["run"], RunbookError("RG1001"));

        // Run ids (RG1015 for the issue's three; RG1xxx for the other reserved or unusable names).
        yield return RunId("LATEST", "LATEST", "RG1015");
        yield return RunId("status.jsonl", "status.jsonl", "RG1015");
        yield return RunId("utc-percent", "\"{utc:%}\"", "RG1015");
        yield return RunId("rungates-lock", ".rungates-lock");
        yield return RunId("dot-dot", "\"..\"");
        yield return RunId("dot", "\".\"");
        yield return RunId("slash", "a/b");
        yield return RunId("climbs-out", "../escape");
        yield return RunId("absolute", "/tmp/escape");
        yield return RunId("empty", "\"\"");
        yield return RunId("unclosed-placeholder", "\"{utc:yyyy\"");
        yield return RunId("unknown-placeholder", "\"{nowhere}\"");
        yield return RunId("unclosed-quote-in-format", "\"{utc:'}\"");
        yield return RunId("nul", "\"a\\0b\"");
        yield return RunId("newline", "\"a\\nb\"");

        // A bundles or evidence folder that cannot be one: exit 2 before any bundle is opened.
        yield return new(Name("bundles-is-a-file"), Cli, f => Layout(f, "out").Write("out", "a file"), ["run"], Usage());
        yield return new(Name("bundles-under-a-file"), Cli, f => Layout(f, "out/x").Write("out", "a file"), ["run"], Usage());
        yield return new(Name("bundles-under-dev-null"), Cli, f => Layout(f, "/dev/null/out"), ["run"], Usage());
        yield return new(Name("bundles-is-dev-null"), Cli, f => Layout(f, "/dev/null"), ["run"], Usage());
        yield return new(Name("bundles-under-proc"), Cli, f => Layout(f, "/proc/self/rungates-out"), ["run"], Usage());
        yield return new(Name("bundles-option-is-a-file"), Cli, f => Layout(f, "out").Write("file", "a file"), ["run", "--bundles", "file"], Usage());
        yield return new(Name("evidence-is-a-file"), Cli, f =>
        {
            f.Write("ev", "a file");
            f.Write("rungates.yml", RunbookHead + Gate);
        }, ["run"], Usage());
        yield return new(Name("evidence-option-is-dev-null"), Cli, f => Layout(f, "out"), ["run", "--evidence", "/dev/null"], Usage());

        // Contract errors: RG1xxx with the position and, for typos, a did-you-mean naming the right key.
        yield return Text("unknown-top-level-key", Cli, RunbookHead + "gatse:\n  - { id: g, files: [a.json] }\n", "RG1002", CaseChecks.Names("'gates'"));
        yield return Text("unknown-check-key", Cli, RunbookHead + "gates:\n  - { id: g, file: a.json, expct: { a: 1 } }\n", "RG1002", CaseChecks.Names("'expect'"));
        yield return Text("version-2", Cli, RunbookHead.Replace("version: 1", "version: 2", StringComparison.Ordinal) + Gate, "RG1008");
        yield return Text("duplicate-check-ids", Cli, RunbookHead + "gates:\n  - { id: g, files: [a] }\n  - { id: g, files: [b] }\n", "RG1005");
        yield return Text("invalid-regex", Cli, RunbookHead + "gates:\n  - { id: g, file: a.json, expect: { a: { matches: \"([\" } } }\n", "RG1006");
        yield return Text("unbalanced-glob", Cli, RunbookHead + "gates:\n  - { id: g, each: \"[abc\", expect: { a: 1 } }\n", "RG1007");
        yield return Text("glob-climbing-out", Cli, RunbookHead + "gates:\n  - { id: g, each: \"../*\", expect: { a: 1 } }\n", "RG1007");
        yield return Text("bad-timeout", Cli, RunbookHead.Replace("  evidence: ev\n", "  evidence: ev\n  steps: [ { id: s, run: \"true\", timeout: forever } ]\n", StringComparison.Ordinal) + Gate, "RG1003");
        yield return Text("wrong-type-gates", Cli, RunbookHead + "gates: 42\n", "RG1003");
        yield return Text("bad-severity", Cli, RunbookHead + "gates:\n  - { id: g, files: [a], severity: fatal }\n");
    }

    private static string Name(string slug) => "runbook/" + slug;

    private static HostileCase Text(string slug, string owner, string runbook, string code = @"RG1\d{3}", params CaseCheck[] checks) =>
        new(Name(slug), owner, f => f.Write("rungates.yml", runbook), ["run"], RunbookError(code).And(checks));

    /// <summary>YAML a processor may read with a warning (an unknown tag, a later version's directive): a verdict or RG1xxx, never a crash.</summary>
    private static HostileCase Loads(string slug, string runbook) =>
        new(Name(slug), Yaml, f => f.Write("rungates.yml", runbook), ["run"], RunbookError().OrExit(0, 1));

    private static HostileCase Bytes(string slug, string owner, byte[] runbook) =>
        new(Name(slug), owner, f => f.WriteBytes("rungates.yml", runbook), ["run"], RunbookError());

    private static HostileCase Limit(string slug, string runbook) => Text(slug, Yaml, runbook, "RG1001");

    /// <summary>
    /// A run id the issue names must be RG1015. Any other unusable id is RG1xxx, or is made usable (a run that
    /// commits a bundle inside the bundles folder and never beside or above it).
    /// </summary>
    private static HostileCase RunId(string slug, string id, string? code = null) =>
        new(Name("run-id-" + slug), Cli, f =>
        {
            f.Write("rungates.yml", RunbookHead.Replace("  evidence: ev\n", $"  evidence: ev\n  id: {id}\n", StringComparison.Ordinal) + Gate);
            f.Write("ev/a.json", "{}");
        }, ["run"], code is not null ? RunbookError(code) : RunbookError().OrExit(0, 1).And(CaseChecks.WroteOnlyUnder("out/"), BundleInsideBundles()));

    /// <summary>A run that went ahead put its bundle directly in out/ (out/&lt;id&gt;/run.json), not nested, not elsewhere.</summary>
    private static CaseCheck BundleInsideBundles() => new("a run that went ahead has its bundle at out/<id>/", run =>
    {
        if (run.ExitCode is not (0 or 1))
        {
            return null;
        }

        var bundles = run.Written("run.json").ToList();
        return bundles.Count == 1 && bundles[0].Split('/') is ["out", _, "run.json"] ? null : $"run.json written at: {string.Join(", ", bundles)}";
    });

    private static CaseFolder Layout(CaseFolder folder, string bundles)
    {
        folder.Write("rungates.yml", RunbookHead.Replace("bundles: out", $"bundles: {bundles}", StringComparison.Ordinal) + Gate);
        folder.Write("ev/a.json", "{}");
        return folder;
    }
}
