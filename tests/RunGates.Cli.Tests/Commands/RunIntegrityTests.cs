namespace RunGates.Cli.Tests.Commands;

/// <summary>A run whose ledger cannot vouch for its tree is an integrity error, never a crash or a committed bundle.</summary>
public sealed class RunIntegrityTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Ledger_tree_with_a_link_leaving_the_root_exits_3_and_commits_nothing()
    {
        _folder.Write("outside/secret.txt", "not part of the evidence");
        _folder.Write("evidence/reports/a.txt", "alpha");
        File.CreateSymbolicLink(_folder["evidence/reports/leak.txt"], _folder["outside/secret.txt"]);
        _folder.Write("rungates.yml", """
            version: 1
            name: leaky
            run: { bundles: out, evidence: evidence }
            gates:
              - { id: present, files: [reports/a.txt] }
            ledger: { root: reports }
            """);

        var run = await TestSupport.RunGatesCli.RunAsync(_folder.Path, "run", "--quiet");

        Assert.True(run.ExitCode == 3, run.ToString());
        Assert.Contains("RG4004", run.Error, StringComparison.Ordinal);
        Assert.Contains("leak.txt", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(_folder["out/LATEST"]), "no bundle may be committed over a ledger that could not be written");
        Assert.Empty(Directory.EnumerateFiles(_folder["out"], "artifact_index.json", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task A_step_leaving_a_fifo_in_the_ledger_tree_ends_in_RG4030_exit_3_never_a_hang()
    {
        _folder.Write("rungates.yml", """
            version: 1
            name: piped
            run:
              bundles: out
              steps:
                - { id: make, run: "echo hi > \"$RUNGATES_RUN_DIR/a.txt\" && mkfifo \"$RUNGATES_RUN_DIR/pipe\"" }
            ledger: { root: "." }
            """);

        // Opening the FIFO to hash it would wait for a writer for ever: the 60 s guard is the failure.
        var run = await TestSupport.RunGatesCli.RunAsync(_folder.Path, "run", "--quiet").WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(run.ExitCode == 3, run.ToString());
        Assert.Contains("pipe: error RG4030: is a named pipe (FIFO), not a regular file", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(_folder["out/LATEST"]), "a bundle holding a FIFO cannot be committed");
    }
}
