using System.Text.Json;
using System.Text.Json.Serialization;

namespace NexLLM.Connectors.Embeddings.Gemini;

/// <summary>
/// The answer of <c>:embedContent</c> (<c>{"embedding":{"values":[…]}}</c>) or <c>:batchEmbedContents</c>
/// (<c>{"embeddings":[{"values":[…]}…]}</c>), docs/protocols/gemini.md; unknown fields are ignored.
/// </summary>
internal sealed class GeminiEmbedResponse
{
    public GeminiEmbeddingValues? Embedding { get; init; }

    public List<GeminiEmbeddingValues?>? Embeddings { get; init; }

    public GeminiEmbedUsage? UsageMetadata { get; init; }

    /// <summary>Gets an error object some servers put in a 200 body.</summary>
    public JsonElement? Error { get; init; }
}

/// <summary>One vector; a batch answers in request order (it has no index).</summary>
internal sealed class GeminiEmbeddingValues
{
    [JsonConverter(typeof(FloatVectorConverter))]
    public float[]? Values { get; init; }
}

/// <summary><c>usageMetadata</c>, when a server reports it.</summary>
internal sealed class GeminiEmbedUsage
{
    public long? PromptTokenCount { get; init; }

    public long? TotalTokenCount { get; init; }
}
