using System.Text.Json;

namespace NexLLM.Connectors.Realtime;

/// <summary>The <c>session</c> of <c>session.update</c> (docs/protocols/realtime.md#client-events).</summary>
internal sealed class RealtimeSession
{
    public IReadOnlyList<string>? Modalities { get; init; }

    public string? Instructions { get; init; }

    public string? Voice { get; init; }

    /// <summary>Gets <c>pcm16</c>, <c>g711_ulaw</c> or <c>g711_alaw</c>.</summary>
    public string? InputAudioFormat { get; init; }

    public string? OutputAudioFormat { get; init; }

    public RealtimeTranscription? InputAudioTranscription { get; init; }

    /// <summary>Gets the turn detection: an object, or JSON <c>null</c> to turn it off (a missing field keeps the server's).</summary>
    public JsonElement? TurnDetection { get; init; }

    public IReadOnlyList<RealtimeTool>? Tools { get; init; }

    /// <summary>Gets the tool choice: a string only, since the gateway's event type has a string there (docs/protocols/realtime.md#through-the-gateway).</summary>
    public string? ToolChoice { get; init; }

    public int? MaxResponseOutputTokens { get; init; }
}
