using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.AI;
using NexLLM.Connectors.Http;

namespace NexLLM.Connectors.Common;

/// <summary>
/// Serializes a mapped request and merges what the caller added on top of it, for every adapter. Precedence, lowest first:
/// the fields mapped from the options; the options' <c>AdditionalProperties</c> (keys not reserved by <see cref="ReservedKeys"/>,
/// as top-level fields); the JSON object the options' <c>RawRepresentationFactory</c> returned (the caller's native request wins).
/// </summary>
internal static class RequestBody
{
    private const int MaxKeptBufferBytes = 256 * 1024;

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? _threadBuffer;

    [ThreadStatic]
    private static Utf8JsonWriter? _threadWriter;

    [ThreadStatic]
    private static bool _threadWriterInUse;

    /// <summary>Serializes a chat request with what the caller's <see cref="ChatOptions"/> add.</summary>
    public static byte[] Serialize<T>(T request, JsonTypeInfo<T> typeInfo, ChatOptions? options, IChatClient client, NexLLMTransport transport, string protocol) =>
        Serialize(request, typeInfo, options?.AdditionalProperties, options?.RawRepresentationFactory?.Invoke(client), transport, protocol, nameof(ChatOptions));

    /// <summary>Serializes <paramref name="request"/> with the caller's extra fields merged in.</summary>
    /// <param name="request">The mapped request.</param>
    /// <param name="typeInfo">Its source-generated type information.</param>
    /// <param name="extras">The options' <c>AdditionalProperties</c>.</param>
    /// <param name="raw">What the options' <c>RawRepresentationFactory</c> returned.</param>
    /// <param name="transport">The transport, to log what is ignored.</param>
    /// <param name="protocol">The protocol name, for logs.</param>
    /// <param name="optionsName">The options type's name, for error messages.</param>
    /// <param name="itemsArray">
    /// When set, the extras go into every object of this top-level array instead of the top level (Gemini's
    /// <c>batchEmbedContents</c>: each request of the batch is one embed request).
    /// </param>
    public static byte[] Serialize<T>(
        T request, JsonTypeInfo<T> typeInfo, AdditionalPropertiesDictionary? extras, object? raw,
        NexLLMTransport transport, string protocol, string optionsName, string? itemsArray = null)
    {
        JsonObject? rawFields = AsJsonObject(raw, transport, protocol);
        if (rawFields is null && !HasSendable(extras))
        {
            return Write(request, typeInfo);
        }

        JsonObject body = JsonSerializer.SerializeToNode(request, typeInfo)!.AsObject();
        if (itemsArray is null)
        {
            Merge(body, extras, rawFields, transport, protocol, optionsName);
        }
        else if (body[itemsArray] is JsonArray items)
        {
            bool first = true;
            foreach (JsonNode? item in items)
            {
                if (item is JsonObject target)
                {
                    // What is not sent is logged once, not once per item.
                    Merge(target, extras, rawFields, first ? transport : null, protocol, optionsName);
                    first = false;
                }
            }
        }

        return Write(body, SharedJsonContext.Default.JsonObject);
    }

    /// <summary>
    /// The fields the caller adds to a request whose body is not JSON (an edit's multipart form), by the same rules and
    /// precedence as <see cref="Serialize{T}(T, JsonTypeInfo{T}, AdditionalPropertiesDictionary?, object?, NexLLMTransport, string, string, string?)"/>:
    /// the sendable <c>AdditionalProperties</c>, then the fields of the <c>RawRepresentationFactory</c> result over them.
    /// </summary>
    /// <returns>The fields, or <see langword="null"/> when there are none.</returns>
    public static JsonObject? ExtraFields(AdditionalPropertiesDictionary? extras, object? raw, NexLLMTransport transport, string protocol, string optionsName)
    {
        JsonObject? rawFields = AsJsonObject(raw, transport, protocol);
        if (rawFields is null && !HasSendable(extras))
        {
            return null;
        }

        var fields = new JsonObject();
        Merge(fields, extras, rawFields, transport, protocol, optionsName);
        return fields;
    }

