using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using NexLLM.Connectors.Common;

namespace NexLLM.Connectors.Realtime;

/// <summary>
/// A response's <c>metadata</c> (string pairs the server hands back on the response) and M.E.AI's
/// <see cref="CreateResponseRealtimeClientMessage.AdditionalProperties"/> /
/// <see cref="ResponseCreatedRealtimeServerMessage.AdditionalProperties"/>, which M.E.AI documents as exactly that:
/// metadata to correlate simultaneous responses (docs/protocols/realtime.md#how-this-connector-uses-it).
/// </summary>
internal static class RealtimeMetadata
{
    /// <summary>
    /// The pairs to send: each value as text by the rule multipart fields follow (a string as it is, any other value as its
    /// JSON); <see langword="null"/> values and our reserved <c>nexllm.</c> keys are left out.
    /// </summary>
    /// <exception cref="ArgumentException">A value has no JSON form.</exception>
    public static Dictionary<string, string>? ToWire(AdditionalPropertiesDictionary? properties)
    {
        List<KeyValuePair<string, object?>>? sent = properties?.Where(static p => p.Value is not null && !ReservedKeys.IsReserved(p.Key)).ToList();
        if (sent is not { Count: > 0 })
        {
            return null;
        }

        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (KeyValuePair<string, JsonNode?> pair in RealtimeRawJson.ToObject(sent, "CreateResponseRealtimeClientMessage.AdditionalProperties"))
        {
            if (pair.Value is { } value)
            {
                metadata[pair.Key] = value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString();
            }
        }

        return metadata;
    }

    /// <summary>The response's metadata as M.E.AI's additional properties, or <see langword="null"/> when it has none.</summary>
    /// <remarks>Values are strings on the wire; any other JSON is kept as its text rather than failing the event.</remarks>
    public static AdditionalPropertiesDictionary? FromWire(IReadOnlyDictionary<string, JsonElement>? metadata)
    {
        if (metadata is not { Count: > 0 })
        {
            return null;
        }

        var properties = new AdditionalPropertiesDictionary();
        foreach (KeyValuePair<string, JsonElement> pair in metadata)
        {
            properties[pair.Key] = pair.Value.ValueKind == JsonValueKind.String ? pair.Value.GetString() : pair.Value.GetRawText();
        }

        return properties;
    }
}
