namespace NexLLM.Connectors.Emulator;

/// <summary>A model the emulator lists on <c>GET /v1/models</c> (and accepts when <see cref="NexLLMEmulatorOptions.RejectUnknownModels"/> is set).</summary>
/// <param name="Id">The model id, e.g. <c>gpt-4o-mini</c>.</param>
/// <param name="OwnedBy">The <c>owned_by</c> value: new-api puts its channel name there (<c>openai</c>, <c>claude</c>, <c>google gemini</c>, <c>custom</c>…).</param>
/// <param name="SupportedEndpointTypes">
/// new-api's <c>supported_endpoint_types</c>: <c>openai</c>, <c>openai-response</c>, <c>openai-response-compact</c>,
/// <c>anthropic</c>, <c>gemini</c>, <c>jina-rerank</c>, <c>image-generation</c>, <c>embeddings</c>, <c>openai-video</c> (docs/protocols/models.md).
/// </param>
public sealed record EmulatorModel(string Id, string OwnedBy, IReadOnlyList<string> SupportedEndpointTypes)
{
    /// <summary>The <c>created</c> timestamp new-api reports for every model (2021-07-20T10:40:00Z, a constant in its code).</summary>
    public const long NewApiCreated = 1626777600;

    /// <summary>Gets the <c>created</c> Unix timestamp; new-api reports the same constant for all models.</summary>
    public long Created { get; init; } = NewApiCreated;

    /// <summary>
    /// Gets the native vector length of an embedding model (<see langword="null"/> for other models): the length answered
    /// when a request asks for none, and, in strict mode, the most <c>dimensions</c> (or Gemini's
    /// <c>outputDimensionality</c>) may ask for (docs/protocols/embeddings.md#native-sizes).
    /// </summary>
    public int? EmbeddingDimensions { get; init; }

    /// <summary>
    /// Gets the thinking budgets a Gemini model accepts (<see langword="null"/>: any), checked in strict mode
    /// (docs/protocols/gemini.md#thinking-budgets).
    /// </summary>
    public EmulatorThinkingBudget? ThinkingBudget { get; init; }

    /// <summary>
    /// Gets a realistic default list: OpenAI, Claude and Gemini chat models, a legacy completions model, embeddings, rerank
    /// (Jina and Cohere), images, audio and realtime: every model the emulator has rules of its own for, so that strict mode
    /// (which refuses unlisted models, as new-api's distributor does) serves them.
    /// </summary>
    public static IReadOnlyList<EmulatorModel> Defaults { get; } =
    [
        new("gpt-4o-mini", "openai", ["openai", "openai-response"]),
        new("gpt-4o", "openai", ["openai", "openai-response"]),
        new("gpt-4.1", "openai", ["openai", "openai-response"]),
        new("gpt-4.1-mini", "openai", ["openai", "openai-response"]),
        new("o4-mini", "openai", ["openai", "openai-response"]),
        new("gpt-5-mini", "openai", ["openai", "openai-response", "openai-response-compact"]),
        new("gpt-3.5-turbo-instruct", "openai", ["openai"]),
        new("claude-sonnet-4-5", "claude", ["anthropic", "openai"]),
        new("claude-haiku-4-5", "claude", ["anthropic", "openai"]),
        // Google's documented thinking budgets (docs/protocols/gemini.md#thinking-budgets): Flash 0 to 24,576, Pro 128 to 32,768 and never off.
        new("gemini-2.5-flash", "google gemini", ["gemini", "openai"]) { ThinkingBudget = new(1, 24576, CanDisable: true) },
        new("gemini-2.5-pro", "google gemini", ["gemini", "openai"]) { ThinkingBudget = new(128, 32768, CanDisable: false) },
        // The documented native sizes (docs/protocols/embeddings.md#native-sizes).
        new("text-embedding-3-small", "openai", ["embeddings"]) { EmbeddingDimensions = 1536 },
        new("text-embedding-3-large", "openai", ["embeddings"]) { EmbeddingDimensions = 3072 },
        new("gemini-embedding-001", "google gemini", ["gemini", "embeddings"]) { EmbeddingDimensions = 3072 },
        new("text-embedding-004", "google gemini", ["gemini", "embeddings"]) { EmbeddingDimensions = 768 },
        new("jina-reranker-v2-base-multilingual", "jina", ["jina-rerank"]),
        new("rerank-v3.5", "cohere", ["jina-rerank"]),
        new("gpt-image-1", "openai", ["image-generation"]),
        new("gpt-image-2", "openai", ["image-generation"]),
        new("dall-e-3", "openai", ["image-generation"]),
        new("dall-e-2", "openai", ["image-generation"]),
        new("whisper-1", "openai", ["openai"]),
        new("gpt-4o-transcribe", "openai", ["openai"]),
        new("gpt-4o-mini-transcribe", "openai", ["openai"]),
        new("gpt-4o-transcribe-diarize", "openai", ["openai"]),
        new("tts-1", "openai", ["openai"]),
        new("tts-1-hd", "openai", ["openai"]),
        new("gpt-4o-mini-tts", "openai", ["openai"]),
        new("gpt-4o-realtime-preview", "openai", ["openai", "openai-response"]),
        new("gpt-realtime", "openai", ["openai"]),
    ];
}
