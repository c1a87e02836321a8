using System.Text.Json;

namespace NexLLM.Connectors.Emulator.Audio;

/// <summary>
/// A speech request as new-api passes it on (it re-marshals <c>dto.AudioRequest</c>: unknown fields are dropped, and
/// empty <c>instructions</c>, <c>response_format</c> and <c>stream_format</c> are left out as <c>omitempty</c> fields).
/// </summary>
internal sealed record SpeechCall(string Model, string Input, string Voice, string Instructions, string ResponseFormat, double? Speed, string StreamFormat)
{
    /// <summary>Gets whether the model is <c>tts-1</c> or <c>tts-1-hd</c> (and their dated names), which take neither instructions nor SSE.</summary>
    public bool IsClassicTts => Model.StartsWith("tts-1", StringComparison.Ordinal);

    public static SpeechCall Read(JsonElement root) => new(
        Text(root, "model"),
        Text(root, "input"),
        Text(root, "voice"),
        Text(root, "instructions"),
        Text(root, "response_format"),
        root.TryGetProperty("speed", out var speed) && speed.ValueKind == JsonValueKind.Number ? speed.GetDouble() : null,
        Text(root, "stream_format"));

    private static string Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";
}
