using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace NexLLM.Connectors.Emulator.Hosting;

/// <summary>
/// new-api's distributor, which picks a channel for the model before the relay validates the request: with
/// <see cref="EmulatorSettings.RejectUnknownModels"/>, a model no channel serves is 503 <c>model_not_found</c> in the
/// middleware shape (docs/protocols/gateway.md#error-bodies, docs/protocols/gateway.md#statuses), whatever else is wrong with the body.
/// </summary>
internal static class ModelDistributor
{
    /// <summary>Answers 503 when the model is unknown and unknown models are refused; returns whether it answered.</summary>
    public static async Task<bool> TryRejectAsync(HttpContext context, EmulatorSettings settings, string? model)
    {
        if (!settings.RejectUnknownModels || string.IsNullOrEmpty(model) || settings.IsKnownModel(model))
        {
            return false;
        }

        string requestId = EmulatorExchange.Of(context).RequestId;
        byte[] body = GatewayErrorBodies.Middleware($"No available channel for model {model} under group default (distributor)", "model_not_found", requestId);
        await GatewayResponses.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, body).ConfigureAwait(false);
        return true;
    }

    /// <summary>Returns the <c>model</c> of a JSON body that is an object with a string <c>model</c>, or <see langword="null"/>.</summary>
    public static string? PeekModel(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            return root.ValueKind == JsonValueKind.Object && root.TryGetProperty("model", out var model) && model.ValueKind == JsonValueKind.String
                ? model.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
