using System.Diagnostics;
using System.Text;
using NexLLM.Connectors.Emulator.Hosting;

namespace NexLLM.Connectors.Emulator.Streaming;

/// <summary>
/// Writes SSE frames and flushes each one. While it pauses it sends <c>: PING</c> comments whenever the stream has
/// been silent for the ping interval, like new-api's keep-alive pinger (docs/protocols/gateway.md#sse-framing).
/// </summary>
internal sealed class SseWriter(Stream body, TimeSpan? pingInterval, CancellationToken aborted)
{
    private static readonly byte[] Ping = ": PING\n\n"u8.ToArray();

    private long _lastWrite = Stopwatch.GetTimestamp();

    public Task WriteEventAsync(SseEvent sseEvent)
    {
        string frame = sseEvent.EventName is null
            ? $"data: {sseEvent.Data}\n\n"
            : $"event: {sseEvent.EventName}\ndata: {sseEvent.Data}\n\n";
        if (sseEvent.ExtraBlankLine)
        {
            frame += "\n";
        }

        return WriteRawAsync(Encoding.UTF8.GetBytes(frame));
    }

    public async Task WriteRawAsync(ReadOnlyMemory<byte> bytes)
    {
        await body.WriteAsync(bytes, aborted).ConfigureAwait(false);
        await body.FlushAsync(aborted).ConfigureAwait(false);
        _lastWrite = Stopwatch.GetTimestamp();
    }

    /// <summary>Pauses (pinging when due); returns <see langword="false"/> when the client left or the emulator stopped.</summary>
    public async Task<bool> PauseAsync(TimeSpan duration)
    {
        if (pingInterval is not { } interval)
        {
            return await Pauses.WaitAsync(duration, aborted).ConfigureAwait(false);
        }

        long end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            TimeSpan remaining = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), end);
            if (remaining <= TimeSpan.Zero)
            {
                return !aborted.IsCancellationRequested;
            }

            TimeSpan untilPing = interval - Stopwatch.GetElapsedTime(_lastWrite);
            if (untilPing <= TimeSpan.Zero)
            {
                await WriteRawAsync(Ping).ConfigureAwait(false);
                continue;
            }

            if (!await Pauses.WaitAsync(remaining < untilPing ? remaining : untilPing, aborted).ConfigureAwait(false))
            {
                return false;
            }
        }
    }
}
