using System.Buffers;
using System.Runtime.CompilerServices;

namespace NexLLM.Connectors.Http;

/// <summary>
/// Reads server-sent events (the WHATWG event-stream format) straight from a response body, in one pass over the bytes:
/// lines end with LF, CRLF or CR; a leading BOM is skipped; <c>data:</c> lines (with or without the space) are joined with
/// LF; a blank line dispatches the event; comments, <c>event:</c>, <c>id:</c>, <c>retry:</c> and unknown fields are
/// skipped (events are dispatched on the JSON <c>type</c> inside the data, never on <c>event:</c>: docs/architecture.md#conventions); an
/// event without its final blank line at the end of the stream is dropped, as the spec says. On the way it keeps the
/// promises System.Net.ServerSentEvents' parser does not (docs/reliability.md):
/// <list type="bullet">
/// <item>one event's size is capped (that parser buffers about 1 GiB);</item>
/// <item>un-prefixed JSON written into the stream (new-api appends its deferred error as raw JSON, Google-style servers
/// send raw error bodies: docs/protocols/gateway.md#sse-framing, docs/protocols/sse.md) is kept for <see cref="RawJson"/>;</item>
/// <item>the idle timer is armed only while a read is pending, so keep-alive comments reset it.</item>
/// </list>
/// An event's data is handed out as a span over the read buffer when it is one line (the usual case: no copy), or over
/// a pooled buffer where several lines were joined. Buffers are pooled and returned on <see cref="Dispose"/>.
/// </summary>
internal sealed class SseEventReader : IDisposable
{
    private const int InitialBufferSize = 16 * 1024;
    private const int MaxRawBytes = 64 * 1024;

    private readonly Stream _body;
    private readonly IdleTimeout _idle;
    private readonly int _maxEventBytes;

    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(InitialBufferSize);
    private int _start;
    private int _end;
    private bool _checkedBom;
    private bool _skipLineFeed;

    // The current event: its size so far, and its data either as one line still in _buffer or joined in _joined.
    private long _eventBytes;
    private bool _hasData;
    private int _lineDataStart = -1;
    private int _lineDataLength;
    private byte[]? _joined;
    private int _joinedLength;

    private byte[]? _raw;
    private int _rawLength;
    private bool _capturingRaw;

    public SseEventReader(Stream body, int maxEventBytes, IdleTimeout idle)
    {
        _body = body;
        _maxEventBytes = maxEventBytes;
        _idle = idle;
    }

    /// <summary>Gets the raw (un-prefixed) JSON text seen in the stream, from its first line to the end of the stream (at most 64 KiB).</summary>
    public ReadOnlySpan<byte> RawJson => _raw.AsSpan(0, _rawLength);

    /// <summary>
    /// Takes the next complete event from the bytes already read. The data stays valid until the next call of this
    /// method or of <see cref="FillAsync"/>.
    /// </summary>
    /// <returns><see langword="false"/> when more bytes must be read first.</returns>
    /// <exception cref="EventTooLargeException">The event outgrew the cap.</exception>
    public bool TryReadEvent(out ReadOnlySpan<byte> data)
    {
        while (true)
        {
            ReadOnlySpan<byte> pending = _buffer.AsSpan(_start, _end - _start);
            if (!_checkedBom)
            {
                if (pending.Length < 3 && "\uFEFF"u8.StartsWith(pending))
                {
                    data = default;
                    return false;
                }

                _checkedBom = true;
                if (pending.StartsWith("\uFEFF"u8))
                {
                    _start += 3;
                    continue;
                }
            }

            if (_skipLineFeed && !pending.IsEmpty)
            {
                // The LF of a CRLF split across two reads: not a second line break.
                _skipLineFeed = false;
                if (pending[0] == (byte)'\n')
                {
                    _start++;
                    continue;
                }
            }

            int end = pending.IndexOfAny((byte)'\r', (byte)'\n');
            if (end < 0)
            {
                // An incomplete line counts against the cap already, so that one endless line cannot grow the buffer unbounded.
                CheckSize(_eventBytes + pending.Length);
                data = default;
                return false;
            }

            int lineStart = _start;
            ReadOnlySpan<byte> line = pending[..end];
            _start += end + 1;
            if (pending[end] == (byte)'\r')
            {
                if (end + 1 < pending.Length)
                {
                    _start += pending[end + 1] == (byte)'\n' ? 1 : 0;
                }
                else
                {
                    _skipLineFeed = true;
                }
            }

            if (!line.IsEmpty && line[0] == (byte)'{')
            {
                _capturingRaw = true;
            }

            if (_capturingRaw)
            {
                // The line and its first line-break byte, as the text was written.
                Capture(pending[..(end + 1)]);
            }

            if (line.IsEmpty)
            {
                _eventBytes = 0;
                if (_hasData)
                {
                    data = _lineDataStart >= 0 ? _buffer.AsSpan(_lineDataStart, _lineDataLength) : _joined.AsSpan(0, _joinedLength);
                    _hasData = false;
                    _lineDataStart = -1;
                    _joinedLength = 0;
                    return true;
                }

                continue;
            }

            _eventBytes += line.Length;
            CheckSize(_eventBytes);
            AddField(line, lineStart);
        }
    }