    private static void Merge(
        JsonObject target, AdditionalPropertiesDictionary? extras, JsonObject? rawFields, NexLLMTransport? transport, string protocol, string optionsName)
    {
        if (extras is not null)
        {
            foreach (KeyValuePair<string, object?> extra in extras)
            {
                if (IsProtocolField(extra.Key))
                {
                    // Streaming or not is decided by the method called; an extra cannot turn it upside down.
                    transport?.LogIgnoredOption(protocol, $"AdditionalProperties[\"{extra.Key}\"]");
                }
                else if (!ReservedKeys.IsReserved(extra.Key))
                {
                    target[extra.Key] = ToNode(extra.Value, $"{optionsName}.AdditionalProperties[\"{extra.Key}\"]");
                }
            }
        }

        if (rawFields is not null)
        {
            foreach (KeyValuePair<string, JsonNode?> field in rawFields)
            {
                target[field.Key] = field.Value?.DeepClone();
            }
        }
    }

    /// <summary>Converts a caller-supplied value to JSON without reflection where the type is known to M.E.AI's resolver.</summary>
    public static JsonNode? ToNode(object? value, string what)
    {
        switch (value)
        {
            case null:
                return null;
            case JsonNode node:
                return node.DeepClone();
            default:
                try
                {
                    return JsonSerializer.SerializeToNode(value, AIJsonUtilities.DefaultOptions.GetTypeInfo(value.GetType()));
                }
                catch (Exception ex) when (ex is NotSupportedException or JsonException)
                {
                    // NotSupportedException: a type System.Text.Json refuses (a delegate, a Type); JsonException: a cycle or too deep a graph.
                    throw new ArgumentException(
                        $"{what} has type {value.GetType().Name}, which cannot be serialized here; pass a JsonElement, a JsonNode, a string or a number.", ex);
                }
        }
    }

    /// <summary>
    /// Writes compact JSON with only the escaping JSON requires: prompts full of quotes, '&lt;' or non-Latin text stay
    /// readable and small on the wire (the default encoder would send <c>"</c> as <c>\u0022</c> and each CJK character as six bytes).
    /// The writer and its buffer are kept per thread (a nested call, from caller code run by the serializer, gets its own), so a request
    /// allocates only its final body.
    /// </summary>
    internal static byte[] Write<TValue>(TValue value, JsonTypeInfo<TValue> typeInfo)
    {
        if (_threadWriterInUse)
        {
            // Serialization reached caller code (a converter, a JsonNode from RawRepresentationFactory) that wrote a request
            // on this thread: that one gets a writer of its own.
            return WriteOnce(value, typeInfo);
        }

        ArrayBufferWriter<byte> buffer = _threadBuffer ??= new ArrayBufferWriter<byte>(4096);
        Utf8JsonWriter writer = _threadWriter ??= new Utf8JsonWriter(buffer, WriterOptions);
        _threadWriterInUse = true;
        try
        {
            JsonSerializer.Serialize(writer, value, typeInfo);
            writer.Flush();
            return buffer.WrittenSpan.ToArray();
        }
        finally
        {
            if (buffer.Capacity > MaxKeptBufferBytes)
            {
                // One huge request (images inline) does not pin its buffer to the thread for good.
                _threadBuffer = null;
                _threadWriter = null;
            }
            else
            {
                buffer.ResetWrittenCount();
                writer.Reset(buffer);
            }

            _threadWriterInUse = false;
        }
    }

    private static byte[] WriteOnce<TValue>(TValue value, JsonTypeInfo<TValue> typeInfo)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            JsonSerializer.Serialize(writer, value, typeInfo);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static bool IsProtocolField(string key) => key is "stream" or "stream_options";

    private static bool HasSendable(AdditionalPropertiesDictionary? extras)
    {
        if (extras is null)
        {
            return false;
        }

        foreach (KeyValuePair<string, object?> extra in extras)
        {
            if (!ReservedKeys.IsReserved(extra.Key))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The fields of a caller's native request (a <see cref="JsonObject"/>, an object <see cref="JsonElement"/> or a dictionary), or <see langword="null"/>.</summary>
    private static JsonObject? AsJsonObject(object? raw, NexLLMTransport transport, string protocol)
    {
        switch (raw)
        {
            case null:
                return null;
            case JsonObject json:
                return json;
            case JsonElement { ValueKind: JsonValueKind.Object } element:
                return JsonObject.Create(element);
            case IEnumerable<KeyValuePair<string, object?>> fields:
                var result = new JsonObject();
                foreach (KeyValuePair<string, object?> field in fields)
                {
                    result[field.Key] = ToNode(field.Value, $"RawRepresentationFactory field \"{field.Key}\"");
                }

                return result;
            default:
                transport.LogIgnoredOption(protocol, $"RawRepresentationFactory result of type {raw.GetType().Name} (expected a JsonObject)");
                return null;
        }
    }
}
