using System.Net.ServerSentEvents;

namespace NexLLM.Connectors.Http;

/// <summary>
/// An open event stream: parsed events of one wire format, read straight from the response bytes. Failures surface as
/// <see cref="NexLLMException"/> (idle timeout, reset, an event over the size cap, raw JSON errors) or, for the
/// caller's own cancellation, as an <see cref="OperationCanceledException"/> carrying the caller's token.
/// Disposing it releases the connection, also when the caller stops reading early.
/// </summary>
/// <typeparam name="T">The format's parsed event.</typeparam>
internal sealed class SseStream<T> : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly SseGuardStream _guard;
    private readonly IdleTimeout _idle;
    private readonly IAsyncEnumerator<SseItem<T>> _events;
    private readonly ErrorFactory _errors;
    private readonly string _operation;
    private readonly CancellationToken _callerToken;
    private bool _hasPeeked;
    private int _eventCount;

    public SseStream(
        HttpResponseMessage response, Stream body, SseItemParser<T> parser, NexLLMTransport context, string operation, CancellationToken callerToken)
    {
        _response = response;
        _errors = context.Errors;
        _operation = operation;
        _callerToken = callerToken;
        _idle = new IdleTimeout(context.Options.StreamIdleTimeout, context.Options.TimeProvider, callerToken);
        _guard = new SseGuardStream(body, context.Options.MaxStreamEventBytes, _idle);
        _events = SseParser.Create(_guard, parser).EnumerateAsync(_idle.Token).GetAsyncEnumerator(_idle.Token);
        RequestId = RequestIds.From(response.Headers);
    }

    /// <summary>Gets the gateway's request id for this stream.</summary>
    public string? RequestId { get; }

    /// <summary>Gets the current event.</summary>
    public T Current => _events.Current.Data;

    /// <summary>Gets the SSE event type of the current event (<c>message</c> when the server sent none).</summary>
    public string CurrentEventType => _events.Current.EventType;

    /// <summary>Gets how many events were read so far.</summary>
    public int EventCount => _eventCount;

    /// <summary>Reads the first event ahead, inside the retry boundary; the next <see cref="MoveNextAsync"/> returns it.</summary>
    public async ValueTask<bool> PeekAsync()
    {
        bool read = await MoveNextCoreAsync().ConfigureAwait(false);
        _hasPeeked = read;
        return read;
    }

    /// <summary>Advances to the next event; returns <see langword="false"/> at the end of the stream.</summary>
    public ValueTask<bool> MoveNextAsync()
    {
        if (_hasPeeked)
        {
            _hasPeeked = false;
            return new ValueTask<bool>(true);
        }

        return MoveNextCoreAsync();
    }

    /// <summary>A server may append un-prefixed JSON, usually an error, to a stream (WIRE.md §0.7): raise it if so.</summary>
    public NexLLMException? GetTrailingError()
    {
        ReadOnlySpan<byte> raw = _guard.RawJson;
        if (raw.IsEmpty)
        {
            return null;
        }

        return ErrorBody.TryParseJson(raw, out ErrorBody error)
            ? _errors.FromStreamError(error, raw, _operation, RequestId)
            : _errors.Create(NexLLMErrorKind.InvalidResponse, $"NexLLM {_operation} stream contained text outside of any event.", transient: false, 200, RequestId, raw);
    }

    /// <summary>Builds the error for a stream that ended before its end marker.</summary>
    public NexLLMException Truncated(string expected) =>
        GetTrailingError() ?? _errors.Create(
            NexLLMErrorKind.TruncatedStream,
            $"NexLLM {_operation} stream ended after {_eventCount} events without {expected}: the answer is incomplete.",
            transient: _eventCount == 0,
            200,
            RequestId);

    /// <summary>Builds the error for the current event, whose data could not be parsed (events are counted from 1 as they are read).</summary>
    public NexLLMException Malformed(ReadOnlySpan<byte> data, Exception? inner) =>
        _errors.Create(
            NexLLMErrorKind.InvalidResponse,
            $"NexLLM {_operation} stream event {_eventCount} is not valid JSON of the expected shape.",
            transient: false,
            200,
            RequestId,
            data,
            inner);

    /// <summary>Builds the error for an error object inside the stream.</summary>
    public NexLLMException StreamError(ErrorBody error, ReadOnlySpan<byte> raw) => _errors.FromStreamError(error, raw, _operation, RequestId);

    public async ValueTask DisposeAsync()
    {
        await _events.DisposeAsync().ConfigureAwait(false);
        await _guard.DisposeAsync().ConfigureAwait(false);
        _response.Dispose();
        _idle.Dispose();
    }

    private async ValueTask<bool> MoveNextCoreAsync()
    {
        try
        {
            bool read = await _events.MoveNextAsync().ConfigureAwait(false);
            if (read)
            {
                _eventCount++;
            }

            return read;
        }
        catch (OperationCanceledException ex) when (_callerToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(ex.Message, ex, _callerToken);
        }
        catch (OperationCanceledException ex) when (_idle.Elapsed)
        {
            throw _errors.Create(
                NexLLMErrorKind.Timeout,
                $"NexLLM {_operation} stream was silent for longer than {_idle.Duration.TotalSeconds:0.###} s (NexLLMClientOptions.StreamIdleTimeout).",
                transient: _eventCount == 0,
                200,
                RequestId,
                inner: ex);
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException)
        {
            throw _errors.Create(
                NexLLMErrorKind.Connection,
                $"NexLLM {_operation} stream was interrupted after {_eventCount} events: {ex.Message}",
                transient: _eventCount == 0,
                200,
                RequestId,
                inner: ex);
        }
    }
}
