using RunGates.Core.Runbooks;

namespace RunGates.Core.Tests.Runbooks;

/// <summary>Every error kind the loader reports: its code, line, column, message and hint.</summary>
public sealed class RunbookLoaderErrorTests
{
    private static RunbookError Single(string yaml, IReadOnlyDictionary<string, string>? environment = null) =>
        Assert.Single(RunbookFolder.ErrorsOf(yaml, environment));

    private static void AssertAt(RunbookError error, string code, int line, int column)
    {
        Assert.Equal(code, error.Diagnostic.Code);
        Assert.Equal((line, column), (error.Position.Line, error.Position.Column));
    }

    [Fact]
    public void Missing_file_is_RG1011_naming_the_path()
    {
        var path = Path.Combine(Path.GetTempPath(), "rungates-tests", Guid.NewGuid().ToString("N"), "rungates.yml");

        var error = Assert.Single(Assert.Throws<RunbookException>(() => new RunbookLoader(new Dictionary<string, string>()).Load(path)).Errors);

        Assert.Equal("RG1011", error.Diagnostic.Code);
        Assert.Equal(path, error.Position.File);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("rungates init", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Runbook_that_cannot_be_read_is_RG1011_not_a_crash()
    {
        using var folder = new TempFolder();
        var path = folder["rungates.yml"];
        Directory.CreateDirectory(path);

        var error = Assert.Single(Assert.Throws<RunbookException>(() => new RunbookLoader(new Dictionary<string, string>()).Load(path)).Errors);

        Assert.Equal("RG1011", error.Diagnostic.Code);
        Assert.StartsWith($"expected a readable runbook file at {path}, found one that cannot be read", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Yaml_syntax_error_is_RG1001_at_its_line()
    {
        var error = Single("version: 1\nname: x\ngates: [ { id: a, files: [x] }\n");

        Assert.Equal("RG1001", error.Diagnostic.Code);
        Assert.Equal(4, error.Position.Line);
        Assert.StartsWith("expected well-formed YAML, found a syntax error", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("(Line:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_duplicate_key_is_reported_with_the_first_line()
    {
        var errors = RunbookFolder.ErrorsOf("version: 1\nname: x\nname: y\nrun:\n  seed: 1\n  seed: 2\n");

        Assert.Equal(2, errors.Count);
        AssertAt(errors[0], "RG1001", 3, 1);
        Assert.Equal("duplicate key 'name': expected each key once in a mapping, found it again (first at line 2, column 1)", errors[0].Message);
        AssertAt(errors[1], "RG1001", 6, 3);
    }

    [Fact]
    public void Unknown_top_level_key_suggests_the_closest()
    {
        var error = Single("version: 1\nname: x\ngatez: []\n");

        AssertAt(error, "RG1002", 3, 1);
        Assert.StartsWith("unknown key 'gatez' in the top level: expected one of version, name, states", error.Message, StringComparison.Ordinal);
        Assert.Equal("Did you mean 'gates'?", error.Hint);
        Assert.EndsWith("error RG1002: " + error.Message + ". Did you mean 'gates'?", error.ToString(), StringComparison.Ordinal);
        Assert.EndsWith("found 'gatez'. Did you mean 'gates'?", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_matcher_key_suggests_the_closest()
    {
        var error = Single("version: 1\nname: x\ngates:\n  - { id: a, file: d.json, expect: { v: { not_in: [A] } } }\n");

        AssertAt(error, "RG1002", 4, 43);
        Assert.Contains("unknown key 'not_in' in a matcher of v", error.Message, StringComparison.Ordinal);
        Assert.Equal("Did you mean 'not-in'?", error.Hint);
    }

    [Fact]
    public void Unknown_key_far_from_any_gets_no_suggestion()
    {
        var error = Single("version: 1\nname: x\nrun: { zzzzzzzz: 1 }\n");

        AssertAt(error, "RG1002", 3, 8);
        Assert.DoesNotContain("Did you mean", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_of_another_kind_is_unknown_on_this_check()
    {
        var error = Single("version: 1\nname: x\npreflight:\n  - { id: a, files: [x], timeout: 5m }\n");

        AssertAt(error, "RG1002", 4, 26);
        Assert.Equal("'timeout' is not a key of a files check: expected one of id, severity, description, files, found 'timeout'", error.Message);
    }

    [Fact]
    public void Wrong_type_is_RG1003_saying_what_was_found()
    {
        var error = Single("version: 1\nname: x\npreflight:\n  - { id: a, files: config.yml }\n");

        AssertAt(error, "RG1003", 4, 21);
        Assert.Equal("expected a list of paths or globs for files, found the string 'config.yml'", error.Message);
    }

    [Fact]
    public void Bad_duration_is_RG1003_with_examples()
    {
        var error = Single("version: 1\nname: x\nrun: { steps: [ { id: s, run: x, timeout: 20 minutes } ] }\n");

        AssertAt(error, "RG1003", 3, 43);
        Assert.Contains("a duration like 90s, 20m, 1h or 1h30m", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_name_and_check_id_are_RG1004()
    {
        var errors = RunbookFolder.ErrorsOf("version: 1\ngates:\n  - { files: [x] }\n");

        Assert.Equal(2, errors.Count);
        AssertAt(errors[0], "RG1004", 1, 1);
        Assert.Equal("expected a 'name' key at the top level, found none", errors[0].Message);
        AssertAt(errors[1], "RG1004", 3, 5);
        Assert.Equal("expected an 'id' key in a check, found none", errors[1].Message);
    }

    [Fact]
    public void Duplicate_check_ids_name_both_lines()
    {
        var error = Single("version: 1\nname: x\npreflight:\n  - { id: a, files: [x] }\ngates:\n  - { id: a, env: [X] }\n");

        AssertAt(error, "RG1005", 6, 11);
        Assert.Equal("expected check ids to be unique across preflight and gates, found 'a' at line 4 and again at line 6", error.Message);
    }

    [Fact]
    public void Duplicate_step_ids_are_RG1005()
    {
        var error = Single("version: 1\nname: x\nrun:\n  steps:\n    - { id: s, run: a }\n    - { id: s, run: b }\n");

        AssertAt(error, "RG1005", 6, 13);
        Assert.Equal("expected step ids to be unique, found 's' again (first at line 5, column 13)", error.Message);
    }

    [Fact]
    public void Invalid_regex_is_RG1006_at_the_pattern()
    {
        var error = Single("version: 1\nname: x\ngates:\n  - { id: a, file: d.json, expect: { v: { matches: \"^(unclosed\" } } }\n");

        AssertAt(error, "RG1006", 4, 52);
        Assert.StartsWith("expected a .NET regular expression, found '^(unclosed'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/etc/*.md", "the path is absolute; expected a path relative to the root")]
    [InlineData("../**/*.md", "the path climbs out of the root with '..'")]
    [InlineData("docs/[ab.md", "an unclosed '['")]
    [InlineData("docs/{a,b.md", "an unclosed '{'")]
    public void Invalid_glob_is_RG1007_saying_why(string glob, string why)
    {
        var error = Single($"version: 1\nname: x\npreflight:\n  - {{ id: a, links: [\"{glob}\"] }}\n");

        AssertAt(error, "RG1007", 4, 22);
        Assert.Equal($"expected a relative path or glob for links, found '{glob}', {why}", error.Message);
    }

    [Fact]
    public void Unknown_version_is_RG1008()
    {
        var error = Single("version: 2\nname: x\n");

        AssertAt(error, "RG1008", 1, 10);
        Assert.Equal("expected version 1, found the number 2", error.Message);
    }

    [Fact]
    public void Missing_version_is_RG1008()
    {
        AssertAt(Single("name: x\n"), "RG1008", 1, 1);
    }

    [Fact]
    public void Unset_variable_is_RG1009_at_the_scalar()
    {
        var error = Single("version: 1\nname: x\nrun:\n  seed: ${RUN_SEED}\n");

        AssertAt(error, "RG1009", 4, 9);
        Assert.Equal("expected environment variable RUN_SEED to be set for ${RUN_SEED}, found it unset", error.Message);
        Assert.Equal("Set RUN_SEED, or give a default: ${RUN_SEED:-value}.", error.Hint);
    }

    [Fact]
    public void Each_unset_variable_is_reported_and_defaults_cover_the_rest()
    {
        var errors = RunbookFolder.ErrorsOf(
            "version: 1\nname: x\nrun:\n  steps:\n    - { id: s, run: \"deploy ${TARGET} ${REGION}\", env: { MODE: \"${MODE:-dry}\" } }\n",
            new Dictionary<string, string> { ["REGION"] = "eu" });

        var error = Assert.Single(errors);
        AssertAt(error, "RG1009", 5, 21);
        Assert.Contains("TARGET", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tab_indent_is_a_yaml_error()
    {
        var error = Single("version: 1\nname: x\nrun:\n\tseed: 1\n");

        Assert.Equal("RG1001", error.Diagnostic.Code);
        Assert.True(error.Position.Line == 4, error.ToString());
    }

    [Fact]
    public void A_name_that_cannot_be_a_folder_is_RG1010()
    {
        var error = Single("version: 1\nname: my run/1\n");

        AssertAt(error, "RG1010", 2, 7);
        Assert.StartsWith("expected a name of letters, digits, '.', '_' or '-'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_severity_is_RG1010_with_a_suggestion()
    {
        var error = Single("version: 1\nname: x\ngates:\n  - { id: a, files: [x], severity: blocking }\n");

        AssertAt(error, "RG1010", 4, 36);
        Assert.Equal("expected blocker, required or advisory, found 'blocking'", error.Message);
        Assert.Equal("Did you mean 'blocker'?", error.Hint);
    }

    [Fact]
    public void Bad_verdict_names_are_RG1010()
    {
        var errors = RunbookFolder.ErrorsOf("version: 1\nname: x\nstates: { pass: OK, partial: ok }\npromote: { requires: CERTIFIED }\n");

        Assert.Equal(2, errors.Count);
        AssertAt(errors[0], "RG1010", 3, 30);
        Assert.Equal("expected four distinct verdict names, found 'ok' for both pass and partial", errors[0].Message);
        AssertAt(errors[1], "RG1010", 4, 22);
        Assert.Equal("expected pass or partial, found 'CERTIFIED'", errors[1].Message);
    }

    [Fact]
    public void A_check_with_no_kind_is_RG1012()
    {
        var error = Single("version: 1\nname: x\ngates:\n  - { id: a, severity: advisory }\n");

        AssertAt(error, "RG1012", 4, 5);
        Assert.StartsWith("expected one of files, expect, same, tools, env, links, command, ledger, reproducible, approvals, covers in check 'a', found none", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_check_with_two_kinds_is_RG1012_naming_both()
    {
        var error = Single("version: 1\nname: x\ngates:\n  - id: a\n    files: [x]\n    command: make\n");

        AssertAt(error, "RG1012", 6, 5);
        Assert.Equal("expected one kind in check 'a', found 'files' (line 5) and 'command' (line 6)", error.Message);
    }

    [Fact]
    public void Bad_document_path_is_RG1013()
    {
        var error = Single("version: 1\nname: x\ngates:\n  - { id: a, file: d.json, expect: { \"risks[.code\": BLOCK } }\n");

        AssertAt(error, "RG1013", 4, 38);
        Assert.StartsWith("expected a document path (a.b[0].c, a[*].c, a[?x==1].c or /a/b), found 'risks[.code'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Waiver_on_an_unknown_check_is_RG1014_with_a_suggestion()
    {
        var error = Single("version: 1\nname: x\ngates:\n  - { id: docs-links, links: [\"*.md\"] }\nwaivers:\n  - { check: docs-link, reason: r, by: a, expires: 2026-12-31 }\n");

        AssertAt(error, "RG1014", 6, 14);
        Assert.Equal("expected the id of a check in preflight or gates, found 'docs-link'", error.Message);
        Assert.Equal("Did you mean 'docs-links'?", error.Hint);
    }

    [Fact]
    public void Bad_run_id_placeholder_is_RG1015()
    {
        var error = Single("version: 1\nname: x\nrun: { id: \"{date}-{git.short}\" }\n");

        AssertAt(error, "RG1015", 3, 12);
        Assert.Contains("found {date}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Waiver_on_a_blocker_is_RG1016()
    {
        var error = Single("version: 1\nname: x\ngates:\n  - { id: b, files: [x], severity: blocker }\nwaivers:\n  - { check: b, reason: r, by: a, expires: 2026-12-31 }\n");

        AssertAt(error, "RG1016", 6, 14);
        Assert.Equal("expected a required or advisory check, found blocker 'b' (line 4)", error.Message);
    }

    [Fact]
    public void Waiver_date_must_be_a_date()
    {
        var error = Single("version: 1\nname: x\ngates:\n  - { id: b, files: [x] }\nwaivers:\n  - { check: b, reason: r, by: a, expires: next week }\n");

        AssertAt(error, "RG1003", 6, 44);
    }

    [Fact]
    public void Every_error_is_collected_in_document_order()
    {
        var errors = RunbookFolder.ErrorsOf("""
            version: 1
            name: x
            run: { seed: "${MISSING}", timeout: 5m }
            preflight:
              - { id: a, files: [x], severity: high }
              - { id: a, env: X }
            gates:
              - { id: g, file: d.json, expect: { v: { min: low } } }
            waivers:
              - { check: nope, reason: r, by: a, expires: 2026-12-31 }
            """);

        Assert.Equal(
            ["RG1009", "RG1002", "RG1010", "RG1005", "RG1003", "RG1003", "RG1014"],
            errors.Select(e => e.Diagnostic.Code));
        Assert.Equal(errors.OrderBy(e => e.Position.Line).ThenBy(e => e.Position.Column), errors);
        Assert.All(errors, e => Assert.False(string.IsNullOrEmpty(e.Position.File)));
        Assert.All(errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Hint), $"{e} has no hint"));
    }

    [Fact]
    public void Exception_message_lists_every_error_in_compiler_form()
    {
        using var folder = new RunbookFolder("version: 1\nname: x\ngatez: []\npreflite: []\n");

        var exception = Assert.Throws<RunbookException>(() => folder.Load());

        Assert.Contains($"{folder.File}(3,1): error RG1002:", exception.Message, StringComparison.Ordinal);
        Assert.Contains($"{folder.File}(4,1): error RG1002:", exception.Message, StringComparison.Ordinal);
        Assert.Contains("Did you mean 'preflight'?", exception.Message, StringComparison.Ordinal);
    }
}
