using System.Text.Json.Serialization;

namespace NexLLM.Connectors.Chat.Claude;

// Wire types of /v1/messages responses and stream events (docs/protocols/claude-messages.md). Only what we map is declared.

internal sealed class ClaudeResponse
{
    public string? Id { get; set; }

    public string? Type { get; set; }

    public string? Model { get; set; }

    public List<ClaudeContentBlock>? Content { get; set; }

    public string? StopReason { get; set; }

    public string? StopSequence { get; set; }

    public ClaudeUsage? Usage { get; set; }
}

/// <summary>
/// Usage. <c>input_tokens</c> excludes cache reads and writes (docs/protocols/gateway.md#gotchas); in a stream, <c>message_delta</c>'s
/// counts are cumulative (replace, never add).
/// </summary>
internal sealed class ClaudeUsage
{
    public long? InputTokens { get; set; }

    public long? OutputTokens { get; set; }

    public long? CacheCreationInputTokens { get; set; }

    public long? CacheReadInputTokens { get; set; }

    public ClaudeCacheCreation? CacheCreation { get; set; }

    public ClaudeServerToolUse? ServerToolUse { get; set; }

    public ClaudeOutputTokensDetails? OutputTokensDetails { get; set; }
}

internal sealed class ClaudeCacheCreation
{
    [JsonPropertyName("ephemeral_5m_input_tokens")]
    public long? Ephemeral5mInputTokens { get; set; }

    [JsonPropertyName("ephemeral_1h_input_tokens")]
    public long? Ephemeral1hInputTokens { get; set; }
}

internal sealed class ClaudeServerToolUse
{
    public long? WebSearchRequests { get; set; }
}

internal sealed class ClaudeOutputTokensDetails
{
    public long? ThinkingTokens { get; set; }
}

/// <summary>
/// One stream event, whatever its type: <c>message_start</c> (message), <c>content_block_start</c> (index,
/// content_block), <c>content_block_delta</c> (index, delta), <c>content_block_stop</c> (index), <c>message_delta</c>
/// (delta, usage), <c>message_stop</c>, <c>ping</c>, <c>error</c>. Dispatched on this JSON type, never on the SSE
/// <c>event:</c> line alone (docs/reliability.md, the parser's event-type leak).
/// </summary>
internal sealed class ClaudeStreamEvent
{
    public string? Type { get; set; }

    public ClaudeResponse? Message { get; set; }

    public int Index { get; set; }

    public ClaudeContentBlock? ContentBlock { get; set; }

    public ClaudeDelta? Delta { get; set; }

    public ClaudeUsage? Usage { get; set; }
}

/// <summary>The <c>delta</c> of a <c>content_block_delta</c> (text, partial_json, thinking, signature, citation) or of a <c>message_delta</c> (stop_reason).</summary>
internal sealed class ClaudeDelta
{
    public string? Type { get; set; }

    public string? Text { get; set; }

    /// <summary>Gets or sets a fragment of a tool call's arguments (see <see cref="ArgumentsFragmentConverter"/>).</summary>
    [JsonConverter(typeof(ArgumentsFragmentConverter))]
    public string? PartialJson { get; set; }

    public string? Thinking { get; set; }

    public string? Signature { get; set; }

    public ClaudeCitation? Citation { get; set; }

    public string? StopReason { get; set; }

    public string? StopSequence { get; set; }
}
