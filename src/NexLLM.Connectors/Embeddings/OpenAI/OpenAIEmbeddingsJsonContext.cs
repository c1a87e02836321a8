using System.Text.Json.Serialization;

namespace NexLLM.Connectors.Embeddings.OpenAI;

/// <summary>Source-generated serialization of the <c>/v1/embeddings</c> wire types (trimming- and AOT-safe).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(OpenAIEmbeddingRequest))]
[JsonSerializable(typeof(OpenAIEmbeddingResponse))]
internal sealed partial class OpenAIEmbeddingsJsonContext : JsonSerializerContext;
