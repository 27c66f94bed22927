using System.Text;
using RunGates.Core.Bundles;

namespace RunGates.Core.Tests.Bundles;

/// <summary>
/// Review (issue #15): the streamed reading of artifact_index.json never accepts an index the whole-text parse
/// refuses or reads differently; each input is given to both readers directly.
/// </summary>
public sealed class ReviewArtifactIndexReaderTests
{
    private const string Sha = "0000000000000000000000000000000000000000000000000000000000000000";
    private const string Head = "{ \"version\": 1, \"run_id\": \"x\", \"committed_at\": \"2026-01-01T00:00:00Z\", ";

    private static string Entry(string path, string size = "1", string pathKey = "path") =>
        $"{{ \"{pathKey}\": \"{path}\", \"size\": {size}, \"sha256\": \"{Sha}\" }}";

    private static string Doc(string files, string tail = "") => Head + "\"files\": [ " + files + " ]" + tail + " }";

    /// <summary>Streamed result must be null, or what TryParse accepts, field for field. Neither may throw.</summary>
    private static void AssertStreamNeverDiffers(byte[] bytes)
    {
        var streamed = ArtifactIndexReader.TryStream(new MemoryStream(bytes));
        var text = new StreamReader(new MemoryStream(bytes), Encoding.UTF8, detectEncodingFromByteOrderMarks: true).ReadToEnd();
        var parsed = ArtifactIndex.TryParse(text, out var whole, out var error);
        if (streamed is null)
        {
            return;
        }

        Assert.True(parsed, $"streamed accepted what TryParse refuses: {error}");
        Assert.Equal((whole!.Version, whole.RunId, whole.CommittedAt, whole.Packet), (streamed.Version, streamed.RunId, streamed.CommittedAt, streamed.Packet));
        Assert.Equal(whole.Files.ToList(), streamed.Files.ToList());
    }

    public static TheoryData<string> Inputs() => new()
    {
        Doc(Entry("a")),
        Doc(Entry("a", pathKey: "\\u0070ath")),
        Head.Replace("\"version\"", "\"v\\u0065rsion\"") + "\"files\": [] }",
        Doc(Entry("a", "-0")),
        Doc(Entry("a", "1e3")),
        Doc(Entry("a", "1E+3")),
        Doc(Entry("a", "9223372036854775807")),
        Doc(Entry("a", "9223372036854775808")),
        Doc(Entry("a", "-1")),
        Doc(Entry("a", "null")),
        Doc(Entry("a", "\"1\"")),
        Doc(Entry("a"), ", \"packet\": null"),
        Doc(Entry("a"), ", \"p\\u0061cket\": \"promotion_packet.json\""),
        Doc(Entry("a"), ", \"packet\": \"promotion_packet.json\", \"packet\": \"../x\""),
        Doc(Entry("a"), ", \"packet\": \"a\\\\..\\\\..\\\\x\""),
        Doc(Entry("a"), ", \"packet\": \"\\udcff.json\""),
        Doc(Entry("a"), ", \"packet\": \"\\ud800.json\""),
        Head.Replace("\"x\"", "\"\\udc80\"") + "\"files\": [] }",
        Doc(Entry("\\udcff")),
        Doc(Entry("\\ud800")),
        Doc(Entry("\\udc41")),
        Doc(Entry("\\ud83d\\ude00")),
        Doc(Entry("\\ude00\\ud83d")),
        Doc(Entry("a\\/b")),
        Doc(Entry("a\\u0000b")),
        Doc(Entry("a") + ", " + Entry("a")),
        Doc(Entry("a")) + " {}",
        Doc(Entry("a")) + " // c",
        Doc(Entry("a")) + "\n\n\t ",
        "\uFEFF" + Doc(Entry("a")),
        Doc(Entry("a")).Replace("\"version\": 1", "\"version\": 1.0"),
        Doc(Entry("a")).Replace("\"version\": 1", "\"version\": 1e0"),
        Doc(Entry("a")).Replace("2026-01-01T00:00:00Z", "2026-01-01"),
        Doc(Entry("a")).Replace("2026-01-01T00:00:00Z", "2026-01-01T00:00:00"),
        Doc(Entry("a")).Replace("2026-01-01T00:00:00Z", "2026-01-01T00:00:00.1234567891+14:00"),
        Doc(Entry("a")).Replace("\"x\"", "\"\""),
        Doc(Entry("a")).Replace("2026-01-01T00:00:00Z", "2026\\u002d01-01T00:00:00Z"),
        Doc(Entry("a").Replace(Sha, "\\u0030" + Sha[1..])),
        Doc(Entry("a").Replace(Sha, Sha.ToUpperInvariant().Replace('0', 'A'))),
        Doc(Entry("a"), ", \"\\u0066iles\": []"),
        Doc(Entry("a") + ", { \"path\": \"b\", \"size\": 1, \"sha256\": \"" + Sha + "\", \"p\\u0061th\": \"c\" }"),
    };

