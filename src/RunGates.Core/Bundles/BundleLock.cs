using System.Diagnostics;
using RunGates.Core.Diagnostics;

namespace RunGates.Core.Bundles;

/// <summary>
/// The exclusive lock on <c>.rungates-lock</c> beside the bundles, held while status.jsonl, an index, a packet or LATEST
/// changes. On Unix .NET takes it with <c>flock(LOCK_EX | LOCK_NB)</c> for <see cref="FileShare.None"/>, on Windows
/// with a sharing lock; both are released by the kernel when the holder dies, so a crash never leaves it stuck.
/// </summary>
internal sealed class BundleLock : IDisposable
{
    /// <summary>How long a state change waits for another one by default before giving up with RG4020.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    private readonly FileStream _stream;

    private BundleLock(FileStream stream) => _stream = stream;

    public static BundleLock Acquire(string bundlesDirectory, TimeSpan timeout)
    {
        Directory.CreateDirectory(bundlesDirectory);
        var path = Path.Combine(bundlesDirectory, BundleFiles.Lock);
        var waited = Stopwatch.StartNew();
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return new BundleLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (waited.Elapsed < timeout)
            {
                // Held by another state change: wait a little longer each time, but never past the timeout.
                Thread.Sleep(TimeSpan.FromMilliseconds(Math.Min(5 << Math.Min(attempt, 4), Math.Max(1, (timeout - waited.Elapsed).TotalMilliseconds))));
            }
            catch (IOException e)
            {
                throw new BundleException(DiagnosticCatalog.BundleLockTimeout,
                    $"expected to lock {path} within {timeout.TotalSeconds:0.###} s, but another rungates process held it throughout ({e.Message})");
            }
        }
    }

    public void Dispose() => _stream.Dispose();
}
