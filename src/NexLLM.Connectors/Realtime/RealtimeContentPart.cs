namespace NexLLM.Connectors.Realtime;

/// <summary>A content part of a message item: <c>input_text</c>, <c>input_audio</c>, <c>text</c> or <c>audio</c>.</summary>
internal sealed class RealtimeContentPart
{
    public required string Type { get; init; }

    public string? Text { get; init; }

    /// <summary>Gets base64 audio.</summary>
    public string? Audio { get; init; }

    public string? Transcript { get; init; }
}
