using RunGates.Core.Evidence;
using static RunGates.Core.Tests.Checks.CheckFixture;

namespace RunGates.Core.Tests.Evidence;

public sealed class ExpectationEvaluatorTests
{
    private static EvidenceDocument Json(string text) => EvidenceReader.ParseJson(System.Text.Encoding.UTF8.GetBytes(text), "d.json").Document!;

    private static List<ExpectationFailure> Failures(string json, params FieldExpectation[] expectations)
    {
        var failures = new List<ExpectationFailure>();
        var holds = ExpectationEvaluator.Evaluate(Json(json), expectations, failures);
        Assert.Equal(failures.Count == 0, holds);
        Assert.Equal(holds, ExpectationEvaluator.Holds(Json(json), expectations));
        return failures;
    }

    [Fact]
    public void Equals_failure_says_what_was_found_and_expected_with_the_value_position()
    {
        var failure = Assert.Single(Failures("{\"strict\": {\"gttResidual\": \"WARN\"}}", FieldEquals("strict.gttResidual", "PASS")));

        Assert.Equal("strict.gttResidual is \"WARN\", expected \"PASS\"", failure.Message);
        Assert.Equal("\"PASS\"", failure.Expected);
        Assert.Equal("\"WARN\"", failure.Actual);
        Assert.Equal((1, 28), (failure.Position.Line, failure.Position.Column));
    }

    [Theory]
    [InlineData("1.0", "1", true)]
    [InlineData("1.5", "1", false)]
    public void Equals_compares_numbers_numerically(string actual, string expected, bool holds) =>
        Assert.Equal(holds, Failures($"{{\"n\": {actual}}}", Field("n", Is(MatcherKind.EqualTo, Number(expected)))).Count == 0);

    [Fact]
    public void Not_fails_on_the_forbidden_value()
    {
        var failure = Assert.Single(Failures("{\"lockability\": \"lockable\"}", Field("lockability", Is(MatcherKind.NotEqualTo, Value("lockable")))));
        Assert.Equal("lockability is \"lockable\", expected not \"lockable\"", failure.Message);
        Assert.Empty(Failures("{\"lockability\": \"open\"}", Field("lockability", Is(MatcherKind.NotEqualTo, Value("lockable")))));
    }

    [Fact]
    public void In_and_not_in_check_membership()
    {
        Assert.Empty(Failures("{\"s\": \"B\"}", Field("s", OneOf(MatcherKind.In, "A", "B"))));
        Assert.Single(Failures("{\"s\": \"C\"}", Field("s", OneOf(MatcherKind.In, "A", "B"))));
        Assert.Empty(Failures("{\"s\": \"C\"}", Field("s", OneOf(MatcherKind.NotIn, "A", "B"))));
        var failure = Assert.Single(Failures("{\"s\": \"A\"}", Field("s", OneOf(MatcherKind.NotIn, "A", "B"))));
        Assert.Equal("s is \"A\", expected none of \"A\", \"B\"", failure.Message);
    }

    [Theory]
    [InlineData("0.25", true)]
    [InlineData("0.3", false)]
    [InlineData("\"0.1\"", false)]
    public void Max_is_inclusive_and_numeric(string actual, bool holds) =>
        Assert.Equal(holds, Failures($"{{\"burst\": {actual}}}", Field("burst", Is(MatcherKind.Max, Number("0.25")))).Count == 0);

    [Fact]
    public void Min_compares_numbers_numerically_not_as_text()
    {
        // As text "9" > "16"; as numbers it is not.
        Assert.Single(Failures("{\"live\": 9}", Field("live", Is(MatcherKind.Min, Number("16")))));
        Assert.Empty(Failures("{\"live\": 16}", Field("live", Is(MatcherKind.Min, Number("16")))));
    }

    [Fact]
    public void Min_and_max_compare_strings_ordinally()
    {
        Assert.Empty(Failures("{\"v\": \"b\"}", Field("v", Is(MatcherKind.Min, Value("a")), Is(MatcherKind.Max, Value("c")))));
        Assert.Single(Failures("{\"v\": \"d\"}", Field("v", Is(MatcherKind.Min, Value("a")), Is(MatcherKind.Max, Value("c")))));
    }

    [Fact]
    public void Matches_searches_the_text_with_the_pattern()
    {
        Assert.Empty(Failures("{\"sha\": \"" + new string('a', 40) + "\"}", Field("sha", Matching("^[0-9a-f]{40}$"))));
        var failure = Assert.Single(Failures("{\"sha\": \"xyz\"}", Field("sha", Matching("^[0-9a-f]{40}$"))));
        Assert.Equal("sha is \"xyz\", expected a value matching /^[0-9a-f]{40}$/", failure.Message);
    }

    [Fact]
    public void Exists_false_passes_when_absent_and_fails_when_present()
    {
        Assert.Empty(Failures("{}", Field("debug", Exists(false))));
        Assert.Single(Failures("{\"debug\": null}", Field("debug", Exists(false))));
        Assert.Empty(Failures("{\"debug\": null}", Field("debug", Exists(true))));
    }

