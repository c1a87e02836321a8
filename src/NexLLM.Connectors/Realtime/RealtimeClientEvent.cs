namespace NexLLM.Connectors.Realtime;

/// <summary>
/// A client event of the beta protocol the gateway relays (docs/protocols/realtime.md#client-events). One shape for all of
/// them: each event fills the fields it has, and absent fields are not written.
/// </summary>
internal sealed class RealtimeClientEvent
{
    public required string Type { get; init; }

    public string? EventId { get; init; }

    /// <summary>Gets the settings of <c>session.update</c>.</summary>
    public RealtimeSession? Session { get; init; }

    /// <summary>Gets the base64 audio of <c>input_audio_buffer.append</c>.</summary>
    public string? Audio { get; init; }

    /// <summary>Gets the item of <c>conversation.item.create</c>.</summary>
    public RealtimeItem? Item { get; init; }

    /// <summary>Gets the settings of <c>response.create</c>.</summary>
    public RealtimeResponseRequest? Response { get; init; }
}
