using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using NexLLM.Connectors.Common;

namespace NexLLM.Connectors.Realtime;

/// <summary>
/// JSON the caller hands over as it is: a client message's <c>RawRepresentation</c> (an event M.E.AI has no type for, such
/// as <c>input_audio_buffer.clear</c> or <c>response.cancel</c>) and a session's <c>RawRepresentationFactory</c> result
/// (fields such as <c>temperature</c>, which <see cref="Microsoft.Extensions.AI.RealtimeSessionOptions"/> lacks).
/// </summary>
internal static class RealtimeRawJson
{
    private static readonly JsonNodeOptions NodeOptions = new() { PropertyNameCaseInsensitive = false };
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64 };

    /// <summary>
    /// The JSON object in <paramref name="raw"/>: a <see cref="JsonObject"/>, an object <see cref="JsonElement"/>, JSON text
    /// (a string or UTF-8 bytes) or a dictionary of fields.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="raw"/> is none of those, or not a JSON object.</exception>
    public static JsonObject ToObject(object raw, string what)
    {
        JsonNode? node = raw switch
        {
            JsonObject json => json.DeepClone(),
            JsonNode other => other.DeepClone(),
            JsonElement element => JsonSerializer.SerializeToNode(element, SharedJsonContext.Default.JsonElement),
            string text => Parse(Encoding.UTF8.GetBytes(text), what),
            byte[] bytes => Parse(bytes, what),
            ReadOnlyMemory<byte> memory => Parse(memory, what),
            IEnumerable<KeyValuePair<string, object?>> fields => FromFields(fields, what),
            _ => throw new ArgumentException(
                $"{what} has type {raw.GetType().Name}; pass the event as JSON: a JsonObject, a JsonElement, a string or UTF-8 bytes.", what),
        };

        return node as JsonObject ?? throw new ArgumentException($"{what} is JSON but not an object.", what);
    }

    /// <summary>Copies <paramref name="fields"/> over <paramref name="target"/>'s: the caller's native fields win.</summary>
    public static void Merge(JsonObject target, JsonObject fields)
    {
        foreach (KeyValuePair<string, JsonNode?> field in fields)
        {
            target[field.Key] = field.Value?.DeepClone();
        }
    }

    private static JsonNode? Parse(ReadOnlyMemory<byte> json, string what)
    {
        try
        {
            return JsonNode.Parse(json.Span, NodeOptions, DocumentOptions);
        }
        catch (JsonException ex)
        {
            throw new ArgumentException($"{what} is not valid JSON: {ex.Message}", what, ex);
        }
    }

    private static JsonObject FromFields(IEnumerable<KeyValuePair<string, object?>> fields, string what)
    {
        var result = new JsonObject();
        foreach (KeyValuePair<string, object?> field in fields)
        {
            result[field.Key] = RequestBody.ToNode(field.Value, $"{what} field \"{field.Key}\"");
        }

        return result;
    }
}
