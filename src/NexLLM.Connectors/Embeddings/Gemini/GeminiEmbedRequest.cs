namespace NexLLM.Connectors.Embeddings.Gemini;

/// <summary>
/// The body of <c>:embedContent</c>, and each request of <c>:batchEmbedContents</c> (docs/protocols/gemini.md):
/// <c>{"model"?, "content":{"parts":[{"text"}]}, "taskType"?, "title"?, "outputDimensionality"?}</c>.
/// </summary>
internal sealed class GeminiEmbedRequest
{
    /// <summary>Gets <c>models/{model}</c>: required in each request of a batch, left out of a single request (the URL names it).</summary>
    public string? Model { get; init; }

    public required GeminiTextContent Content { get; init; }

    public string? TaskType { get; init; }

    public string? Title { get; init; }

    public int? OutputDimensionality { get; init; }
}

/// <summary>The body of <c>:batchEmbedContents</c>.</summary>
internal sealed class GeminiBatchEmbedRequest
{
    public required IReadOnlyList<GeminiEmbedRequest> Requests { get; init; }
}

/// <summary>A <c>Content</c> with one text part: what an embedding input is.</summary>
internal sealed class GeminiTextContent
{
    public required IReadOnlyList<GeminiTextPart> Parts { get; init; }
}

/// <summary>A text part.</summary>
internal sealed class GeminiTextPart
{
    public required string Text { get; init; }
}
