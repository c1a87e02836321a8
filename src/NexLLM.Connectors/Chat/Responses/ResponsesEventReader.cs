global using ResponsesStreamItem = NexLLM.Connectors.Chat.StreamItem<NexLLM.Connectors.Chat.Responses.ResponsesTextDelta, NexLLM.Connectors.Chat.Responses.ResponsesStreamEvent>;
using System.Text.Json;
using NexLLM.Connectors.Http;

namespace NexLLM.Connectors.Chat.Responses;

/// <summary>The usual event of a Responses stream, read without the serializer: a non-empty text or reasoning delta.</summary>
internal readonly record struct ResponsesTextDelta(bool IsReasoning, string Text);

/// <summary>
/// Parses the events of Responses streams. Text and reasoning deltas, nearly every event of an answer, are read field by
/// field with <see cref="Utf8JsonReader"/> (no event object, no strings but the delta); every other event, and any delta
/// that does not read cleanly, is parsed whole by the source-generated serializer, which reports it if it is malformed.
/// Dispatch is on the JSON <c>type</c>, in whatever order the fields come (docs/protocols/responses.md#streaming).
/// </summary>
internal static class ResponsesEventReader
{
    public static ResponsesStreamItem Parse(ReadOnlySpan<byte> data)
    {
        if (!data.IsEmpty && data[0] == (byte)'{' && TryReadDelta(data, out ResponsesTextDelta delta))
        {
            return new ResponsesStreamItem(delta);
        }

        JsonEvent<ResponsesStreamEvent> parsed = JsonEvent<ResponsesStreamEvent>.Parse(data, ResponsesJsonContext.Default.ResponsesStreamEvent, IsError);
        if (parsed.Value is { Type: "response.output_item.done", Item.Type: not ("message" or "function_call" or "reasoning") } done)
        {
            // A hosted or unknown item goes back on the next turn as it came (ResponsesOutputMapper.AddOther).
            done.ItemJson = ItemJsonOf(data);
        }

        return new ResponsesStreamItem(parsed);
    }

    /// <summary>
    /// The events that end a stream with an error: <c>error</c>; <c>response.failed</c>, whose response carries the error
    /// object (<see cref="ErrorBody"/> reads it there); and an error object without a <c>type</c> (the gateway's).
    /// </summary>
    public static bool IsError(ResponsesStreamEvent item) =>
        item.Type is "error" or "response.failed" || (item.Type is null && item.Error is { ValueKind: JsonValueKind.Object or JsonValueKind.String });

    private static JsonElement? ItemJsonOf(ReadOnlySpan<byte> data)
    {
        try
        {
            var reader = new Utf8JsonReader(data);
            using var document = JsonDocument.ParseValue(ref reader);
            return document.RootElement.TryGetProperty("item", out JsonElement item) ? item.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool TryReadDelta(ReadOnlySpan<byte> data, out ResponsesTextDelta delta)
    {
        delta = default;
        try
        {
            var reader = new Utf8JsonReader(data);
            reader.Read();
            int kind = 0; // 1: output text, 2: reasoning
            string? text = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("type"u8))
                {
                    reader.Read();
                    kind = reader.TokenType != JsonTokenType.String ? 0
                        : reader.ValueTextEquals("response.output_text.delta"u8) ? 1
                        : reader.ValueTextEquals("response.reasoning_summary_text.delta"u8) || reader.ValueTextEquals("response.reasoning_text.delta"u8) ? 2
                        : 0;
                    if (kind == 0)
                    {
                        return false;
                    }
                }
                else if (reader.ValueTextEquals("delta"u8))
                {
                    reader.Read();
                    if (!JsonFields.TryReadString(ref reader, out text))
                    {
                        return false;
                    }
                }
                else if (reader.ValueTextEquals("response"u8) || reader.ValueTextEquals("item"u8))
                {
                    // Objects only the serializer reads: whoever sends them with a delta gets the full path.
                    if (!JsonFields.ReadNull(ref reader))
                    {
                        return false;
                    }
                }
                else if (reader.ValueTextEquals("item_id"u8) || reader.ValueTextEquals("arguments"u8)
                    || reader.ValueTextEquals("refusal"u8) || reader.ValueTextEquals("name"u8))
                {
                    // Typed as strings on the event: anything else fails the serializer, so it gets to say so. Not decoded:
                    // the serializer would repair bad UTF-8 in them and map the same delta.
                    reader.Read();
                    if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.Null))
                    {
                        return false;
                    }
                }
                else
                {
                    JsonFields.SkipValue(ref reader);
                }
            }

            if (kind == 0 || reader.TokenType != JsonTokenType.EndObject || reader.Read() || text is not { Length: > 0 } value)
            {
                return false;
            }

            delta = new ResponsesTextDelta(kind == 2, value);
            return true;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return false;
        }
    }
}
