using System.Text.Json.Serialization;

namespace NexLLM.Connectors.Audio;

/// <summary>
/// The JSON body of <c>POST /v1/audio/speech</c> (docs/protocols/audio.md#speech), in the order it is written. A field that
/// is <see langword="null"/> is not sent.
/// </summary>
internal sealed class SpeechRequest
{
    public required string Model { get; init; }

    public required string Input { get; init; }

    /// <summary>Gets the voice: a name, or a custom voice's id (written as <c>{"id":"voice_..."}</c>).</summary>
    [JsonConverter(typeof(SpeechVoiceConverter))]
    public required SpeechVoice Voice { get; init; }

    public string? Instructions { get; init; }

    public string? ResponseFormat { get; init; }

    public float? Speed { get; init; }

    /// <summary>Gets <c>stream_format</c>: <c>sse</c> when asked for, otherwise not sent (the server's default is the audio itself).</summary>
    public string? StreamFormat { get; init; }
}
