using System.Security.Cryptography;
using System.Text;
using RunGates.Cli.Tests.TestSupport;
using Xunit.Abstractions;

namespace RunGates.Cli.Tests.Commands;

/// <summary>
/// <c>rungates ledger verify</c> against the real <c>sha256sum -c</c> (the oracle) over randomly generated check files:
/// good and bad digests, missing files and folders, comments, empty and blank lines, leading blanks, BSD
/// one-separator lines (mixed or not), <c>*</c> markers, <c>--tag</c> lines, escaped names, malformed lines, and every
/// combination and order of --strict, --quiet, --status, --warn and --ignore-missing. Exit codes, the OK/FAILED lines
/// and the WARNING summary lines must agree. The seed is printed; set RUNGATES_DIFFERENTIAL_SEED to replay one.
/// Not generated: what RunGates refuses on purpose (<c>..</c>, absolute paths, links out of the root, two digests for
/// one path), which the README lists where RunGates is stricter.
/// </summary>
public sealed class LedgerVerifyDifferentialTests(ITestOutputHelper output) : IDisposable
{
    private const int Cases = 400;

    // No name here is another with a blank or '*' in front: a BSD file reads "hex  x" as " x", and two lines naming
    // one path with two digests is a conflict RunGates refuses on purpose.
    private static readonly string[] Pool =
    [
        "f1.txt", "f2.bin", "sp ace", " lead", "trail ", "back\\slash", "new\nline", "car\rriage", "tab\tname", "star*",
        "*lead-star", "sub/inner.txt", "sub/missing", "nodir/x", "deep/er/x", "#hash", "\u00fcn\u00ef.txt", "paren)x",
        "(open", "SHA256", "dir", "x",
    ];

