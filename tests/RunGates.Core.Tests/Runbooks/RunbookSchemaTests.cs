using System.Text.Json;
using NJsonSchema;
using RunGates.Core.Runbooks;

namespace RunGates.Core.Tests.Runbooks;

/// <summary>The shipped JSON Schema and the loader agree on what a rungates.yml may hold, and the starter is valid under both.</summary>
public sealed class RunbookSchemaTests
{
    private static readonly Dictionary<string, string> Environment = new() { ["RUN_SEED"] = "1" };

    private static async Task<ICollection<NJsonSchema.Validation.ValidationError>> SchemaErrorsAsync(string yaml)
    {
        var schema = await JsonSchema.FromJsonAsync(RunbookSchema.Json);
        return schema.Validate(YamlToJson.Convert(yaml));
    }

    [Fact]
    public void Schema_is_draft_07()
    {
        using var document = JsonDocument.Parse(RunbookSchema.Json);

        Assert.Equal("http://json-schema.org/draft-07/schema#", document.RootElement.GetProperty("$schema").GetString());
    }

    [Fact]
    public void Every_property_has_a_description_and_no_object_allows_undeclared_keys()
    {
        using var document = JsonDocument.Parse(RunbookSchema.Json);
        var problems = new List<string>();
        Walk(document.RootElement, "#");

        Assert.Empty(problems);

        void Walk(JsonElement element, string where)
        {
            if (element.ValueKind == JsonValueKind.Array)
            {
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Walk(item, $"{where}/{i++}");
                }

                return;
            }

            if (element.ValueKind != JsonValueKind.Object)
            {
                return;
            }

            if (element.TryGetProperty("properties", out var properties))
            {
                if (!element.TryGetProperty("additionalProperties", out var additional) || additional.ValueKind == JsonValueKind.True)
                {
                    problems.Add($"{where} allows undeclared keys");
                }

                foreach (var property in properties.EnumerateObject())
                {
                    if (!property.Value.TryGetProperty("description", out _))
                    {
                        problems.Add($"{where}/properties/{property.Name} has no description");
                    }
                }
            }

            foreach (var child in element.EnumerateObject())
            {
                Walk(child.Value, $"{where}/{child.Name}");
            }
        }
    }

    [Fact]
    public async Task Starter_loads_cleanly_and_satisfies_the_schema()
    {
        using var folder = new RunbookFolder(RunbookSchema.StarterYaml);

        var runbook = folder.Load();

        Assert.Equal("my-run", runbook.Name);
        Assert.NotEmpty(runbook.Run.Steps);
        Assert.NotEmpty(runbook.Preflight);
        Assert.NotEmpty(runbook.Gates);
        Assert.NotNull(runbook.Ledger);
        Assert.NotNull(runbook.Promote);
        Assert.Empty(await SchemaErrorsAsync(RunbookSchema.StarterYaml));
    }

    [Fact]
    public void Starter_shows_every_top_level_section()
    {
        foreach (var key in new[] { "version:", "name:", "states:", "run:", "secrets:", "preflight:", "gates:", "waivers:", "ledger:", "promote:" })
        {
            Assert.Contains("\n" + key, "\n" + RunbookSchema.StarterYaml, StringComparison.Ordinal);
        }
    }

    public static TheoryData<string, string> ValidRunbooks => new()
    {
        { "full", RunbookLoaderTests.FullRunbook },
        { "minimal", "version: 1\nname: mini\n" },
        { "tool shorthand and defaults", "version: 1\nname: t\npreflight:\n  - { id: t, tools: { jq: \"1.7\" } }\ngates:\n  - { id: r, reproducible: {} }\n  - { id: a, approvals: {} }\npromote: {}\n" },
        { "bench", File.ReadAllText(Path.Combine(RepositoryRoot.Path, "bench", "evidence-gates", "rungates.yml")) },
        { "RunGates' own", File.ReadAllText(Path.Combine(RepositoryRoot.Path, "rungates.yml")) },
        { "references, matchers, filters and groups", ContractMatchers },
    };

    private const string ContractMatchers = """
        version: 1
        name: contract
        preflight:
          - id: policy
            file: config/policy.json
            expect: { threshold: { min-field: { file: spec:config/limits.json, path: floor } } }
        gates:
          - id: all
            each: records/*.json
            when: { any-of: [ { kind: run }, { kind: { exists: false } } ] }
            infeasible-when: { all-of: [ { status: INFEASIBLE }, { reason: { type: string } } ] }
            expect:
              seed: { equals-field: { file: run, path: seed } }
              "commands[*].checksum": { digest-of: "@.log", not-equal-field: "@.other" }
              "items[?status==WARN && resolved!=true]": { count: { max: 0 } }
              "panels[?geometry.scale != $.plan.scale].id": { in-field: allowed_ids, not-in-field: "banned[*].id" }
              signatures: { count: { min-field: { file: spec:config/governance-policy.json, path: safe_threshold } }, distinct: signer }
              plan_digest: { digest-of: { file: spec:plan.json } }
              limit: { max-field: { file: bundle:LATEST/reports/limits.json, path: max }, min-field: /floor }
              any-of: [ { artifact_path: { type: string } }, { mlflow_run_id: { type: string } } ]
              none-of: [ { tier: C, eligible: true }, { value: TBD } ]
              "values.*~": { in-field: { file: spec:config/limits.json, path: "names.*~" } }
              "names.*~": { count: { min: 1 } }
              value_name: { equals-field: { file-name: base } }
              reason: { equals-field: { file-name: name, strip-prefix: INFEASIBLE- } }
              decision: { equals-field: { file: results.json, path: "results[?probe==^.probe && lane==^.lane].observed" } }
              floor: { min-field: { file: bundle:LATEST/reports/limits.json, path: floor, if-none: pass } }
        """;

    [Theory]
    [MemberData(nameof(ValidRunbooks))]
    public async Task Schema_and_loader_both_accept(string name, string yaml)
    {
        using var folder = new RunbookFolder(yaml);

        var exception = Record.Exception(() => folder.Load(Environment));

        Assert.True(exception is null, $"{name}: the loader rejected it: {exception?.Message}");
        Assert.True((await SchemaErrorsAsync(yaml)).Count == 0, $"{name}: the schema rejected it: {string.Join("; ", await SchemaErrorsAsync(yaml))}");
    }

    public static TheoryData<string, string, string> InvalidRunbooks => new()
    {
        { "unknown top-level key", "version: 1\nname: x\ngatez: []\n", "RG1002" },
        { "unknown check key", "version: 1\nname: x\ngates: [ { id: a, files: [x], severty: blocker } ]\n", "RG1002" },
        { "unknown matcher", "version: 1\nname: x\ngates: [ { id: a, file: d.json, expect: { v: { maxi: 1 } } } ]\n", "RG1002" },
        { "companion key of another kind", "version: 1\nname: x\ngates: [ { id: a, files: [x], exit-code: 1 } ]\n", "RG1002" },
        { "files as a string", "version: 1\nname: x\npreflight: [ { id: a, files: x.yml } ]\n", "RG1003" },
        { "min not a number", "version: 1\nname: x\ngates: [ { id: a, file: d.json, expect: { v: { min: low } } } ]\n", "RG1003" },
        { "bad duration", "version: 1\nname: x\nrun: { steps: [ { id: s, run: make, timeout: soon } ] }\n", "RG1003" },
        { "missing name", "version: 1\n", "RG1004" },
        { "name with a space", "version: 1\nname: my run\n", "RG1010" },
        { "step without run", "version: 1\nname: x\nrun: { steps: [ { id: s } ] }\n", "RG1004" },
        { "missing check id", "version: 1\nname: x\ngates: [ { files: [x] } ]\n", "RG1004" },
        { "wrong version", "version: 2\nname: x\n", "RG1008" },
        { "bad severity", "version: 1\nname: x\ngates: [ { id: a, files: [x], severity: fatal } ]\n", "RG1010" },
        { "bad promote verdict", "version: 1\nname: x\npromote: { requires: reject }\n", "RG1010" },
        { "same with one source", "version: 1\nname: x\ngates: [ { id: a, same: [ { d.json: seed } ] } ]\n", "RG1003" },
        { "tool pin with version and version-file", "version: 1\nname: x\npreflight: [ { id: a, tools: { node: { version: 20, version-file: .nvmrc } } } ]\n", "RG1003" },
        { "approvals min zero", "version: 1\nname: x\ngates: [ { id: a, approvals: { min: 0 } } ]\n", "RG1010" },
        { "no kind", "version: 1\nname: x\ngates: [ { id: a } ]\n", "RG1012" },
        { "two kinds", "version: 1\nname: x\ngates: [ { id: a, files: [x], env: [X] } ]\n", "RG1012" },
        { "expect with file and each", "version: 1\nname: x\ngates: [ { id: a, file: d.json, each: \"*.json\", expect: { v: 1 } } ]\n", "RG1012" },
        { "absolute glob", "version: 1\nname: x\npreflight: [ { id: a, links: [\"/etc/*.md\"] } ]\n", "RG1007" },
        { "waiver without expiry", "version: 1\nname: x\ngates: [ { id: a, files: [x] } ]\nwaivers: [ { check: a, reason: r, by: b } ]\n", "RG1004" },
        { "type name", "version: 1\nname: x\ngates: [ { id: a, file: d.json, expect: { v: { type: text } } } ]\n", "RG1010" },
        { "distinct selecting many", "version: 1\nname: x\ngates: [ { id: a, file: d.json, expect: { v: { distinct: 3 } } } ]\n", "RG1003" },
        { "digest-of of run", "version: 1\nname: x\ngates: [ { id: a, file: d.json, expect: { v: { digest-of: { file: run } } } } ]\n", "RG1017" },
        { "reference a number", "version: 1\nname: x\ngates: [ { id: a, file: d.json, expect: { v: { equals-field: 3 } } } ]\n", "RG1017" },
        { "reference without a path", "version: 1\nname: x\ngates: [ { id: a, file: d.json, expect: { v: { min-field: { file: x.json } } } } ]\n", "RG1017" },
        { "reference with an unknown key", "version: 1\nname: x\ngates: [ { id: a, file: d.json, expect: { v: { min-field: { file: x.json, path: a, paht: b } } } } ]\n", "RG1002" },
        { "bundle reference without a file", "version: 1\nname: x\ngates: [ { id: a, file: d.json, expect: { v: { in-field: { file: bundle:LATEST, path: a } } } } ]\n", "RG1017" },
        { "bundle reference climbing out", "version: 1\nname: x\ngates: [ { id: a, file: d.json, expect: { v: { in-field: { file: bundle:LATEST/../x.json, path: a } } } } ]\n", "RG1017" },
        { "empty spec reference", "version: 1\nname: x\ngates: [ { id: a, file: d.json, expect: { v: { in-field: { file: \"spec:\", path: a } } } } ]\n", "RG1017" },
        { "count not a map", "version: 1\nname: x\ngates: [ { id: a, file: d.json, expect: { v: { count: 3 } } } ]\n", "RG1022" },
        { "count with an unknown matcher", "version: 1\nname: x\ngates: [ { id: a, file: d.json, expect: { v: { count: { maxi: 3 } } } } ]\n", "RG1002" },
        { "group not a list", "version: 1\nname: x\ngates: [ { id: a, file: d.json, expect: { any-of: { v: 1 } } } ]\n", "RG1021" },
        { "empty group", "version: 1\nname: x\ngates: [ { id: a, file: d.json, expect: { none-of: [] } } ]\n", "RG1021" },
        { "keys step not last", "version: 1\nname: x\ngates: [ { id: a, file: d.json, expect: { \"v.*~.x\": 1 } } ]\n", "RG1023" },
        { "if-none not pass", "version: 1\nname: x\ngates: [ { id: a, file: d.json, expect: { v: { min-field: { file: bundle:LATEST/x.json, path: a, if-none: skip } } } } ]\n", "RG1025" },
        { "file-name neither base nor name", "version: 1\nname: x\ngates: [ { id: a, file: d.json, expect: { v: { equals-field: { file-name: stem } } } } ]\n", "RG1026" },
        { "file-name with an unknown key", "version: 1\nname: x\ngates: [ { id: a, file: d.json, expect: { v: { equals-field: { file-name: base, prefix: X } } } } ]\n", "RG1002" },
        { "group of scalars", "version: 1\nname: x\ngates: [ { id: a, file: d.json, expect: { all-of: [ v ] } } ]\n", "RG1021" },
    };

    [Theory]
    [MemberData(nameof(InvalidRunbooks))]
    public async Task Schema_and_loader_both_reject(string name, string yaml, string code)
    {
        var errors = RunbookFolder.ErrorsOf(yaml, Environment);

        Assert.True(errors.Any(e => e.Diagnostic.Code == code), $"{name}: expected {code}, the loader said: {string.Join("; ", errors)}");
        Assert.True((await SchemaErrorsAsync(yaml)).Count > 0, $"{name}: the schema accepted it");
    }

    [Fact]
    [Trait("Category", "Examples")]
    public async Task Every_example_runbook_satisfies_the_schema_and_loads()
    {
        var examples = Path.Combine(RepositoryRoot.Path, "examples");
        var runbooks = Directory.Exists(examples)
            ? Directory.GetFiles(examples, "rungates.yml", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList()
            : [];
        Assert.True(runbooks.Count > 0, $"The examples are missing: no examples/*/rungates.yml under {examples}. Each source runbook needs an example (they arrive from the examples branch).");

        var failures = new List<string>();
        foreach (var runbook in runbooks)
        {
            var yaml = await File.ReadAllTextAsync(runbook);
            var schemaErrors = await SchemaErrorsAsync(yaml);
            failures.AddRange(schemaErrors.Select(e => $"{runbook}: schema: {e}"));
            try
            {
                // The examples run in CI with no special environment: every ${VAR} needs a default.
                new RunbookLoader(new Dictionary<string, string>()).Load(runbook);
            }
            catch (RunbookException e)
            {
                failures.AddRange(e.Errors.Select(error => "loader: " + error));
            }
        }

        Assert.True(failures.Count == 0, string.Join(System.Environment.NewLine, failures));
    }
}
