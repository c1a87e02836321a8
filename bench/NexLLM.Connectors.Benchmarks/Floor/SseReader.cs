using System.Buffers;

namespace NexLLM.Connectors.Benchmarks.Floor;

/// <summary>Takes one event's <c>data:</c> payload.</summary>
internal delegate void DataHandler(ReadOnlySpan<byte> data);

/// <summary>
/// The floor's event-stream reader: the least a client can do. It reads into one pooled buffer, splits lines in place and
/// hands each <c>data:</c> payload to the caller as a span; <c>event:</c> lines, comments, blank lines and <c>[DONE]</c>
/// are skipped. No caps, no idle timer, no multi-line data: a floor, not a client.
/// </summary>
internal static class SseReader
{
    public static async Task ReadAsync(Stream stream, DataHandler onData)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        int start = 0;
        int end = 0;
        try
        {
            while (true)
            {
                if (end == buffer.Length)
                {
                    if (start == 0)
                    {
                        byte[] larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                        buffer.AsSpan(0, end).CopyTo(larger);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = larger;
                    }
                    else
                    {
                        buffer.AsSpan(start, end - start).CopyTo(buffer);
                        end -= start;
                        start = 0;
                    }
                }

                int read = await stream.ReadAsync(buffer.AsMemory(end));
                if (read == 0)
                {
                    return;
                }

                end += read;
                start = ProcessLines(buffer.AsSpan(0, end), start, onData);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Handles every complete line from <paramref name="start"/>; returns where the incomplete rest begins.</summary>
    private static int ProcessLines(ReadOnlySpan<byte> buffer, int start, DataHandler onData)
    {
        while (true)
        {
            int newline = buffer[start..].IndexOf((byte)'\n');
            if (newline < 0)
            {
                return start;
            }

            ReadOnlySpan<byte> line = buffer.Slice(start, newline).TrimEnd((byte)'\r');
            start += newline + 1;
            if (line.StartsWith("data:"u8))
            {
                ReadOnlySpan<byte> data = line[5..].TrimStart((byte)' ');
                if (!data.SequenceEqual("[DONE]"u8))
                {
                    onData(data);
                }
            }
        }
    }
}
