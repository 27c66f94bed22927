using System.Text;
using static RunGates.Hardening.Tests.Corpus.HostileText;

namespace RunGates.Hardening.Tests.Corpus;

/// <summary>
/// Hostile evidence under <c>rungates run</c>: each case's target check fails (or, where the hostile data still
/// compares as data, passes) on its own, a control check after it still passes, and the bundle is committed.
/// </summary>
internal static class EvidenceCases
{
    private const string Evidence = "evidence";
    private const string Yaml = "yaml-limits";
    private const string Ledger = "ledger";
    /// <summary>A file that is not a regular file is a failed check or a missing one, never a pass, a hang or the run's end.</summary>
    private const string NotRegular = "failed|missing";
    private const string Surrogates = """{ "v": "\ud800", "w": "\udc00", "same": "\ud800" }""";
    private static readonly string Aaa = Long(40) + "!";

    public static IEnumerable<HostileCase> All()
    {
        // Lone surrogates compare as data: never a crash, the outcome the comparison gives.
        yield return Surrogate("equals", "v: a", "failed");
        yield return Surrogate("not", "v: { not: a }", "passed");
        yield return Surrogate("in", "v: { in: [a, b] }", "failed");
        yield return Surrogate("not-in", "v: { not-in: [a, b] }", "passed");
        yield return Surrogate("matches", "v: { matches: \"^a$\" }", "failed");
        yield return Surrogate("not-equal-field-differs", "v: { not-equal-field: w }", "passed");
        yield return Surrogate("not-equal-field-same", "v: { not-equal-field: same }", "failed");
        yield return Surrogate("equals-field-same", "v: { equals-field: same }", "passed");
        yield return Surrogate("type", "v: { type: string }", "passed");
        yield return Surrogate("min", "v: { min: 1 }", "failed");
        yield return Case("surrogate-as-key", Evidence, f => f.Write("ev/s.json", """{ "\ud800": 1 }"""), "file: s.json\n    expect: { x: { exists: true } }", "failed");
        yield return Case("surrogate-in-same", Evidence, f => f.Write("ev/s.json", Surrogates), "same: [ { s.json: v }, { s.json: w } ]", "failed");
        yield return Case("surrogate-in-preflight", Evidence, f => f.Write("s.json", Surrogates), "file: s.json\n    expect: { v: a }", "failed", phase: "preflight");

        // JSON that does not parse, or nests too deep: a failed check at the position, never the run.
        yield return Json("nesting-10k-arrays", """{ "a": """ + NestedJsonArray(10_000) + " }");
        yield return Json("nesting-100k-arrays", """{ "a": """ + NestedJsonArray(100_000) + " }");
        yield return Json("nesting-100k-unclosed", NestedJsonArray(100_000, closed: false));
        yield return Json("nesting-10k-objects", NestedJsonObject(10_000));
        yield return Json("truncated", """{ "a": """);
        yield return Json("trailing-garbage", """{ "a": 1 } x""");
        yield return Json("nan", """{ "a": NaN }""");
        yield return Json("duplicate-keys", """{ "a": 1, "a": 1 }""");
        yield return Json("empty-file", "");
        yield return Json("invalid-escape", """{ "a": "\x41" }""");
        yield return Json("unescaped-control-character", "{ \"a\": \"\u0001\" }");
        yield return JsonBytes("invalid-utf8", [.. Encoding.UTF8.GetBytes("{ \"a\": \""), 0xff, 0xfe, .. Encoding.UTF8.GetBytes("\" }")]);
        yield return JsonBytes("nul", [.. Encoding.UTF8.GetBytes("{ \"a\": 1"), 0, .. Encoding.UTF8.GetBytes(" }")]);
        yield return Json("huge-4mib-value", """{ "a": " """ + Long(4 << 20) + "\" }");
        yield return Case("json-deep-among-each", Evidence, f =>
        {
            f.Write("ev/docs/good.json", """{ "a": 1 }""");
            f.Write("ev/docs/deep.json", NestedJsonArray(100_000));
        }, "each: docs/*.json\n    expect: { a: 1 }", "failed", CaseChecks.Names("deep.json"));

        // YAML evidence over a limit: a failed check naming the file and position, fast, in bounded memory.
        yield return YamlDoc("billion-laughs", "x:\n" + BillionLaughs() + "a: 1\n");
        yield return YamlDoc("billion-laughs-of-mappings", "x:\n" + BillionLaughsMappings() + "a: 1\n");
        yield return YamlDoc("merge-key-bomb", "x:\n" + MergeKeyBomb() + "a: 1\n");
        yield return YamlDoc("alias-flood-1m", "x:\n" + AliasFlood(1_000_000) + "a: 1\n");
        yield return YamlDoc("recursive-alias-sequence", "x: &r [*r]\na: 1\n");
        yield return YamlDoc("recursive-alias-mapping", "x: &m { k: *m }\na: 1\n");
        yield return YamlDoc("nesting-10k-flow-sequences", "x: " + NestedFlowSequence(10_000) + "\na: 1\n");
        yield return YamlDoc("nesting-100k-flow-sequences", "x: " + NestedFlowSequence(100_000) + "\na: 1\n");
        yield return YamlDoc("nesting-100k-unclosed", "x: " + NestedFlowSequence(100_000, closed: false) + "\n");
        yield return YamlDoc("nesting-10k-block-sequences", "x: " + NestedBlockSequence(10_000) + "\na: 1\n");
        yield return YamlDoc("nesting-40k-flow-mappings", "x: " + NestedFlowMapping(40_000) + "\na: 1\n");
        yield return YamlDoc("huge-line-2mib", "x: \"" + Long(2 << 20) + "\"\na: 2\n");
        yield return YamlDoc("unclosed-bracket", "a: [1, 2\n");
        yield return YamlDoc("tab-indentation", "x:\n\ty: 1\na: 1\n");
        yield return YamlDoc("undefined-alias", "a: *nowhere\n");
        yield return YamlDoc("nul-byte", "a: 1\0\n");
        yield return Case("yaml-bomb-among-each", Yaml, f =>
        {
            f.Write("ev/docs/good.yaml", "a: 1\n");
            f.Write("ev/docs/bomb.yaml", "x:\n" + BillionLaughs() + "a: 1\n");
        }, "each: docs/*.yaml\n    expect: { a: 1 }", "failed", CaseChecks.Names("bomb.yaml"));

        // Catastrophic regular expressions: the one check fails on its own, with its code; the run goes on and commits.
        yield return Regex("nested-quantifier", "^(a+)+$");
        yield return Regex("alternation", "^(a|aa)+$");
        yield return Regex("word-groups", "^(\\\\w+\\\\s?)*$");
        yield return Regex("backreference", "^(a+)+\\\\1$");
        yield return Regex("lookahead", "^(?=(a+)+$)a");
        yield return Case("regex-on-a-1mib-value", Evidence, f => f.Write("ev/r.json", $$"""{ "v": "{{Long(1 << 20)}}!" }"""),
            "file: r.json\n    expect: { v: { matches: \"^(a|a)*$\" } }", "failed");
        yield return Case("regex-in-each", Evidence, f =>
        {
            foreach (var name in (string[])["a", "b", "c"])
            {
                f.Write($"ev/docs/{name}.json", $$"""{ "v": "{{Aaa}}" }""");
            }
        }, "each: docs/*.json\n    expect: { v: { matches: \"^(a+)+$\" } }", "failed");
        yield return Case("regex-in-preflight", Evidence, f => f.Write("r.json", $$"""{ "v": "{{Aaa}}" }"""),
            "file: r.json\n    expect: { v: { matches: \"^(a+)+$\" } }", "failed", phase: "preflight");

        // Files that are not regular files: a clear per-file problem, never a blocked read or an endless one.
        yield return Case("fifo-as-file", Evidence, f => f.Fifo("ev/f.json"), "file: f.json\n    expect: { a: 1 }", NotRegular, CaseChecks.Names("f.json"));
        yield return Case("fifo-in-each", Evidence, f =>
        {
            f.Write("ev/docs/a.json", """{ "a": 1 }""");
            f.Fifo("ev/docs/b.json");
        }, "each: docs/*.json\n    expect: { a: 1 }", NotRegular, CaseChecks.Names("b.json"));
        yield return Case("fifo-as-yaml", Yaml, f => f.Fifo("ev/f.yaml"), "file: f.yaml\n    expect: { a: 1 }", NotRegular, CaseChecks.Names("f.yaml"));
        yield return Case("fifo-in-same", Evidence, f =>
        {
            f.Write("ev/a.json", """{ "v": 1 }""");
            f.Fifo("ev/f.json");
        }, "same: [ { a.json: v }, { f.json: v } ]", NotRegular, CaseChecks.Names("f.json"));
        yield return Case("fifo-as-equals-field-target", Evidence, f =>
        {
            f.Write("ev/a.json", """{ "v": 1 }""");
            f.Fifo("ev/f.json");
        }, "file: a.json\n    expect: { v: { equals-field: { file: f.json, path: v } } }", NotRegular, CaseChecks.Names("f.json"));
        yield return Case("fifo-as-digest-of", Evidence, f =>
        {
            f.Write("ev/m.json", $$"""{ "log": "l.log", "sha": "{{new string('0', 64)}}" }""");
            f.Fifo("ev/l.log");
        }, "file: m.json\n    expect: { sha: { digest-of: \"log\" } }", NotRegular, CaseChecks.Names("l.log"));
        yield return Case("fifo-in-preflight", Evidence, f => f.Fifo("f.json"), "file: f.json\n    expect: { a: 1 }", NotRegular, phase: "preflight");
        yield return Case("fifo-in-links", Evidence, f => f.Fifo("docs/f.md"), "links: [\"docs/*.md\"]", NotRegular, phase: "preflight");
        yield return Case("dev-zero-as-evidence", Evidence, f => f.Symlink("ev/z.json", "/dev/zero"), "file: z.json\n    expect: { a: 1 }", NotRegular, CaseChecks.Names("z.json"));
        yield return Case("dev-urandom-in-each", Evidence, f =>
        {
            f.Write("ev/docs/a.json", """{ "a": 1 }""");
            f.Symlink("ev/docs/r.json", "/dev/urandom");
        }, "each: docs/*.json\n    expect: { a: 1 }", NotRegular, CaseChecks.Names("r.json"));
        yield return Case("proc-file-as-evidence", Evidence, f => f.Symlink("ev/p.yaml", "/proc/self/status"), "file: p.yaml\n    expect: { a: 1 }", NotRegular, CaseChecks.Names("p.yaml"));
        yield return Case("folder-as-evidence", Evidence, f => f.Folder("ev/d.json"), "file: d.json\n    expect: { a: 1 }", NotRegular, CaseChecks.Names("d.json"));
        yield return Case("fifo-in-a-ledger-gate", Ledger, f =>
        {
            f.Write("ev/SHA256SUMS", new string('0', 64) + "  f.bin\n");
            f.Fifo("ev/f.bin");
        }, "ledger: SHA256SUMS", NotRegular, CaseChecks.Names("f.bin"));
        yield return Case("fifo-as-a-ledger-gate-file", Ledger, f => f.Fifo("ev/SHA256SUMS"), "ledger: SHA256SUMS", NotRegular, CaseChecks.Names("SHA256SUMS"));
    }

