using System.Buffers;

namespace NexLLM.Connectors.Http;

/// <summary>
/// A non-streamed response body read into a rented buffer; dispose it to return the buffer. Every non-streamed decoder
/// (chat, embeddings, rerank, model list) reads its body from here, so the one rule for a leading UTF-8 byte order mark
/// lives here too: it is skipped, as event streams skip it (the WHATWG event-stream format says so) and as the WHATWG
/// decoders do for JSON fetched by a browser. The JSON reader would refuse it as an invalid start of a value.
/// </summary>
internal sealed class PooledBody : IDisposable
{
    private byte[]? _buffer;
    private readonly int _start;

    private PooledBody(byte[] buffer, int length)
    {
        _buffer = buffer;
        _start = buffer.AsSpan(0, length).StartsWith("\uFEFF"u8) ? 3 : 0;
        Length = length - _start;
    }

    /// <summary>Gets the length of the body, without a leading byte order mark.</summary>
    public int Length { get; }

    /// <summary>Gets the body, without a leading byte order mark.</summary>
    public ReadOnlySpan<byte> Span => _buffer is { } buffer ? buffer.AsSpan(_start, Length) : throw new ObjectDisposedException(nameof(PooledBody));

    /// <summary>
    /// Gets the body exactly as received, a leading byte order mark included: a binary body (audio) has no byte order mark,
    /// and raw PCM samples may well begin with the bytes EF BB BF.
    /// </summary>
    public ReadOnlySpan<byte> RawSpan => _buffer is { } buffer ? buffer.AsSpan(0, _start + Length) : throw new ObjectDisposedException(nameof(PooledBody));

    /// <summary>Gets the body, without a leading byte order mark.</summary>
    public ReadOnlyMemory<byte> Memory => _buffer is { } buffer ? buffer.AsMemory(_start, Length) : throw new ObjectDisposedException(nameof(PooledBody));

    /// <summary>Reads a whole body, at most <paramref name="maxBytes"/> bytes (counted after decompression).</summary>
    /// <returns>The body, or <see langword="null"/> when it is larger than the limit.</returns>
    public static async Task<PooledBody?> ReadAsync(Stream stream, long? contentLength, int maxBytes, IdleTimeout idle)
    {
        if (contentLength > maxBytes)
        {
            return null;
        }

        // One byte more than announced: the read that finds the end of the body needs room, or the buffer would grow for nothing.
        byte[] buffer = ArrayPool<byte>.Shared.Rent(contentLength is > 0 and var known ? (int)Math.Min(known + 1, maxBytes) : 16 * 1024);
        int length = 0;
        try
        {
            while (true)
            {
                int limit = Math.Min(buffer.Length, maxBytes);
                if (length == limit)
                {
                    if (limit == maxBytes)
                    {
                        // Full at the limit: one more byte means the body is too large.
                        if (await ReadOneMoreAsync(stream, idle).ConfigureAwait(false))
                        {
                            ArrayPool<byte>.Shared.Return(buffer);
                            return null;
                        }

                        break;
                    }

                    byte[] larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, maxBytes));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                    continue;
                }

                // Read here rather than through ReadOnceAsync: the hot path of every non-streamed answer keeps one async layer.
                idle.Arm();
                int read;
                try
                {
                    read = await stream.ReadAsync(buffer.AsMemory(length, limit - length), idle.Token).ConfigureAwait(false);
                }
                catch (InvalidOperationException ex) when (ex is not ObjectDisposedException)
                {
                    throw BodyDecoding.Failed(ex);
                }

                idle.Disarm();
                if (read == 0)
                {
                    break;
                }

                length += read;
            }

            return new PooledBody(buffer, length);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    /// <summary>Reads at most <paramref name="maxBytes"/> of a body (an error body: the rest is never read).</summary>
    public static async Task<byte[]> ReadPrefixAsync(Stream stream, int maxBytes, IdleTimeout idle)
    {
        byte[] buffer = new byte[maxBytes];
        int length = 0;
        while (length < maxBytes)
        {
            int read = await ReadOnceAsync(stream, buffer.AsMemory(length), idle).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            length += read;
        }

        return length == maxBytes ? buffer : buffer[..length];
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _buffer, null) is { } buffer)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static async Task<bool> ReadOneMoreAsync(Stream stream, IdleTimeout idle) =>
        await ReadOnceAsync(stream, new byte[1], idle).ConfigureAwait(false) > 0;

    /// <summary>One read with the idle timer armed; a Brotli decoder's corrupt-data error becomes what the other decoders throw.</summary>
    private static async ValueTask<int> ReadOnceAsync(Stream stream, Memory<byte> buffer, IdleTimeout idle)
    {
        idle.Arm();
        int read;
        try
        {
            read = await stream.ReadAsync(buffer, idle.Token).ConfigureAwait(false);
        }
        catch (InvalidOperationException ex) when (ex is not ObjectDisposedException)
        {
            throw BodyDecoding.Failed(ex);
        }

        idle.Disarm();
        return read;
    }
}
