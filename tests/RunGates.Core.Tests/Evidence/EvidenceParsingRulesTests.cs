using RunGates.Core.Checks;
using RunGates.Core.Evidence;
using RunGates.Core.Tests.Checks;
using static RunGates.Core.Tests.Checks.CheckFixture;

namespace RunGates.Core.Tests.Evidence;

/// <summary>
/// A document that could be read two ways is refused, never read one way: a duplicate key (JSON as YAML) and a YAML
/// file of several documents both fail the check that reads them, naming where.
/// </summary>
public sealed class EvidenceParsingRulesTests : IDisposable
{
    private readonly CheckFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    private static ExpectCheck Gate(string? file = null, string? each = null) => new()
    {
        Id = "gate",
        Phase = Phase.Gates,
        Position = At,
        File = file,
        Each = each,
        Expect = [FieldEquals("status", "PASS")],
    };

    [Fact]
    public async Task Json_duplicate_key_hiding_a_failing_value_fails_naming_the_key_line_and_column()
    {
        // Last value wins in System.Text.Json: without the rule this document passed status: PASS.
        _fixture.Write("result.json", "{\n  \"status\": \"FAIL\",\n  \"status\": \"PASS\"\n}\n");

        var evaluation = await _fixture.Evaluate(Gate(file: "result.json"));

        Assert.Equal(Outcome.Failed, evaluation.Outcome);
        Assert.Contains("duplicate key 'status' (first at line 2, column 3)", evaluation.Message);
        var finding = Assert.Single(evaluation.Findings);
        Assert.Equal((3, 3), (finding.Position!.Line, finding.Position.Column));
        Assert.EndsWith("result.json", finding.Position.File);
    }

    [Fact]
    public void Json_duplicate_key_is_found_in_nested_objects_and_through_escapes()
    {
        var nested = _fixture.Write("nested.json", "[1, {\"a\": {\"x\": 1, \"y\": [ {\"k\": 1, \"k\": 2} ]}}]");
        var escaped = _fixture.Write("escaped.json", "{\"ab\": 1, \"a\\u0062\": 2}");

        var first = EvidenceReader.Load(nested);
        var second = EvidenceReader.Load(escaped);

        Assert.Null(first.Document);
        Assert.StartsWith("duplicate key 'k' (first at line 1, column 28)", first.Error);
        Assert.Equal(36, first.ErrorPosition!.Column);
        Assert.Null(second.Document);
        Assert.StartsWith("duplicate key 'ab'", second.Error);
    }

    [Fact]
    public void Json_without_duplicates_loads_even_with_many_keys_of_the_same_length()
    {
        var keys = string.Join(", ", Enumerable.Range(0, 500).Select(i => $"\"k{i:D4}\": {i}"));
        var path = _fixture.Write("wide.json", "{" + keys + ", \"same\": {\"k0001\": 1}}");

        var loaded = EvidenceReader.Load(path);

        Assert.NotNull(loaded.Document);
        Assert.Equal("499", loaded.Document!.Root["k0499"]!.Text);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(40)]
    public void Json_duplicate_key_is_found_in_an_object_of_any_width(int width)
    {
        // Small objects compare each pair, wide ones sort hashes: both must find the repeated name.
        var keys = string.Join(", ", Enumerable.Range(0, width - 1).Select(i => $"\"k{i:D2}\": {i}"));
        var path = _fixture.Write("repeat.json", "{" + keys + ", \"k00\": 99}");

        var loaded = EvidenceReader.Load(path);

        Assert.Null(loaded.Document);
        Assert.StartsWith("duplicate key 'k00' (first at line 1, column 2)", loaded.Error);
    }

    [Fact]
    public void Duplicate_detection_allocates_nothing_per_property_on_a_passing_document()
    {
        // System.Text.Json's own check (AllowDuplicateProperties = false) costs ~1 KB per document; this one must not grow with the keys.
        var narrow = _fixture.Write("narrow.json", "{\"a\": 1}");
        var wide = _fixture.Write("wide.json", "{" + string.Join(", ", Enumerable.Range(0, 300).Select(i => $"\"key{i}\": {{\"n\": {i}, \"s\": \"v\"}}")) + "}");
        long Allocated(string path)
        {
            for (var i = 0; i < 20; i++)
            {
                EvidenceReader.Read(path, _ => { });
            }

            var before = GC.GetAllocatedBytesForCurrentThread();
            EvidenceReader.Read(path, loaded => Assert.NotNull(loaded.Document));
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }

        var narrowBytes = Allocated(narrow);
        var wideBytes = Allocated(wide);

        Assert.True(wideBytes - narrowBytes < 600, $"a 600-key document allocated {wideBytes} bytes, a 1-key one {narrowBytes}");
    }

    [Fact]
    public async Task Json_duplicate_key_fails_every_document_of_an_each_and_the_lent_read_alike()
    {
        _fixture.Write("receipts/a.json", "{\"status\": \"PASS\"}");
        _fixture.Write("receipts/b.json", "{\"status\": \"FAIL\", \"status\": \"PASS\"}");

        var evaluation = await _fixture.Evaluate(Gate(each: "receipts/*.json"));

        Assert.Equal(Outcome.Failed, evaluation.Outcome);
        Assert.Contains("receipts/b.json: duplicate key 'status'", evaluation.Message);
    }

    [Fact]
    public async Task Yaml_duplicate_key_fails_the_check()
    {
        _fixture.Write("result.yml", "status: FAIL\n\"status\": PASS\n");

        var evaluation = await _fixture.Evaluate(Gate(file: "result.yml"));

        Assert.Equal(Outcome.Failed, evaluation.Outcome);
        Assert.Equal("duplicate key 'status': expected each key once in a mapping, as the last value would hide the first", evaluation.Message);
        Assert.Equal((2, 1), (Assert.Single(evaluation.Findings).Position!.Line, evaluation.Findings[0].Position!.Column));
    }

    [Fact]
    public async Task Yaml_with_two_documents_fails_at_the_second_instead_of_reading_the_first()
    {
        // Without the rule the first document (PASS) was read and the second (FAIL) ignored.
        _fixture.Write("result.yml", "status: PASS\n---\nstatus: FAIL\n");

        var evaluation = await _fixture.Evaluate(Gate(file: "result.yml"));

        Assert.Equal(Outcome.Failed, evaluation.Outcome);
        Assert.Contains("a second YAML document starts here: expected one document per evidence file, found 2", evaluation.Message);
        Assert.Equal(3, Assert.Single(evaluation.Findings).Position!.Line);
    }

    [Fact]
    public void Yaml_with_one_explicit_document_loads()
    {
        var path = _fixture.Write("one.yml", "---\nstatus: PASS\n...\n");

        Assert.Equal("PASS", EvidenceReader.Load(path).Document!.Root["status"]!.Text);
    }
}
