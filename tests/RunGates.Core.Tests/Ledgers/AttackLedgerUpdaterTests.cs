using System.Diagnostics;
using RunGates.Core.Ledgers;

namespace RunGates.Core.Tests.Ledgers;

/// <summary>A shared SHA256SUMS (LedgerUpdater, the MSBuild WriteLedger task) whose existing entries are hostile or odd.</summary>
public sealed class AttackLedgerUpdaterTests : IDisposable
{
    private readonly TempFolder _tree = new();

    public void Dispose()
    {
        // .NET's recursive delete cannot name files whose names are not UTF-8.
        Shell(Path.GetTempPath(), $"rm -rf '{_tree.Path}'");
        _tree.Dispose();
    }

    [Fact]
    public void An_entry_whose_name_is_not_utf8_and_whose_file_is_still_there_is_kept()
    {
        // On main File.Exists asked for the U+FFFD spelling, found nothing, and the entry was dropped as gone.
        Shell(_tree.Path, """
            mkdir -p packages && cd packages
            printf a > "$(printf 'old\377.nupkg')" && printf b > kept.nupkg && printf c > new.nupkg
            sha256sum -- "$(printf 'old\377.nupkg')" kept.nupkg > SHA256SUMS
            """);

        var entries = LedgerUpdater.Update(_tree["packages/SHA256SUMS"], [_tree["packages/new.nupkg"]]);

        Assert.Equal(["kept.nupkg", "new.nupkg", "old\uDCFF.nupkg"], entries.Select(e => e.Path));
        var theirs = Shell(_tree["packages"], "sha256sum -- kept.nupkg new.nupkg \"$(printf 'old\\377.nupkg')\"");
        Assert.Equal(theirs, File.ReadAllBytes(_tree["packages/SHA256SUMS"]));
    }

    [Theory]
    [InlineData("../outside.nupkg")]
    [InlineData("link/outside.nupkg")]
    public void An_entry_that_leads_out_of_the_ledger_folder_is_refused_with_its_line_and_the_ledger_is_left_as_it_was(string listed)
    {
        // On main the file outside was rehashed and kept: the shared ledger went on vouching for it as its own.
        _tree.Write("outside.nupkg", "outside");
        _tree.Write("packages/new.nupkg", "new");
        File.CreateSymbolicLink(_tree["packages/link"], _tree.Path);
        var before = $"{Sha256FileHasher.Hash(_tree["outside.nupkg"]).Sha256}  {listed}\n";
        var ledger = _tree.Write("packages/SHA256SUMS", before);

        var error = Assert.Throws<LedgerBuildException>(() => LedgerUpdater.Update(ledger, [_tree["packages/new.nupkg"]]));

        var problem = Assert.Single(error.Problems);
        Assert.Equal("RG4004", problem.Diagnostic.Code);
        Assert.Equal(listed, problem.Path);
        Assert.Contains("SHA256SUMS line 1", problem.Message, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllText(ledger));
    }

    private static byte[] Shell(string directory, string script)
    {
        using var process = Process.Start(new ProcessStartInfo("sh", ["-c", script]) { WorkingDirectory = directory, RedirectStandardOutput = true, UseShellExecute = false })!;
        using var stdout = new MemoryStream();
        process.StandardOutput.BaseStream.CopyTo(stdout);
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"sh exited {process.ExitCode}: {script}");
        return stdout.ToArray();
    }
}
