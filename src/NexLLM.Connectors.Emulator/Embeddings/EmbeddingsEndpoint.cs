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
        // new-api's own checks are types.NewError: HTTP 500 invalid_request (docs/protocols/gateway.md#statuses); the upstream's are a 400 relayed.
        if (await GatewayIntake.AcceptAsync(context, settings, EmbeddingsRequestValidator.CheckGatewayRules).ConfigureAwait(false) is not { } root)
        {
            return;
        }

        var exchange = EmulatorExchange.Of(context);
        if (EmbeddingsRequestValidator.FindError(root) is { } upstreamError)
        {
            byte[] body = GatewayErrorBodies.OpenAI(upstreamError, "invalid_request_error", null, exchange.RequestId);
            await GatewayResponses.WriteAsync(context, StatusCodes.Status400BadRequest, body).ConfigureAwait(false);
            return;
        }

        // Strict mode: no vector longer than the model's own (docs/protocols/embeddings.md#native-sizes).
        var model = settings.FindModel(JsonRead.Text(root, "model"));
        if (settings.Strict && EmbeddingDimensionLimit.Check(JsonRead.Integer(root, "dimensions"), model) is { } refusal)
        {
            byte[] body = refusal.FromGoogle
                ? GatewayErrorBodies.GoogleRelayed(refusal.Message, StatusCodes.Status400BadRequest, exchange.RequestId)
                : GatewayErrorBodies.OpenAI(refusal.Message, "invalid_request_error", null, exchange.RequestId);
            await GatewayResponses.WriteAsync(context, StatusCodes.Status400BadRequest, body).ConfigureAwait(false);
            return;
        }

        var call = EmbeddingsRequestReader.Read(root, model?.EmbeddingDimensions);
        var vectors = call.Inputs.Select(text => EmbeddingEngine.Embed(text, call.Dimensions)).ToList();
        await ResponseBodyWriter.WriteJsonAsync(context, EmbeddingsResponseWriter.Write(call, vectors), exchange.Fault).ConfigureAwait(false);
    }
}
