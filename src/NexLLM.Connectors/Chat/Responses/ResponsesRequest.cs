using System.Text.Json;
using System.Text.Json.Serialization;

namespace NexLLM.Connectors.Chat.Responses;

// Wire types of POST /v1/responses, request side (docs/protocols/responses.md). Property names are snake_case through the
// JSON context; nulls are not written. Declaration order is the order on the wire.

internal sealed class ResponsesRequest
{
    public required string Model { get; set; }

    [JsonConverter(typeof(InputItemsConverter))]
    public required List<ResponsesInputItem> Input { get; set; }

    public string? Instructions { get; set; }

    public bool? Stream { get; set; }

    public bool? Store { get; set; }

    public string? PreviousResponseId { get; set; }

    public List<string>? Include { get; set; }

    public int? MaxOutputTokens { get; set; }

    public float? Temperature { get; set; }

    public float? TopP { get; set; }

    public List<ResponsesTool>? Tools { get; set; }

    [JsonConverter(typeof(ResponsesToolChoiceConverter))]
    public ResponsesToolChoice? ToolChoice { get; set; }

    public bool? ParallelToolCalls { get; set; }

    public ResponsesTextOptions? Text { get; set; }

    public ResponsesReasoningOptions? Reasoning { get; set; }
}

/// <summary>
/// One input item: a message, a function call or its output, a reasoning item, an MCP approval; or, when <see cref="Raw"/>
/// is set, an item the caller holds as JSON (an output item of an earlier answer), sent as it is.
/// </summary>
internal sealed class ResponsesInputItem
{
    public string? Type { get; set; }

    public string? Id { get; set; }

    public string? Role { get; set; }

    [JsonConverter(typeof(ResponsesContentConverter))]
    public ResponsesContent? Content { get; set; }

    public string? CallId { get; set; }

    public string? Name { get; set; }

    public string? Arguments { get; set; }

    [JsonConverter(typeof(ResponsesContentConverter))]
    public ResponsesContent? Output { get; set; }

    public List<ResponsesSummaryPart>? Summary { get; set; }

    public string? EncryptedContent { get; set; }

    public string? ServerLabel { get; set; }

    public string? ApprovalRequestId { get; set; }

    public bool? Approve { get; set; }

    public string? Reason { get; set; }

    /// <summary>Gets or sets the item as JSON, written instead of every other field.</summary>
    [JsonIgnore]
    public JsonElement? Raw { get; set; }
}

/// <summary>Message content or a function output: either <see cref="Text"/> or <see cref="Parts"/>.</summary>
internal sealed class ResponsesContent
{
    public string? Text { get; init; }

    public List<ResponsesInputPart>? Parts { get; init; }
}

internal sealed class ResponsesInputPart
{
    public required string Type { get; set; }

    public string? Text { get; set; }

    public string? ImageUrl { get; set; }

    public string? Detail { get; set; }

    public string? FileId { get; set; }

    public string? FileData { get; set; }

    public string? FileUrl { get; set; }

    public string? Filename { get; set; }
}

internal sealed class ResponsesSummaryPart
{
    public string Type { get; set; } = "summary_text";

    public string? Text { get; set; }
}

/// <summary>A function tool (flat: no nested <c>function</c> object) or a hosted tool; each kind writes only its own fields.</summary>
internal sealed class ResponsesTool
{
    public required string Type { get; set; }

    public string? Name { get; set; }

    public string? Description { get; set; }

    public JsonElement? Parameters { get; set; }

    public bool? Strict { get; set; }

    public List<string>? VectorStoreIds { get; set; }

    public int? MaxNumResults { get; set; }

    public ResponsesContainer? Container { get; set; }

    public string? Model { get; set; }

    public string? Size { get; set; }

    public string? OutputFormat { get; set; }

    public int? PartialImages { get; set; }

    public string? ServerLabel { get; set; }

    public string? ServerUrl { get; set; }

    public string? ConnectorId { get; set; }

    public string? ServerDescription { get; set; }

    public IList<string>? AllowedTools { get; set; }

    public JsonElement? RequireApproval { get; set; }

    public IDictionary<string, string>? Headers { get; set; }
}

internal sealed class ResponsesContainer
{
    public string Type { get; set; } = "auto";

    public List<string>? FileIds { get; set; }
}

/// <summary><c>"auto"</c>, <c>"none"</c>, <c>"required"</c>, or a named function (see <see cref="ResponsesToolChoiceConverter"/>).</summary>
internal sealed class ResponsesToolChoice
{
    public string? Mode { get; init; }

    public string? FunctionName { get; init; }
}

internal sealed class ResponsesTextOptions
{
    public required ResponsesTextFormat Format { get; set; }
}

/// <summary><c>text.format</c>: flat, where chat completions nest the schema under <c>json_schema</c>.</summary>
internal sealed class ResponsesTextFormat
{
    public required string Type { get; set; }

    public string? Name { get; set; }

    public string? Description { get; set; }

    public JsonElement? Schema { get; set; }

    public bool? Strict { get; set; }
}

internal sealed class ResponsesReasoningOptions
{
    public string? Effort { get; set; }

    public string? Summary { get; set; }
}
