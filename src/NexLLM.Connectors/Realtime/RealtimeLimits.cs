namespace NexLLM.Connectors.Realtime;

/// <summary>Fixed limits of a realtime session.</summary>
internal static class RealtimeLimits
{
    /// <summary>How long a close handshake may take: disposal must not hang on a peer that never answers (docs/reliability.md, "cancellation").</summary>
    public static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(5);
}
