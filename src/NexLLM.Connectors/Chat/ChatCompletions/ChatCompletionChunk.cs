using System.Text.Json;
using System.Text.Json.Serialization;

namespace NexLLM.Connectors.Chat.ChatCompletions;

// One `data:` event of a streamed chat completion (docs/protocols/chat-completions.md, "Streaming").

internal sealed class ChatCompletionChunk
{
    public string? Id { get; set; }

    public long? Created { get; set; }

    public string? Model { get; set; }

    /// <summary>Gets or sets the choices; empty in the final usage-only chunk (never index [0] unchecked: docs/protocols/chat-completions.md#gotchas).</summary>
    public List<ChunkChoice>? Choices { get; set; }

    public OpenAIUsage? Usage { get; set; }

    /// <summary>Gets or sets an in-stream error (<c>data: {"error":{...}}</c> with HTTP 200).</summary>
    public JsonElement? Error { get; set; }
}

internal sealed class ChunkChoice
{
    public int Index { get; set; }

    public ChatDelta? Delta { get; set; }

    public string? FinishReason { get; set; }
}

/// <summary>One choice's increment. Text fragments may end or start with half a surrogate pair (see <see cref="FragmentStringConverter"/>).</summary>
internal sealed class ChatDelta
{
    public string? Role { get; set; }

    [JsonConverter(typeof(FragmentStringConverter))]
    public string? Content { get; set; }

    [JsonConverter(typeof(FragmentStringConverter))]
    public string? Refusal { get; set; }

    [JsonConverter(typeof(FragmentStringConverter))]
    public string? ReasoningContent { get; set; }

    [JsonConverter(typeof(FragmentStringConverter))]
    public string? Reasoning { get; set; }

    public List<ToolCallDelta>? ToolCalls { get; set; }
}

/// <summary>A tool-call fragment: <c>id</c>, <c>type</c> and <c>name</c> only on the first fragment of an index.</summary>
internal sealed class ToolCallDelta
{
    public int Index { get; set; }

    public string? Id { get; set; }

    public FunctionCall? Function { get; set; }
}
