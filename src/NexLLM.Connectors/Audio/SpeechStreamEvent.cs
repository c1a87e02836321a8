using System.Text.Json;

namespace NexLLM.Connectors.Audio;

/// <summary>
/// One event of a speech stream with <c>stream_format: "sse"</c> (docs/protocols/audio.md#speech):
/// <c>{"type":"speech.audio.delta","audio":"&lt;base64&gt;"}</c>, then <c>{"type":"speech.audio.done","usage":{...}}</c>;
/// or an error object. Unknown fields and event types are tolerated.
/// </summary>
internal sealed class SpeechStreamEvent
{
    public const string DeltaType = "speech.audio.delta";
    public const string DoneType = "speech.audio.done";

    public string? Type { get; init; }

    /// <summary>Gets the audio of a delta, decoded from base64 by the serializer straight into its own array.</summary>
    public byte[]? Audio { get; init; }

    public SpeechUsage? Usage { get; init; }

    /// <summary>Gets the error of an error event (any shape: <see cref="Http.ErrorBody"/> reads it).</summary>
    public JsonElement? Error { get; init; }
}
