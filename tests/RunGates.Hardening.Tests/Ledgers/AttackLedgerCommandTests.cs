using RunGates.Cli;

namespace RunGates.Hardening.Tests.Ledgers;

/// <summary>
/// The ledger commands attacked through the CLI, in-process (RunGatesApp with its own streams and token): a ledger
/// or output file whose name a glob would read otherwise, and a cancellation mid-command.
/// </summary>
public sealed class AttackLedgerCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose()
    {
        // .NET's recursive delete cannot name files whose names are not UTF-8.
        Shell("rm -rf -- * .[!.]*");
        _folder.Dispose();
    }

    private async Task<(int Exit, string Out, string Error)> Run(CancellationToken cancellationToken, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var console = new CliConsole(stdout, stderr, new Dictionary<string, string>(), _folder.Path);
        var exit = await RunGatesApp.RunAsync(args, console, cancellationToken);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task An_output_file_named_like_a_glob_leaves_out_only_itself()
    {
        _folder.Write("r/sums-old", "1\n");
        _folder.Write("r/keep", "3\n");

        var run = await Run(CancellationToken.None, "ledger", "write", "--root", "r", "-o", "r/sums*");

        Assert.True(run.Exit == 0, run.Error);
        var written = File.ReadAllText(_folder["r/sums*"]);
        Assert.Contains("  sums-old\n", written, StringComparison.Ordinal);
        Assert.Contains("  keep\n", written, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_ledger_named_like_a_glob_hides_no_unlisted_file()
    {
        _folder.Write("r/keep", "3\n");
        var write = await Run(CancellationToken.None, "ledger", "write", "--root", "r", "-o", "r/S*");
        Assert.True(write.Exit == 0, write.Error);
        _folder.Write("r/Sneaked-in", "not listed\n");

        var run = await Run(CancellationToken.None, "ledger", "verify", "r/S*", "--unlisted");

        Assert.True(run.Exit == 1, $"exit {run.Exit}: a file the ledger does not list passed --unlisted\n{run.Out}{run.Error}");
        Assert.Contains("Sneaked-in", run.Out + run.Error, StringComparison.Ordinal);
        Assert.Contains("RG4003", run.Out + run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cancelled_ledger_write_exits_130_and_leaves_the_output_as_it_was()
    {
        _folder.Write("r/a", "a\n");
        _folder.Write("old.sums", "the ledger before\n");
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var run = await Run(cancelled.Token, "ledger", "write", "--root", "r", "-o", "old.sums");

        Assert.True(run.Exit == 130, $"exit {run.Exit}\n{run.Error}");
        Assert.Equal("the ledger before\n", File.ReadAllText(_folder["old.sums"]));
        Assert.Equal(["old.sums"], Directory.EnumerateFiles(_folder.Path).Select(Path.GetFileName));
    }

    [Fact]
    public async Task A_cancelled_ledger_verify_exits_130()
    {
        _folder.Write("r/a", "a\n");
        _folder.Write("r/SHA256SUMS", "87428fc522803d31065e7bce3cf03fe475096631e5e07bbd7a0fde60c4cf25c7  a\n");
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var run = await Run(cancelled.Token, "ledger", "verify", "r/SHA256SUMS");

        Assert.True(run.Exit == 130, $"exit {run.Exit}\n{run.Out}{run.Error}");
    }

    [Fact]
    public async Task A_cancelled_ledger_merge_exits_130_and_writes_nothing()
    {
        _folder.Write("a.sums", "87428fc522803d31065e7bce3cf03fe475096631e5e07bbd7a0fde60c4cf25c7  a\n");
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var run = await Run(cancelled.Token, "ledger", "merge", "a.sums", "-o", "m.sums");

        Assert.True(run.Exit == 130, $"exit {run.Exit}\n{run.Error}");
        Assert.False(File.Exists(_folder["m.sums"]), "m.sums was written");
    }
    [Fact]
    public async Task A_ledger_line_past_16_mib_is_refused_with_exit_2_naming_the_line_never_a_crash_or_a_pass()
    {
        // On main: the buffer grew with the line (a 2.2 GiB file without LF: 2.1 GB RSS, then RG0005 and exit 70).
        _folder.Write("a.txt", "a\n");
        using (var ledger = File.Create(_folder["SHA256SUMS"]))
        {
            ledger.Write("87428fc522803d31065e7bce3cf03fe475096631e5e07bbd7a0fde60c4cf25c7  a.txt\n"u8);
            ledger.Write(new byte[(16 << 20) + 1]);
        }

        var run = await Run(CancellationToken.None, "ledger", "verify", "SHA256SUMS");

        Assert.True(run.Exit == 2, $"exit {run.Exit}\n{run.Out}{run.Error}");
        Assert.Contains("RG0003", run.Error, StringComparison.Ordinal);
        Assert.Contains("line 2 is longer than 16 MiB", run.Error, StringComparison.Ordinal);
    }
    [Fact]
    public async Task Ignore_missing_never_skips_a_tampered_file_behind_a_link_whose_name_is_not_utf8()
    {
        // l<0xFE> -> target, listed with target's digest before target was changed; sha256sum -c --ignore-missing: FAILED, exit 1.
        Shell("""
            echo good > target && echo other > ok
            printf '%s  %s\n%s  ok\n' "$(sha256sum target | cut -c1-64)" "$(printf 'l\376')" "$(sha256sum ok | cut -c1-64)" > SUMS
            ln -s target "$(printf 'l\376')" && echo tampered > target
            """);

        var run = await Run(CancellationToken.None, "ledger", "verify", "SUMS", "--ignore-missing");

        Assert.True(run.Exit == 1, $"exit {run.Exit}: a tampered file passed\n{run.Out}{run.Error}");
    }

    private void Shell(string script)
    {
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("sh", ["-c", script]) { WorkingDirectory = _folder.Path, UseShellExecute = false })!;
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"sh exited {process.ExitCode}: {script}");
    }
}
