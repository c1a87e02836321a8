using Microsoft.AspNetCore.Http;
using NexLLM.Connectors.Emulator.Engine;
using NexLLM.Connectors.Emulator.Hosting;

namespace NexLLM.Connectors.Emulator.Embeddings;

/// <summary>
/// <c>POST /v1/embeddings</c>: validation as in new-api and OpenAI, then one vector per input from
/// <see cref="EmbeddingEngine"/> (deterministic, unit length, lexically similar texts close), as floats or base64.
/// </summary>
internal sealed class EmbeddingsEndpoint(EmulatorSettings settings)
{
    public async Task HandleAsync(HttpContext context)
    {
        var exchange = EmulatorExchange.Of(context);
        if (await ModelDistributor.TryRejectAsync(context, settings, ModelDistributor.PeekModel(exchange.Body)).ConfigureAwait(false))
        {
            return;
        }

        if (!EmbeddingsRequestReader.TryRead(exchange.Body, out var call, out string? gatewayError, out string? upstreamError))
        {
            // new-api's own checks are types.NewError: HTTP 500 invalid_request (WIRE.md §0.5); the upstream's are a 400 relayed.
            byte[] body = gatewayError is not null
                ? GatewayErrorBodies.OpenAI(gatewayError, "new_api_error", "invalid_request", exchange.RequestId)
                : GatewayErrorBodies.OpenAI(upstreamError!, "invalid_request_error", null, exchange.RequestId);
            int status = gatewayError is not null ? StatusCodes.Status500InternalServerError : StatusCodes.Status400BadRequest;
            await GatewayResponses.WriteAsync(context, status, body).ConfigureAwait(false);
            return;
        }

        var vectors = call!.Inputs.Select(text => EmbeddingEngine.Embed(text, call.Dimensions)).ToList();
        await ResponseBodyWriter.WriteJsonAsync(context, EmbeddingsResponseWriter.Write(call, vectors), exchange.Fault).ConfigureAwait(false);
    }
}
