using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace NexLLM.Connectors.Http;

/// <summary>
/// One SSE event's data parsed straight from its bytes into a format's event type. Parsing never throws: a malformed
/// event or an error object is carried out with a copy of its bytes (kept only then), and <see cref="ErrorOf"/> raises it
/// with the stream's context (request id, position).
/// </summary>
/// <typeparam name="T">The format's event type.</typeparam>
internal readonly struct JsonEvent<T>
    where T : class
{
    private JsonEvent(T? value, bool isDone, byte[]? raw, JsonException? parseError)
    {
        Value = value;
        IsDone = isDone;
        Raw = raw;
        ParseError = parseError;
    }

    /// <summary>Gets the parsed event, or <see langword="null"/> for an empty, terminal or malformed event.</summary>
    public T? Value { get; }

    /// <summary>Gets a value indicating whether this is the OpenAI-style <c>[DONE]</c> terminator.</summary>
    public bool IsDone { get; }

    /// <summary>Gets the event's bytes when it is an error or malformed.</summary>
    public byte[]? Raw { get; }

    public JsonException? ParseError { get; }

    /// <summary>Parses one event's data.</summary>
    /// <param name="data">The data.</param>
    /// <param name="typeInfo">The event type's source-generated information.</param>
    /// <param name="isError">Whether a parsed event is an error object.</param>
    /// <param name="moreTextFields">The format's own text fields, for <see cref="InvalidUtf8.TryReplaceInText"/>.</param>
    public static JsonEvent<T> Parse(ReadOnlySpan<byte> data, JsonTypeInfo<T> typeInfo, Func<T, bool> isError, string[]? moreTextFields = null)
    {
        // The OpenAI SDK compares with StartsWith("[DONE]") (docs/protocols/chat-completions.md#gotchas); other formats never send it.
        if (data.StartsWith("[DONE]"u8))
        {
            return new JsonEvent<T>(null, isDone: true, null, null);
        }

        if (data.Trim(" \t\r\n"u8).IsEmpty)
        {
            return default;
        }

        try
        {
            T? value = JsonSerializer.Deserialize(data, typeInfo);
            return value is not null && isError(value)
                ? new JsonEvent<T>(value, isDone: false, data.ToArray(), null)
                : new JsonEvent<T>(value, isDone: false, null, null);
        }
        catch (JsonException ex) when (ex is not ResponseContentException && ex.InnerException is InvalidOperationException
            && InvalidUtf8.TryReplaceInText(data, out byte[] repaired, moreTextFields))
        {
            // A string that is not UTF-8: text gets U+FFFD and the event is read again; anything else fails again.
            return Parse(repaired, typeInfo, isError, moreTextFields);
        }
        catch (JsonException ex)
        {
            return new JsonEvent<T>(null, isDone: false, data.ToArray(), ex);
        }
    }

    /// <summary>The error the current event of a stream carries, if it is an error object or malformed.</summary>
    public static NexLLMException? ErrorOf(SseStream<JsonEvent<T>> stream) => ErrorOf(stream, stream.Current);

    /// <summary>The error an event of a stream carries, if it is an error object or malformed.</summary>
    public static NexLLMException? ErrorOf<TEvent>(SseStream<TEvent> stream, in JsonEvent<T> item)
    {
        if (item.Raw is not { } raw)
        {
            return null;
        }

        if (item.ParseError is { } parseError)
        {
            return stream.Malformed(raw, parseError);
        }

        return ErrorBody.TryParseJson(raw, out ErrorBody error) ? stream.StreamError(error, raw) : stream.Malformed(raw, null);
    }
}
