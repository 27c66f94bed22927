using System.Text;
using RunGates.Tests;
using Xunit.Abstractions;

namespace RunGates.Cli.Tests.Commands;

/// <summary>
/// <c>ledger verify</c> streams (issue #15): a 300,000-line ledger verifies in a managed heap capped far below what the
/// ledger's records would take if they were held (about 300 bytes each, ~90 MiB), and, where <c>/usr/bin/time</c> is
/// installed, the CLI process's peak RSS stays under a bound that a held ledger would break. The heap cap
/// (<c>DOTNET_GCHeapHardLimit</c>) is the stable half: it makes the GC work harder instead of growing, so it fails
/// only when live memory grows with the ledger, whatever the machine's load.
/// </summary>
[Trait("Category", "Slow")]
public sealed class LedgerMemoryBoundTests(ITestOutputHelper output) : IDisposable
{
    private const int Folders = 600;
    private const int FilesPerFolder = 500;
    private const string EmptySha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    /// <summary>The managed heap the verify may use: 32 MiB, a third of what 300,000 held records would take.</summary>
    private const long HeapLimit = 32L << 20;

    /// <summary>
    /// Peak RSS of the JIT-compiled CLI (runtime, JIT and all): 56-58 MiB measured here at 300,000 lines under the heap
    /// cap, 70 MiB without it; the heap cap bounds the managed part, this bound the native part (descriptors, OpenSSL
    /// contexts, buffers). A verify that held its ledger took 286 MiB at 200,000 (issue #15).
    /// </summary>
    private const long PeakRssLimitKiB = 128L << 10;

    private readonly string _root = MakeRoot();

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Verify_of_300000_lines_runs_in_a_32_MiB_heap_reports_every_line_ok_and_stays_under_the_peak_rss_bound()
    {
        var tree = Path.Combine(_root, "tree");
        var ledger = new StringBuilder(Folders * FilesPerFolder * 82);
        for (var d = 0; d < Folders; d++)
        {
            var folder = Path.Combine(tree, $"d{d:D3}");
            Directory.CreateDirectory(folder);
            for (var f = 0; f < FilesPerFolder; f++)
            {
                var name = $"f{(d * FilesPerFolder) + f:D6}";
                File.OpenHandle(Path.Combine(folder, name), FileMode.CreateNew, FileAccess.Write).Dispose();
                ledger.Append(EmptySha256).Append("  d").Append(d.ToString("D3")).Append('/').Append(name).Append('\n');
            }
        }

        var sums = Path.Combine(_root, "SHA256SUMS");
        File.WriteAllText(sums, ledger.ToString());

        var timed = File.Exists("/usr/bin/time");
        var rssFile = Path.Combine(_root, "rss.txt");
        var cli = Path.Combine(AppContext.BaseDirectory, "rungates.dll");
        string[] verify = ["ledger", "verify", sums, "--root", tree];
        var (file, args) = timed
            ? ("/usr/bin/time", (string[])["-f", "%M", "-o", rssFile, "dotnet", cli, .. verify])
            : ("dotnet", (string[])[cli, .. verify]);
        var (exit, stdout, stderr) = ExternalTool.Run(new Dictionary<string, string> { ["DOTNET_GCHeapHardLimit"] = $"0x{HeapLimit:x}" }, TimeSpan.FromMinutes(10), _root, file, args);

        Assert.True(exit == 0, $"exit {exit}\n{stderr}");
        Assert.Equal(Folders * FilesPerFolder, stdout.Split('\n').Count(l => l.EndsWith(": OK", StringComparison.Ordinal)));
        if (timed)
        {
            var peakKiB = long.Parse(File.ReadAllText(rssFile).Trim().Split('\n')[^1], System.Globalization.CultureInfo.InvariantCulture);
            output.WriteLine($"peak RSS {peakKiB / 1024} MiB");
            Assert.True(peakKiB < PeakRssLimitKiB, $"peak RSS {peakKiB / 1024} MiB, expected under {PeakRssLimitKiB >> 10} MiB");
        }
    }

    /// <summary>
    /// A folder for 300,000 files: on tmpfs when /dev/shm is there (creating them takes seconds there and minutes on a
    /// slow disk), else under the temp folder.
    /// </summary>
    private static string MakeRoot()
    {
        var id = Guid.NewGuid().ToString("N")[..12];
        foreach (var parent in new[] { "/dev/shm", Path.GetTempPath() })
        {
            try
            {
                if (Directory.Exists(parent))
                {
                    return Directory.CreateDirectory(Path.Combine(parent, "rungates-tests", id)).FullName;
                }
            }
            catch (UnauthorizedAccessException)
            {
                // Not writable here: the next parent.
            }
        }

        throw new InvalidOperationException("no writable temp folder");
    }
}
