using NJsonSchema;
using RunGates.Core.Checks;
using RunGates.Core.Runbooks;

namespace RunGates.Core.Tests.Runbooks;

/// <summary>
/// A <c>ledger:</c> check reading an earlier bundle's ledger (<c>bundle:</c>, <c>if-none</c>, <c>include</c>): loaded
/// with positions, malformed use rejected with its own code, and the schema agreeing with the loader.
/// </summary>
public sealed class RunbookLoaderBundleLedgerTests
{
    private static string Gate(string ledger) => $"version: 1\nname: x\ngates:\n  - id: g\n    ledger: {ledger}\n";

    private static LedgerCheck Loaded(string ledger) => Assert.IsType<LedgerCheck>(Assert.Single(RunbookFolder.LoadOf(Gate(ledger)).Gates));

    private static async Task<ICollection<NJsonSchema.Validation.ValidationError>> SchemaErrorsAsync(string yaml) =>
        (await JsonSchema.FromJsonAsync(RunbookSchema.Json)).Validate(YamlToJson.Convert(yaml));

    [Fact]
    public void A_bundle_ledger_loads_with_its_bundle_path_include_and_if_none()
    {
        var check = Loaded("{ file: bundle:LATEST/SHA256SUMS, root: ., include: [\"derivations/**\"], if-none: pass }");

        Assert.Equal(new LedgerBundleFile("LATEST", "SHA256SUMS", IfNone: true), check.FromBundle);
        Assert.Equal(["derivations/**"], check.Include);
        Assert.Equal(".", check.Root);
        Assert.Contains("the last committed run that held this check", check.Describe(), StringComparison.Ordinal);
        Assert.Contains("holds on a first run, if-none: pass", check.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_string_form_and_a_run_id_load_strict()
    {
        Assert.Equal(new LedgerBundleFile("LATEST", "SHA256SUMS", IfNone: false), Loaded("bundle:LATEST/SHA256SUMS").FromBundle);
        Assert.Equal(new LedgerBundleFile("run-7", "ledgers/SHA256SUMS", IfNone: false), Loaded("{ file: bundle:run-7/ledgers/SHA256SUMS }").FromBundle);
        Assert.Null(Loaded("SHA256SUMS").FromBundle);
    }

    [Theory]
    [InlineData("{ file: bundle:LATEST }", 5, 21, "expected bundle:<LATEST or run id>/<path inside the bundle>")]
    [InlineData("{ file: \"bundle:LATEST/../SHA256SUMS\" }", 5, 21, "climbs out of the root")]
    [InlineData("\"bundle:../x/SHA256SUMS\"", 5, 13, "expected a run id or LATEST after 'bundle:'")]
    [InlineData("\"bundle:LATEST//etc/passwd\"", 5, 13, "cannot be read inside a bundle")]
    public void A_malformed_bundle_file_is_RG1060_at_its_position(string ledger, int line, int column, string message)
    {
        var error = Assert.Single(RunbookFolder.ErrorsOf(Gate(ledger)));

        Assert.Equal("RG1060", error.Diagnostic.Code);
        Assert.Equal((line, column), (error.Position.Line, error.Position.Column));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ file: bundle:run-7/SHA256SUMS, if-none: pass }", "expected if-none only on a bundle:LATEST/... file, found it on 'bundle:run-7/SHA256SUMS'")]
    [InlineData("{ file: SHA256SUMS, if-none: pass }", "expected if-none only on a bundle:LATEST/... file, found it on 'SHA256SUMS'")]
    [InlineData("{ file: bundle:LATEST/SHA256SUMS, if-none: skip }", "expected if-none: pass, found the string")]
    public void A_misused_if_none_is_RG1025_at_the_if_none(string ledger, string message)
    {
        var error = Assert.Single(RunbookFolder.ErrorsOf(Gate(ledger)));

        Assert.Equal("RG1025", error.Diagnostic.Code);
        Assert.Equal(5, error.Position.Line);
        Assert.Equal(Gate(ledger).Split('\n')[4].IndexOf("if-none:", StringComparison.Ordinal) + 10, error.Position.Column);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_misspelt_key_suggests_include()
    {
        var error = Assert.Single(RunbookFolder.ErrorsOf(Gate("{ file: bundle:LATEST/SHA256SUMS, inclde: [\"a/**\"] }")));

        Assert.Equal("RG1002", error.Diagnostic.Code);
        Assert.Equal("Did you mean 'include'?", error.Hint);
    }

    public static TheoryData<string, string> Valid => new()
    {
        { "bundle ledger, every key", Gate("{ file: bundle:LATEST/SHA256SUMS, root: ., include: [\"derivations/**\"], if-none: pass }") },
        { "bundle ledger string", Gate("bundle:LATEST/SHA256SUMS") },
        { "bundle ledger run id", Gate("{ file: bundle:run-7/SHA256SUMS, unlisted: fail }") },
        { "include on a plain ledger", Gate("{ file: SHA256SUMS, include: [\"a/**\"] }") },
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
        { "no path in the bundle", Gate("{ file: bundle:LATEST }"), "RG1060" },
        { "climbing out of the bundle", Gate("{ file: \"bundle:LATEST/../SHA256SUMS\" }"), "RG1060" },
        { "string form without a path", Gate("\"bundle:LATEST/\""), "RG1060" },
        { "if-none on a run id", Gate("{ file: bundle:run-7/SHA256SUMS, if-none: pass }"), "RG1025" },
        { "if-none on a plain ledger", Gate("{ file: SHA256SUMS, if-none: pass }"), "RG1025" },
        { "if-none skip", Gate("{ file: bundle:LATEST/SHA256SUMS, if-none: skip }"), "RG1025" },
        { "include empty", Gate("{ file: SHA256SUMS, include: [] }"), "RG1003" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public async Task Schema_and_loader_both_reject(string name, string yaml, string code)
    {
        var errors = RunbookFolder.ErrorsOf(yaml);

        Assert.True(errors.Any(e => e.Diagnostic.Code == code), $"{name}: expected {code}, got {string.Join("; ", errors)}");
        Assert.True((await SchemaErrorsAsync(yaml)).Count > 0, $"{name}: the schema accepted it");
    }
}
