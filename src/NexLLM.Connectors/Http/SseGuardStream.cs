namespace NexLLM.Connectors.Http;

/// <summary>
/// Sits between the response stream and System.Net.ServerSentEvents' parser and watches the bytes go by, without
/// changing them:
/// <list type="bullet">
/// <item>it caps one event's size (the parser would buffer about 1 GiB; RELIABILITY.md, "bounded memory");</item>
/// <item>it keeps un-prefixed JSON that a server writes into a stream (new-api appends its deferred error as raw JSON,
/// Google-style servers send raw error bodies: WIRE.md §0.7, §1), which the parser drops as an unknown field;</item>
/// <item>it arms the idle timer only while a read is pending, so keep-alive comments reset it.</item>
/// </list>
/// </summary>
internal sealed class SseGuardStream(Stream inner, int maxEventBytes, IdleTimeout idle) : Stream
{
    private const int MaxRawBytes = 64 * 1024;

    private byte[]? _raw;
    private int _rawLength;
    private bool _capturingRaw;
    private bool _atLineStart = true;
    private bool _lastWasCarriageReturn;
    private long _eventBytes;

    /// <summary>Gets the raw (un-prefixed) JSON text seen in the stream, from its first line to the end of the stream.</summary>
    public ReadOnlySpan<byte> RawJson => _raw.AsSpan(0, _rawLength);

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        idle.Arm();
        int read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        idle.Disarm();
        Inspect(buffer.Span[..read]);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) =>
        throw new NotSupportedException("SSE streams are read asynchronously.");

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private void Inspect(ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            if (_lastWasCarriageReturn && bytes[0] == (byte)'\n')
            {
                // The LF of a CRLF split across two reads: not a second line break.
                _lastWasCarriageReturn = false;
                bytes = bytes[1..];
                continue;
            }

            _lastWasCarriageReturn = false;
            int end = bytes.IndexOfAny((byte)'\r', (byte)'\n');
            ReadOnlySpan<byte> line = end < 0 ? bytes : bytes[..end];
            if (!line.IsEmpty)
            {
                if (_atLineStart && line[0] == (byte)'{')
                {
                    _capturingRaw = true;
                }

                _atLineStart = false;
                _eventBytes += line.Length;
                if (_eventBytes > maxEventBytes)
                {
                    throw new EventTooLargeException(maxEventBytes);
                }
            }

            if (_capturingRaw)
            {
                Capture(end < 0 ? bytes : bytes[..(end + 1)]);
            }

            if (end < 0)
            {
                return;
            }

            if (_atLineStart)
            {
                // A blank line ends an event.
                _eventBytes = 0;
            }

            _atLineStart = true;
            _lastWasCarriageReturn = bytes[end] == (byte)'\r';
            bytes = bytes[(end + 1)..];
        }
    }

    private void Capture(ReadOnlySpan<byte> bytes)
    {
        _raw ??= new byte[MaxRawBytes];
        int take = Math.Min(bytes.Length, MaxRawBytes - _rawLength);
        bytes[..take].CopyTo(_raw.AsSpan(_rawLength));
        _rawLength += take;
    }
}

/// <summary>One stream event outgrew the cap; the stream that owns the guard turns it into a <see cref="NexLLMException"/> with its context.</summary>
internal sealed class EventTooLargeException(int limit) : Exception($"A stream event exceeded the limit of {limit:N0} bytes (NexLLMClientOptions.MaxStreamEventBytes).")
{
    public int Limit { get; } = limit;
}