    [Fact]
    public void A_missing_path_fails_other_matchers_as_absent_at_the_file()
    {
        var failure = Assert.Single(Failures("{\"a\": {}}", FieldEquals("a.b", "x")));

        Assert.Equal("a.b is absent, expected \"x\"", failure.Message);
        Assert.Equal("absent", failure.Actual);
        Assert.Equal(("d.json", 0), (failure.Position.File, failure.Position.Line));
    }

    [Theory]
    [InlineData("integer", "3", true)]
    [InlineData("integer", "3.5", false)]
    [InlineData("number", "3.5", true)]
    [InlineData("string", "\"s\"", true)]
    [InlineData("string", "3", false)]
    [InlineData("boolean", "false", true)]
    [InlineData("null", "null", true)]
    [InlineData("object", "{}", true)]
    [InlineData("array", "[]", true)]
    [InlineData("array", "{}", false)]
    public void Type_checks_the_json_type(string type, string json, bool holds) =>
        Assert.Equal(holds, Failures($"{{\"v\": {json}}}", Field("v", Is(MatcherKind.Type, Value(type)))).Count == 0);

    [Fact]
    public void Not_equal_field_compares_with_another_path_of_the_same_document()
    {
        Assert.Empty(Failures("{\"author\": \"a\", \"reviewer\": \"b\"}", Field("reviewer", Exists(true), NotEqualField("author"))));
        var failure = Assert.Single(Failures("{\"author\": \"a\", \"reviewer\": \"a\"}", Field("reviewer", Exists(true), NotEqualField("author"))));
        Assert.Equal("reviewer is \"a\", expected different from author (\"a\")", failure.Message);
    }

    [Fact]
    public void Wildcard_requires_every_element_and_reports_each_failing_one()
    {
        var json = "{\"risks\": [{\"code\": \"INFO\"}, {\"code\": \"BLOCK\"}, {\"code\": \"HALT\"}]}";

        var failures = Failures(json, Field("risks[*].code", OneOf(MatcherKind.NotIn, "BLOCK", "HALT")));

        Assert.Equal(["risks[1].code", "risks[2].code"], failures.Select(f => f.Path));
        Assert.Equal("risks[1].code is \"BLOCK\", expected none of \"BLOCK\", \"HALT\"", failures[0].Message);
    }

    [Fact]
    public void Wildcard_over_an_empty_array_holds_and_over_a_non_array_fails_whatever_the_matcher()
    {
        Assert.Empty(Failures("{\"risks\": []}", FieldEquals("risks[*].code", "INFO")));
        Assert.Equal("risks[*].code: [*] meets 3, expected an array", Assert.Single(Failures("{\"risks\": 3}", FieldEquals("risks[*].code", "INFO"))).Message);
        Assert.Single(Failures("{\"risks\": \"BLOCK\"}", Field("risks[*].code", OneOf(MatcherKind.NotIn, "BLOCK"))));
        Assert.Empty(Failures("{}", Field("risks[*].code", OneOf(MatcherKind.NotIn, "BLOCK"))));
    }

    [Fact]
    public void Json_pointer_steps_through_properties_and_array_indices()
    {
        var json = "{\"a/b\": {\"list\": [10, 20]}, \"m~n\": 1}";

        Assert.Empty(Failures(json, Field("/a~1b/list/1", Is(MatcherKind.EqualTo, Number("20"))), Field("/m~0n", Is(MatcherKind.EqualTo, Number("1")))));
        Assert.Single(Failures(json, Field("/a~1b/list/01", Exists(true))));
    }

    [Fact]
    public void Dotted_index_selects_one_element()
    {
        Assert.Empty(Failures("{\"a\": [{\"c\": 1}, {\"c\": 2}]}", Field("a[1].c", Is(MatcherKind.EqualTo, Number("2")))));
        Assert.Single(Failures("{\"a\": [{\"c\": 1}]}", Field("a[4].c", Exists(true))));
    }

    [Fact]
    public void Every_failing_path_and_matcher_is_reported()
    {
        var failures = Failures(
            "{\"status\": \"FAIL\", \"latency\": 900}",
            FieldEquals("status", "PASS"),
            Field("latency", Is(MatcherKind.Max, Number("250")), Is(MatcherKind.NotEqualTo, Number("900"))));

        Assert.Equal(3, failures.Count);
    }

    [Fact]
    public void Yaml_null_does_not_equal_the_string_null()
    {
        Assert.Single(Failures("{\"v\": \"null\"}", Field("v", Is(MatcherKind.EqualTo, Value("null", EvidenceNodeKind.Null)))));
        Assert.Empty(Failures("{\"v\": null}", Field("v", Is(MatcherKind.EqualTo, Value("null", EvidenceNodeKind.Null)))));
    }
}
