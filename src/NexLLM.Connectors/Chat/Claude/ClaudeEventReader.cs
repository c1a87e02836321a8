global using ClaudeStreamItem = NexLLM.Connectors.Chat.StreamItem<NexLLM.Connectors.Chat.Claude.ClaudeTextDelta, NexLLM.Connectors.Chat.Claude.ClaudeStreamEvent>;
using System.Text.Json;
using NexLLM.Connectors.Http;

namespace NexLLM.Connectors.Chat.Claude;

/// <summary>The usual event of a Claude stream, read without the serializer: a <c>content_block_delta</c> with a non-empty <c>text_delta</c> or <c>thinking_delta</c>.</summary>
internal readonly record struct ClaudeTextDelta(int Index, bool IsThinking, string Text);

/// <summary>
/// Parses the events of Claude streams. Text and thinking deltas, nearly every event of an answer, are read field by
/// field with <see cref="Utf8JsonReader"/> (no event object, no type strings); every other event, and any delta that
/// does not read cleanly, is parsed whole by the source-generated serializer, which reports it if it is malformed.
/// Dispatch is on the JSON <c>type</c>, in whatever order the fields come.
/// </summary>
internal static class ClaudeEventReader
{
    public static ClaudeStreamItem Parse(ReadOnlySpan<byte> data) =>
        !data.IsEmpty && data[0] == (byte)'{' && TryReadTextDelta(data, out ClaudeTextDelta delta)
            ? new ClaudeStreamItem(delta)
            : new ClaudeStreamItem(JsonEvent<ClaudeStreamEvent>.Parse(data, ClaudeJsonContext.Default.ClaudeStreamEvent, static item => item.Type == "error"));

    private static bool TryReadTextDelta(ReadOnlySpan<byte> data, out ClaudeTextDelta delta)
    {
        delta = default;
        try
        {
            var reader = new Utf8JsonReader(data);
            reader.Read();
            bool isBlockDelta = false;
            int index = 0;
            DeltaText text = default;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("type"u8))
                {
                    reader.Read();
                    isBlockDelta = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("content_block_delta"u8);
                    if (!isBlockDelta)
                    {
                        return false;
                    }
                }
                else if (reader.ValueTextEquals("index"u8))
                {
                    if (!reader.Read() || reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out index))
                    {
                        return false;
                    }
                }
                else if (reader.ValueTextEquals("delta"u8))
                {
                    if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject || !TryReadDelta(ref reader, out text))
                    {
                        return false;
                    }
                }
                else if (GeneralPathFields.OfEvent(ref reader))
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

            if (!isBlockDelta || reader.TokenType != JsonTokenType.EndObject || reader.Read() || text.Text is not { Length: > 0 } value)
            {
                return false;
            }

            delta = new ClaudeTextDelta(index, text.IsThinking, value);
            return true;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>Reads <c>{"type":"text_delta","text":...}</c> or <c>{"type":"thinking_delta","thinking":...}</c>, nothing else.</summary>
    private static bool TryReadDelta(ref Utf8JsonReader reader, out DeltaText text)
    {
        text = default;
        int kind = 0; // 1: text_delta, 2: thinking_delta
        string? textValue = null;
        string? thinkingValue = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                kind = reader.TokenType != JsonTokenType.String ? 0
                    : reader.ValueTextEquals("text_delta"u8) ? 1
                    : reader.ValueTextEquals("thinking_delta"u8) ? 2
                    : 0;
                if (kind == 0)
                {
                    return false;
                }
            }
            else if (reader.ValueTextEquals("text"u8))
            {
                reader.Read();
                if (!JsonFields.TryReadString(ref reader, out textValue))
                {
                    return false;
                }
            }
            else if (reader.ValueTextEquals("thinking"u8))
            {
                reader.Read();
                if (!JsonFields.TryReadString(ref reader, out thinkingValue))
                {
                    return false;
                }
            }
            else if (GeneralPathFields.OfDelta(ref reader))
            {
                // Fields of the other deltas: whoever sends them gets the full path.
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

        text = kind == 1 ? new DeltaText(false, textValue) : new DeltaText(true, thinkingValue);
        return kind != 0;
    }

    private readonly record struct DeltaText(bool IsThinking, string? Text);

    /// <summary>
    /// Every field that sends an event to the general path when it holds anything but null, besides a <c>type</c> other than
    /// <c>content_block_delta</c> with a <c>text_delta</c> or <c>thinking_delta</c>: the fast path maps text and thinking only.
    /// </summary>
    private static class GeneralPathFields
    {
        public static bool OfEvent(ref Utf8JsonReader reader) =>
            reader.ValueTextEquals("message"u8) || reader.ValueTextEquals("content_block"u8) || reader.ValueTextEquals("usage"u8);

        public static bool OfDelta(ref Utf8JsonReader reader) =>
            reader.ValueTextEquals("partial_json"u8) || reader.ValueTextEquals("signature"u8) || reader.ValueTextEquals("citation"u8)
            || reader.ValueTextEquals("stop_reason"u8) || reader.ValueTextEquals("stop_sequence"u8);
    }
}
