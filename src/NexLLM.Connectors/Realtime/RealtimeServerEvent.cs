namespace NexLLM.Connectors.Realtime;

/// <summary>
/// A server event, under its beta or its GA name (docs/protocols/realtime.md#server-events-beta-names). One shape for all of
/// them: each event fills the fields it has.
/// </summary>
internal sealed class RealtimeServerEvent
{
    public string? Type { get; init; }

    public string? EventId { get; init; }

    public string? ResponseId { get; init; }

    public string? ItemId { get; init; }

    public int? OutputIndex { get; init; }

    public int? ContentIndex { get; init; }

    /// <summary>Gets the increment of a delta event (text, base64 audio, transcript, arguments).</summary>
    public string? Delta { get; init; }

    /// <summary>Gets the whole text of <c>response.text.done</c>.</summary>
    public string? Text { get; init; }

    /// <summary>Gets the whole transcript of a transcript's <c>.done</c> or of a completed input transcription.</summary>
    public string? Transcript { get; init; }

    public RealtimeItem? Item { get; init; }

    public RealtimeResponse? Response { get; init; }

    public RealtimeError? Error { get; init; }

    /// <summary>Gets the usage of an input transcription (GA).</summary>
    public RealtimeUsage? Usage { get; init; }
}
