using System.Diagnostics;
using Microsoft.Build.Utilities;
using RunGates.MSBuild.Tests.TestSupport;

namespace RunGates.MSBuild.Tests.Tasks;

public sealed class WriteLedgerTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly RecordingBuildEngine _engine = new();

    public void Dispose() => _folder.Dispose();

    private WriteLedger Task(params string[] files) => new()
    {
        BuildEngine = _engine,
        Files = files.Select(f => new TaskItem(_folder[f])).ToArray(),
        Ledger = _folder["packages/SHA256SUMS"],
    };

    private string Sha256SumCheck()
    {
        var check = Process.Start(new ProcessStartInfo("sha256sum", ["-c", "--strict", "SHA256SUMS"]) { WorkingDirectory = _folder["packages"], RedirectStandardOutput = true })!;
        var output = check.StandardOutput.ReadToEnd();
        check.WaitForExit();
        Assert.True(check.ExitCode == 0, output);
        return output;
    }

    [Fact]
    public void Writes_a_ledger_beside_the_files_that_sha256sum_accepts()
    {
        _folder.Write("packages/App.1.0.0.nupkg", "nupkg bytes");
        _folder.Write("packages/App.1.0.0.snupkg", "snupkg bytes");

        Assert.True(Task("packages/App.1.0.0.nupkg", "packages/App.1.0.0.snupkg").Execute(), _engine.ToString());

        Assert.Equal("App.1.0.0.nupkg: OK\nApp.1.0.0.snupkg: OK\n", Sha256SumCheck());
    }

    [Fact]
    public void Says_how_many_files_the_ledger_lists_in_words()
    {
        _folder.Write("packages/App.1.0.0.nupkg", "nupkg bytes");
        Assert.True(Task("packages/App.1.0.0.nupkg").Execute(), _engine.ToString());
        _folder.Write("packages/App.1.0.0.snupkg", "snupkg bytes");
        Assert.True(Task("packages/App.1.0.0.snupkg").Execute(), _engine.ToString());

        var ledger = _folder["packages/SHA256SUMS"];
        Assert.Equal([$"rungates: {ledger}: 1 file", $"rungates: {ledger}: 2 files"], _engine.Messages.Select(m => m.Message));
    }

    [Fact]
    public void Keeps_entries_of_other_projects_and_drops_files_that_are_gone()
    {
        _folder.Write("packages/Lib.2.0.0.nupkg", "lib");
        _folder.Write("packages/Gone.1.0.0.nupkg", "gone");
        Assert.True(Task("packages/Lib.2.0.0.nupkg", "packages/Gone.1.0.0.nupkg").Execute());
        File.Delete(_folder["packages/Gone.1.0.0.nupkg"]);
        _folder.Write("packages/App.1.0.0.nupkg", "app");

        Assert.True(Task("packages/App.1.0.0.nupkg").Execute(), _engine.ToString());

        Assert.Equal("App.1.0.0.nupkg: OK\nLib.2.0.0.nupkg: OK\n", Sha256SumCheck());
    }

    [Fact]
    public void A_file_outside_the_ledgers_folder_is_refused_and_nothing_is_written()
    {
        _folder.Write("elsewhere/App.1.0.0.nupkg", "app");

        Assert.False(Task("elsewhere/App.1.0.0.nupkg").Execute());

        Assert.Equal("RG4004", Assert.Single(_engine.Errors).Code);
        Assert.False(File.Exists(_folder["packages/SHA256SUMS"]));
    }
}
