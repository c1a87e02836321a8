namespace NexLLM.Connectors.Realtime;

/// <summary>Why a response ended other than completed: <c>{type, reason, error}</c>.</summary>
internal sealed class RealtimeStatusDetails
{
    public string? Type { get; init; }

    public string? Reason { get; init; }

    public RealtimeError? Error { get; init; }
}
