using System.Text.Json;
using NexLLM.Connectors.Emulator.Engine;

namespace NexLLM.Connectors.Emulator.Realtime;

/// <summary>
/// A session's settings, starting from OpenAI's defaults (text and audio, voice alloy, pcm16 both ways, server VAD,
/// temperature 0.8, no output limit: the beta <c>session.created</c> of openai-python's <c>Session</c> type) and changed by
/// <c>session.update</c>, which keeps every field it does not name.
/// </summary>
internal sealed class RealtimeSessionSettings
{
    public string Id { get; } = "sess_" + Hosting.RequestIds.RandomToken(24);

    public required string Model { get; init; }

    public IReadOnlyList<string> Modalities { get; set; } = ["text", "audio"];

    public string Instructions { get; set; } = "";

    public string Voice { get; set; } = "alloy";

    /// <summary>Gets or sets the beta name of the input format: <c>pcm16</c>, <c>g711_ulaw</c> or <c>g711_alaw</c>.</summary>
    public string InputAudioFormat { get; set; } = "pcm16";

    public string OutputAudioFormat { get; set; } = "pcm16";

    /// <summary>Gets or sets the input transcription settings as sent (<see langword="null"/>: off, OpenAI's default).</summary>
    public JsonElement? InputAudioTranscription { get; set; }

    /// <summary>Gets or sets the turn detection as sent; <see langword="null"/> turns it off.</summary>
    public JsonElement? TurnDetection { get; set; } = DefaultTurnDetection;

    /// <summary>Gets or sets the tools as sent (rendered back verbatim).</summary>
    public IReadOnlyList<JsonElement> Tools { get; set; } = [];

    public string ToolChoice { get; set; } = "auto";

    public double Temperature { get; set; } = 0.8;

    /// <summary>Gets or sets the output limit; <see langword="null"/> is OpenAI's <c>"inf"</c>.</summary>
    public int? MaxResponseOutputTokens { get; set; }

    /// <summary>Gets whether server VAD is on (semantic VAD is read the same way: the emulator has only one detector).</summary>
    public bool ServerVad => TurnDetection is { ValueKind: JsonValueKind.Object } detection
        && detection.TryGetProperty("type", out var type) && type.GetString() is "server_vad" or "semantic_vad";

    /// <summary>Gets the silence that ends a turn under server VAD (OpenAI's default 500 ms).</summary>
    public int SilenceDurationMs => TurnDetection is { ValueKind: JsonValueKind.Object } detection
        && detection.TryGetProperty("silence_duration_ms", out var ms) && ms.TryGetInt32(out int value) && value > 0 ? value : 500;

    /// <summary>Gets whether server VAD answers each turn by itself (OpenAI's <c>create_response</c>, default true).</summary>
    public bool VadCreatesResponse => TurnDetection is not { ValueKind: JsonValueKind.Object } detection
        || !detection.TryGetProperty("create_response", out var create) || create.ValueKind != JsonValueKind.False;

    public bool TranscribesInput => InputAudioTranscription is { ValueKind: JsonValueKind.Object };

    /// <summary>Gets the tools as the chat engine reads them.</summary>
    public IReadOnlyList<ChatToolDefinition> EngineTools => [.. Tools
        .Where(t => t.ValueKind == JsonValueKind.Object && t.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String)
        .Select(t => new ChatToolDefinition(
            t.GetProperty("name").GetString()!,
            t.TryGetProperty("description", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null,
            t.TryGetProperty("parameters", out var p) && p.ValueKind == JsonValueKind.Object ? p : null))];

    /// <summary>Gets the tool choice as the chat engine reads it (the gateway only lets strings through).</summary>
    public ChatToolChoice EngineToolChoice => ToolChoice switch
    {
        "none" => new ChatToolChoice(ToolChoiceMode.None),
        "required" => new ChatToolChoice(ToolChoiceMode.Required),
        _ => ChatToolChoice.Auto,
    };

    private static JsonElement DefaultTurnDetection { get; } = JsonDocument.Parse(
        """{"type":"server_vad","threshold":0.5,"prefix_padding_ms":300,"silence_duration_ms":500,"create_response":true,"interrupt_response":true}""").RootElement.Clone();
}
