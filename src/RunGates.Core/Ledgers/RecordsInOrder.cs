namespace RunGates.Core.Ledgers;

/// <summary>
/// The bounded queue between the ledger reader and the hashing workers: records are numbered as they are read, the
/// workers settle them in any order, and each is handed on in ledger order as soon as all before it are settled. The
/// reader waits while <see cref="Window"/> records are unsettled, so memory holds a window, not the ledger; the oldest
/// unsettled record is always with a worker (records are handed out in order, one per worker at a time), so the wait
/// always ends. Only the problems are kept.
/// </summary>
internal sealed class RecordsInOrder(Action<VerifiedRecord>? onRecord, CancellationToken cancellationToken)
{
    /// <summary>Records read ahead of the oldest unsettled one, at most: 4096 × a record of about 300 bytes.</summary>
    public const int Window = 1 << 12;

    private readonly VerifiedRecord?[] _settled = new VerifiedRecord?[Window];
    private readonly object _gate = new();
    private readonly List<IntegrityProblem> _problems = [];
    private int _count;
    private int _handedOn;
    private int _verified;
    private volatile bool _faulted;

    /// <summary>Every record's problem, in ledger order.</summary>
    public IReadOnlyList<IntegrityProblem> Problems => _handedOn == _count ? _problems : throw new InvalidOperationException($"{_count - _handedOn} ledger records were never settled");

    public int Count => _count;

    /// <summary>Records that matched their digests.</summary>
    public int Verified => _verified;

    /// <summary>The next record's number, once there is room in the window for it; called by the one reader.</summary>
    public int Next()
    {
        lock (_gate)
        {
            while (_count - _handedOn >= Window)
            {
                // Woken by every settlement; the timeout only lets a cancellation through.
                Monitor.Wait(_gate, 200);
                cancellationToken.ThrowIfCancellationRequested();
                if (_faulted)
                {
                    // A worker failed: the record the window waits for will never settle; its exception is the answer.
                    throw new OperationCanceledException("a hashing worker failed");
                }
            }

            return _count++;
        }
    }

    /// <summary>Runs <paramref name="work"/> on a worker; if it throws, the reader stops waiting for room.</summary>
    public T Guarded<T>(Func<T> work)
    {
        try
        {
            return work();
        }
        catch
        {
            _faulted = true;
            throw;
        }
    }

    /// <summary>Settles record <paramref name="sequence"/> and hands on every record now settled in order.</summary>
    public void Complete(int sequence, VerifiedRecord outcome)
    {
        lock (_gate)
        {
            _settled[sequence % Window] = outcome;
            while (_handedOn < _count && _settled[_handedOn % Window] is { } next)
            {
                _settled[_handedOn % Window] = null;
                _handedOn++;
                if (next.Problem is { } problem)
                {
                    _problems.Add(problem);
                }
                else
                {
                    _verified++;
                }

                onRecord?.Invoke(next);
            }

            Monitor.PulseAll(_gate);
        }
    }
}
