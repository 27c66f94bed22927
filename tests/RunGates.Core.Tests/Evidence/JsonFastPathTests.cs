using System.Text;
using RunGates.Core.Evidence;
using static RunGates.Core.Tests.Checks.CheckFixture;

namespace RunGates.Core.Tests.Evidence;

/// <summary>
/// A JSON document is walked on its values, and common matchers answer without a node; YAML always goes through
/// nodes. The same document in both forms must get the same answer from every matcher, including the edges where the
/// value walk hands over to nodes (escaped strings, numbers against strings, null, long text), for every matcher,
/// filter and REF into the same document (exact numbers included).
/// </summary>
public sealed class JsonFastPathTests
{
    private const string Document = """
        {
          "status": "PASS",
          "escaped": "P\u0041SS",
          "empty": "",
          "none": null,
          "count": 42,
          "ratio": 0.25,
          "big": 1e400,
          "flag": true,
          "numeric_text": "42",
          "author": "ana",
          "reviewer": "bo",
          "self_reviewer": "ana",
          "author_escaped": "an\u0061",
          "long": "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab",
          "risks": [ { "code": "INFO" }, { "code": "WARN" }, { "code": 7 }, { "other": 1 } ],
          "nested": { "items": [ [1, 2], [3] ] },
          "exact": 9007199254740993,
          "hundred": 100,
          "allowed": ["PASS", "INFO", 7]
        }
        """;

    private const string SameAsYaml = """
        status: PASS
        escaped: PASS
        empty: ""
        none: null
        count: 42
        ratio: 0.25
        big: 1e400
        flag: true
        numeric_text: "42"
        author: ana
        reviewer: bo
        self_reviewer: ana
        author_escaped: ana
        long: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab
        risks:
          - code: INFO
          - code: WARN
          - code: 7
          - other: 1
        nested:
          items:
            - [1, 2]
            - [3]
        exact: 9007199254740993
        hundred: 100
        allowed: [PASS, INFO, 7]
        """;

