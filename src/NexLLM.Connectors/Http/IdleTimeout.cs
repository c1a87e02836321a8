namespace NexLLM.Connectors.Http;

/// <summary>
/// A timer armed only while a read is pending: it measures the server's silence, not the time the caller spends
/// between reads. Its token combines the timer with the caller's token, so a read is aborted by either.
/// </summary>
internal sealed class IdleTimeout : IDisposable
{
    private readonly CancellationTokenSource _timer;
    private readonly CancellationTokenSource _linked;
    private readonly TimeSpan _timeout;

    public IdleTimeout(TimeSpan timeout, TimeProvider timeProvider, CancellationToken callerToken)
    {
        _timeout = timeout;
        _timer = new CancellationTokenSource(System.Threading.Timeout.InfiniteTimeSpan, timeProvider);
        _linked = CancellationTokenSource.CreateLinkedTokenSource(callerToken, _timer.Token);
    }

    public CancellationToken Token => _linked.Token;

    public TimeSpan Duration => _timeout;

    /// <summary>Gets a value indicating whether the server stayed silent for longer than the timeout.</summary>
    public bool Elapsed => _timer.IsCancellationRequested;

    public void Arm()
    {
        if (_timeout != System.Threading.Timeout.InfiniteTimeSpan && !_timer.IsCancellationRequested)
        {
            _timer.CancelAfter(_timeout);
        }
    }

    public void Disarm()
    {
        if (!_timer.IsCancellationRequested)
        {
            _timer.CancelAfter(System.Threading.Timeout.InfiniteTimeSpan);
        }
    }

    public void Dispose()
    {
        _linked.Dispose();
        _timer.Dispose();
    }
}
