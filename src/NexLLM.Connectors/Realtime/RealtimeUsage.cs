namespace NexLLM.Connectors.Realtime;

/// <summary>The usage of <c>response.done</c> (docs/protocols/realtime.md#server-events-beta-names).</summary>
internal sealed class RealtimeUsage
{
    public long? TotalTokens { get; init; }

    public long? InputTokens { get; init; }

    public long? OutputTokens { get; init; }

    public RealtimeTokenDetails? InputTokenDetails { get; init; }

    public RealtimeTokenDetails? OutputTokenDetails { get; init; }
}
