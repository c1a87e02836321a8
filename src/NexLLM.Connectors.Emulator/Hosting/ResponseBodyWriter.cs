using NexLLM.Connectors.Emulator.Faults;
using Microsoft.AspNetCore.Http;

namespace NexLLM.Connectors.Emulator.Hosting;

/// <summary>
/// Writes a successful whole body (JSON, or the text and subtitle answers of the audio routes), damaged by a stream
/// fault when there is one: on a response that is not streamed, <c>afterChunks = 0</c> strikes before any byte and a
/// larger value after the first half of the body. The upstream's request-id header comes along, as new-api copies it
/// (<see cref="UpstreamHeaders"/>).
/// </summary>
internal static class ResponseBodyWriter
{
    public static Task WriteJsonAsync(HttpContext context, byte[] body, EmulatorFault? fault) =>
        WriteAsync(context, body, GatewayErrorBodies.JsonContentType, fault);

    public static async Task WriteAsync(HttpContext context, byte[] body, string contentType, EmulatorFault? fault)
    {
        var exchange = EmulatorExchange.Of(context);
        UpstreamHeaders.Copy(context);
        if (fault is null || fault.Kind is EmulatorFaultKind.Delay)
        {
            await GatewayResponses.WriteAsync(context, StatusCodes.Status200OK, contentType, body).ConfigureAwait(false);
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
        response.ContentType = contentType;
        try
        {
            if (fault.Kind is EmulatorFaultKind.Oversize)
            {
                // The whole body is the large JSON, chunked: a client with a size limit stops reading at it.
                await OversizeEvent.WriteAsync(fault.Bytes, (piece, _) => response.Body.WriteAsync(piece, exchange.Aborted).AsTask()).ConfigureAwait(false);
                return;
            }

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
