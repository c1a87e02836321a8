namespace NexLLM.Connectors.Http;

/// <summary>
/// A timer armed only while a read is pending: it measures the server's silence, not the time the caller spends
/// between reads. Its token combines the timer with the caller's token, so a read is aborted by either.
/// </summary>
/// <remarks>
/// A stream reads once per event, so arming must be cheap: <see cref="Arm"/> and <see cref="Disarm"/> only note the
/// time and whether a read is pending. The timer itself is started by the first read and, when it fires, either
/// cancels (a read has been pending for the whole timeout), re-arms itself for the rest of the current read's timeout,
/// or stops until the next read (none pending). Its callback and the reads run on different threads: the state moves
/// with interlocked operations so that a read never waits without a timer behind it.
/// </remarks>
internal sealed class IdleTimeout : IDisposable
{
    private const int Stopped = 0;
    private const int Running = 1;

    private readonly CancellationTokenSource _cancel;
    private readonly TimeProvider _time;
    private readonly TimeSpan _timeout;
    private ITimer? _timer;
    private long _readStarted;
    private volatile bool _reading;
    private volatile bool _elapsed;
    private int _state;

    public IdleTimeout(TimeSpan timeout, TimeProvider timeProvider, CancellationToken callerToken)
    {
        _timeout = timeout;
        _time = timeProvider;
        _cancel = callerToken.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(callerToken) : new CancellationTokenSource();
    }

    public CancellationToken Token => _cancel.Token;

    public TimeSpan Duration => _timeout;

    /// <summary>Gets a value indicating whether the server stayed silent for longer than the timeout.</summary>
    public bool Elapsed => _elapsed;

    /// <summary>A read starts: the server's silence counts from now.</summary>
    public void Arm()
    {
        if (_timeout == Timeout.InfiniteTimeSpan || _elapsed)
        {
            return;
        }

        // The start time is written before the flag (a volatile write), so the callback never pairs the flag with an older start.
        Volatile.Write(ref _readStarted, _time.GetTimestamp());
        _reading = true;
        if (Interlocked.CompareExchange(ref _state, Running, Stopped) == Stopped)
        {
            Start(_timeout);
        }
    }

    /// <summary>The read finished: silence no longer counts.</summary>
    public void Disarm() => _reading = false;

    public void Dispose()
    {
        _timer?.Dispose();
        _cancel.Dispose();
    }

    private void Start(TimeSpan due)
    {
        _timer ??= CreateTimer();
        _timer.Change(due, Timeout.InfiniteTimeSpan);
    }

    /// <summary>The timer, without the first reader's execution context: it lives as long as the stream and must not hold its AsyncLocals.</summary>
    private ITimer CreateTimer()
    {
        AsyncFlowControl? suppressed = ExecutionContext.IsFlowSuppressed() ? null : ExecutionContext.SuppressFlow();
        try
        {
            return _time.CreateTimer(static state => ((IdleTimeout)state!).OnTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }
        finally
        {
            suppressed?.Undo();
        }
    }

    private void OnTimer()
    {
        try
        {
            if (!_reading)
            {
                // No read pending: stop. Then look again, since a read may have started after the check and seen the timer running.
                Interlocked.Exchange(ref _state, Stopped);
                if (!_reading || Interlocked.CompareExchange(ref _state, Running, Stopped) != Stopped)
                {
                    return;
                }
            }

            TimeSpan silent = _time.GetElapsedTime(Volatile.Read(ref _readStarted));
            if (silent < _timeout)
            {
                Start(_timeout - silent);
                return;
            }

            _elapsed = true;
            _cancel.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The stream was disposed while the timer fired: nothing is waiting any more.
        }
    }
}
