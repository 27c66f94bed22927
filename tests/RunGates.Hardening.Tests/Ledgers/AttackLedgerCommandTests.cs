using RunGates.Cli;

namespace RunGates.Hardening.Tests.Ledgers;

/// <summary>
/// The ledger commands attacked through the CLI, in-process (RunGatesApp with its own streams and token): a ledger
/// or output file whose name a glob would read otherwise, and a cancellation mid-command.
/// </summary>
public sealed class AttackLedgerCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

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

    [Fact(Skip = "attack-findings.md #2: the ledger inside the root is left out of --unlisted as a glob, so a ledger named 'S*' hides every unlisted file starting with S")]
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

    [Fact(Skip = "attack-findings.md #3: the ledger commands never see the cancellation: a cancelled write completes, replaces -o and exits 0")]
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

    [Fact(Skip = "attack-findings.md #3: the ledger commands never see the cancellation: a cancelled verify reports OK and exits 0")]
    public async Task A_cancelled_ledger_verify_exits_130()
    {
        _folder.Write("r/a", "a\n");
        _folder.Write("r/SHA256SUMS", "87428fc522803d31065e7bce3cf03fe475096631e5e07bbd7a0fde60c4cf25c7  a\n");
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var run = await Run(cancelled.Token, "ledger", "verify", "r/SHA256SUMS");

        Assert.True(run.Exit == 130, $"exit {run.Exit}\n{run.Out}{run.Error}");
    }

    [Fact(Skip = "attack-findings.md #3: the ledger commands never see the cancellation: a cancelled merge writes -o and exits 0")]
    public async Task A_cancelled_ledger_merge_exits_130_and_writes_nothing()
    {
        _folder.Write("a.sums", "87428fc522803d31065e7bce3cf03fe475096631e5e07bbd7a0fde60c4cf25c7  a\n");
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var run = await Run(cancelled.Token, "ledger", "merge", "a.sums", "-o", "m.sums");

        Assert.True(run.Exit == 130, $"exit {run.Exit}\n{run.Error}");
        Assert.False(File.Exists(_folder["m.sums"]), "m.sums was written");
    }
}
