using RunGates.Core.Evidence;

namespace RunGates.Core.Tests.Evidence;

public sealed class EvidenceReaderTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("rungates-evidence-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Json_nodes_carry_line_and_column()
    {
        var path = Write("d.json", "{\n  \"strict\": {\n    \"gttResidual\": \"WARN\",\n    \"n\": [1, 2.50]\n  }\n}\n");

        var document = EvidenceReader.Load(path).Document!;
        var residual = document.Root["strict"]!["gttResidual"]!;
        var second = document.Root["strict"]!["n"]!.Items[1];

        Assert.Equal("WARN", residual.Text);
        Assert.Equal((3, 20), (residual.Position.Line, residual.Position.Column));
        Assert.Equal(path, residual.Position.File);
        Assert.Equal("2.50", second.Text);
        Assert.Equal((4, 14), (second.Position.Line, second.Position.Column));
        Assert.Equal((2, 13), (document.Root["strict"]!.Position.Line, document.Root["strict"]!.Position.Column));
    }

    [Fact]
    public void Json_columns_count_characters_not_bytes()
    {
        var path = Write("u.json", "{\"naïve\": \"é\", \"x\": 1}");

        var x = EvidenceReader.Load(path).Document!.Root["x"]!;

        Assert.Equal((1, 21), (x.Position.Line, x.Position.Column));
    }

    [Fact]
    public void Json_strings_decode_escapes_and_non_ascii_names_and_values()
    {
        var path = Write("s.json", "[{\"\u00e9\": \"a\\nb\", \"Ã©\": 1}, {\"é\": \"ünï\", \"k\\\"q\": \"\\u0041\"}]");

        var items = EvidenceReader.Load(path).Document!.Root.Items;

        Assert.Equal("a\nb", items[0]["é"]!.Text);
        Assert.Equal("1", items[0]["Ã©"]!.Text);
        Assert.Equal("ünï", items[1]["é"]!.Text);
        Assert.Equal("A", items[1]["k\"q"]!.Text);
        Assert.Equal(["é", "k\"q"], items[1].Properties.Select(p => p.Key));
    }

    [Fact]
    public void Json_with_a_byte_order_mark_parses_and_keeps_columns()
    {
        var path = Path.Combine(_folder, "bom.json");
        File.WriteAllBytes(path, [0xEF, 0xBB, 0xBF, .. "{\"a\": true}"u8]);

        var a = EvidenceReader.Load(path).Document!.Root["a"]!;

        Assert.Equal(EvidenceNodeKind.Boolean, a.Kind);
        Assert.Equal((1, 7), (a.Position.Line, a.Position.Column));
    }

    [Fact]
    public void Invalid_json_is_invalid_with_the_position_of_the_error()
    {
        var path = Write("bad.json", "{\n  \"a\": 1,\n  \"b\": ]\n}");

        var result = EvidenceReader.Load(path);

        Assert.Null(result.Document);
        Assert.False(result.IsMissing);
        Assert.StartsWith("invalid JSON", result.Error);
        Assert.Equal(3, result.ErrorPosition!.Line);
        Assert.True(result.ErrorPosition.Column > 1);
    }

    [Fact]
    public void Absent_file_is_missing()
    {
        var result = EvidenceReader.Load(Path.Combine(_folder, "nope.json"));

        Assert.True(result.IsMissing);
        Assert.Null(result.Document);
    }

    [Fact]
    public void Yaml_nodes_carry_line_and_column_and_plain_scalars_are_typed_by_the_core_schema()
    {
        var path = Write("d.yaml", "kind: derivation\ncount: 12\nratio: 0.25\nok: true\nnothing: ~\nempty:\nquoted: \"12\"\nhex: 0x1F\nlist:\n  - a\n  - 3\n");

        var root = EvidenceReader.Load(path).Document!.Root;

        Assert.Equal(EvidenceNodeKind.String, root["kind"]!.Kind);
        Assert.Equal(EvidenceNodeKind.Number, root["count"]!.Kind);
        Assert.Equal(EvidenceNodeKind.Number, root["ratio"]!.Kind);
        Assert.Equal(EvidenceNodeKind.Boolean, root["ok"]!.Kind);
        Assert.Equal(EvidenceNodeKind.Null, root["nothing"]!.Kind);
        Assert.Equal(EvidenceNodeKind.Null, root["empty"]!.Kind);
        Assert.Equal(EvidenceNodeKind.String, root["quoted"]!.Kind);
        Assert.Equal("31", root["hex"]!.Text);
        var three = root["list"]!.Items[1];
        Assert.Equal(EvidenceNodeKind.Number, three.Kind);
        Assert.Equal((11, 5), (three.Position.Line, three.Position.Column));
        Assert.Equal((2, 8), (root["count"]!.Position.Line, root["count"]!.Position.Column));
    }

    [Fact]
    public void Invalid_yaml_is_invalid_with_a_position()
    {
        var path = Write("bad.yml", "a: 1\nb: [1, 2\nc: 3\n");

        var result = EvidenceReader.Load(path);

        Assert.Null(result.Document);
        Assert.StartsWith("invalid YAML", result.Error);
        Assert.Equal(path, result.ErrorPosition!.File);
    }

    [Fact]
    public void Yaml_syntax_error_is_invalid_with_line_and_column()
    {
        var path = Write("bad2.yml", "a: 1\nb: \"open\n");

        var result = EvidenceReader.Load(path);

        Assert.Null(result.Document);
        Assert.True(result.ErrorPosition!.Line >= 2, result.ErrorPosition.ToString());
    }

    [Fact]
    public void Unknown_extension_is_invalid_and_says_why()
    {
        var path = Write("d.txt", "{}");

        var result = EvidenceReader.Load(path);

        Assert.Contains("neither JSON", result.Error);
    }

    private string Fifo(string name)
    {
        var path = Path.Combine(_folder, name);
        using var mkfifo = System.Diagnostics.Process.Start("mkfifo", [path])!;
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
        return path;
    }

    [Theory]
    [InlineData("pipe.json")]
    [InlineData("pipe.yml")]
    public async Task A_fifo_as_evidence_is_refused_without_blocking(string name)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var path = Fifo(name);

        var result = await Task.Run(() => EvidenceReader.Load(path)).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Null(result.Document);
        Assert.False(result.IsMissing);
        Assert.Equal($"{path} is a named pipe (FIFO), not a regular file: expected a regular file of evidence", result.Error);
        Assert.Equal(path, result.ErrorPosition!.File);
    }

    [Theory]
    [InlineData("/dev/null", "is a character device")]
    [InlineData("/proc/self/status", "is on the kernel's proc pseudo file system")]
    public void Devices_and_proc_files_are_refused_as_evidence(string device, string expected)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var path = Path.Combine(_folder, "link.json");
        File.CreateSymbolicLink(path, device);

        var result = EvidenceReader.Load(path);

        Assert.Null(result.Document);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_nested_deeper_than_the_limit_fails_naming_the_limit_and_the_bracket_that_goes_too_deep()
    {
        var depth = EvidenceReader.MaxJsonDepth;
        var path = Write("deep.json", "{\"a\":\n" + new string('[', depth) + new string(']', depth) + "}");

        var result = EvidenceReader.Load(path);

        Assert.Null(result.Document);
        Assert.Equal("arrays and objects nest deeper than 256 levels here: expected at most 256, the limit for JSON evidence", result.Error);
        Assert.Equal((2, depth), (result.ErrorPosition!.Line, result.ErrorPosition.Column));
    }

    [Fact]
    public void Json_nested_to_the_limit_loads()
    {
        var depth = EvidenceReader.MaxJsonDepth;
        var path = Write("limit.json", new string('[', depth) + new string(']', depth));

        Assert.NotNull(EvidenceReader.Load(path).Document);
    }

    [Fact]
    public void Json_nested_a_million_deep_fails_on_the_limit_without_overflowing_the_stack()
    {
        var path = Write("million.json", new string('[', 1_000_000));

        var result = EvidenceReader.Load(path);

        Assert.StartsWith("arrays and objects nest deeper than 256 levels", result.Error, StringComparison.Ordinal);
        Assert.Equal((1, 257), (result.ErrorPosition!.Line, result.ErrorPosition.Column));
    }

    [Fact]
    public void Invalid_json_that_is_not_too_deep_keeps_the_parser_message()
    {
        var path = Write("bad.json", "[[1,]]");

        Assert.StartsWith("invalid JSON: ", EvidenceReader.Load(path).Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_larger_than_the_limit_fails_naming_the_limit_without_reading_it()
    {
        var path = Path.Combine(_folder, "huge.json");
        using (var file = File.Create(path))
        {
            // Sparse: the size is checked before a byte is read.
            file.SetLength(EvidenceReader.MaxJsonBytes + 1);
        }

        var result = EvidenceReader.Load(path);

        Assert.Null(result.Document);
        Assert.Equal($"{path} holds 268435457 bytes: expected a JSON document of at most 268435456 bytes (256 MiB), the limit for JSON evidence", result.Error);
    }
}
