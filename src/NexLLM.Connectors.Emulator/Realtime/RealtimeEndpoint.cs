using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using NexLLM.Connectors.Emulator.Hosting;
using NexLLM.Connectors.Emulator.Scripting;

namespace NexLLM.Connectors.Emulator.Realtime;

/// <summary>
/// <c>GET /v1/realtime?model=…</c> (docs/protocols/realtime.md): the key was checked before (header or the
/// <c>openai-insecure-api-key.</c> subprotocol item, docs/protocols/gateway.md#authentication); the distributor takes the
/// model from the query and refuses a request without one; then the socket is upgraded, declaring only the subprotocol
/// <c>realtime</c> as new-api's upgrader does (new-api controller/relay.go).
/// </summary>
internal sealed class RealtimeEndpoint(EmulatorSettings settings, ScriptQueue script, ILogger logger)
{
    private const string Subprotocol = "realtime";

    // new-api's i18n distributor message for an empty model (the same as on the images route).
    private const string ModelNameRequired = "Model name not specified, model name cannot be empty";

    public async Task HandleAsync(HttpContext context)
    {
        var exchange = EmulatorExchange.Of(context);
        string model = context.Request.Query["model"].ToString();
        if (model.Length == 0)
        {
            await GatewayResponses.WriteAsync(context, StatusCodes.Status400BadRequest, GatewayErrorBodies.Middleware(ModelNameRequired, "", exchange.RequestId)).ConfigureAwait(false);
            return;
        }

        if (await ModelDistributor.TryRejectAsync(context, settings, model).ConfigureAwait(false))
        {
            return;
        }

        if (!context.WebSockets.IsWebSocketRequest)
        {
            // gorilla's upgrader answers a plain GET with 400 and a text body (websocket.Upgrader.returnError).
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync("Bad Request\n", exchange.Aborted).ConfigureAwait(false);
            return;
        }

        string? subprotocol = context.WebSockets.WebSocketRequestedProtocols.Contains(Subprotocol) ? Subprotocol : null;
        using var webSocket = await context.WebSockets.AcceptWebSocketAsync(subprotocol).ConfigureAwait(false);
        using var socket = new RealtimeSocket(webSocket, exchange.RequestId, exchange.Aborted);
        var dialect = settings.RealtimeGaEvents ? RealtimeDialect.Ga : RealtimeDialect.Beta;
        var session = new RealtimeSession(
            socket, dialect, new RealtimeSessionSettings { Model = model }, settings, script, exchange.Fault, logger, context.Abort);
        await session.RunAsync().ConfigureAwait(false);
    }
}
