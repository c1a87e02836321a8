using Microsoft.Extensions.AI;

namespace NexLLM.Connectors.Embeddings;

/// <summary>
/// Keys of <see cref="EmbeddingGenerationOptions.AdditionalProperties"/> that carry our typed embedding options. Like the
/// chat keys they start with the reserved <c>nexllm.</c> prefix, so they are never sent as request fields (docs/architecture.md#conventions).
/// </summary>
internal static class EmbeddingOptionKeys
{
    /// <summary>A <see cref="string"/>: Gemini <c>taskType</c> in Google's spelling (<c>RETRIEVAL_QUERY</c>…).</summary>
    public const string GeminiTaskType = "nexllm.gemini.task_type";

    /// <summary>A <see cref="string"/>: Gemini <c>title</c> of the documents.</summary>
    public const string GeminiTitle = "nexllm.gemini.title";

    /// <summary>An <see cref="int"/>: at most this many inputs per request; more are split into several requests.</summary>
    public const string MaxInputsPerRequest = "nexllm.embeddings.max_inputs_per_request";

    /// <summary>An <see cref="int"/>: at most this many requests of one call in flight at once.</summary>
    public const string MaxConcurrentRequests = "nexllm.embeddings.max_concurrent_requests";

    /// <summary>Reads a positive <see cref="int"/> option, or returns <paramref name="fallback"/>.</summary>
    public static int PositiveInt(EmbeddingGenerationOptions? options, string key, int fallback) =>
        options?.AdditionalProperties?.TryGetValue(key, out object? value) is true && value is int number && number > 0 ? number : fallback;

    /// <summary>Reads a non-empty <see cref="string"/> option.</summary>
    public static string? Text(EmbeddingGenerationOptions? options, string key) =>
        options?.AdditionalProperties?.TryGetValue(key, out object? value) is true && value is string { Length: > 0 } text ? text : null;
}
