using NexLLM.Connectors.Emulator.Faults;
using Microsoft.AspNetCore.Http;
using NexLLM.Connectors.Emulator.Hosting;

namespace NexLLM.Connectors.Emulator.Streaming;

/// <summary>Plays an <see cref="SseTranscript"/> as a 200 event stream, with pacing, pings and the stream fault if any.</summary>
internal static class SseStreamPlayer
{
    /// <param name="context">The exchange to answer.</param>
    /// <param name="transcript">The events of the answer.</param>
    /// <param name="fault">The stream fault, if any.</param>
    /// <param name="settings">Pacing and pings.</param>
    /// <param name="restart">Builds the second answer (a new id) that a <see cref="EmulatorFaultKind.Failover"/> plays.</param>
    /// <param name="pings">Whether <see cref="EmulatorSettings.PingInterval"/> applies (native Gemini streams have none, docs/protocols/gateway.md#sse-framing).</param>
    public static async Task PlayAsync(
        HttpContext context, SseTranscript transcript, EmulatorFault? fault, EmulatorSettings settings, Func<SseTranscript> restart, bool pings = true)
    {
        var exchange = EmulatorExchange.Of(context);
        var response = context.Response;

        // new-api's SetEventStreamHeaders (docs/protocols/gateway.md#response-headers). Connection is a hop-by-hop header HTTP/2 forbids.
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        if (HttpProtocol.IsHttp11(context.Request.Protocol) || HttpProtocol.IsHttp10(context.Request.Protocol))
        {
            response.Headers.Connection = "keep-alive";
        }

        response.Headers["X-Accel-Buffering"] = "no";

        var writer = new SseWriter(response.Body, pings ? settings.PingInterval : null, exchange.Aborted);
        int strikeAt = fault is null ? -1 : Math.Min(fault.AfterChunks, transcript.FinishIndex);
        try
        {
            await response.StartAsync(exchange.Aborted).ConfigureAwait(false);
            await response.Body.FlushAsync(exchange.Aborted).ConfigureAwait(false);
            for (int i = 0; i < transcript.Events.Count; i++)
            {
                if (i == strikeAt && !await StrikeAsync(context, writer, transcript, fault!, exchange, restart).ConfigureAwait(false))
                {
                    return;
                }

                if (i > 0 && !await writer.PauseAsync(settings.StreamChunkDelay).ConfigureAwait(false))
                {
                    context.Abort();
                    return;
                }

                await writer.WriteEventAsync(transcript.Events[i]).ConfigureAwait(false);
            }

            await WriteDoneAsync(writer, transcript).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException)
        {
            // The client left (or the emulator is stopping): nothing more to say to anyone.
            context.Abort();
        }
    }

    /// <summary>Applies the fault; returns whether the stream goes on afterwards.</summary>
    private static async Task<bool> StrikeAsync(
        HttpContext context, SseWriter writer, SseTranscript transcript, EmulatorFault fault, EmulatorExchange exchange, Func<SseTranscript> restart)
    {
        switch (fault.Kind)
        {
            case EmulatorFaultKind.Failover:
                SseTranscript second = restart();
                foreach (SseEvent item in second.Events)
                {
                    await writer.WriteEventAsync(item).ConfigureAwait(false);
                }

                await WriteDoneAsync(writer, second).ConfigureAwait(false);
                return false;

            case EmulatorFaultKind.StreamError or EmulatorFaultKind.Failed:
                // A route with a failed status of its own (Responses) renders Failed itself; here it is the in-stream error.
                // OpenAI in-stream error: a data event whose JSON has an "error" key, with HTTP 200 (docs/protocols/chat-completions.md).
                await writer.WriteEventAsync(new SseEvent(transcript.ErrorEventName, Text(fault.RenderPayload(exchange.RequestId)))).ConfigureAwait(false);
                return false;

            case EmulatorFaultKind.RawStreamError:
                // new-api's deferred error writer appends c.JSON output after the events: no "data:", no line break (docs/protocols/gateway.md#sse-framing).
                await writer.WriteRawAsync(fault.RenderPayload(exchange.RequestId)).ConfigureAwait(false);
                return false;

            case EmulatorFaultKind.Truncate:
                return false;

            case EmulatorFaultKind.Reset:
                context.Abort();
                return false;

            case EmulatorFaultKind.Stall:
                // Total silence (no pings), then the connection dies.
                await Pauses.WaitAsync(fault.Duration, exchange.Aborted).ConfigureAwait(false);
                context.Abort();
                return false;

            case EmulatorFaultKind.MalformedChunk:
                await writer.WriteEventAsync(new SseEvent(null, Text(fault.RenderPayload(exchange.RequestId)))).ConfigureAwait(false);
                return true;

            case EmulatorFaultKind.Oversize:
                await writer.WriteRawAsync("data: "u8.ToArray()).ConfigureAwait(false);
                await OversizeEvent.WriteAsync(fault.Bytes, (piece, _) => writer.WriteRawAsync(piece)).ConfigureAwait(false);
                await writer.WriteRawAsync("\n\n"u8.ToArray()).ConfigureAwait(false);
                return false;

            default:
                return true;
        }
    }

    private static async Task WriteDoneAsync(SseWriter writer, SseTranscript transcript)
    {
        if (transcript.DoneData is { } done)
        {
            await writer.WriteEventAsync(new SseEvent(null, done)).ConfigureAwait(false);
        }
    }

    private static string Text(byte[] bytes) => System.Text.Encoding.UTF8.GetString(bytes);
}
