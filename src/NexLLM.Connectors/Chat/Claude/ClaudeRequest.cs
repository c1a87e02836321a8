using System.Text.Json;

namespace NexLLM.Connectors.Chat.Claude;

// Wire types of POST /v1/messages, request side (docs/protocols/claude-messages.md). Names are snake_case through the JSON context; nulls
// are not written; declaration order is the order on the wire.

internal sealed class ClaudeRequest
{
    public required string Model { get; set; }

    public required int MaxTokens { get; set; }

    public List<ClaudeContentBlock>? System { get; set; }

    public required List<ClaudeMessage> Messages { get; set; }

    public bool? Stream { get; set; }

    public IList<string>? StopSequences { get; set; }

    public float? Temperature { get; set; }

    public float? TopP { get; set; }

    public int? TopK { get; set; }

    public ClaudeMetadata? Metadata { get; set; }

    public List<ClaudeTool>? Tools { get; set; }

    public ClaudeToolChoice? ToolChoice { get; set; }

    public ClaudeThinking? Thinking { get; set; }

    public ClaudeOutputConfig? OutputConfig { get; set; }

    /// <summary>Gets or sets top-level cache control: the API caches up to the last cacheable block by itself.</summary>
    public ClaudeCacheControl? CacheControl { get; set; }
}

internal sealed class ClaudeMessage
{
    public required string Role { get; set; }

    public required List<ClaudeContentBlock> Content { get; set; }
}

internal sealed class ClaudeMetadata
{
    public string? UserId { get; set; }
}

internal sealed class ClaudeTool
{
    public required string Name { get; set; }

    public string? Description { get; set; }

    public JsonElement InputSchema { get; set; }

    public ClaudeCacheControl? CacheControl { get; set; }
}

/// <summary><c>{"type":"auto"|"any"|"none"|"tool", "name"?, "disable_parallel_tool_use"?}</c>.</summary>
internal sealed class ClaudeToolChoice
{
    public required string Type { get; set; }

    public string? Name { get; set; }

    public bool? DisableParallelToolUse { get; set; }
}

/// <summary><c>{"type":"enabled","budget_tokens":n}</c>, <c>{"type":"adaptive"}</c> or <c>{"type":"disabled"}</c>.</summary>
internal sealed class ClaudeThinking
{
    public required string Type { get; set; }

    public int? BudgetTokens { get; set; }
}

internal sealed class ClaudeOutputConfig
{
    public ClaudeOutputFormat? Format { get; set; }
}

internal sealed class ClaudeOutputFormat
{
    public string Type { get; set; } = "json_schema";

    public JsonElement Schema { get; set; }
}

internal sealed class ClaudeCacheControl
{
    public string Type { get; set; } = "ephemeral";

    /// <summary>Gets or sets <c>5m</c> or <c>1h</c>; the API default (5m) when null.</summary>
    public string? Ttl { get; set; }
}
