namespace NexLLM.Connectors.Realtime;

/// <summary>The split of input or output tokens by kind.</summary>
internal sealed class RealtimeTokenDetails
{
    public long? CachedTokens { get; init; }

    public long? TextTokens { get; init; }

    public long? AudioTokens { get; init; }
}
