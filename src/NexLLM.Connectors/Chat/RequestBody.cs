using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.AI;
using NexLLM.Connectors.Http;

namespace NexLLM.Connectors.Chat;

/// <summary>
/// Serializes a mapped request and merges what the caller added on top of it. Precedence, lowest first: the fields
/// mapped from <see cref="ChatOptions"/>; <see cref="ChatOptions.AdditionalProperties"/> (non-reserved keys, as top-level
/// fields); the JSON object returned by <see cref="ChatOptions.RawRepresentationFactory"/> (the caller's native request wins).
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

    public static byte[] Serialize<T>(T request, JsonTypeInfo<T> typeInfo, ChatOptions? options, IChatClient client, NexLLMTransport transport, string protocol)
    {
        JsonObject? raw = RawRepresentation(options, client, transport, protocol);
        AdditionalPropertiesDictionary? extras = options?.AdditionalProperties;
        if (raw is null && !HasSendable(extras))
        {
            return Write(request, typeInfo);
        }

        JsonObject body = JsonSerializer.SerializeToNode(request, typeInfo)!.AsObject();
        if (extras is not null)
        {
            foreach (KeyValuePair<string, object?> extra in extras)
            {
                if (IsProtocolField(extra.Key))
                {
                    // Streaming or not is decided by the method called; an extra cannot turn it upside down.
                    transport.LogIgnoredOption(protocol, $"AdditionalProperties[\"{extra.Key}\"]");
                }
                else if (!ChatOptionKeys.IsReserved(extra.Key))
                {
                    body[extra.Key] = ToNode(extra.Value, $"ChatOptions.AdditionalProperties[\"{extra.Key}\"]");
                }
            }
        }

        if (raw is not null)
        {
            foreach (KeyValuePair<string, JsonNode?> field in raw)
            {
                body[field.Key] = field.Value?.DeepClone();
            }
        }

        return Write(body, SharedJsonContext.Default.JsonObject);
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

    internal static bool HasSendable(AdditionalPropertiesDictionary? extras)
    {
        if (extras is null)
        {
            return false;
        }

        foreach (KeyValuePair<string, object?> extra in extras)
        {
            if (!ChatOptionKeys.IsReserved(extra.Key))
            {
                return true;
            }
        }

        return false;
    }

    private static JsonObject? RawRepresentation(ChatOptions? options, IChatClient client, NexLLMTransport transport, string protocol) =>
        AsJsonObject(options?.RawRepresentationFactory?.Invoke(client), transport, protocol);

    /// <summary>The fields of a caller's native request (a <see cref="JsonObject"/>, an object <see cref="JsonElement"/> or a dictionary), or <see langword="null"/>.</summary>
    internal static JsonObject? AsJsonObject(object? raw, NexLLMTransport transport, string protocol)
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
