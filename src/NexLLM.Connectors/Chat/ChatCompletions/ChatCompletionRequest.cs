using System.Text.Json;
using System.Text.Json.Serialization;

namespace NexLLM.Connectors.Chat.ChatCompletions;

// Wire types of POST /v1/chat/completions, request side (docs/protocols/chat-completions.md). Property names are snake_case through the
// JSON context; nulls are not written. Declaration order is the order on the wire.

internal sealed class ChatCompletionRequest
{
    public required string Model { get; set; }

    public required List<ChatRequestMessage> Messages { get; set; }

    public bool? Stream { get; set; }

    public StreamOptions? StreamOptions { get; set; }

    public int? MaxTokens { get; set; }

    public int? MaxCompletionTokens { get; set; }

    public float? Temperature { get; set; }

    public float? TopP { get; set; }

    public float? FrequencyPenalty { get; set; }

    public float? PresencePenalty { get; set; }

    public long? Seed { get; set; }

    public IList<string>? Stop { get; set; }

    public ResponseFormat? ResponseFormat { get; set; }

    public List<ToolDefinition>? Tools { get; set; }

    public ToolChoice? ToolChoice { get; set; }

    public bool? ParallelToolCalls { get; set; }

    public string? ReasoningEffort { get; set; }
}

internal sealed class StreamOptions
{
    public bool IncludeUsage { get; set; }
}

internal sealed class ChatRequestMessage
{
    public required string Role { get; set; }

    /// <summary>Gets or sets the content: a plain string, or parts (see <see cref="MessageContentConverter"/>).</summary>
    [JsonConverter(typeof(MessageContentConverter))]
    public MessageContent? Content { get; set; }

    public string? Name { get; set; }

    /// <summary>Gets or sets reasoning written back on the next turn (DeepSeek-style field, kept by new-api).</summary>
    public string? ReasoningContent { get; set; }

    public List<ToolCall>? ToolCalls { get; set; }

    public string? ToolCallId { get; set; }
}

/// <summary>Message content: either <see cref="Text"/> or <see cref="Parts"/>.</summary>
internal sealed class MessageContent
{
    public string? Text { get; init; }

    public List<ContentPart>? Parts { get; init; }
}

internal sealed class ContentPart
{
    public required string Type { get; set; }

    public string? Text { get; set; }

    public ImageUrlPart? ImageUrl { get; set; }

    public InputAudioPart? InputAudio { get; set; }

    public FilePart? File { get; set; }
}

internal sealed class ImageUrlPart
{
    public required string Url { get; set; }

    public string? Detail { get; set; }
}

internal sealed class InputAudioPart
{
    public required string Data { get; set; }

    public required string Format { get; set; }
}

internal sealed class FilePart
{
    public string? FileData { get; set; }

    public string? FileId { get; set; }

    public string? Filename { get; set; }
}

internal sealed class ToolDefinition
{
    public string Type { get; set; } = "function";

    public required FunctionDefinition Function { get; set; }
}

internal sealed class FunctionDefinition
{
    public required string Name { get; set; }

    public string? Description { get; set; }

    public JsonElement? Parameters { get; set; }

    public bool? Strict { get; set; }
}

/// <summary><c>"auto"</c>, <c>"none"</c>, <c>"required"</c>, or a named function (see <see cref="ToolChoiceConverter"/>).</summary>
internal sealed class ToolChoice
{
    public string? Mode { get; init; }

    public string? FunctionName { get; init; }
}

internal sealed class ResponseFormat
{
    public required string Type { get; set; }

    public JsonSchemaFormat? JsonSchema { get; set; }
}

internal sealed class JsonSchemaFormat
{
    public required string Name { get; set; }

    public string? Description { get; set; }

    public JsonElement? Schema { get; set; }

    public bool? Strict { get; set; }
}

/// <summary>A complete tool call: in an assistant message of the request, or in a non-streamed response.</summary>
internal sealed class ToolCall
{
    public string? Id { get; set; }

    public string? Type { get; set; }

    public FunctionCall? Function { get; set; }
}

internal sealed class FunctionCall
{
    public string? Name { get; set; }

    /// <summary>Gets or sets the arguments' JSON text; a streamed fragment may end or start with half a surrogate pair, but never holds invalid UTF-8.</summary>
    [JsonConverter(typeof(ArgumentsFragmentConverter))]
    public string? Arguments { get; set; }
}
