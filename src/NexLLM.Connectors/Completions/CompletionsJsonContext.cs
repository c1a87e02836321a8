using System.Text.Json.Serialization;

namespace NexLLM.Connectors.Completions;

/// <summary>Source-generated serialization of the legacy completions wire types (trimming- and AOT-safe).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CompletionRequest))]
[JsonSerializable(typeof(CompletionResponse))]
internal sealed partial class CompletionsJsonContext : JsonSerializerContext;
