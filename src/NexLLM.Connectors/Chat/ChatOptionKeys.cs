namespace NexLLM.Connectors.Chat;

/// <summary>
/// Keys of <see cref="Microsoft.Extensions.AI.ChatOptions.AdditionalProperties"/> (and of contents and messages) that carry
/// the chat formats' typed options and response details, all under the reserved prefix of <see cref="Common.ReservedKeys"/>.
/// </summary>
internal static class ChatOptionKeys
{
    /// <summary>A <see cref="bool"/>: ask for strict schema adherence (json_schema response formats and function tools).</summary>
    public const string StrictJsonSchema = "nexllm.strict_json_schema";

    /// <summary>An <see cref="int"/>: an explicit thinking budget in tokens (Claude <c>budget_tokens</c>, Gemini <c>thinkingBudget</c>).</summary>
    public const string ThinkingBudget = "nexllm.thinking_budget";

    /// <summary>A <see cref="bool"/>: Claude adaptive thinking (<c>{"type":"adaptive"}</c>).</summary>
    public const string ClaudeAdaptiveThinking = "nexllm.claude.adaptive_thinking";

    /// <summary>A <see cref="string"/> (<c>5m</c> or <c>1h</c>): Claude top-level <c>cache_control</c>.</summary>
    public const string ClaudeCacheControl = "nexllm.claude.cache_control";

    /// <summary>A <see cref="string"/> (<c>5m</c> or <c>1h</c>): <c>cache_control</c> on the last system block.</summary>
    public const string ClaudeSystemCacheControl = "nexllm.claude.system_cache_control";

    /// <summary>A <see cref="string"/> (<c>5m</c> or <c>1h</c>): <c>cache_control</c> on the last tool, which caches all tools.</summary>
    public const string ClaudeToolsCacheControl = "nexllm.claude.tools_cache_control";

    /// <summary>A <see cref="string"/>: comma-separated <c>anthropic-beta</c> header values.</summary>
    public const string ClaudeBeta = "nexllm.claude.beta";

    /// <summary>A <see cref="string"/>: Claude <c>metadata.user_id</c>.</summary>
    public const string ClaudeUserId = "nexllm.claude.user_id";

    /// <summary>On a content's or message's <c>AdditionalProperties</c>: <c>5m</c> or <c>1h</c>, the block's <c>cache_control</c>.</summary>
    public const string CacheControl = "nexllm.cache_control";

    /// <summary>On a <see cref="Microsoft.Extensions.AI.TextReasoningContent"/>: <see langword="true"/> when it holds a Claude <c>redacted_thinking</c> block.</summary>
    public const string ClaudeRedactedThinking = "nexllm.claude.redacted_thinking";

    /// <summary>A list of <see cref="NexLLMGeminiSafetySetting"/>: Gemini <c>safetySettings</c>.</summary>
    public const string GeminiSafetySettings = "nexllm.gemini.safety_settings";

    /// <summary>A <see cref="bool"/>: send schemas as JSON schema (<c>parametersJsonSchema</c>, <c>responseJsonSchema</c>) instead of Gemini's OpenAPI subset.</summary>
    public const string GeminiJsonSchema = "nexllm.gemini.json_schema";

    /// <summary>A <see cref="string"/>: Gemini <c>cachedContent</c>, the name of a cached context.</summary>
    public const string GeminiCachedContent = "nexllm.gemini.cached_content";

    /// <summary>On a content's <c>AdditionalProperties</c>: the Gemini <c>thoughtSignature</c> of the part it came from.</summary>
    public const string GeminiThoughtSignature = "nexllm.gemini.thought_signature";

    /// <summary>In response <c>AdditionalProperties</c>: Gemini's <c>safetyRatings</c> (a JSON element).</summary>
    public const string GeminiSafetyRatings = "nexllm.gemini.safety_ratings";

    /// <summary>In response <c>AdditionalProperties</c>: Gemini's <c>groundingMetadata</c> (a JSON element).</summary>
    public const string GeminiGroundingMetadata = "nexllm.gemini.grounding_metadata";

    /// <summary>A <see cref="bool"/>: Responses server state (<c>store: true</c>, the response id as conversation id).</summary>
    public const string ResponsesStore = "nexllm.responses.store";

    /// <summary>On a content's <c>AdditionalProperties</c>: the id of the Responses output item it came from (a reasoning item's, sent back with it).</summary>
    public const string ResponsesItemId = "nexllm.responses.item_id";

    /// <summary>The raw finish or stop reason, in response <c>AdditionalProperties</c>.</summary>
    public const string FinishReason = "nexllm.finish_reason";

    /// <summary>The gateway's request id, in response <c>AdditionalProperties</c>.</summary>
    public const string RequestId = Common.ResponseKeys.RequestId;
}