    private static HostileCase Surrogate(string matcher, string expect, string outcome) =>
        Case("surrogate-" + matcher, Evidence, f => f.Write("ev/s.json", Surrogates), $"file: s.json\n    expect: {{ {expect} }}", outcome);

    private static HostileCase Json(string slug, string document) => JsonBytes(slug, Encoding.UTF8.GetBytes(document));

    private static HostileCase JsonBytes(string slug, byte[] document) =>
        Case("json-" + slug, Evidence, f => f.WriteBytes("ev/d.json", document), "file: d.json\n    expect: { a: 1 }", "failed", CaseChecks.Names("d.json"));

    private static HostileCase YamlDoc(string slug, string document) =>
        Case("yaml-" + slug, Yaml, f => f.Write("ev/d.yaml", document), "file: d.yaml\n    expect: { a: 1 }", "failed", CaseChecks.Names("d.yaml"));

    private static HostileCase Regex(string slug, string pattern) =>
        Case("regex-" + slug, Evidence, f => f.Write("ev/r.json", $$"""{ "v": "{{Aaa}}" }"""), $"file: r.json\n    expect: {{ v: {{ matches: \"{pattern}\" }} }}", "failed");

    /// <summary>
    /// A run whose check <c>target</c> (in <paramref name="phase"/>) reads the hostile file, followed by a control gate
    /// that must still pass: the run is judged (exit 0 when the target passes, 1 when it fails) and committed.
    /// </summary>
    private static HostileCase Case(string slug, string owner, Action<CaseFolder> files, string target, string outcome, params CaseCheck[] checks) =>
        Case(slug, owner, files, target, outcome, "gates", checks);

    private static HostileCase Case(string slug, string owner, Action<CaseFolder> files, string target, string outcome, string phase, params CaseCheck[] checks)
    {
        var runbook = HostileText.RunbookHead
            + $"{phase}:\n  - id: target\n    {target}\n"
            + (phase == "gates" ? "" : "gates:\n")
            + "  - { id: control, files: [control.json] }\n";
        var expectation = CaseExpectation.Verdict(outcome == "passed" ? 0 : 1)
            .And(CaseChecks.Committed(), CaseChecks.Outcome("target", outcome.Split('|')), CaseChecks.Outcome("control", "passed"))
            .And(checks);
        return new HostileCase("evidence/" + slug, owner, f =>
        {
            f.Write("rungates.yml", runbook);
            f.Write("ev/control.json", "{}");
            files(f);
        }, ["run"], expectation);
    }
}
