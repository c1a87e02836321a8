using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using NexLLM.Connectors.Emulator.Hosting;

namespace NexLLM.Connectors.Emulator.Models;

/// <summary>
/// <c>GET /v1/models</c> and <c>GET /v1/models/{id}</c> as new-api answers them (docs/protocols/gateway.md#routes, docs/protocols/models.md; new-api controller/model.go):
/// the OpenAI-shaped list by default, the Anthropic shape when both <c>x-api-key</c> and <c>anthropic-version</c> are
/// sent. With <c>x-goog-api-key</c> or <c>?key=</c>, new-api's router calls its single-model lookup with no model id,
/// which answers HTTP 200 with <c>The model '' does not exist</c> (docs/protocols/models.md#gemini-shape); the Gemini-shaped
/// list is <c>GET /v1beta/models</c>. <c>GET /v1/models/{id}</c> looks the id up in the list: a known one is its entry
/// (<c>supported_endpoint_types: null</c>), an unknown one HTTP 200 with an error body.
/// </summary>
internal sealed class ModelsEndpoint(EmulatorSettings settings)
{
    private static readonly string[] GeminiNullFields =
        ["description", "inputTokenLimit", "outputTokenLimit", "supportedGenerationMethods", "thinking", "temperature", "maxTemperature", "topP", "topK"];

    public Task ListAsync(HttpContext context)
    {
        byte[] body = Flavour(context.Request) switch
        {
            ListFlavour.Anthropic => AnthropicList(),
            ListFlavour.Gemini => NotFound(""),
            _ => OpenAIList(),
        };
        return ResponseBodyWriter.WriteJsonAsync(context, body, EmulatorExchange.Of(context).Fault);
    }

    /// <summary><c>GET /v1beta/models</c>: new-api's Gemini-shaped list, however the key was sent (docs/protocols/gateway.md#routes, docs/protocols/gemini.md).</summary>
    public Task GeminiListAsync(HttpContext context) =>
        ResponseBodyWriter.WriteJsonAsync(context, GeminiList(), EmulatorExchange.Of(context).Fault);

    /// <summary><c>GET /v1beta/openai/models</c>: the OpenAI-shaped list, whatever the headers (docs/protocols/gateway.md#routes).</summary>
    public Task OpenAIListAsync(HttpContext context) =>
        ResponseBodyWriter.WriteJsonAsync(context, OpenAIList(), EmulatorExchange.Of(context).Fault);

    public Task RetrieveAsync(HttpContext context)
    {
        string id = context.Request.RouteValues["id"] as string ?? "";
        var model = settings.Models.FirstOrDefault(m => string.Equals(m.Id, id, StringComparison.Ordinal));
        byte[] body = model is null
            ? NotFound(id)
            : Flavour(context.Request) == ListFlavour.Anthropic
                ? JsonBuffer.ToBytes(w => WriteAnthropicModel(w, model))
                : JsonBuffer.ToBytes(w => WriteOpenAIModel(w, model, retrieved: true));
        return ResponseBodyWriter.WriteJsonAsync(context, body, EmulatorExchange.Of(context).Fault);
    }

    private static ListFlavour Flavour(HttpRequest request)
    {
        if (HasValue(request.Headers["x-api-key"]) && HasValue(request.Headers["anthropic-version"]))
        {
            return ListFlavour.Anthropic;
        }

        return HasValue(request.Headers["x-goog-api-key"]) || HasValue(request.Query["key"]) ? ListFlavour.Gemini : ListFlavour.OpenAI;
    }

    private static bool HasValue(StringValues values) => values.Count > 0 && !string.IsNullOrEmpty(values[0]);

    // gin.H maps are serialised with sorted keys: data, object, success.
    private byte[] OpenAIList() => JsonBuffer.ToBytes(w =>
    {
        w.WriteStartObject();
        w.WriteStartArray("data");
        foreach (var model in settings.Models)
        {
            WriteOpenAIModel(w, model, retrieved: false);
        }

        w.WriteEndArray();
        w.WriteString("object", "list");
        w.WriteBoolean("success", true);
        w.WriteEndObject();
    });

    private byte[] AnthropicList() => JsonBuffer.ToBytes(w =>
    {
        w.WriteStartObject();
        w.WriteStartArray("data");
        foreach (var model in settings.Models)
        {
            WriteAnthropicModel(w, model);
        }

        w.WriteEndArray();
        w.WriteString("first_id", settings.Models.Count > 0 ? settings.Models[0].Id : "");
        w.WriteBoolean("has_more", false);
        w.WriteString("last_id", settings.Models.Count > 0 ? settings.Models[^1].Id : "");
        w.WriteEndObject();
    });

    // new-api's GeminiModel: name without "models/", displayName, and every other field null (docs/protocols/gemini.md#gotchas).
    private byte[] GeminiList() => JsonBuffer.ToBytes(w =>
    {
        w.WriteStartObject();
        w.WriteStartArray("models");
        foreach (var model in settings.Models)
        {
            w.WriteStartObject();
            w.WriteString("name", model.Id);
            w.WriteNull("baseModelId");
            w.WriteNull("version");
            w.WriteString("displayName", model.Id);
            foreach (string field in GeminiNullFields)
            {
                w.WriteNull(field);
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteNull("nextPageToken");
        w.WriteEndObject();
    });

    private static void WriteOpenAIModel(Utf8JsonWriter w, EmulatorModel model, bool retrieved)
    {
        w.WriteStartObject();
        w.WriteString("id", model.Id);
        w.WriteString("object", "model");
        w.WriteNumber("created", model.Created);
        w.WriteString("owned_by", model.OwnedBy);
        if (retrieved)
        {
            // RetrieveModel answers from new-api's built-in table, whose endpoint types are never filled in.
            w.WriteNull("supported_endpoint_types");
        }
        else
        {
            w.WriteStartArray("supported_endpoint_types");
            foreach (string type in model.SupportedEndpointTypes)
            {
                w.WriteStringValue(type);
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
    }

    private static void WriteAnthropicModel(Utf8JsonWriter w, EmulatorModel model)
    {
        w.WriteStartObject();
        w.WriteString("id", model.Id);
        w.WriteString("created_at", DateTimeOffset.FromUnixTimeSeconds(model.Created).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        w.WriteString("display_name", model.Id);
        w.WriteString("type", "model");
        w.WriteEndObject();
    }

    // Quirk: an unknown model is answered with HTTP 200 and an error body (new-api controller/model.go RetrieveModel).
    private static byte[] NotFound(string id) =>
        GatewayErrorBodies.OpenAIWithoutRequestId($"The model '{id}' does not exist", "invalid_request_error", param: "model", code: "model_not_found");

    private enum ListFlavour
    {
        OpenAI,
        Anthropic,
        Gemini,
    }
}
