namespace NexLLM.Connectors.Embeddings.OpenAI;

/// <summary>The body of <c>POST /v1/embeddings</c> (docs/protocols/embeddings.md), in the field order of the OpenAI SDKs.</summary>
internal sealed class OpenAIEmbeddingRequest
{
    public required string Model { get; init; }

    /// <summary>Gets the texts: always an array, also for one input, so the answer always has one item per index.</summary>
    public required IReadOnlyList<string> Input { get; init; }

    /// <summary>Gets <c>base64</c>: a third of the bytes of decimal floats, and decoded straight into float memory.</summary>
    public string EncodingFormat { get; init; } = "base64";

    public int? Dimensions { get; init; }
}
