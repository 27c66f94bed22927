using NJsonSchema;
using RunGates.Core.Runbooks;

namespace RunGates.Core.Tests.Runbooks;

/// <summary>The schema and the loader agree on complete ledgers, <c>infeasible: {counts-as}</c> and <c>covers:</c>.</summary>
public sealed class RunbookSchemaChecksTests
{
    private static async Task<ICollection<NJsonSchema.Validation.ValidationError>> SchemaErrorsAsync(string yaml)
    {
        var schema = await JsonSchema.FromJsonAsync(RunbookSchema.Json);
        return schema.Validate(YamlToJson.Convert(yaml));
    }

    private static string Gate(string gate) => $"version: 1\nname: x\ngates:\n  - {gate}\n";

    public static TheoryData<string, string> Valid => new()
    {
        { "ledger string", Gate("{ id: g, ledger: SHA256SUMS }") },
        { "ledger map", Gate("{ id: g, ledger: { file: r/SHA256SUMS, unlisted: fail, exclude: [\"**/*.log\"] } }") },
        { "ledger sha256sum with root", Gate("{ id: g, ledger: { file: SHA256SUMS, format: sha256sum, root: tree, unlisted: ignore } }") },
        { "ledger json", Gate("{ id: g, severity: blocker, ledger: { file: artifact_index.json, format: json, entries: \"artifacts[*]\", path: path, sha256: sha256, unlisted: fail } }") },
        { "ledger json defaults", Gate("{ id: g, ledger: { file: index.json, format: json, entries: files } }") },
        { "infeasible counts-as passed", Gate("{ id: g, each: \"r/*.json\", expect: { status: PASS }, infeasible-when: { status: INFEASIBLE }, infeasible: { counts-as: passed } }") },
        { "infeasible counts-as incomplete", Gate("{ id: g, file: r.json, expect: { status: PASS }, infeasible-when: { status: INFEASIBLE }, infeasible: { counts-as: incomplete } }") },
        { "covers literal, one source", Gate("{ id: g, covers: { values: [a, 2], by: { each: \"d/*.yaml\", key: name } } }") },
        { "covers file values, two sources, where", Gate("{ id: g, covers: { values: { file: \"spec:story.yml\", path: \"required[*]\" }, by: [ { each: \"d/*.yaml\", key: name, where: { status: { not: superseded } } }, { file: proofs.json, path: \"channels[*]\", key: name, where: { provenance.mode: explicit } } ] } }") },
        { "the bench's contract case", File.ReadAllText(Path.Combine(RepositoryRoot.Path, "bench", "evidence-gates", "contract.yml")) },
    };

    [Theory]
    [MemberData(nameof(Valid))]
    public async Task Schema_and_loader_both_accept(string name, string yaml)
    {
        var exception = Record.Exception(() => RunbookFolder.LoadOf(yaml));

        Assert.True(exception is null, $"{name}: the loader rejected it: {exception?.Message}");
        Assert.True((await SchemaErrorsAsync(yaml)).Count == 0, $"{name}: the schema rejected it: {string.Join("; ", await SchemaErrorsAsync(yaml))}");
    }

    public static TheoryData<string, string, string> Invalid => new()
    {
        { "ledger map without file", Gate("{ id: g, ledger: { unlisted: fail } }"), "RG1004" },
        { "ledger unknown key", Gate("{ id: g, ledger: { file: S, unlistd: fail } }"), "RG1002" },
        { "ledger unlisted value", Gate("{ id: g, ledger: { file: S, unlisted: yes } }"), "RG1010" },
        { "ledger format value", Gate("{ id: g, ledger: { file: S, format: csv } }"), "RG1010" },
        { "ledger entries without format json", Gate("{ id: g, ledger: { file: S, entries: \"a[*]\" } }"), "RG1030" },
        { "ledger sha256sum with path", Gate("{ id: g, ledger: { file: S, format: sha256sum, path: p } }"), "RG1030" },
        { "ledger json without entries", Gate("{ id: g, ledger: { file: S, format: json } }"), "RG1030" },
        { "ledger json entry path with [*]", Gate("{ id: g, ledger: { file: S, format: json, entries: a, path: \"b[*]\" } }"), "RG1030" },
        { "ledger json entry path with a filter", Gate("{ id: g, ledger: { file: S, format: json, entries: a, sha256: \"b[?x]\" } }"), "RG1030" },
        { "infeasible without infeasible-when", Gate("{ id: g, file: r.json, expect: { s: P }, infeasible: { counts-as: passed } }"), "RG1031" },
        { "infeasible counts-as value", Gate("{ id: g, file: r.json, expect: { s: P }, infeasible-when: { s: I }, infeasible: { counts-as: pass } }"), "RG1010" },
        { "infeasible without counts-as", Gate("{ id: g, file: r.json, expect: { s: P }, infeasible-when: { s: I }, infeasible: {} }"), "RG1004" },
        { "infeasible on files", Gate("{ id: g, files: [a], infeasible: { counts-as: passed } }"), "RG1002" },
        { "covers without by", Gate("{ id: g, covers: { values: [a] } }"), "RG1032" },
        { "covers empty values", Gate("{ id: g, covers: { values: [], by: { each: a, key: k } } }"), "RG1032" },
        { "covers source with each and file", Gate("{ id: g, covers: { values: [a], by: { each: a, file: b, path: p, key: k } } }"), "RG1032" },
        { "covers source without key", Gate("{ id: g, covers: { values: [a], by: [ { each: a } ] } }"), "RG1032" },
        { "covers source file without path", Gate("{ id: g, covers: { values: [a], by: { file: b, key: k } } }"), "RG1032" },
        { "covers beside another kind", Gate("{ id: g, files: [a], covers: { values: [a], by: { each: a, key: k } } }"), "RG1012" },
        { "covers unknown key", Gate("{ id: g, covers: { values: [a], by: { each: a, key: k }, where: {} } }"), "RG1002" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public async Task Schema_and_loader_both_reject(string name, string yaml, string code)
    {
        var errors = RunbookFolder.ErrorsOf(yaml);

        Assert.True(errors.Any(e => e.Diagnostic.Code == code), $"{name}: expected {code}, the loader said: {string.Join("; ", errors)}");
        Assert.True((await SchemaErrorsAsync(yaml)).Count > 0, $"{name}: the schema accepted it");
    }
}
