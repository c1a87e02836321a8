using System.Text.Json.Serialization;

namespace NexLLM.Connectors.Embeddings.Gemini;

/// <summary>Source-generated serialization of the Gemini embedding wire types (camelCase; trimming- and AOT-safe).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(GeminiEmbedRequest))]
[JsonSerializable(typeof(GeminiBatchEmbedRequest))]
[JsonSerializable(typeof(GeminiEmbedResponse))]
internal sealed partial class GeminiEmbeddingsJsonContext : JsonSerializerContext;