    [Fact]
    public void Review_the_whole_parse_refuses_a_key_named_twice_when_one_spelling_is_escaped()
    {
        Assert.False(ArtifactIndex.TryParse(Doc(Entry("a"), ", \"\\u0066iles\": []"), out _, out _));
        Assert.False(ArtifactIndex.TryParse(Doc("{ \"path\": \"b\", \"size\": 1, \"sha256\": \"" + Sha + "\", \"p\\u0061th\": \"c\" }"), out _, out _));
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Review_streamed_reading_never_accepts_what_the_whole_parse_refuses_or_reads_differently(string json) =>
        AssertStreamNeverDiffers(Encoding.UTF8.GetBytes(json));

    public static TheoryData<byte[]> RawBytes() => new()
    {
        // Invalid UTF-8 (0xFF, a lone continuation 0x80, an overlong '/', a CESU-8 surrogate) raw in a path.
        Bytes(Doc(Entry("a@b")), "@", [0xFF]),
        Bytes(Doc(Entry("a@b")), "@", [0x80]),
        Bytes(Doc(Entry("a@b")), "@", [0xC0, 0xAF]),
        Bytes(Doc(Entry("a@b")), "@", [0xED, 0xB3, 0xBF]),
        Bytes(Doc(Entry("a@b")), "@", [0xF4, 0x90, 0x80, 0x80]),
        // ... in the run_id, the packet, a key.
        Bytes(Doc(Entry("a")).Replace("\"x\"", "\"x@\""), "@", [0xFF]),
        Bytes(Doc(Entry("a"), ", \"packet\": \"p@.json\""), "@", [0xFF]),
        Bytes(Doc(Entry("a"), ", \"pa@\": 1"), "@", [0xFF]),
        // UTF-16 with its byte order mark.
        new byte[] { 0xFF, 0xFE }.Concat(Encoding.Unicode.GetBytes(Doc(Entry("a")))).ToArray(),
    };

    private static byte[] Bytes(string json, string marker, byte[] insert)
    {
        var at = json.IndexOf(marker, StringComparison.Ordinal);
        var tail = json.Substring(at + marker.Length);
        return Encoding.UTF8.GetBytes(json.Substring(0, at)).Concat(insert).Concat(Encoding.UTF8.GetBytes(tail)).ToArray();
    }

    [Theory]
    [MemberData(nameof(RawBytes))]
    public void Review_streamed_reading_of_bytes_that_are_not_UTF_8_matches_the_whole_parse(byte[] bytes) =>
        AssertStreamNeverDiffers(bytes);

    [Fact]
    public void Review_an_escape_or_surrogate_pair_across_the_64_KiB_boundary_reads_as_the_whole_parse_reads_it()
    {
        var entry = Entry("e\\ud83d\\ude00\\udcff\\\\\\n\\u00e9\\u0070q", pathKey: "\\u0070ath");
        var raw = Doc(Entry("a") + ", @" + Entry("é😀z") + ", " + entry + ", " + entry.Replace("\"e", "\"f"));
        var at = raw.IndexOf('@');
        for (var boundary = (1 << 16) - at - 160; boundary <= (1 << 16) - at + 10; boundary++)
        {
            var json = raw.Replace("@", new string(' ', boundary));
            var streamed = ArtifactIndexReader.TryStream(new MemoryStream(Encoding.UTF8.GetBytes(json)));
            Assert.NotNull(streamed);
            AssertStreamNeverDiffers(Encoding.UTF8.GetBytes(json));
        }
    }
}
