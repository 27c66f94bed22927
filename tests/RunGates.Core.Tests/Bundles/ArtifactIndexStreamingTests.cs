using System.Text;
using System.Text.Json;
using RunGates.Core.Bundles;
using RunGates.Core.Ledgers;

namespace RunGates.Core.Tests.Bundles;

/// <summary>
/// artifact_index.json written entry by entry (<see cref="ArtifactIndex.WriteTo"/>) and read in pieces
/// (<see cref="ArtifactIndex.Read"/>) gives the same bytes and the same index as the whole-record serializer and
/// parser did, and every index the streamed reading does not take is decided by the whole parse, word for word.
/// </summary>
public sealed class ArtifactIndexStreamingTests : IDisposable
{
    private static readonly string Digest = new('a', 64);
    private readonly TempFolder _tree = new();

    public void Dispose() => _tree.Dispose();

    private static ArtifactIndex Index(IReadOnlyList<LedgerEntry> files, string? packet = null) =>
        new(ArtifactIndex.CurrentVersion, "run-1", new DateTimeOffset(2026, 12, 3, 11, 0, 0, 123, TimeSpan.FromHours(1)), files) { Packet = packet };

    /// <summary>The bytes the whole-record serializer wrote before streaming, as AtomicFile encoded them.</summary>
    private static byte[] SerializedWhole(ArtifactIndex index) =>
        FileNameEncoding.Encode(JsonSerializer.Serialize(index, BundleJson.TypeInfo<ArtifactIndex>()) + "\n");

    private static byte[] Streamed(ArtifactIndex index)
    {
        using var bytes = new MemoryStream();
        index.WriteTo(bytes);
        return bytes.ToArray();
    }

    public static TheoryData<string[], string?> Names() => new()
    {
        { [], null },
        { ["a.txt"], null },
        { ["a.txt", "reports/b c.json"], "promotion_packet.json" },
        // Quotes, backslash, control characters, non-ASCII and an emoji: escaped as the bundle's JSON escapes text.
        { ["q\"uote", "back\\slash", "tab\tline\nfeed", "ünïcødé/日本", "emoji-😀", "<html>&'"], "out/packet.json" },
        // A name that is not UTF-8 (bytes 0xFF and 0x80): each byte as the lone surrogate escape \udcXX.
        { [FileNameEncoding.Decode([0x62, 0xFF, 0x2D, 0x80]), "z"], null },
    };

