using System.Text.Json;

namespace NexLLM.Connectors.Chat.ChatCompletions;

// Wire types of POST /v1/chat/completions, response side (docs/protocols/chat-completions.md). Only what we map is declared: unknown fields
// (system_fingerprint, obfuscation, new-api's usage extras...) are skipped by the reader without being materialised.

internal sealed class ChatCompletionResponse
{
    public string? Id { get; set; }

    public long? Created { get; set; }

    public string? Model { get; set; }

    public List<ChatChoice>? Choices { get; set; }

    public ChatUsage? Usage { get; set; }

    /// <summary>Gets or sets an error object some servers return with HTTP 200.</summary>
    public JsonElement? Error { get; set; }
}

internal sealed class ChatChoice
{
    public int Index { get; set; }

    public ChatResponseMessage? Message { get; set; }

    public string? FinishReason { get; set; }
}

internal sealed class ChatResponseMessage
{
    public string? Role { get; set; }

    public string? Content { get; set; }

    public string? Refusal { get; set; }

    /// <summary>Gets or sets reasoning text, DeepSeek style (how new-api exposes Claude thinking and Gemini thoughts).</summary>
    public string? ReasoningContent { get; set; }

    /// <summary>Gets or sets reasoning text, OpenRouter style.</summary>
    public string? Reasoning { get; set; }

    public List<ToolCall>? ToolCalls { get; set; }
}

internal sealed class ChatUsage
{
    public long? PromptTokens { get; set; }

    public long? CompletionTokens { get; set; }

    public long? TotalTokens { get; set; }

    public PromptTokensDetails? PromptTokensDetails { get; set; }

    public CompletionTokensDetails? CompletionTokensDetails { get; set; }

    /// <summary>Gets or sets DeepSeek's count of cached prompt tokens (where <c>cached_tokens</c> is absent).</summary>
    public long? PromptCacheHitTokens { get; set; }

    /// <summary>Gets or sets new-api's count of Claude cache writes with a five-minute lifetime.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("claude_cache_creation_5_m_tokens")]
    public long? ClaudeCacheCreation5mTokens { get; set; }

    /// <summary>Gets or sets new-api's count of Claude cache writes with a one-hour lifetime.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("claude_cache_creation_1_h_tokens")]
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
