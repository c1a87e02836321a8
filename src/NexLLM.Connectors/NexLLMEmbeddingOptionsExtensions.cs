using Microsoft.Extensions.AI;
using NexLLM.Connectors.Embeddings;

namespace NexLLM.Connectors;

/// <summary>
/// Typed NexLLM options on <see cref="EmbeddingGenerationOptions"/>: batching, and Gemini's task type and title. They are
/// stored under reserved <c>nexllm.</c> keys of <see cref="EmbeddingGenerationOptions.AdditionalProperties"/> and never
/// sent as request fields; a protocol that has no such option ignores it. Set them once for a generator with
/// <c>generator.AsBuilder().ConfigureOptions(o =&gt; o.WithMaxConcurrentRequests(2)).Build()</c>.
/// </summary>
public static class NexLLMEmbeddingOptionsExtensions
{
    /// <summary>
    /// Sets how many inputs one request carries at most; a call with more is split into several requests whose results
    /// come back in input order. Defaults: 2,048 for <see cref="NexLLMEmbeddingProtocol.Embeddings"/> (OpenAI's limit),
    /// 100 for <see cref="NexLLMEmbeddingProtocol.GeminiEmbedContent"/> (Google's <c>batchEmbedContents</c> limit).
    /// </summary>
    /// <param name="options">The options to change.</param>
    /// <param name="maxInputs">The maximum number of inputs per request, at least 1.</param>
    /// <returns>The same <paramref name="options"/>, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxInputs"/> is less than 1.</exception>
    public static EmbeddingGenerationOptions WithMaxInputsPerRequest(this EmbeddingGenerationOptions options, int maxInputs) =>
        Set(options, EmbeddingOptionKeys.MaxInputsPerRequest, Throw.IfOutOfRange(maxInputs, 1, int.MaxValue));

    /// <summary>
    /// Sets how many requests of one split call are in flight at once (default 4). Each request is retried on its own;
    /// the first one that fails for good cancels the others and its error is raised.
    /// </summary>
    /// <param name="options">The options to change.</param>
    /// <param name="maxRequests">The maximum number of concurrent requests, at least 1.</param>
    /// <returns>The same <paramref name="options"/>, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxRequests"/> is less than 1.</exception>
    public static EmbeddingGenerationOptions WithMaxConcurrentRequests(this EmbeddingGenerationOptions options, int maxRequests) =>
        Set(options, EmbeddingOptionKeys.MaxConcurrentRequests, Throw.IfOutOfRange(maxRequests, 1, int.MaxValue));

    /// <summary>Sets Gemini's <c>taskType</c>: what the vectors are for. Other protocols ignore it.</summary>
    /// <param name="options">The options to change.</param>
    /// <param name="taskType">The task type.</param>
    /// <returns>The same <paramref name="options"/>, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="taskType"/> is not a defined value.</exception>
    public static EmbeddingGenerationOptions WithGeminiTaskType(this EmbeddingGenerationOptions options, NexLLMGeminiTaskType taskType) =>
        Set(options, EmbeddingOptionKeys.GeminiTaskType, WireName(taskType));

    /// <summary>
    /// Sets Gemini's <c>title</c> of the documents being embedded; Google uses it only with
    /// <see cref="NexLLMGeminiTaskType.RetrievalDocument"/>. Other protocols ignore it.
    /// </summary>
    /// <param name="options">The options to change.</param>
    /// <param name="title">The title.</param>
    /// <returns>The same <paramref name="options"/>, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> or <paramref name="title"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="title"/> is empty or white space.</exception>
    public static EmbeddingGenerationOptions WithGeminiTitle(this EmbeddingGenerationOptions options, string title) =>
        Set(options, EmbeddingOptionKeys.GeminiTitle, Throw.IfNullOrWhiteSpace(title));

    private static EmbeddingGenerationOptions Set(EmbeddingGenerationOptions options, string key, object value)
    {
        Throw.IfNull(options);
        (options.AdditionalProperties ??= [])[key] = value;
        return options;
    }

    // Google's enum spelling (docs/protocols/gemini.md).
    private static string WireName(NexLLMGeminiTaskType taskType) => taskType switch
    {
        NexLLMGeminiTaskType.RetrievalQuery => "RETRIEVAL_QUERY",
        NexLLMGeminiTaskType.RetrievalDocument => "RETRIEVAL_DOCUMENT",
        NexLLMGeminiTaskType.SemanticSimilarity => "SEMANTIC_SIMILARITY",
        NexLLMGeminiTaskType.Classification => "CLASSIFICATION",
        NexLLMGeminiTaskType.Clustering => "CLUSTERING",
        NexLLMGeminiTaskType.QuestionAnswering => "QUESTION_ANSWERING",
        NexLLMGeminiTaskType.FactVerification => "FACT_VERIFICATION",
        NexLLMGeminiTaskType.CodeRetrievalQuery => "CODE_RETRIEVAL_QUERY",
        _ => throw new ArgumentOutOfRangeException(nameof(taskType), taskType, "Unknown Gemini task type."),
    };
}