    [Theory]
    [MemberData(nameof(Names))]
    public void The_streamed_index_is_byte_for_byte_the_whole_serialization(string[] names, string? packet)
    {
        var index = Index(names.Select((n, i) => new LedgerEntry(n, Digest, i * 1000L)).ToList(), packet);

        var streamed = Streamed(index);

        Assert.Equal(SerializedWhole(index), streamed);
        Assert.Equal(SerializedWhole(index), FileNameEncoding.Encode(index.ToJson()));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void A_streamed_index_reads_back_as_the_whole_parse_reads_it(string[] names, string? packet)
    {
        var index = Index(names.Select((n, i) => new LedgerEntry(n, Digest, i * 1000L)).ToList(), packet);
        var path = _tree.Write("artifact_index.json", "");
        File.WriteAllBytes(path, Streamed(index));

        var reading = ArtifactIndex.Read(path);
        Assert.True(ArtifactIndex.TryParse(File.ReadAllText(path), out var whole, out _));

        Assert.IsType<CompactLedgerEntries>(reading.Index!.Files);
        Assert.Equal((whole!.Version, whole.RunId, whole.CommittedAt, whole.Packet), (reading.Index.Version, reading.Index.RunId, reading.Index.CommittedAt, reading.Index.Packet));
        Assert.Equal(whole.Files, reading.Index.Files);
        Assert.Equal(index.Files, reading.Index.Files);
        Assert.Equal(packet, ArtifactIndexReader.ReadPacket(path));
    }

    [Fact]
    public void An_index_far_larger_than_the_read_buffer_and_a_name_longer_than_it_read_back_whole()
    {
        var files = Enumerable.Range(0, 5000).Select(i => new LedgerEntry($"d{i % 7}/f{i:D6}", Convert.ToHexStringLower(BitConverter.GetBytes((long)i)).PadLeft(64, '0'), i)).ToList();
        files.Add(new LedgerEntry(new string('n', 200_000), Digest, 1));
        var index = Index(files, "promotion_packet.json");
        var bytes = Streamed(index);
        Assert.True(bytes.Length > 4 << 16);

        using var stream = new MemoryStream(bytes);
        var read = ArtifactIndexReader.TryStream(stream);

        Assert.NotNull(read);
        Assert.Equal(files, read.Files);
    }

    // Each is an index the streamed reading leaves to the whole parse: it must come out exactly as that parse says,
    // whether refused (the same message) or accepted (an unknown key, a missing packet or committed_at).
    public static TheoryData<string> NotRunGatesShape() => new()
    {
        "",
        "not json",
        "null",
        "[]",
        "{ \"run_id\": \"r1\",\n  \"files\": [",
        """{ "version": 1, "run_id": "x", "committed_at": "2026-01-01T00:00:00Z", "files": [ { "path": "a", "sha256": "XYZ", "size": 1 } ] }""",
        """{ "version": 9, "run_id": "x", "committed_at": "2026-01-01T00:00:00Z", "files": [] }""",
        """{ "version": 1, "run_id": "x", "committed_at": "2026-01-01T00:00:00Z", "files": [], "files": [] }""",
        """{ "version": 1, "run_id": "x", "committed_at": "2026-01-01T00:00:00Z", "files": [ { "path": "a", "path": "b", "sha256": "0000000000000000000000000000000000000000000000000000000000000000", "size": 1 } ] }""",
        """{ "version": 1, "run_id": "x", "committed_at": "2026-01-01T00:00:00Z", "files": [ { "path": "a", "sha256": "0000000000000000000000000000000000000000000000000000000000000000", "size": -1 } ] }""",
        """{ "version": 1, "run_id": "x", "committed_at": "2026-01-01T00:00:00Z", "files": [ { "path": "", "sha256": "0000000000000000000000000000000000000000000000000000000000000000", "size": 1 } ] }""",
        """{ "version": 1, "run_id": "x", "committed_at": "2026-01-01T00:00:00Z", "files": [ { "path": "a", "size": 1 } ] }""",
        """{ "version": 1, "run_id": "x", "committed_at": "2026-01-01T00:00:00Z", "files": [ { "path": "a", "sha256": "0000000000000000000000000000000000000000000000000000000000000000", "size": 1.5 } ] }""",
        """{ "version": 1, "run_id": "x", "committed_at": "2026-01-01T00:00:00Z", "files": [ null ] }""",
        """{ "version": 1, "run_id": null, "committed_at": "2026-01-01T00:00:00Z", "files": [] }""",
        """{ "version": 1, "run_id": "x", "committed_at": "yesterday", "files": [] }""",
        """{ "version": 1, "run_id": "x", "committed_at": "2026-01-01T00:00:00Z", "files": null }""",
        """{ "version": 1, "run_id": "x", "committed_at": "2026-01-01T00:00:00Z", "files": [], "packet": "../escape.json" }""",
        """{ "version": 1, "run_id": "x", "committed_at": "2026-01-01T00:00:00Z", "files": [ { "path": "a", "sha256": "XYZ", "size": 1 } ], "packet": "promotion_packet.json" }""",
        """{ "version": 1, "run_id": "x", "committed_at": "2026-01-01T00:00:00Z", "files": [], "packet": "artifact_index.json" }""",
        """{ "version": 1, "run_id": "x", "committed_at": "2026-01-01T00:00:00Z", "files": [] } trailing""",
        """{ "version": 1, "run_id": "x", "committed_at": "2026-01-01T00:00:00Z", "files": [], }""",
        """{ "version": 1, /* note */ "run_id": "x", "committed_at": "2026-01-01T00:00:00Z", "files": [] }""",
        """{ "version": 1, "run_id": "x", "committed_at": "2026-01-01T00:00:00Z", "files": [], "extra": true }""",
        """{ "version": 1, "run_id": "x", "files": [] }""",
        """{ "version": 1, "run_id": "x", "committed_at": "2026-01-01T00:00:00Z", "files": [ { "path": "a", "sha256": "0000000000000000000000000000000000000000000000000000000000000000", "size": 1, "mode": 420 } ] }""",
        "\uFEFF{ \"version\": 1, \"run_id\": \"x\", \"committed_at\": \"2026-01-01T00:00:00Z\", \"files\": [] }",
    };

    [Theory]
    [MemberData(nameof(NotRunGatesShape))]
    public void An_index_not_in_RunGates_shape_is_decided_by_the_whole_parse_word_for_word(string text)
    {
        var path = _tree.Write("artifact_index.json", "");
        File.WriteAllText(path, text, new UTF8Encoding(false));

        var reading = ArtifactIndex.Read(path);
        var parsed = ArtifactIndex.TryParse(File.ReadAllText(path), out var whole, out var error);

        Assert.Equal(parsed, reading.Index is not null);
        Assert.Equal(error, reading.Error);
        Assert.Equal(parsed ? null : File.ReadAllText(path), reading.Text);
        Assert.Equal(whole?.Files, reading.Index?.Files);
        Assert.Equal(whole?.Packet, ArtifactIndexReader.ReadPacket(path));
    }

    [Fact]
    public void A_key_named_twice_in_the_index_is_still_refused_by_validate_as_RG4008()
    {
        var bundle = BundleTestData.Commit(_tree["out"], "run-1", BundleTestData.Start);
        var indexPath = Path.Combine(bundle.Directory, BundleFiles.ArtifactIndex);
        var text = File.ReadAllText(indexPath);
        // The last "files" would win in a lax reader and hide every listed file.
        File.WriteAllText(indexPath, text.TrimEnd()[..^1] + ",\n  \"files\": []\n}\n");

        var problem = Assert.Single(BundleValidator.Validate(bundle.Directory).Problems);

        Assert.Equal("RG4008", problem.Diagnostic.Code);
        Assert.Contains("files", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_committed_bundle_reads_its_index_streamed_and_validates()
    {
        var bundle = BundleTestData.Commit(_tree["out"], "run-1", BundleTestData.Start);
        var indexPath = Path.Combine(bundle.Directory, BundleFiles.ArtifactIndex);
        Assert.True(ArtifactIndex.TryParse(File.ReadAllText(indexPath), out var whole, out _));

        // What the commit wrote is what serializing the parsed record whole gives, byte for byte.
        Assert.Equal(SerializedWhole(whole!), File.ReadAllBytes(indexPath));
        using (var stream = File.OpenRead(indexPath))
        {
            Assert.NotNull(ArtifactIndexReader.TryStream(stream));
        }

        var validation = BundleValidator.Validate(bundle.Directory);
        Assert.True(validation.Succeeded, string.Join("\n", validation.Problems));
        Assert.Equal(whole!.Files, validation.Index!.Files);
    }

    [Fact]
    public void A_ledger_streamed_into_the_bundle_has_the_bytes_of_its_text_for_awkward_names()
    {
        // Names with a backslash, LF, CR, non-ASCII and bytes that are not UTF-8: the cases where text and bytes part.
        var root = _tree["tree"];
        Directory.CreateDirectory(root);
        foreach (var name in new[] { "back\\slash", "line\nfeed", "carriage\rreturn", "ünï", "plain" })
        {
            File.WriteAllText(Path.Combine(root, name), name);
        }

        Assert.Equal(0, ExternalTool.Run(root, "sh", "-c", "printf x > \"$(printf 'bad-\\377\\200')\"").ExitCode);
        Assert.Equal(6, Directory.EnumerateFiles(root).Count());
        var entries = LedgerWriter.Build(root, ["**/*"], []);
        var bundle = RunBundle.Open(_tree["out"], "run-1", BundleTestData.Manifest());

        bundle.WriteFile("text/SHA256SUMS", LedgerWriter.Format(entries));
        bundle.WriteFile("streamed/SHA256SUMS", output => LedgerWriter.Write(output, entries));

        Assert.Equal(File.ReadAllBytes(Path.Combine(bundle.Directory, "text/SHA256SUMS")), File.ReadAllBytes(Path.Combine(bundle.Directory, "streamed/SHA256SUMS")));
        Assert.Contains((byte)0xFF, File.ReadAllBytes(Path.Combine(bundle.Directory, "streamed/SHA256SUMS")));

        // The stream form keeps the rule of the text form: a step's own file is never overwritten (RG4022).
        File.WriteAllText(Path.Combine(bundle.Directory, "step.txt"), "the step's");
        var refused = Assert.Throws<BundleException>(() => bundle.WriteFile("step.txt", output => output.WriteByte((byte)'x')));
        Assert.Equal("RG4022", refused.Diagnostic.Code);
        Assert.Equal("the step's", File.ReadAllText(Path.Combine(bundle.Directory, "step.txt")));
    }
}
