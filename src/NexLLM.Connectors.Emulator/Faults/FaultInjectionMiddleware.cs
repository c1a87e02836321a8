using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using NexLLM.Connectors.Emulator.Hosting;
using NexLLM.Connectors.Emulator.Scripting;

namespace NexLLM.Connectors.Emulator.Faults;

/// <summary>
/// Picks the fault for an API request — the <c>X-NexLLM-Emulator-Fault</c> header first (on <c>/v1/realtime</c> also the
/// <c>nexllm_fault</c> query parameter), else a fault at the head of
/// the script queue — before the key is checked (faults model failures in front of the gateway's auth too, such as
/// its IP rate limiter). Status, raw and redirect faults answer here; a delay waits here; stream faults are left
/// on the exchange for the endpoint to play.
/// </summary>
internal sealed class FaultInjectionMiddleware(RequestDelegate next, ScriptQueue script, FaultHeaderTracker tracker, ILogger logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (EmulatorRoute.IsOutsideGateway(context))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var exchange = EmulatorExchange.Of(context);
        EmulatorFault? fault = null;

        var header = context.Request.Headers[FaultHeaderParser.HeaderName];

        // A browser's WebSocket cannot set headers, so the realtime handshake also takes the fault as a query parameter.
        if (header.Count == 0 && context.Request.Path.Equals("/v1/realtime", StringComparison.Ordinal))
        {
            header = context.Request.Query[FaultHeaderParser.QueryName];
        }

        if (header.Count > 0)
        {
            if (!FaultHeaderParser.TryParse(header[0] ?? "", out var spec, out string? error))
            {
                byte[] body = GatewayErrorBodies.Middleware(error!, "invalid_fault_header", exchange.RequestId);
                await GatewayResponses.WriteAsync(context, StatusCodes.Status400BadRequest, body).ConfigureAwait(false);
                return;
            }

            if (tracker.ShouldApply(spec!))
            {
                fault = spec!.Fault;
            }
        }

        fault ??= script.TakeFault();
        if (fault is null)
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        EmulatorLog.FaultApplied(logger, fault.ToString(), context.Request.Method, context.Request.Path.Value ?? "", exchange.RequestId);
        if (!fault.LetsAnswerStart)
        {
            await FaultResponder.WriteAsync(context, fault, exchange.RequestId).ConfigureAwait(false);
            return;
        }

        if (fault.Kind == EmulatorFaultKind.Delay)
        {
            if (!await Pauses.WaitAsync(fault.Duration, exchange.Aborted).ConfigureAwait(false))
            {
                context.Abort();
                return;
            }
        }
        else
        {
            exchange.Fault = fault;
        }

        await next(context).ConfigureAwait(false);
    }
}
