using System.Text.Json;

namespace NexLLM.Connectors.Chat.ChatCompletions;

/// <summary>
/// One parsed <c>data:</c> event of a chat-completions stream. Parsing never throws: a malformed event or an error object
/// is carried out with a copy of its bytes, and the reader raises it with the stream's context (request id, position).
/// </summary>
internal readonly struct ChatStreamEvent
{
    private ChatStreamEvent(ChatCompletionChunk? chunk, bool isDone, byte[]? raw, JsonException? parseError)
    {
        Chunk = chunk;
        IsDone = isDone;
        Raw = raw;
        ParseError = parseError;
    }

    public ChatCompletionChunk? Chunk { get; }

    /// <summary>Gets a value indicating whether this is the <c>[DONE]</c> terminator.</summary>
    public bool IsDone { get; }

    /// <summary>Gets the event's bytes when it is an error or malformed (kept only then).</summary>
    public byte[]? Raw { get; }

    public JsonException? ParseError { get; }

    public bool IsError => Chunk?.Error is { ValueKind: not (JsonValueKind.Null or JsonValueKind.Undefined) };

    /// <summary>The <see cref="System.Net.ServerSentEvents.SseItemParser{T}"/> of this format: straight from the event's bytes.</summary>
    public static ChatStreamEvent Parse(string eventType, ReadOnlySpan<byte> data)
    {
        // The OpenAI SDK compares with StartsWith("[DONE]") (WIRE.md §14.3).
        if (data.StartsWith("[DONE]"u8))
        {
            return new ChatStreamEvent(null, isDone: true, null, null);
        }

        if (data.Trim(" \t\r\n"u8).IsEmpty)
        {
            return default;
        }

        try
        {
            ChatCompletionChunk? chunk = JsonSerializer.Deserialize(data, ChatCompletionsJsonContext.Default.ChatCompletionChunk);
            var parsed = new ChatStreamEvent(chunk, isDone: false, null, null);
            return parsed.IsError ? new ChatStreamEvent(chunk, isDone: false, data.ToArray(), null) : parsed;
        }
        catch (JsonException ex)
        {
            return new ChatStreamEvent(null, isDone: false, data.ToArray(), ex);
        }
    }
}