    /// <summary>Reads more bytes of the stream, with the idle timer armed for the read.</summary>
    /// <returns><see langword="false"/> at the end of the stream.</returns>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<bool> FillAsync()
    {
        MakeRoom();
        _idle.Arm();
        int read;
        try
        {
            read = await _body.ReadAsync(_buffer.AsMemory(_end), _idle.Token).ConfigureAwait(false);
        }
        catch (InvalidOperationException ex) when (ex is not ObjectDisposedException)
        {
            // Only the body's read is inside: a Brotli decoder's corrupt-data error, the same failure as gzip's InvalidDataException.
            throw BodyDecoding.Failed(ex);
        }

        _idle.Disarm();
        if (read == 0)
        {
            // An incomplete last line is no event; it may still be the start of raw JSON (a body without a final line break).
            ReadOnlySpan<byte> rest = _buffer.AsSpan(_start, _end - _start);
            if (_capturingRaw || (!rest.IsEmpty && rest[0] == (byte)'{'))
            {
                Capture(rest);
            }

            _start = _end;
            return false;
        }

        _end += read;
        return true;
    }

    public void Dispose()
    {
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
            _start = _end = 0;
        }

        ReturnJoined();
        _body.Dispose();
    }

    private void ReturnJoined()
    {
        if (_joined is { } joined)
        {
            _joined = null;
            ArrayPool<byte>.Shared.Return(joined);
        }
    }

    private void CheckSize(long eventBytes)
    {
        if (eventBytes > _maxEventBytes)
        {
            throw new EventTooLargeException(_maxEventBytes);
        }
    }

    /// <summary>One field line (WHATWG "process the field"): only <c>data</c> matters here.</summary>
    private void AddField(ReadOnlySpan<byte> line, int lineStart)
    {
        int colon = line.IndexOf((byte)':');
        if (colon == 0)
        {
            return; // a comment, e.g. a keep-alive
        }

        ReadOnlySpan<byte> name = colon < 0 ? line : line[..colon];
        if (!name.SequenceEqual("data"u8))
        {
            return;
        }

        int valueStart = colon < 0 ? line.Length : colon + 1;
        if (valueStart < line.Length && line[valueStart] == (byte)' ')
        {
            valueStart++;
        }

        ReadOnlySpan<byte> value = line[valueStart..];
        if (!_hasData)
        {
            // The usual event: one data line, handed out where it was read.
            _hasData = true;
            _lineDataStart = lineStart + valueStart;
            _lineDataLength = value.Length;
            return;
        }

        MoveLineDataToJoined();
        Join((byte)'\n', value);
    }

    /// <summary>The data line still in the read buffer moves to the joined buffer (before the read buffer is compacted, or when a second line comes).</summary>
    private void MoveLineDataToJoined()
    {
        if (_lineDataStart >= 0)
        {
            int start = _lineDataStart;
            _lineDataStart = -1;
            _joinedLength = 0;
            Join(null, _buffer.AsSpan(start, _lineDataLength));
        }
    }

    private void Join(byte? separator, ReadOnlySpan<byte> value)
    {
        int needed = _joinedLength + value.Length + 1;
        if (_joined is null || _joined.Length < needed)
        {
            byte[] larger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, 1024));
            _joined.AsSpan(0, _joinedLength).CopyTo(larger);
            ReturnJoined();
            _joined = larger;
        }

        if (separator is { } lineFeed)
        {
            _joined[_joinedLength++] = lineFeed;
        }

        value.CopyTo(_joined.AsSpan(_joinedLength));
        _joinedLength += value.Length;
    }

    /// <summary>Frees space at the end of the read buffer: drops consumed bytes, and grows the buffer when one line fills it.</summary>
    private void MakeRoom()
    {
        int unread = _end - _start;
        if (_start > 0 && (unread == 0 || _buffer.Length - _end < _buffer.Length / 4))
        {
            MoveLineDataToJoined();
            _buffer.AsSpan(_start, unread).CopyTo(_buffer);
            _start = 0;
            _end = unread;
        }

        if (_end == _buffer.Length)
        {
            // One incomplete line fills the buffer: it is below the event cap (checked as it came), so grow.
            byte[] larger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
            _buffer.AsSpan(0, _end).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
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

/// <summary>One stream event outgrew the cap; the stream that owns the reader turns it into a <see cref="NexLLMException"/> with its context.</summary>
internal sealed class EventTooLargeException(int limit) : Exception($"A stream event exceeded the limit of {limit:N0} bytes (NexLLMClientOptions.MaxStreamEventBytes).")
{
    public int Limit { get; } = limit;
}
