using System.Diagnostics;
using System.Globalization;
using RunGates.Cli.Tests.TestSupport;
using RunGates.Core.Bundles;

namespace RunGates.Cli.Tests.Commands;

/// <summary>
/// A run whose step leaves 200,000 files in its bundle, as its own process (the built rungates.dll under GNU time):
/// it commits with the same ledger `ledger write` gives, `bundle validate` passes it and names a changed file, and
/// neither holds the index whole. Before the index was streamed the run peaked at ~615 MiB and validate at ~525 MiB
/// (Native AOT); the bounds leave room for the JIT build's larger base and the GC's timing.
/// </summary>
[Trait("Category", "Slow")]
public sealed class BundleAtScaleTests : IDisposable
{
    private const int Files = 200_000;
    private const int PeakMiB = 400;
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [GnuTimeFact]
    public void A_run_of_200000_files_commits_and_validates_in_bounded_memory()
    {
        // The step makes the files itself (awk, one process), 64 bytes each in 400 folders.
        _folder.Write("rungates.yml", $$"""
            version: 1
            name: scale
            run:
              bundles: out
              id: big
              steps:
                - { id: make, run: "cd \"$RUNGATES_RUN_DIR\" && awk 'BEGIN { for (d = 0; d < 400; d++) system(\"mkdir -p data/d\" d); for (i = 0; i < {{Files}}; i++) { f = \"data/d\" (i % 400) \"/f\" i; printf \"%064d\", i > f; close(f) } }'", timeout: 10m }
            gates:
              - { id: some-data, files: [data/d0/f0] }
            ledger: { root: data, file: SHA256SUMS }
            promote: { requires: pass }
            """);

        var (run, runPeak) = Timed("run", "--spec", "rungates.yml", "--quiet");
        Assert.True(run.ExitCode == 0, run.ToString());
        var bundle = _folder["out/big"];
        var (alone, _) = Timed("ledger", "write", "--root", Path.Combine(bundle, "data"), "-o", _folder["alone.sums"]);
        Assert.True(alone.ExitCode == 0, alone.ToString());
        Assert.Equal(File.ReadAllBytes(_folder["alone.sums"]), File.ReadAllBytes(Path.Combine(bundle, "SHA256SUMS")));

        var (valid, validatePeak) = Timed("bundle", "validate", bundle);
        Assert.True(valid.ExitCode == 0, valid.ToString());
        // The index lists the data, the ledger, results.json, run.json and the step's log.
        Assert.Contains($"({Files + 4} files, committed", valid.Out, StringComparison.Ordinal);

        // One changed file among 200,000 is still named, with exit 3.
        var changed = Path.Combine(bundle, "data/d7/f407");
        File.Delete(changed);
        File.WriteAllText(changed, "changed");
        var (altered, _) = Timed("bundle", "validate", bundle);
        Assert.True(altered.ExitCode == 3, altered.ToString());
        Assert.Contains("data/d7/f407", altered.Error + altered.Out, StringComparison.Ordinal);
        Assert.Contains("RG4001", altered.Error + altered.Out, StringComparison.Ordinal);

        Assert.True(runPeak < PeakMiB, $"rungates run peaked at {runPeak} MiB, expected under {PeakMiB}");
        Assert.True(validatePeak < PeakMiB, $"rungates bundle validate peaked at {validatePeak} MiB, expected under {PeakMiB}");
        Assert.True(new FileInfo(Path.Combine(bundle, BundleFiles.ArtifactIndex)).Length > 25_000_000);
    }

    /// <summary>The built rungates.dll as its own process under GNU time: what it printed and its peak RSS in MiB.</summary>
    private (CliRun Run, long PeakMiB) Timed(params string[] args)
    {
        var report = _folder[$"time-{Guid.NewGuid():N}.txt"];
        var startInfo = new ProcessStartInfo(GnuTimeFactAttribute.Path)
        {
            WorkingDirectory = _folder.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "-f", "%M", "-o", report, "dotnet", Path.Combine(AppContext.BaseDirectory, "rungates.dll") }.Concat(args))
        {
            startInfo.ArgumentList.Add(arg);
        }

        using var process = Process.Start(startInfo)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        var peak = long.Parse(File.ReadAllLines(report).Last(l => l.Length > 0), CultureInfo.InvariantCulture) / 1024;
        return (new CliRun(process.ExitCode, stdout.Result, stderr.Result), peak);
    }
}
