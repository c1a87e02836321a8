using System.Runtime.CompilerServices;

namespace NexLLM.Connectors.Http;

/// <summary>Parses one event's data (never throws: a malformed event is carried out as such, see <see cref="JsonEvent{T}"/>).</summary>
/// <typeparam name="T">The format's parsed event.</typeparam>
/// <param name="data">The event's data, valid only during the call.</param>
internal delegate T SseDataParser<T>(ReadOnlySpan<byte> data);

/// <summary>
/// An open event stream: parsed events of one wire format, read straight from the response bytes. Failures surface as
/// <see cref="NexLLMException"/> (idle timeout, reset, an event over the size cap, raw JSON errors) or, for the
/// caller's own cancellation, as an <see cref="OperationCanceledException"/> carrying the caller's token.
/// Disposing it releases the connection, also when the caller stops reading early.
/// </summary>
/// <typeparam name="T">The format's parsed event.</typeparam>
internal sealed class SseStream<T> : IAsyncDisposable, IStreamContext
{
    /// <summary>How many leading events without visible content are read inside the retry boundary at most.</summary>
    private const int MaxPreludeEvents = 16;

    private readonly HttpResponseMessage _response;
    private readonly SseEventReader _reader;
    private readonly SseDataParser<T> _parser;
    private readonly IdleTimeout _idle;
    private readonly NexLLMTransport _transport;
    private readonly Uri _uri;
    private readonly string _operation;
    private readonly int _attempt;
    private readonly CancellationToken _callerToken;
    private readonly AttemptTelemetry? _telemetry;
    private bool _ownsTelemetry;
    private Queue<T>? _readAhead;
    private T _current = default!;
    private int _eventCount;

    public SseStream(
        HttpResponseMessage response, Stream body, SseDataParser<T> parser, NexLLMTransport transport, Uri uri, string operation, int attempt, AttemptTelemetry? telemetry, CancellationToken callerToken)
    {
        _response = response;
        _transport = transport;
        _uri = uri;
        _operation = operation;
        _attempt = attempt;
        _callerToken = callerToken;
        _telemetry = telemetry;
        _parser = parser;
        _idle = new IdleTimeout(transport.Options.StreamIdleTimeout, transport.Options.TimeProvider, callerToken);
        _reader = new SseEventReader(body, transport.Options.MaxStreamEventBytes, _idle);
        RequestId = RequestIds.From(response.Headers);
    }

    /// <summary>Gets the gateway's request id for this stream.</summary>
    public string? RequestId { get; }

    /// <summary>Gets the current event.</summary>
    public T Current => _current;

    /// <inheritdoc />
    public int MaxAccumulatedChars => _transport.Options.MaxResponseBytes;

    /// <summary>
    /// Reads ahead, inside the retry boundary, until the first event the caller would see: an error before it, or a
    /// stream that ends or fails before it, throws (and is retried, since nothing was delivered). The events read are
    /// replayed by <see cref="MoveNextAsync"/>.
    /// </summary>
    public async ValueTask ReadAheadAsync(Func<SseStream<T>, NexLLMException?> errorOf, Func<T, bool> isPrelude)
    {
        _readAhead = new Queue<T>();
        while (true)
        {
            if (!await MoveNextCoreAsync().ConfigureAwait(false))
            {
                throw Truncated("any content");
            }

            if (errorOf(this) is { } error)
            {
                throw error;
            }

            _readAhead.Enqueue(_current);
            if (!isPrelude(_current) || _readAhead.Count >= MaxPreludeEvents)
            {
                return;
            }
        }
    }

    /// <summary>Advances to the next event; returns <see langword="false"/> at the end of the stream.</summary>
    public ValueTask<bool> MoveNextAsync()
    {
        if (_readAhead is { Count: > 0 } readAhead)
        {
            _current = readAhead.Dequeue();
            return new ValueTask<bool>(true);
        }

        return MoveNextCoreAsync();
    }

    /// <summary>A server may append un-prefixed JSON, usually an error, to a stream (docs/protocols/gateway.md#sse-framing): the error, if so.</summary>
    public NexLLMException? GetTrailingError()
    {
        ReadOnlySpan<byte> raw = _reader.RawJson;
        if (raw.IsEmpty)
        {
            return null;
        }

        return Fail(ErrorBody.TryParseJson(raw, out ErrorBody error)
            ? _transport.Errors.FromErrorObject(error, raw, _operation, RequestId, inStream: true)
            : _transport.Errors.Create(NexLLMErrorKind.InvalidResponse, $"NexLLM {_operation} stream contained text outside of any event.", transient: false, 200, RequestId, raw));
    }

    /// <summary>
    /// Applies, once reading stopped, the end-of-stream rules every format shares (docs/reliability.md, "truncation is an
    /// error"). Raw JSON appended to the stream is the gateway's deferred error (docs/protocols/gateway.md#sse-framing): raised
    /// even for a caller who allowed incomplete streams, an option for missing end markers only; a stream that ended properly
    /// was not read past its end. An incomplete answer is a <see cref="NexLLMErrorKind.TruncatedStream"/> error unless the
    /// caller allowed incomplete streams (<see cref="NexLLMClientOptions.AllowIncompleteStreams"/>).
    /// </summary>
    /// <param name="sawEnd">Whether reading stopped at the format's ending event rather than at the end of the body.</param>
    /// <param name="complete">Whether the answer is complete.</param>
    /// <param name="missing">What a complete stream has and this one lacks, for the message.</param>
    /// <exception cref="NexLLMException">The appended error, or the truncation.</exception>
    public void ThrowIfIncomplete(bool sawEnd, bool complete, string missing)
    {
        if ((!sawEnd || !complete) && GetTrailingError() is { } trailing)
        {
            throw trailing;
        }

        if (!complete && !_transport.Options.AllowIncompleteStreams)
        {
            throw Truncated(missing);
        }
    }

