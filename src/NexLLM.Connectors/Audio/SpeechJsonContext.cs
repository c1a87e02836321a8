using System.Text.Json.Serialization;

namespace NexLLM.Connectors.Audio;

/// <summary>Source-generated serialization of the speech request and stream events (trimming- and AOT-safe).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SpeechRequest))]
[JsonSerializable(typeof(SpeechStreamEvent))]
internal sealed partial class SpeechJsonContext : JsonSerializerContext;
