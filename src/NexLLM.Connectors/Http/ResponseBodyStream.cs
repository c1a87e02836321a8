using System.Buffers;

namespace NexLLM.Connectors.Http;

/// <summary>
/// A successful response whose body is read as it arrives, not as events (a speech answer's audio): every read is
/// guarded by the idle timeout (docs/reliability.md, "timeouts"), and failures surface as <see cref="NexLLMException"/>,
/// or, for the caller's own cancellation, as an <see cref="OperationCanceledException"/> carrying the caller's token.
/// The first bytes are read inside the retry boundary (<see cref="ReadAheadAsync"/>): a body that fails before them is
/// retried, since nothing was delivered. Disposing it releases the connection, also when the caller stops early.
/// </summary>
internal sealed class ResponseBodyStream : IAsyncDisposable
{
    private const int ReadAheadBytes = 16 * 1024;

    private readonly HttpResponseMessage _response;
    private readonly Stream _body;
    private readonly IdleTimeout _idle;
    private readonly NexLLMTransport _transport;
    private readonly Uri _uri;
    private readonly string _operation;
    private readonly int _attempt;
    private readonly CancellationToken _callerToken;
    private readonly AttemptTelemetry? _telemetry;
    private bool _ownsTelemetry;
    private byte[]? _readAhead;
    private int _readAheadStart;
    private int _readAheadEnd;
    private long _bytesRead;

    public ResponseBodyStream(HttpResponseMessage response, Stream body, NexLLMTransport transport, Uri uri, string operation, int attempt, AttemptTelemetry? telemetry, CancellationToken callerToken)
    {
        _response = response;
        _body = body;
        _transport = transport;
        _uri = uri;
        _operation = operation;
        _attempt = attempt;
        _callerToken = callerToken;
        _telemetry = telemetry;
        _idle = new IdleTimeout(transport.Options.StreamIdleTimeout, transport.Options.TimeProvider, callerToken);
        RequestId = RequestIds.From(response.Headers);
        MediaType = response.Content.Headers.ContentType?.MediaType;
        ContentLength = response.Content.Headers.ContentLength;
    }

    /// <summary>Gets the gateway's request id.</summary>
    public string? RequestId { get; }

    /// <summary>Gets the body's media type, if the server named one.</summary>
    public string? MediaType { get; }

    /// <summary>Gets the body's announced length, if any (a chunked body has none).</summary>
    public long? ContentLength { get; }

    /// <summary>Gets the transport's error factory, for errors about the body's content.</summary>
    public ErrorFactory Errors => _transport.Errors;

    /// <summary>Reads the first bytes, inside the retry boundary: an empty body or a failure before any byte throws (and may be retried).</summary>
    public async ValueTask ReadAheadAsync()
    {
        _readAhead = ArrayPool<byte>.Shared.Rent(ReadAheadBytes);
        _readAheadEnd = await ReadCoreAsync(_readAhead).ConfigureAwait(false);
        if (_readAheadEnd == 0)
        {
            throw Fail(_transport.Errors.Create(
                NexLLMErrorKind.TruncatedStream, $"NexLLM {_operation} answered with an empty body.", transient: true, 200, RequestId));
        }

        _telemetry?.OnFirstByte();
    }

    /// <summary>Reads the next bytes into <paramref name="destination"/>; returns 0 at the end of the body.</summary>
    public ValueTask<int> ReadAsync(Memory<byte> destination)
    {
        if (_callerToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<int>(_callerToken);
        }

        if (_readAhead is { } buffered)
        {
            int count = Math.Min(destination.Length, _readAheadEnd - _readAheadStart);
            buffered.AsSpan(_readAheadStart, count).CopyTo(destination.Span);
            _readAheadStart += count;
            if (_readAheadStart == _readAheadEnd)
            {
                _readAhead = null;
                ArrayPool<byte>.Shared.Return(buffered);
            }

            return new ValueTask<int>(count);
        }

        return ReadCoreAsync(destination);
    }

    /// <summary>Builds an error about the body's content (not JSON where JSON was due, an unexpected media type).</summary>
    public NexLLMException Error(NexLLMErrorKind kind, string message, bool transient, ReadOnlySpan<byte> body = default) =>
        Fail(_transport.Errors.Create(kind, message, transient, 200, RequestId, body));

    /// <summary>Takes the attempt's telemetry over as the body is handed to its reader: it now ends when the body is disposed.</summary>
    public void TakeOverTelemetry() => _ownsTelemetry = true;

    public ValueTask DisposeAsync()
    {
        try
        {
            // The body goes first: a connection given up early must not be handed back to the pool half-read.
            _body.Dispose();
            _response.Dispose();
            _idle.Dispose();
            if (_readAhead is { } buffered)
            {
                _readAhead = null;
                ArrayPool<byte>.Shared.Return(buffered);
            }
        }
        finally
        {
            // Once handed over, the attempt ends with its body and its failures are the caller's; before, the attempt's own.
            if (_ownsTelemetry)
            {
                _telemetry?.End(countFailure: true);
            }
        }

        return default;
    }

    private async ValueTask<int> ReadCoreAsync(Memory<byte> destination)
    {
        _idle.Arm();
        try
        {
            int read = await _body.ReadAsync(destination, _idle.Token).ConfigureAwait(false);
            _bytesRead += read;
            return read;
        }
        catch (Exception ex) when (Translate(ex) is { } translated)
        {
            throw translated;
        }
        finally
        {
            _idle.Disarm();
        }
    }

    /// <summary>What a failed read means to the caller: their own cancellation, our idle timeout, or a broken connection.</summary>
    private Exception? Translate(Exception ex) => ex switch
    {
        OperationCanceledException when _callerToken.IsCancellationRequested => Canceled(ex),
        OperationCanceledException when _idle.Elapsed => Fail(_transport.Errors.Create(
            NexLLMErrorKind.Timeout,
            $"NexLLM {_operation} body was silent for longer than {_idle.Duration.TotalSeconds:0.###} s (NexLLMClientOptions.StreamIdleTimeout).",
            transient: true,
            200,
            RequestId,
            inner: ex)),
        InvalidDataException => Fail(_transport.Errors.Create(
            NexLLMErrorKind.InvalidResponse, $"NexLLM {_operation} body could not be decompressed: {ex.Message}", transient: false, 200, RequestId, inner: ex)),
        IOException or HttpRequestException => Fail(_transport.Errors.Create(
            NexLLMErrorKind.Connection, $"NexLLM {_operation} body was cut off after {_bytesRead:N0} bytes: {ex.Message}", transient: true, 200, RequestId, inner: ex)),
        _ => null,
    };

    private OperationCanceledException Canceled(Exception ex)
    {
        var canceled = new OperationCanceledException(ex.Message, ex, _callerToken);
        _telemetry?.OnFailure(canceled);
        return canceled;
    }

    /// <summary>Errors after the body was handed over are outside the retry loop: give them the attempt count and log them here.</summary>
    private NexLLMException Fail(NexLLMException error)
    {
        error.Attempts = _attempt;
        _telemetry?.OnFailure(error);
        _transport.LogFailure(_uri, error);
        return error;
    }
}
