using System.Text.Json.Serialization;

namespace NexLLM.Connectors.Chat;

// The usage object of the OpenAI-shaped routes, which new-api writes from one struct (dto.Usage) on chat completions and on
// legacy completions alike (docs/protocols/chat-completions.md#response, docs/protocols/completions.md#response): one wire type
// and one mapping (OpenAIUsageMapper) for both. Only what we map is declared; new-api's other extras are skipped unread.

internal sealed class OpenAIUsage
{
    public long? PromptTokens { get; set; }

    public long? CompletionTokens { get; set; }

    public long? TotalTokens { get; set; }

    public PromptTokensDetails? PromptTokensDetails { get; set; }

    public CompletionTokensDetails? CompletionTokensDetails { get; set; }

    /// <summary>Gets or sets DeepSeek's count of cached prompt tokens (where <c>cached_tokens</c> is absent).</summary>
    public long? PromptCacheHitTokens { get; set; }

    /// <summary>Gets or sets new-api's count of Claude cache writes with a five-minute lifetime.</summary>
    [JsonPropertyName("claude_cache_creation_5_m_tokens")]
    public long? ClaudeCacheCreation5mTokens { get; set; }

    /// <summary>Gets or sets new-api's count of Claude cache writes with a one-hour lifetime.</summary>
    [JsonPropertyName("claude_cache_creation_1_h_tokens")]
    public long? ClaudeCacheCreation1hTokens { get; set; }
}

internal sealed class PromptTokensDetails
{
    public long? CachedTokens { get; set; }

    /// <summary>Gets or sets cache writes, OpenAI's name.</summary>
    public long? CacheWriteTokens { get; set; }

    /// <summary>Gets or sets cache writes, new-api's name.</summary>
    public long? CachedCreationTokens { get; set; }

    public long? AudioTokens { get; set; }

    public long? TextTokens { get; set; }
}

internal sealed class CompletionTokensDetails
{
    public long? ReasoningTokens { get; set; }

    public long? AudioTokens { get; set; }

    public long? TextTokens { get; set; }
}
