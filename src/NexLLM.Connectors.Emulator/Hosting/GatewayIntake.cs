using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace NexLLM.Connectors.Emulator.Hosting;

/// <summary>
/// The way into new-api's relay on the OpenAI-shaped routes that read the model from the body (chat completions,
/// embeddings, rerank): the distributor picks a channel for the model first, then the relay parses the body and runs
/// its own checks. Each refusal is answered here in its own shape (503 <c>model_not_found</c>, then 500
/// <c>invalid_request</c>), so an endpoint goes on only with a body both let through.
/// </summary>
internal static class GatewayIntake
{
    /// <summary>Returns the parsed body (a detached copy), or <see langword="null"/> when the request was refused and answered.</summary>
    /// <param name="context">The request.</param>
    /// <param name="settings">The emulator's settings (whether unknown models are refused).</param>
    /// <param name="checkGatewayRules">The route's new-api checks, for <see cref="RequestJson.TryParse"/>.</param>
    /// <param name="modelWhenAbsent">The model the distributor picks a channel for when the body names none (<c>dall-e</c> on image generations).</param>
    public static async Task<JsonElement?> AcceptAsync(
        HttpContext context, EmulatorSettings settings, Action<JsonElement> checkGatewayRules, string? modelWhenAbsent = null)
    {
        byte[] body = EmulatorExchange.Of(context).Body;
        string? model = ModelDistributor.PeekModel(body);
        if (await ModelDistributor.TryRejectAsync(context, settings, string.IsNullOrEmpty(model) ? modelWhenAbsent : model).ConfigureAwait(false))
        {
            return null;
        }

        if (!RequestJson.TryParse(body, checkGatewayRules, out var root, out string? gatewayError))
        {
            await GatewayResponses.WriteInvalidRequestAsync(context, gatewayError!).ConfigureAwait(false);
            return null;
        }

        return root;
    }
}