    public static TheoryData<string, string> Cases()
    {
        var paths = new[] { "status", "escaped", "empty", "none", "count", "ratio", "big", "flag", "numeric_text", "author", "long", "risks[*].code", "nested.items[*][*]", "/nested/items/0/1", "risks[2].code", "absent",
            "exact", "hundred", "risks[*]", "risks[?code==WARN]", "risks[?code==WARN].code", "risks[?code!=WARN].code", "risks[?other]",
            "risks[?!code || code<8].code", "nested.items[?@[0]==1][*]", "risks[?code==$.status].code", "risks[?@.code!=$.absent]" };
        var matchers = new[] { "equals PASS", "equals 42", "equals null", "not PASS", "in PASS,INFO,42", "not-in BLOCK,WARN", "min 1", "max 42", "min-text B", "matches ^[A-Z]+$", "matches a+b$", "exists", "absent", "not-equal-field author", "not-equal-field author_escaped", "not-equal-field count", "not-equal-field missing", "not-equal-field risks[*].code",
            "equals 9007199254740992", "equals 9007199254740993", "equals 1e2", "min 9007199254740993", "equals-field author", "equals-field @.code",
            "equals-field status", "min-field count", "max-field ratio", "in-field allowed", "in-field risks[*].code", "not-in-field risks[*].code",
            "not-in-field allowed", "count-min 1", "count-max 0", "count-equals 4" };
        var data = new TheoryData<string, string>();
        foreach (var path in paths)
        {
            foreach (var matcher in matchers)
            {
                data.Add(path, matcher);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Json_answers_as_yaml_does(string path, string matcher)
    {
        var expectations = new[] { Field(path, Parse(matcher)) };
        var json = Parse(Encoding.UTF8.GetBytes(Document), "d.json");
        var yaml = Yaml();

        var expected = ExpectationEvaluator.Holds(yaml, expectations);

        Assert.Equal(expected, ExpectationEvaluator.Holds(json, expectations));
        var failures = new List<ExpectationFailure>();
        Assert.Equal(expected, ExpectationEvaluator.Evaluate(json, expectations, failures));
        Assert.Equal(expected, failures.Count == 0);
    }

    [Fact]
    public void A_passing_json_document_allocates_nothing_under_filters_counts_and_references()
    {
        using var folder = new RunGates.Tests.TempFolder();
        folder.Write("limits.json", "{\"latency_ms\": 250, \"codes\": 4}");
        var sources = new ReferenceSources { EvidenceBase = folder.Path, SpecDirectory = folder.Path, BundlesDirectory = folder.Path, Documents = new EvidenceDocumentCache(), Bundles = new ReferenceBundles() };
        Assert.True(ValueReference.TryParseFile("limits.json", "latency_ms", At, out var latency, out _));
        Assert.True(ValueReference.TryParseFile("limits.json", "codes", At, out var codes, out _));
        var json = Parse(Encoding.UTF8.GetBytes(Document), "d.json");
        var expectations = new[]
        {
            Field("status", OneOf(MatcherKind.In, "PASS", "INFO")),
            Field("risks[?code==WARN].code", Is(MatcherKind.EqualTo, Value("WARN"))),
            Field("risks[?code!=WARN && code!=7]", new Matcher(MatcherKind.Count, At) { Inner = [Is(MatcherKind.Min, Number("1"))] }),
            Field("risks", new Matcher(MatcherKind.Count, At) { Inner = [Is(MatcherKind.EqualTo, Number("4"))] }),
            Field("exact", Is(MatcherKind.Min, Number("9007199254740993"))),
            Field("author", NotEqualField("reviewer"), FieldMatcher(MatcherKind.EqualsField, "self_reviewer")),
            Field("hundred", FieldMatcher(MatcherKind.MinField, "count"), Is(MatcherKind.NotEqualTo, Number("41"))),
            Field("risks[?code==7].code", Is(MatcherKind.NotEqualTo, Value("WARN"))),
            Field("count", new Matcher(MatcherKind.MaxField, At) { Reference = latency }),
            Field("risks", new Matcher(MatcherKind.Count, At) { Inner = [new Matcher(MatcherKind.EqualsField, At) { Reference = codes }] }),
        };
        Assert.True(ExpectationEvaluator.Holds(json, expectations, sources));

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            ExpectationEvaluator.Holds(json, expectations, sources);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void A_document_lent_for_one_pass_answers_as_a_kept_one()
    {
        using var folder = new RunGates.Tests.TempFolder();
        var file = folder.Write("d.json", Document);
        var expectations = new[] { Field("risks[*].code", OneOf(MatcherKind.NotIn, "WARN")), Field("status", Matching("^P")) };
        var kept = EvidenceReader.Load(file).Document!;
        var failures = new List<ExpectationFailure>();
        ExpectationEvaluator.Evaluate(kept, expectations, failures);

        List<ExpectationFailure>? lentFailures = null;
        EvidenceReader.Read(file, loaded =>
        {
            lentFailures = [];
            ExpectationEvaluator.Evaluate(loaded.Document!, expectations, lentFailures);
        });

        Assert.Equal(failures.Select(f => (f.Message, f.Position)), lentFailures!.Select(f => (f.Message, f.Position)));
        var lines = Document.Split('\n');
        var line = Array.FindIndex(lines, l => l.Contains("\"risks\"", StringComparison.Ordinal));
        Assert.Equal((line + 1, lines[line].IndexOf("\"WARN\"", StringComparison.Ordinal) + 1), (failures[0].Position.Line, failures[0].Position.Column));
    }

    [Fact]
    public void A_lent_unreadable_or_missing_file_says_why()
    {
        using var folder = new RunGates.Tests.TempFolder();
        var broken = folder.Write("broken.json", "{\"a\": ");
        EvidenceLoadResult? seen = null;

        EvidenceReader.Read(broken, loaded => seen = loaded);
        Assert.Null(seen!.Document);
        Assert.StartsWith("invalid JSON", seen.Error, StringComparison.Ordinal);

        EvidenceReader.Read(Path.Combine(folder.Path, "gone.json"), loaded => seen = loaded);
        Assert.True(seen.IsMissing);
    }

    private static EvidenceDocument Parse(byte[] utf8, string name) => EvidenceReader.ParseJson(utf8, name).Document!;

    private static EvidenceDocument Yaml()
    {
        using var folder = new RunGates.Tests.TempFolder();
        return EvidenceReader.Load(folder.Write("d.yml", SameAsYaml)).Document!;
    }

    private static Matcher Parse(string matcher)
    {
        var (kind, argument) = (matcher.Split(' ')[0], matcher.Contains(' ', StringComparison.Ordinal) ? matcher[(matcher.IndexOf(' ', StringComparison.Ordinal) + 1)..] : "");
        return kind switch
        {
            "equals" => Is(MatcherKind.EqualTo, Scalar(argument)),
            "not" => Is(MatcherKind.NotEqualTo, Scalar(argument)),
            "in" => new Matcher(MatcherKind.In, At) { Values = argument.Split(',').Select(Scalar).ToList() },
            "not-in" => new Matcher(MatcherKind.NotIn, At) { Values = argument.Split(',').Select(Scalar).ToList() },
            "min" => Is(MatcherKind.Min, Number(argument)),
            "max" => Is(MatcherKind.Max, Number(argument)),
            "min-text" => Is(MatcherKind.Min, Value(argument)),
            "matches" => Matching(argument),
            "exists" => Exists(true),
            "absent" => Exists(false),
            "not-equal-field" => NotEqualField(argument),
            "equals-field" => FieldMatcher(MatcherKind.EqualsField, argument),
            "min-field" => FieldMatcher(MatcherKind.MinField, argument),
            "max-field" => FieldMatcher(MatcherKind.MaxField, argument),
            "in-field" => FieldMatcher(MatcherKind.InField, argument),
            "not-in-field" => FieldMatcher(MatcherKind.NotInField, argument),
            "count-min" => new Matcher(MatcherKind.Count, At) { Inner = [Is(MatcherKind.Min, Number(argument))] },
            "count-max" => new Matcher(MatcherKind.Count, At) { Inner = [Is(MatcherKind.Max, Number(argument))] },
            "count-equals" => new Matcher(MatcherKind.Count, At) { Inner = [Is(MatcherKind.EqualTo, Number(argument))] },
            _ => throw new ArgumentException(matcher),
        };
    }

    // As rungates.yml would type it: numbers and null by their look, everything else a string.
    private static EvidenceNode Scalar(string text) =>
        text == "null" ? Value("null", EvidenceNodeKind.Null)
        : double.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out _) ? Number(text)
        : Value(text);
}
