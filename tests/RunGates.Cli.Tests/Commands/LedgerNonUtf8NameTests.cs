using System.Diagnostics;
using RunGates.Cli.Tests.TestSupport;

namespace RunGates.Cli.Tests.Commands;

/// <summary>
/// Names that are not valid UTF-8 on Linux, end to end with the real CLI process and the real sha256sum: what
/// RunGates writes and prints must be sha256sum's bytes, and verify must agree with <c>sha256sum -c</c>.
/// </summary>
public sealed class LedgerNonUtf8NameTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public LedgerNonUtf8NameTests()
    {
        // The names are made by the shell: .NET cannot spell them. printf's octal escapes are POSIX (dash has no $'..').
        Shell(_folder.Path, """
            mkdir root && cd root
            printf a > "$(printf 'bad\377.bin')"
            printf b > "$(printf '\303(')"
            printf c > "$(printf 'ok-\303\251.txt')"
            mkdir "$(printf 'd\376')" && printf d > "$(printf 'd\376/in\375')"
            printf e > 'back\slash'
            printf f > "$(printf 'new\nline')"
            """);
    }

    public void Dispose()
    {
        // .NET's recursive delete cannot name these files either.
        Shell(Path.GetTempPath(), $"rm -rf '{_folder.Path}'");
        _folder.Dispose();
    }

    [Fact]
    public async Task Write_prints_and_writes_exactly_the_bytes_sha256sum_writes_for_names_that_are_not_utf8()
    {
        var theirs = Shell(_folder["root"], "find . -type f -printf '%P\\0' | LC_ALL=C sort -z | xargs -0 sha256sum");

        var (exit, ours, error) = await Cli(_folder.Path, "ledger", "write", "--root", "root");
        var (fileExit, _, fileError) = await Cli(_folder.Path, "ledger", "write", "--root", "root", "-o", "SUMS");

        Assert.True(exit == 0, error);
        Assert.True(fileExit == 0, fileError);
        Assert.Contains(Hex([.. "  bad"u8, 0xFF, .. ".bin\n"u8]), Hex(theirs), StringComparison.Ordinal);
        Assert.Equal(Hex(theirs), Hex(ours));
        Assert.Equal(Hex(theirs), Hex(File.ReadAllBytes(_folder["SUMS"])));
    }

    [Fact]
    public async Task Verify_agrees_with_sha256sum_check_on_OK_and_FAILED_lines_and_exit_codes()
    {
        var (_, sums, _) = await Cli(_folder.Path, "ledger", "write", "--root", "root");
        File.WriteAllBytes(_folder["SUMS"], sums);

        await AssertSameAsSha256sum(expectedExit: 0);

        // One name altered, one gone: a FAILED line and a FAILED open or read line, each with its raw bytes.
        Shell(_folder["root"], "printf X > \"$(printf 'bad\\377.bin')\" && rm \"$(printf '\\303(')\"");
        var ours = await AssertSameAsSha256sum(expectedExit: 1);
        Assert.Contains(Hex([.. "bad"u8, 0xFF, .. ".bin: FAILED\n"u8]), Hex(ours), StringComparison.Ordinal);
        Assert.Contains(Hex([0xC3, .. "(: FAILED open or read\n"u8]), Hex(ours), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_whose_step_leaves_such_a_name_commits_an_index_and_a_ledger_copy_that_carry_its_bytes_and_validates()
    {
        File.WriteAllText(_folder["rungates.yml"], """
            version: 1
            name: bytes
            run:
              bundles: out
              steps:
                - id: produce
                  run: |
                    mkdir -p "$RUNGATES_RUN_DIR/reports"
                    printf a > "$RUNGATES_RUN_DIR/reports/$(printf 'bad\377.bin')"
                    printf b > "$RUNGATES_RUN_DIR/reports/ok.txt"
                  timeout: 1m
            gates:
              - { id: ok, files: [reports/ok.txt] }
            ledger: { root: reports, copy-to: copies/SHA256SUMS }
            """);

        var (exit, _, error) = await Cli(_folder.Path, "run", "--spec", "rungates.yml");

        Assert.True(exit == 0, error);
        var bundle = Directory.GetDirectories(_folder["out"]).Single(d => File.Exists(Path.Combine(d, "run.json")));
        var index = File.ReadAllText(Path.Combine(bundle, "artifact_index.json"));
        Assert.Contains("\"path\": \"reports/bad\\udcff.bin\"", index, StringComparison.Ordinal);
        var theirs = Shell(Path.Combine(bundle, "reports"), "find . -type f -printf '%P\\0' | LC_ALL=C sort -z | xargs -0 sha256sum");
        Assert.Equal(Hex(theirs), Hex(File.ReadAllBytes(Path.Combine(bundle, "SHA256SUMS"))));
        Assert.Equal(Hex(theirs), Hex(File.ReadAllBytes(_folder["copies/SHA256SUMS"])));
        var (validExit, _, validError) = await Cli(_folder.Path, "bundle", "validate", bundle);
        Assert.True(validExit == 0, validError);

        // The index names those bytes and no others: the file altered, validation fails on it.
        Shell(Path.Combine(bundle, "reports"), "printf X > \"$(printf 'bad\\377.bin')\"");
        var (alteredExit, alteredOut, alteredError) = await Cli(_folder.Path, "bundle", "validate", bundle);
        Assert.NotEqual(0, alteredExit);
        Assert.Contains("RG4001", System.Text.Encoding.UTF8.GetString(alteredOut) + alteredError, StringComparison.Ordinal);
    }

    private async Task<byte[]> AssertSameAsSha256sum(int expectedExit)
    {
        var (exit, ours, error) = await Cli(_folder["root"], "ledger", "verify", _folder["SUMS"], "--root", ".");
        var (theirExit, theirs) = ShellExit(_folder["root"], $"sha256sum -c '{_folder["SUMS"]}' 2>/dev/null");
        Assert.True(exit == expectedExit, error);
        Assert.Equal(expectedExit, theirExit);
        Assert.Equal(Hex(theirs), Hex(ours));
        return ours;
    }

    /// <summary>The real CLI as its own process, stdout as bytes.</summary>
    private static async Task<(int ExitCode, byte[] Out, string Error)> Cli(string directory, params string[] args)
    {
        using var process = RunGatesCli.Start(directory, new Dictionary<string, string> { ["LC_ALL"] = "C.UTF-8" }, args);
        using var stdout = new MemoryStream();
        var copy = process.StandardOutput.BaseStream.CopyToAsync(stdout);
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        await copy;
        return (process.ExitCode, stdout.ToArray(), await error);
    }

    private static byte[] Shell(string directory, string script)
    {
        var (exit, output) = ShellExit(directory, script);
        Assert.True(exit == 0, $"sh exited {exit}: {script}");
        return output;
    }

    private static (int ExitCode, byte[] Out) ShellExit(string directory, string script)
    {
        using var process = Process.Start(new ProcessStartInfo("sh", ["-c", script]) { WorkingDirectory = directory, RedirectStandardOutput = true, UseShellExecute = false })!;
        using var stdout = new MemoryStream();
        process.StandardOutput.BaseStream.CopyTo(stdout);
        process.WaitForExit();
        return (process.ExitCode, stdout.ToArray());
    }

    /// <summary>Bytes as hex, so a failure shows where they differ.</summary>
    private static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexString(bytes);
}
