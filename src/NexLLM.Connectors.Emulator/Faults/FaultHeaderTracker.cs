using System.Collections.Concurrent;

namespace NexLLM.Connectors.Emulator.Faults;

/// <summary>
/// Counts requests per fault-header key, so <c>times=N; id=X</c> fails only the first N requests that carry id X:
/// a retried call then fails its first attempts and succeeds after, across processes and clients.
/// </summary>
internal sealed class FaultHeaderTracker
{
    private readonly ConcurrentDictionary<string, int> _seen = new(StringComparer.Ordinal);

    public bool ShouldApply(FaultHeaderSpec spec)
    {
        if (spec.Times is not { } times)
        {
            return true;
        }

        int count = _seen.AddOrUpdate(spec.TrackingKey, 1, (_, previous) => previous == int.MaxValue ? previous : previous + 1);
        return count <= times;
    }
}
