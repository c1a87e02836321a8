using System.Text.Json;
using System.Text.Json.Serialization;

namespace NexLLM.Connectors.Embeddings.OpenAI;

/// <summary>The answer of <c>POST /v1/embeddings</c> (docs/protocols/embeddings.md); unknown fields are ignored.</summary>
internal sealed class OpenAIEmbeddingResponse
{
    public List<OpenAIEmbeddingItem?>? Data { get; init; }

    public string? Model { get; init; }

    public OpenAIEmbeddingUsage? Usage { get; init; }

    /// <summary>Gets an error object some servers put in a 200 body.</summary>
    public JsonElement? Error { get; init; }
}

/// <summary>One vector and the index of the input it belongs to.</summary>
internal sealed class OpenAIEmbeddingItem
{
    public int? Index { get; init; }

    /// <summary>Gets the vector: base64 of little-endian float32 (asked for) or a number array (servers that ignore base64).</summary>
    [JsonConverter(typeof(FloatVectorConverter))]
    public float[]? Embedding { get; init; }
}

/// <summary><c>usage</c>: embeddings bill input tokens only.</summary>
internal sealed class OpenAIEmbeddingUsage
{
    public long? PromptTokens { get; init; }

    public long? TotalTokens { get; init; }
}
