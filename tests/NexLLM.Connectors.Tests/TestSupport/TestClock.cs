using Microsoft.Extensions.Time.Testing;

namespace NexLLM.Connectors.Tests.TestSupport;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that knows which timers are armed and when they are due, so a test can wait until the
/// client armed a timer (a retry delay, a timeout) before it moves the clock: no real-time waits, no races.
/// </summary>
public sealed class TestClock : FakeTimeProvider
{
    private readonly object _gate = new();
    private readonly List<TrackedTimer> _timers = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TestClock()
        : base(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero))
    {
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var tracked = new TrackedTimer(this, period);
        tracked.Inner = base.CreateTimer(
            s =>
            {
                tracked.OnFired();
                callback(s);
            },
            state,
            dueTime,
            period);
        lock (_gate)
        {
            _timers.Add(tracked);
        }

        tracked.Arm(dueTime);
        return tracked;
    }

    /// <summary>
    /// Waits (at most 5 s of real time) until an armed timer's remaining time matches <paramref name="match"/>, and returns
    /// that remaining time.
    /// </summary>
    public async Task<TimeSpan> WaitForTimerAsync(Func<TimeSpan, bool> match, string what)
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(5);
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                DateTimeOffset now = GetUtcNow();
                foreach (TrackedTimer timer in _timers)
                {
                    if (timer.DueAt is { } due && match(due - now))
                    {
                        return due - now;
                    }
                }

                changed = _changed.Task;
            }

            TimeSpan left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || await Task.WhenAny(changed, Task.Delay(left)) != changed)
            {
                throw new TimeoutException($"No timer for {what} was armed within 5 s. Armed: {Describe()}.");
            }
        }
    }

    /// <summary>Waits for a timer due in exactly <paramref name="dueIn"/>, then moves the clock by that much.</summary>
    public async Task FireAsync(TimeSpan dueIn, string what)
    {
        await WaitForTimerAsync(d => d == dueIn, what);
        Advance(dueIn);
    }

    /// <summary>Waits for a retry delay (an armed timer due within a minute), then moves the clock past it.</summary>
    public async Task<TimeSpan> SkipRetryDelayAsync()
    {
        TimeSpan delay = await WaitForTimerAsync(d => d > TimeSpan.Zero && d <= TimeSpan.FromSeconds(60), "a retry delay");
        Advance(delay);
        return delay;
    }

    /// <summary>
    /// Lets every retry delay (an armed timer due within a minute) elapse until <paramref name="call"/> ends, for paths where
    /// the test does not know how many retries there will be. At most 5 s of real time.
    /// </summary>
    public async Task SkipRetryDelaysUntilDoneAsync(Task call)
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(5);
        while (!call.IsCompleted)
        {
            Task changed;
            TimeSpan? due = null;
            lock (_gate)
            {
                DateTimeOffset now = GetUtcNow();
                foreach (TrackedTimer timer in _timers)
                {
                    if (timer.DueAt is { } at && at - now > TimeSpan.Zero && at - now <= TimeSpan.FromSeconds(60))
                    {
                        due = at - now;
                        break;
                    }
                }

                changed = _changed.Task;
            }

            if (due is { } delay)
            {
                Advance(delay);
                continue;
            }

            TimeSpan left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException($"The call did not end within 5 s. Armed: {Describe()}.");
            }

            await Task.WhenAny(call, changed, Task.Delay(left));
        }
    }

    private string Describe()
    {
        lock (_gate)
        {
            DateTimeOffset now = GetUtcNow();
            return string.Join(", ", _timers.Select(t => t.DueAt is { } due ? (due - now).ToString() : "disarmed"));
        }
    }

    private void Notify()
    {
        TaskCompletionSource previous;
        lock (_gate)
        {
            previous = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        previous.TrySetResult();
    }

    private sealed class TrackedTimer(TestClock clock, TimeSpan period) : ITimer
    {
        private TimeSpan _period = period;

        public ITimer Inner { get; set; } = null!;

        public DateTimeOffset? DueAt { get; private set; }

        public void Arm(TimeSpan dueTime)
        {
            lock (clock._gate)
            {
                DueAt = dueTime == Timeout.InfiniteTimeSpan ? null : clock.GetUtcNow() + dueTime;
            }

            clock.Notify();
        }

        public void OnFired()
        {
            lock (clock._gate)
            {
                DueAt = _period == Timeout.InfiniteTimeSpan || _period == TimeSpan.Zero ? null : clock.GetUtcNow() + _period;
            }
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            _period = period;
            bool changed = Inner.Change(dueTime, period);
            Arm(dueTime);
            return changed;
        }

        public void Dispose()
        {
            Inner.Dispose();
            lock (clock._gate)
            {
                DueAt = null;
                clock._timers.Remove(this);
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return default;
        }
    }
}
