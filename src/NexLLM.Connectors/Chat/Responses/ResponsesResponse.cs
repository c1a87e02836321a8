using System.Text.Json;
using System.Text.Json.Serialization;

namespace NexLLM.Connectors.Chat.Responses;

// Wire types of POST /v1/responses, response side (docs/protocols/responses.md): the response object, its output items
// and its stream events. Unknown fields are tolerated; an output item keeps them, so that an item of a type this version
// does not know is handed to the caller, and sent back, whole.

/// <summary>A response object with its output items.</summary>
internal sealed class ResponsesResponse : ResponsesResponseHeader
{
    public List<ResponsesOutputItem?>? Output { get; set; }
}

/// <summary>
/// A response object without its output: what a stream's lifecycle events are read as. The output of
/// <c>response.completed</c> repeats the whole answer, already delivered by the events before it, so it is skipped unread.
/// </summary>
internal class ResponsesResponseHeader
{
    public string? Id { get; set; }

    public long? CreatedAt { get; set; }

    public string? Status { get; set; }

    /// <summary>Gets or sets <c>{code, message}</c> of a failed response, or a gateway error object (then the body is no response at all).</summary>
    public JsonElement? Error { get; set; }

    public ResponsesIncompleteDetails? IncompleteDetails { get; set; }

    public string? Model { get; set; }

    public ResponsesUsage? Usage { get; set; }

    public bool? Store { get; set; }
}

internal sealed class ResponsesIncompleteDetails
{
    public string? Reason { get; set; }
}

/// <summary>One output item. Every kind shares this type; each reads the fields it has (docs/protocols/responses.md#response).</summary>
internal sealed class ResponsesOutputItem
{
    public string? Type { get; set; }

    public string? Id { get; set; }

    public string? Status { get; set; }

    /// <summary>Gets or sets a message's parts (<c>output_text</c>, <c>refusal</c>), or a reasoning item's <c>reasoning_text</c> parts.</summary>
    public List<ResponsesOutputPart?>? Content { get; set; }

    public string? CallId { get; set; }

    public string? Name { get; set; }

    /// <summary>Gets or sets a call's arguments, refused when they are not UTF-8 (see <see cref="ArgumentsFragmentConverter"/>).</summary>
    [JsonConverter(typeof(ArgumentsFragmentConverter))]
    public string? Arguments { get; set; }

    public List<ResponsesOutputPart?>? Summary { get; set; }

    public string? EncryptedContent { get; set; }

    /// <summary>Gets or sets a web search's action (<c>{type:"search", query}</c>).</summary>
    public JsonElement? Action { get; set; }

    public string? Code { get; set; }

    public string? ContainerId { get; set; }

    /// <summary>Gets or sets a code interpreter's outputs (<c>logs</c>, <c>image</c>).</summary>
    public List<ResponsesToolOutput?>? Outputs { get; set; }

    /// <summary>Gets or sets a generated image, base64.</summary>
    public string? Result { get; set; }

    public string? OutputFormat { get; set; }

    public string? ServerLabel { get; set; }

    /// <summary>Gets or sets an MCP call's output (text).</summary>
    public JsonElement? Output { get; set; }

    /// <summary>Gets or sets an MCP call's error (a string, or an object).</summary>
    public JsonElement? Error { get; set; }

    /// <summary>Gets or sets the fields this type does not name, so that the item can be written back whole.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unmapped { get; set; }
}

internal sealed class ResponsesOutputPart
{
    public string? Type { get; set; }

    public string? Text { get; set; }

    public string? Refusal { get; set; }

    public List<ResponsesAnnotation?>? Annotations { get; set; }
}

internal sealed class ResponsesAnnotation
{
    public string? Type { get; set; }

    public string? Url { get; set; }

    public string? Title { get; set; }

    public string? FileId { get; set; }

    public string? Filename { get; set; }

    public int? StartIndex { get; set; }

    public int? EndIndex { get; set; }
}

internal sealed class ResponsesToolOutput
{
    public string? Type { get; set; }

    public string? Logs { get; set; }

    public string? Url { get; set; }
}

internal sealed class ResponsesUsage
{
    public long? InputTokens { get; set; }

    public ResponsesInputTokensDetails? InputTokensDetails { get; set; }

    public long? OutputTokens { get; set; }

    public ResponsesOutputTokensDetails? OutputTokensDetails { get; set; }

    public long? TotalTokens { get; set; }
}

internal sealed class ResponsesInputTokensDetails
{
    public long? CachedTokens { get; set; }

    public long? CacheWriteTokens { get; set; }
}

internal sealed class ResponsesOutputTokensDetails
{
    public long? ReasoningTokens { get; set; }
}

/// <summary>One stream event; <see cref="Type"/> says which of the fields it carries (docs/protocols/responses.md#streaming).</summary>
internal sealed class ResponsesStreamEvent
{
    public string? Type { get; set; }

    /// <summary>Gets or sets the response of a lifecycle event (<c>response.created</c> ... <c>response.completed</c>).</summary>
    public ResponsesResponseHeader? Response { get; set; }

    /// <summary>Gets or sets the item of <c>response.output_item.added</c> and <c>.done</c>.</summary>
    public ResponsesOutputItem? Item { get; set; }

    public string? ItemId { get; set; }

    /// <summary>Gets or sets a text, reasoning or arguments fragment, which may end or start with half a surrogate pair (see <see cref="FragmentStringConverter"/>).</summary>
    [JsonConverter(typeof(FragmentStringConverter))]
    public string? Delta { get; set; }

    /// <summary>Gets or sets a call's whole arguments, refused when they are not UTF-8 (see <see cref="ArgumentsFragmentConverter"/>).</summary>
    [JsonConverter(typeof(ArgumentsFragmentConverter))]
    public string? Arguments { get; set; }

    public string? Refusal { get; set; }

    public string? Name { get; set; }

    /// <summary>Gets or sets an error object of an event without a <c>type</c> (a gateway's, in the stream).</summary>
    public JsonElement? Error { get; set; }

    /// <summary>Gets or sets the JSON of a hosted or unknown item as it came (<see cref="ResponsesEventReader"/>), sent back on the next turn.</summary>
    [JsonIgnore]
    public JsonElement? ItemJson { get; set; }
}
