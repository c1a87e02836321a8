using System.Text.Json.Serialization;

namespace NexLLM.Connectors.Chat.Claude;

/// <summary>Source-generated serialization of the Claude Messages wire types (trimming- and AOT-safe).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ClaudeRequest))]
[JsonSerializable(typeof(ClaudeResponse))]
[JsonSerializable(typeof(ClaudeStreamEvent))]
internal sealed partial class ClaudeJsonContext : JsonSerializerContext;
