using Microsoft.AspNetCore.Http;
using NexLLM.Connectors.Emulator.Hosting;

namespace NexLLM.Connectors.Emulator.Audio;

/// <summary>
/// Writes a speech answer's bytes in <see cref="AudioChunks"/>, flushing each and pausing
/// <see cref="EmulatorSettings.StreamChunkDelay"/> between them, so a client can play audio before the body ends.
/// A stream fault counts these chunks and strikes at the latest before the last one: <c>truncate</c> ends the body
/// early, <c>reset</c> and <c>stall</c> kill the connection, the error faults append their JSON (new-api's deferred
/// error writer after a started body), <c>malformed</c> inserts its text and goes on, <c>failover</c> starts the whole
/// file again (the gateway's channel retry writing into the same response).
/// </summary>
internal static class AudioBodyWriter
{
    public static async Task WriteAsync(HttpContext context, byte[] audio, string contentType, EmulatorSettings settings)
    {
        var exchange = EmulatorExchange.Of(context);
        var response = context.Response;
        var chunks = AudioChunks.Split(audio);
        var fault = exchange.Fault;
        int strikeAt = fault is null ? -1 : Math.Min(fault.AfterChunks, chunks.Count - 1);
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = contentType;
        try
        {
            await response.StartAsync(exchange.Aborted).ConfigureAwait(false);
            for (int i = 0; i < chunks.Count; i++)
            {
                if (i == strikeAt && !await StrikeAsync(context, fault!, chunks, exchange).ConfigureAwait(false))
                {
                    return;
                }

                if (i > 0 && !await Pauses.WaitAsync(settings.StreamChunkDelay, exchange.Aborted).ConfigureAwait(false))
                {
                    context.Abort();
                    return;
                }

                await WriteChunkAsync(response, chunks[i], exchange.Aborted).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException)
        {
            context.Abort();
        }
    }

    /// <summary>Applies the fault; returns whether the body goes on afterwards.</summary>
    private static async Task<bool> StrikeAsync(HttpContext context, EmulatorFault fault, IReadOnlyList<ReadOnlyMemory<byte>> chunks, EmulatorExchange exchange)
    {
        var response = context.Response;
        switch (fault.Kind)
        {
            case EmulatorFaultKind.Failover:
                foreach (var chunk in chunks)
                {
                    await WriteChunkAsync(response, chunk, exchange.Aborted).ConfigureAwait(false);
                }

                return false;
            case EmulatorFaultKind.StreamError or EmulatorFaultKind.Failed or EmulatorFaultKind.RawStreamError:
                await WriteChunkAsync(response, fault.RenderPayload(exchange.RequestId), exchange.Aborted).ConfigureAwait(false);
                return false;
            case EmulatorFaultKind.MalformedChunk:
                await WriteChunkAsync(response, fault.RenderPayload(exchange.RequestId), exchange.Aborted).ConfigureAwait(false);
                return true;
            case EmulatorFaultKind.Truncate:
                return false;
            case EmulatorFaultKind.Reset:
                context.Abort();
                return false;
            case EmulatorFaultKind.Stall:
                await Pauses.WaitAsync(fault.Duration, exchange.Aborted).ConfigureAwait(false);
                context.Abort();
                return false;
            default:
                return true;
        }
    }

    private static async Task WriteChunkAsync(HttpResponse response, ReadOnlyMemory<byte> chunk, CancellationToken aborted)
    {
        await response.Body.WriteAsync(chunk, aborted).ConfigureAwait(false);
        await response.Body.FlushAsync(aborted).ConfigureAwait(false);
    }
}
