using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.AI;
using NexLLM.Connectors.Http;

namespace NexLLM.Connectors.Chat;

/// <summary>
/// <see cref="RequestBody"/> for the options types other than <see cref="ChatOptions"/> (embeddings, rerank): the same
/// precedence, lowest first — the mapped fields, then <c>AdditionalProperties</c> (non-reserved keys), then the caller's
/// native request returned by <c>RawRepresentationFactory</c>.
/// </summary>
internal static class RequestFields
{
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
        JsonObject? rawFields = RequestBody.AsJsonObject(raw, transport, protocol);
        if (rawFields is null && !RequestBody.HasSendable(extras))
        {
            return RequestBody.Write(request, typeInfo);
        }

        JsonObject body = JsonSerializer.SerializeToNode(request, typeInfo)!.AsObject();
        if (itemsArray is null)
        {
            Merge(body, extras, rawFields, optionsName);
        }
        else if (body[itemsArray] is JsonArray items)
        {
            foreach (JsonNode? item in items)
            {
                if (item is JsonObject target)
                {
                    Merge(target, extras, rawFields, optionsName);
                }
            }
        }

        return RequestBody.Write(body, SharedJsonContext.Default.JsonObject);
    }

    private static void Merge(JsonObject target, AdditionalPropertiesDictionary? extras, JsonObject? rawFields, string optionsName)
    {
        if (extras is not null)
        {
            foreach (KeyValuePair<string, object?> extra in extras)
            {
                if (!ChatOptionKeys.IsReserved(extra.Key))
                {
                    target[extra.Key] = RequestBody.ToNode(extra.Value, $"{optionsName}.AdditionalProperties[\"{extra.Key}\"]");
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
}