    private static readonly string[] Flags = ["--strict", "--quiet", "--status", "--warn", "--ignore-missing"];

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Verify_agrees_with_sha256sum_c_on_hundreds_of_random_check_files()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("RUNGATES_DIFFERENTIAL_SEED"), out var given) ? given : 20261202;
        output.WriteLine($"seed {seed}");
        var random = new Random(seed);
        var disagreements = new List<string>();
        for (var n = 0; n < Cases && disagreements.Count < 5; n++)
        {
            var (ledger, flags) = MakeCase(random, $"case{n}");
            var root = _folder[$"case{n}"];
            var theirs = ExternalTool.RunInLocale("C.UTF-8", root, "sha256sum", ["-c", .. flags, "SUMS"]);
            var ours = await RunGatesCli.RunAsync(_folder.Path, ["ledger", "verify", $"case{n}/SUMS", .. flags]);
            if (theirs.ExitCode != ours.ExitCode || theirs.Out != ours.Out || Summary(theirs.Error, "sha256sum") != Summary(ours.Error, "rungates"))
            {
                disagreements.Add($"seed {seed} case {n}: sha256sum -c {string.Join(' ', flags)}\n--- ledger\n{ledger}\n--- sha256sum (exit {theirs.ExitCode})\n{theirs.Out}{theirs.Error}\n--- rungates\n{ours}");
            }
        }

        Assert.True(disagreements.Count == 0, string.Join("\n\n", disagreements));
    }

    [Theory]
    [InlineData("--status --warn")]
    [InlineData("--warn --status")]
    [InlineData("--quiet --warn")]
    [InlineData("--status --quiet")]
    [InlineData("--ignore-missing --status")]
    public async Task The_last_of_status_warn_and_quiet_decides_what_is_printed_as_in_sha256sum(string flags)
    {
        var good = Sha256Hex("good");
        _folder.Write("root/good.txt", "good");
        _folder.Write("root/bad.txt", "changed");
        _folder.Write("root/SUMS", $"{good}  good.txt\n{good}  bad.txt\nnot a line\n{good}  gone.txt\n");
        var args = flags.Split(' ');

        var theirs = ExternalTool.RunInLocale("C.UTF-8", _folder["root"], "sha256sum", ["-c", .. args, "SUMS"]);
        var ours = await RunGatesCli.RunAsync(_folder.Path, ["ledger", "verify", "root/SUMS", .. args]);

        Assert.Equal(theirs.ExitCode, ours.ExitCode);
        Assert.Equal(theirs.Out, ours.Out);
        Assert.Equal(Summary(theirs.Error, "sha256sum"), Summary(ours.Error, "rungates"));
    }

    [Theory]
    [InlineData("sub/x", "")]
    [InlineData("sub/x", "--ignore-missing")]
    [InlineData("x/", "")]
    [InlineData("x/", "--ignore-missing")]
    [InlineData("dir/", "--ignore-missing")]
    [InlineData("gone/", "--ignore-missing")]
    [InlineData("gone/x", "--ignore-missing")]
    public async Task A_name_through_a_file_or_ending_in_a_slash_fails_as_in_sha256sum_and_only_an_absent_one_is_ignored(string listed, string flags)
    {
        // sub and x are files, dir a folder: open(2) gives ENOTDIR or EISDIR, which --ignore-missing does not skip.
        _folder.Write("root/sub", "a");
        _folder.Write("root/x", "b");
        _folder.Write("root/dir/inner", "c");
        _folder.Write("root/good.txt", "good");
        _folder.Write("root/SUMS", $"{Sha256Hex("good")}  good.txt\n{Sha256Hex("b")}  {listed}\n");
        string[] args = flags.Length == 0 ? [] : [flags];

        var theirs = ExternalTool.RunInLocale("C.UTF-8", _folder["root"], "sha256sum", ["-c", .. args, "SUMS"]);
        var ours = await RunGatesCli.RunAsync(_folder.Path, ["ledger", "verify", "root/SUMS", .. args]);

        Assert.Equal(theirs.ExitCode, ours.ExitCode);
        Assert.Equal(theirs.Out, ours.Out);
        Assert.Equal(Summary(theirs.Error, "sha256sum"), Summary(ours.Error, "rungates"));
    }

    /// <summary>The summary lines of stderr with the program's prefix removed; per-file messages differ on purpose.</summary>
    private static string Summary(string error, string program) =>
        string.Join('\n', error.Split('\n')
            .Where(l => l.Contains("WARNING:", StringComparison.Ordinal) || l.Contains("no properly formatted", StringComparison.Ordinal) || l.Contains("no file was verified", StringComparison.Ordinal))
            .Select(l => l.StartsWith(program + ": ", StringComparison.Ordinal) ? l[(program.Length + 2)..] : l));

    private (string Ledger, string[] Flags) MakeCase(Random random, string name)
    {
        var root = _folder[name];
        Directory.CreateDirectory(root);
        Directory.CreateDirectory(Path.Combine(root, "sub"));
        Directory.CreateDirectory(Path.Combine(root, "dir"));
        var chosen = Pool.OrderBy(_ => random.Next()).Take(random.Next(1, 9)).ToList();
        var lines = new List<string>();
        foreach (var entry in chosen)
        {
            var content = $"content of {entry} {random.Next()}";
            var present = entry is not ("sub/missing" or "nodir/x" or "dir") && random.Next(6) != 0;
            if (present)
            {
                var full = Path.Combine(root, entry);
                Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                File.WriteAllText(full, content);
            }

            var digest = random.Next(5) == 0 ? Sha256Hex("other " + content) : Sha256Hex(content);
            lines.Add(Line(random, entry, random.Next(8) == 0 ? digest.ToUpperInvariant() : digest));
        }

        for (var extra = random.Next(0, 4); extra > 0; extra--)
        {
            lines.Insert(random.Next(lines.Count + 1), Noise(random));
        }

        var text = new StringBuilder();
        for (var i = 0; i < lines.Count; i++)
        {
            text.Append(lines[i]);
            if (i < lines.Count - 1 || random.Next(4) != 0)
            {
                text.Append(random.Next(10) == 0 ? "\r\n" : "\n");
            }
        }

        File.WriteAllText(Path.Combine(root, "SUMS"), text.ToString(), new UTF8Encoding(false));
        var flags = Flags.Where(_ => random.Next(3) == 0).OrderBy(_ => random.Next()).ToList();
        if (random.Next(4) == 0 && flags.Count > 0)
        {
            // The same flag again later in the line: only its last place counts.
            flags.Add(flags[random.Next(flags.Count)]);
        }

        return (text.ToString(), [.. flags]);
    }

    private static string Line(Random random, string entry, string digest)
    {
        var listed = random.Next(5) == 0 && !entry.StartsWith(' ') ? "./" + entry : entry;
        var needsEscape = listed.AsSpan().IndexOfAny('\n', '\r') >= 0;
        var escape = needsEscape || (listed.Contains('\\', StringComparison.Ordinal) && random.Next(2) == 0);
        var name = escape ? listed.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal) : listed;
        var indent = random.Next(6) switch { 0 => " ", 1 => "\t ", _ => "" };
        var prefix = indent + (escape ? "\\" : "");
        return random.Next(10) switch
        {
            0 or 1 => $"{prefix}SHA256 ({name}){(random.Next(3) == 0 ? " =\t" : " = ")}{digest}",
            2 => $"{prefix}{digest} *{name}",
            3 or 4 => $"{prefix}{digest}{(random.Next(4) == 0 ? "\t" : " ")}{name}",
            _ => $"{prefix}{digest}  {name}",
        };
    }

    private static string Noise(Random random)
    {
        var hex = Sha256Hex(random.Next().ToString(System.Globalization.CultureInfo.InvariantCulture));
        return random.Next(12) switch
        {
            0 => "# a comment",
            1 => "#" + hex + "  f1.txt",
            2 => "",
            3 => "   ",
            4 => " # indented comment",
            5 => "not a checksum line",
            6 => hex[..63] + "  f1.txt",
            7 => hex + "0  f1.txt",
            8 => "SHA256 (f1.txt = " + hex,
            9 => "\\" + hex + "  bad\\qescape",
            10 => new string('z', 64) + " zzz",
            _ => hex + " ",
        };
    }

    private static string Sha256Hex(string content) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));
}
