using System.Text.Json;
using System.Text.Json.Serialization;
using NexLLM.Connectors.Http;

namespace NexLLM.Connectors.Models;

/// <summary><c>GET /v1/models</c> in new-api's OpenAI shape (docs/protocols/models.md).</summary>
internal static class ModelList
{
    public static async Task<IReadOnlyList<NexLLMModel>> GetAsync(NexLLMTransport transport, CancellationToken cancellationToken)
    {
        var request = TransportRequest.Get(new Uri(transport.Endpoint, "models"), AuthScheme.Bearer);
        using TransportResponse response = await transport.SendAsync(request, "model list", cancellationToken).ConfigureAwait(false);
        ModelListResponse? list;
        try
        {
            list = JsonSerializer.Deserialize(response.Body.Span, ModelsJsonContext.Default.ModelListResponse);
        }
        catch (JsonException ex)
        {
            throw transport.Errors.Create(NexLLMErrorKind.InvalidResponse, "NexLLM model list is not valid JSON of the expected shape.", false, 200, response.RequestId, response.Body.Span, ex);
        }

        var models = new List<NexLLMModel>(list?.Data?.Count ?? 0);
        foreach (ModelEntry? entry in list?.Data ?? [])
        {
            // A null entry or an id of white space names no model a caller could ask for: skipped.
            if (entry?.Id is { } id && !string.IsNullOrWhiteSpace(id))
            {
                models.Add(new NexLLMModel(id)
                {
                    OwnedBy = entry.OwnedBy,
                    Created = UnixTime.FromSeconds(entry.Created),
                    SupportedEndpointTypes = entry.SupportedEndpointTypes ?? [],
                });
            }
        }

        return models;
    }
}

internal sealed class ModelListResponse
{
    public List<ModelEntry?>? Data { get; set; }
}

internal sealed class ModelEntry
{
    public string? Id { get; set; }

    public string? OwnedBy { get; set; }

    public long? Created { get; set; }

    public List<string>? SupportedEndpointTypes { get; set; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(ModelListResponse))]
internal sealed partial class ModelsJsonContext : JsonSerializerContext;
