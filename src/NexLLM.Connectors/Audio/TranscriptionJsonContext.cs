using System.Text.Json.Serialization;

namespace NexLLM.Connectors.Audio;

/// <summary>Source-generated reading of transcription answers and stream events (trimming- and AOT-safe).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(TranscriptionBody))]
[JsonSerializable(typeof(TranscriptionStreamEvent))]
internal sealed partial class TranscriptionJsonContext : JsonSerializerContext;
