using Microsoft.AspNetCore.Http;

namespace NexLLM.Connectors.Emulator.Hosting;

/// <summary>
/// Writes a successful JSON body, damaged by a stream fault when there is one: on a response that is not streamed,
/// <c>afterChunks = 0</c> strikes before any byte and a larger value after the first half of the body.
/// </summary>
internal static class ResponseBodyWriter
{
    public static async Task WriteJsonAsync(HttpContext context, byte[] body, EmulatorFault? fault)
    {
        var exchange = EmulatorExchange.Of(context);
        if (fault is null || fault.Kind is EmulatorFaultKind.Delay)
        {
            await GatewayResponses.WriteAsync(context, StatusCodes.Status200OK, body).ConfigureAwait(false);
            return;
        }

        if (fault.Kind is EmulatorFaultKind.StreamError or EmulatorFaultKind.Failed or EmulatorFaultKind.RawStreamError or EmulatorFaultKind.MalformedChunk)
        {
            // A 200 whose whole body is the error JSON (or the malformed text).
            await GatewayResponses.WriteAsync(context, StatusCodes.Status200OK, fault.RenderPayload(exchange.RequestId)).ConfigureAwait(false);
            return;
        }

        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = GatewayErrorBodies.JsonContentType;
        try
        {
            if (fault.AfterChunks > 0)
            {
                // No Content-Length: the body is chunked, so ending early is a clean end of a truncated JSON text.
                await response.Body.WriteAsync(body.AsMemory(0, body.Length / 2), exchange.Aborted).ConfigureAwait(false);
                await response.Body.FlushAsync(exchange.Aborted).ConfigureAwait(false);
            }

            switch (fault.Kind)
            {
                case EmulatorFaultKind.Reset:
                    context.Abort();
                    break;
                case EmulatorFaultKind.Stall:
                    await Pauses.WaitAsync(fault.Duration, exchange.Aborted).ConfigureAwait(false);
                    context.Abort();
                    break;
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException)
        {
            context.Abort();
        }
    }
}
