global using ChatCompletionsStreamItem = NexLLM.Connectors.Chat.StreamItem<NexLLM.Connectors.Chat.ChatCompletions.ChatTextChunk, NexLLM.Connectors.Chat.ChatCompletions.ChatCompletionChunk>;
using System.Text.Json;
using NexLLM.Connectors.Http;

namespace NexLLM.Connectors.Chat.ChatCompletions;

/// <summary>
/// The usual chunk of a chat-completions stream, read without the serializer: one choice whose delta holds text only
/// (<c>content</c>, <c>reasoning_content</c>, <c>reasoning</c>), no role, finish reason, refusal, tool call, usage or error.
/// </summary>
internal readonly record struct ChatTextChunk(string? Id, string? Model, long? Created, int Index, string? Content, string? ReasoningContent, string? Reasoning);

/// <summary>
/// Parses the events of one chat-completions stream (one instance per stream: it remembers the id and model strings).
/// Thousands of text chunks are read field by field with <see cref="Utf8JsonReader"/>, skipping what is not mapped and
/// reusing the id and model strings of the previous chunk; any chunk that is not a plain text chunk, or that does not
/// read cleanly, is parsed whole by the source-generated serializer (which then reports it as malformed if it is). The
/// fast path gives up rather than guess, so both paths map every chunk alike.
/// </summary>
internal sealed class ChatCompletionsChunkReader
{
    private RepeatedString _id;
    private RepeatedString _model;

    public ChatCompletionsStreamItem Parse(ReadOnlySpan<byte> data) =>
        !data.IsEmpty && data[0] == (byte)'{' && TryReadText(data, out ChatTextChunk text)
            ? new ChatCompletionsStreamItem(text)
            : new ChatCompletionsStreamItem(JsonEvent<ChatCompletionChunk>.Parse(data, ChatCompletionsJsonContext.Default.ChatCompletionChunk, IsError));

    /// <summary>An in-stream error: <c>data: {"error":{...}}</c> with HTTP 200.</summary>
    public static bool IsError(ChatCompletionChunk chunk) => chunk.Error is { ValueKind: not (JsonValueKind.Null or JsonValueKind.Undefined) };

    private bool TryReadText(ReadOnlySpan<byte> data, out ChatTextChunk chunk)
    {
        chunk = default;
        try
        {
            var reader = new Utf8JsonReader(data);
            reader.Read();
            string? id = null;
            string? model = null;
            long? created = null;
            ChoiceText? choice = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("id"u8))
                {
                    reader.Read();
                    id = _id.Read(ref reader);
                }
                else if (reader.ValueTextEquals("model"u8))
                {
                    reader.Read();
                    model = _model.Read(ref reader);
                }
                else if (reader.ValueTextEquals("created"u8))
                {
                    reader.Read();
                    if (!JsonFields.TryReadInt64(ref reader, out created))
                    {
                        return false;
                    }
                }
                else if (reader.ValueTextEquals("choices"u8))
                {
                    if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray || !TryReadOnlyChoice(ref reader, out ChoiceText read))
                    {
                        return false;
                    }

                    choice = read;
                }
                else if (GeneralPathFields.OfChunk(ref reader))
                {
                    if (!JsonFields.ReadNull(ref reader))
                    {
                        return false;
                    }
                }
                else
                {
                    // Not mapped (object, system_fingerprint, service_tier, obfuscation, ...): skipped unread, as the serializer does.
                    JsonFields.SkipValue(ref reader);
                }
            }

            // The whole event must have been one object, as the serializer requires.
            if (reader.TokenType != JsonTokenType.EndObject || reader.Read() || choice is not { } text
                || (string.IsNullOrEmpty(text.Content) && string.IsNullOrEmpty(text.ReasoningContent ?? text.Reasoning)))
            {
                return false;
            }

            chunk = new ChatTextChunk(id, model, created, text.Index, text.Content, text.ReasoningContent, text.Reasoning);
            return true;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // Malformed, or a string the reader will not decode (e.g. half a surrogate pair): the serializer decides.
            return false;
        }
    }

    /// <summary>Reads <c>[{index, delta:{content...}, finish_reason:null, ...}]</c>: exactly one choice, text only.</summary>
    private static bool TryReadOnlyChoice(ref Utf8JsonReader reader, out ChoiceText choice)
    {
        choice = default;
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        int index = 0;
        bool sawDelta = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("index"u8))
            {
                if (!reader.Read() || reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out index))
                {
                    return false;
                }
            }
            else if (reader.ValueTextEquals("delta"u8))
            {
                // A repeated delta: the serializer keeps the last one, this reader would merge them.
                if (sawDelta || !reader.Read() || reader.TokenType != JsonTokenType.StartObject || !TryReadTextDelta(ref reader, ref choice))
                {
                    return false;
                }

                sawDelta = true;
            }
            else if (GeneralPathFields.OfChoice(ref reader))
            {
                if (!JsonFields.ReadNull(ref reader))
                {
                    return false;
                }
            }
            else
            {
                JsonFields.SkipValue(ref reader);
            }
        }

        choice = choice with { Index = index };
        return sawDelta && reader.Read() && reader.TokenType == JsonTokenType.EndArray;
    }

    private static bool TryReadTextDelta(ref Utf8JsonReader reader, ref ChoiceText choice)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("content"u8))
            {
                reader.Read();
                if (!JsonFields.TryReadString(ref reader, out string? content))
                {
                    return false;
                }

                choice = choice with { Content = content };
            }
            else if (reader.ValueTextEquals("reasoning_content"u8))
            {
                reader.Read();
                if (!JsonFields.TryReadString(ref reader, out string? reasoning))
                {
                    return false;
                }

                choice = choice with { ReasoningContent = reasoning };
            }
            else if (reader.ValueTextEquals("reasoning"u8))
            {
                reader.Read();
                if (!JsonFields.TryReadString(ref reader, out string? reasoning))
                {
                    return false;
                }

                choice = choice with { Reasoning = reasoning };
            }
            else if (GeneralPathFields.OfDelta(ref reader))
            {
                if (!JsonFields.ReadNull(ref reader))
                {
                    return false;
                }
            }
            else
            {
                JsonFields.SkipValue(ref reader);
            }
        }

        return true;
    }

    private readonly record struct ChoiceText(int Index, string? Content, string? ReasoningContent, string? Reasoning);

    /// <summary>
    /// Every field that sends a chunk to the general path when it holds anything but null, level by level: the fast path
    /// maps plain text only. A role starts an answer (maybe a second one: a failover restart); a finish reason, a refusal,
    /// tool calls and usage end or accumulate state; an error is raised.
    /// </summary>
    private static class GeneralPathFields
    {
        public static bool OfChunk(ref Utf8JsonReader reader) => reader.ValueTextEquals("usage"u8) || reader.ValueTextEquals("error"u8);

        public static bool OfChoice(ref Utf8JsonReader reader) => reader.ValueTextEquals("finish_reason"u8);

        public static bool OfDelta(ref Utf8JsonReader reader) =>
            reader.ValueTextEquals("role"u8) || reader.ValueTextEquals("refusal"u8) || reader.ValueTextEquals("tool_calls"u8);
    }
}
