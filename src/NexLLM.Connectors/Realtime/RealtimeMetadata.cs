using System.Globalization;
using System.Text.Json;
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
    /// <summary>The pairs to send: values as strings, <see langword="null"/> values and our reserved <c>nexllm.</c> keys left out.</summary>
    public static Dictionary<string, string>? ToWire(AdditionalPropertiesDictionary? properties)
    {
        if (properties is not { Count: > 0 })
        {
            return null;
        }

        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (KeyValuePair<string, object?> property in properties)
        {
            if (!ReservedKeys.IsReserved(property.Key) && Text(property.Value) is { } text)
            {
                metadata[property.Key] = text;
            }
        }

        return metadata.Count == 0 ? null : metadata;
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
            properties[pair.Key] = Text(pair.Value);
        }

        return properties;
    }

    private static string? Text(object? value) => value switch
    {
        null => null,
        string text => text,
        bool flag => flag ? "true" : "false",
        JsonElement { ValueKind: JsonValueKind.String } element => element.GetString(),
        JsonElement { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } => null,
        JsonElement element => element.GetRawText(),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