    /// <summary>Builds the error for a stream that ended before its end marker (or the error appended to it, if any).</summary>
    public NexLLMException Truncated(string expected) =>
        GetTrailingError() ?? Fail(_transport.Errors.Create(
            NexLLMErrorKind.TruncatedStream,
            $"NexLLM {_operation} stream ended after {_eventCount} events without {expected}: the answer is incomplete.",
            transient: true,
            200,
            RequestId));

    /// <summary>Builds the error for an event whose data could not be parsed, or whose content no caller can use.</summary>
    public NexLLMException Malformed(ReadOnlySpan<byte> data, Exception? inner) =>
        Fail(_transport.Errors.Create(
            NexLLMErrorKind.InvalidResponse,
            inner is ResponseContentException content
                ? $"NexLLM {_operation} stream event {_eventCount} is invalid: {content.Message}."
                : $"NexLLM {_operation} stream event {_eventCount} is not valid JSON of the expected shape.",
            transient: false,
            200,
            RequestId,
            data,
            inner));

    /// <summary>Builds the error for an event whose content no caller can use, found while it was mapped.</summary>
    public NexLLMException InvalidContent(ResponseContentException ex) =>
        Error(NexLLMErrorKind.InvalidResponse, $"NexLLM {_operation} stream event {_eventCount} is invalid: {ex.Message}.", transient: false, ex.InnerException ?? ex);

    /// <summary>Builds the error for an error object inside the stream.</summary>
    public NexLLMException StreamError(ErrorBody error, ReadOnlySpan<byte> raw) => Fail(_transport.Errors.FromErrorObject(error, raw, _operation, RequestId, inStream: true));

    /// <summary>Builds an error of the format's own (a restart, an inconsistency) with this stream's context.</summary>
    public NexLLMException Error(NexLLMErrorKind kind, string message, bool transient, Exception? inner = null) =>
        Fail(_transport.Errors.Create(kind, message, transient, 200, RequestId, inner: inner));

    /// <summary>Takes the attempt's telemetry over as the stream is handed to its reader: it now ends when the stream is disposed.</summary>
    public void TakeOverTelemetry() => _ownsTelemetry = true;

    public ValueTask DisposeAsync()
    {
        try
        {
            // The body goes first: a connection given up early must not be handed back to the pool half-read.
            _reader.Dispose();
            _response.Dispose();
            _idle.Dispose();
        }
        finally
        {
            // Once handed over, the attempt ends with its stream and its failures are the caller's; before, the attempt's own.
            if (_ownsTelemetry)
            {
                _telemetry?.End(countFailure: true);
            }
        }

        return default;
    }

    /// <summary>The next event: straight from the bytes already read when they hold one (no await, no allocation), else read on.</summary>
    private ValueTask<bool> MoveNextCoreAsync()
    {
        if (_callerToken.IsCancellationRequested)
        {
            // Events already buffered are not handed out after the caller gave up.
            return ValueTask.FromCanceled<bool>(_callerToken);
        }

        try
        {
            if (TryDispatch())
            {
                return new ValueTask<bool>(true);
            }
        }
        catch (EventTooLargeException ex)
        {
            return ValueTask.FromException<bool>(Translate(ex)!);
        }

        return ReadOnAsync();
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<bool> ReadOnAsync()
    {
        try
        {
            while (await _reader.FillAsync().ConfigureAwait(false))
            {
                if (TryDispatch())
                {
                    return true;
                }
            }

            return false;
        }
        catch (Exception ex) when (Translate(ex) is { } translated)
        {
            throw translated;
        }
    }

    private bool TryDispatch()
    {
        if (!_reader.TryReadEvent(out ReadOnlySpan<byte> data))
        {
            return false;
        }

        if (++_eventCount == 1)
        {
            _telemetry?.OnFirstEvent();
        }

        _current = _parser(data);
        return true;
    }

    /// <summary>What a failed read means to the caller: their own cancellation, our idle timeout, a cap, or a broken connection.</summary>
    private Exception? Translate(Exception ex) => ex switch
    {
        OperationCanceledException when _callerToken.IsCancellationRequested => Canceled(ex),
        OperationCanceledException when _idle.Elapsed => Error(
            NexLLMErrorKind.Timeout,
            $"NexLLM {_operation} stream was silent for longer than {_idle.Duration.TotalSeconds:0.###} s (NexLLMClientOptions.StreamIdleTimeout).",
            transient: true,
            ex),
        EventTooLargeException => Error(NexLLMErrorKind.ResponseTooLarge, $"NexLLM {_operation} stream: {ex.Message}", transient: false, ex),
        InvalidDataException => Error(NexLLMErrorKind.InvalidResponse, $"NexLLM {_operation} stream could not be decompressed: {ex.Message}", transient: false, ex),
        IOException or HttpRequestException => Error(NexLLMErrorKind.Connection, $"NexLLM {_operation} stream was interrupted after {_eventCount} events: {ex.Message}", transient: true, ex),
        _ => null,
    };

    private OperationCanceledException Canceled(Exception ex)
    {
        var canceled = new OperationCanceledException(ex.Message, ex, _callerToken);
        _telemetry?.OnFailure(canceled);
        return canceled;
    }

    /// <summary>Errors after the stream was handed over are outside the retry loop: give them the attempt count and log them here.</summary>
    private NexLLMException Fail(NexLLMException error)
    {
        error.Attempts = _attempt;
        _telemetry?.OnFailure(error);
        _transport.LogFailure(_uri, error);
        return error;
    }
}
