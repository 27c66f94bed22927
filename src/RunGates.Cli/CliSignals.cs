using System.Runtime.InteropServices;
using RunGates.Core.Diagnostics;

namespace RunGates.Cli;

/// <summary>
/// SIGINT and SIGTERM as a cancellation: the first signal cancels <see cref="Token"/> (the running step's process group
/// is killed, the bundle stays uncommitted) and starts a grace period after which the process exits anyway, so a read
/// that does not watch the token cannot keep it alive. Every later signal is ignored: the handler never throws.
/// </summary>
public sealed class CliSignals : IDisposable
{
    /// <summary>How long the cleanup after a signal may take before the process exits without it.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(10);

    private readonly CancellationTokenSource _cancel = new();
    private readonly List<PosixSignalRegistration> _registrations = [];
    private readonly TextWriter? _error;
    private int _received;

    private CliSignals(TextWriter? error) => _error = error;

    /// <summary>Cancelled when the first SIGINT or SIGTERM arrives, or when the token handed to <see cref="From"/> is.</summary>
    public CancellationToken Token => _cancel.Token;

    /// <summary>The first signal received, or null.</summary>
    public PosixSignal? Received => Volatile.Read(ref _received) is var received and not 0 ? (PosixSignal)received : null;

    /// <summary>The exit code for a cancelled command: 143 after SIGTERM, else 130 (SIGINT, or a token cancelled in-process).</summary>
    public int ExitCode => Received == PosixSignal.SIGTERM ? ExitCodes.Terminated : ExitCodes.Interrupted;

    /// <summary>The cause, as the messages name it.</summary>
    public string Cause => Received switch
    {
        PosixSignal.SIGTERM => "SIGTERM",
        PosixSignal.SIGINT => "SIGINT",
        _ => "a cancellation request",
    };

    /// <summary>Handles SIGINT and SIGTERM for this process; <paramref name="error"/> hears why it exits after the grace.</summary>
    public static CliSignals Register(TextWriter error)
    {
        var signals = new CliSignals(error);
        foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM })
        {
            signals._registrations.Add(PosixSignalRegistration.Create(signal, signals.OnSignal));
        }

        return signals;
    }

    /// <summary>No signal handlers: cancelled with <paramref name="cancellationToken"/> (tests, hosts that own the signals).</summary>
    public static CliSignals From(CancellationToken cancellationToken)
    {
        var signals = new CliSignals(null);
        cancellationToken.Register(static state => ((CliSignals)state!).Cancel(), signals);
        return signals;
    }

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }
    }

    private void OnSignal(PosixSignalContext context)
    {
        // The process ends itself, with the documented exit code, once the run has cleaned up.
        context.Cancel = true;
        if (Interlocked.CompareExchange(ref _received, (int)context.Signal, 0) != 0)
        {
            return;
        }

        // Off the signal thread: cancellation callbacks kill processes and may take a moment.
        ThreadPool.UnsafeQueueUserWorkItem(static signals => signals.Cancel(), this, preferLocal: false);
        var watchdog = new Thread(ExitAfterGrace) { IsBackground = true, Name = "rungates cancel grace" };
        watchdog.Start();
    }

    private void Cancel()
    {
        try
        {
            _cancel.Cancel();
        }
        catch (AggregateException)
        {
            // A callback failed while cancelling; the command's own handler reports what it sees.
        }
        catch (ObjectDisposedException)
        {
            // The command already finished.
        }
    }

    private void ExitAfterGrace()
    {
        Thread.Sleep(Grace);
        try
        {
            _error?.WriteLine($"rungates: error {DiagnosticCatalog.Cancelled.Code}: cancelled by {Cause}, and the cleanup did not end within {Grace.TotalSeconds:0} s; exiting now. No bundle was committed after the signal.");
        }
        catch (IOException)
        {
            // stderr is gone; the exit code still says why.
        }

        Environment.Exit(ExitCode);
    }
}
