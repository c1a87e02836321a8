namespace NexLLM.Connectors;

/// <summary>
/// Names of the counts that NexLLM adapters put in <see cref="Microsoft.Extensions.AI.UsageDetails.AdditionalCounts"/>.
/// The names are stable across protocols, so one dashboard reads all of them.
/// </summary>
public static class NexLLMUsageCounts
{
    /// <summary>Input tokens written to the prompt cache (all lifetimes).</summary>
    public const string CacheCreationInputTokens = "nexllm.cache_creation_input_tokens";

    /// <summary>Input tokens written to the prompt cache with a five-minute lifetime.</summary>
    public const string CacheCreation5mInputTokens = "nexllm.cache_creation_5m_input_tokens";

    /// <summary>Input tokens written to the prompt cache with a one-hour lifetime.</summary>
    public const string CacheCreation1hInputTokens = "nexllm.cache_creation_1h_input_tokens";

    /// <summary>Prompt tokens spent on tool use (Gemini's <c>toolUsePromptTokenCount</c>).</summary>
    public const string ToolUsePromptTokens = "nexllm.tool_use_prompt_tokens";

    /// <summary>Audio input tokens.</summary>
    public const string AudioInputTokens = "nexllm.audio_input_tokens";

    /// <summary>Audio output tokens.</summary>
    public const string AudioOutputTokens = "nexllm.audio_output_tokens";

    /// <summary>
    /// Milliseconds of audio billed by duration (a transcription answered with <c>usage.type = "duration"</c>, such as
    /// whisper-1's), rounded to the nearest millisecond.
    /// </summary>
    public const string AudioDurationMilliseconds = "nexllm.audio_duration_ms";

    /// <summary>Server-side web search requests billed for the call.</summary>
    public const string WebSearchRequests = "nexllm.web_search_requests";

    /// <summary>Input tokens of images (the images of an edit, for a gpt-image model): part of the input count.</summary>
    public const string ImageInputTokens = "nexllm.image_input_tokens";

    /// <summary>Input tokens of text (an image request's prompt, for a gpt-image model): part of the input count.</summary>
    public const string TextInputTokens = "nexllm.text_input_tokens";
}
