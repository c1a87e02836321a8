using System.Text.Json;

namespace NexLLM.Connectors.Chat.Claude;

/// <summary>
/// One content block, in requests and responses: <c>text</c>, <c>image</c>, <c>document</c>, <c>tool_use</c>,
/// <c>tool_result</c>, <c>thinking</c>, <c>redacted_thinking</c> (docs/protocols/claude-messages.md). The type decides which members are set.
/// </summary>
internal sealed class ClaudeContentBlock
{
    public required string Type { get; set; }

    public string? Text { get; set; }

    /// <summary>Gets or sets the source of an <c>image</c> or <c>document</c>.</summary>
    public ClaudeSource? Source { get; set; }

    /// <summary>Gets or sets the title of a <c>document</c>.</summary>
    public string? Title { get; set; }

    /// <summary>Gets or sets the id of a <c>tool_use</c>.</summary>
    public string? Id { get; set; }

    /// <summary>Gets or sets the tool name of a <c>tool_use</c>.</summary>
    public string? Name { get; set; }

    /// <summary>Gets or sets the arguments object of a <c>tool_use</c>.</summary>
    public JsonElement? Input { get; set; }

    /// <summary>Gets or sets the call a <c>tool_result</c> answers.</summary>
    public string? ToolUseId { get; set; }

    /// <summary>Gets or sets the text and image blocks of a <c>tool_result</c>.</summary>
    public List<ClaudeContentBlock>? Content { get; set; }

    public bool? IsError { get; set; }

    /// <summary>Gets or sets the text of a <c>thinking</c> block.</summary>
    public string? Thinking { get; set; }

    /// <summary>Gets or sets the signature of a <c>thinking</c> block: echoed back unchanged, or the API rejects the turn.</summary>
    public string? Signature { get; set; }

    /// <summary>Gets or sets the opaque payload of a <c>redacted_thinking</c> block.</summary>
    public string? Data { get; set; }

    /// <summary>Gets or sets the citations of a response <c>text</c> block.</summary>
    public List<ClaudeCitation>? Citations { get; set; }

    public ClaudeCacheControl? CacheControl { get; set; }
}

/// <summary><c>{"type":"base64","media_type","data"}</c>, <c>{"type":"url","url"}</c> or <c>{"type":"text","media_type":"text/plain","data"}</c>.</summary>
internal sealed class ClaudeSource
{
    public required string Type { get; set; }

    public string? MediaType { get; set; }

    public string? Data { get; set; }

    public string? Url { get; set; }
}

/// <summary>A citation of a response text block (document, page, search result or web location).</summary>
internal sealed class ClaudeCitation
{
    public string? Type { get; set; }

    public string? CitedText { get; set; }

    public string? DocumentTitle { get; set; }

    public string? Title { get; set; }

    public string? Url { get; set; }
}
