using System.Net.WebSockets;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.AI;
using NexLLM.Connectors.Common;
using NexLLM.Connectors.Http;

namespace NexLLM.Connectors.Realtime;

/// <summary>
/// One realtime session over the gateway's WebSocket (docs/protocols/realtime.md): client messages are sent as beta events,
/// server events are read as they arrive and handed out as M.E.AI's server messages. Failures are
/// <see cref="NexLLMException"/>s with their kind; the server's silence counts only while a response is pending
/// (<see cref="NexLLMClientOptions.StreamIdleTimeout"/>), since a session may rightly sit idle between turns.
/// </summary>
internal sealed class OpenAIRealtimeClientSession : IRealtimeClientSession
{
    private const string Protocol = "realtime";
    private const string Operation = "realtime";

    private readonly NexLLMClient _owner;
    private readonly ChatClientMetadata _metadata;
    private readonly NexLLMTransport _transport;
    private readonly ClientWebSocket _socket;
    private readonly Uri _uri;
    private readonly WebSocketMessageReader _reader;
    private readonly SemaphoreSlim _sendLock = new(1, 1);

    /// <summary>Canceled by <see cref="DisposeAsync"/>: a send waiting for its turn, or sending, stops then.</summary>
    private readonly CancellationTokenSource _lifetime = new();
    private readonly RealtimeResponseTracker _pending = new();
    private int _reading;
    private volatile bool _disposed;

    public OpenAIRealtimeClientSession(NexLLMClient owner, ChatClientMetadata metadata, NexLLMTransport transport, ClientWebSocket socket, Uri uri, RealtimeSessionOptions options)
    {
        _owner = owner;
        _metadata = metadata;
        _transport = transport;
        _socket = socket;
        _uri = uri;
        Options = options;
        _reader = new WebSocketMessageReader(socket, transport.Errors, transport.Options.MaxStreamEventBytes, Operation);
    }

    public RealtimeSessionOptions? Options { get; private set; }

    public async Task SendAsync(RealtimeClientMessage message, CancellationToken cancellationToken = default)
    {
        Throw.IfNull(message);
        ObjectDisposedException.ThrowIf(_disposed, this);

        // Mapped first: a message the gateway would choke on is refused before anything is sent.
        string? responseEventId = message is CreateResponseRealtimeClientMessage || message.RawRepresentation is not null ? _pending.NextResponseEventId() : null;
        (byte[] json, string type, string? eventId) = RealtimeClientEventMapper.ToJson(message, option => _transport.LogIgnoredOption(Protocol, option), responseEventId);
        await SendEventAsync(json, type, eventId, (message as SessionUpdateRealtimeClientMessage)?.Options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends a mapped event.</summary>
    /// <param name="json">The event.</param>
    /// <param name="type">Its type.</param>
    /// <param name="eventId">Its <c>event_id</c>, if it has one.</param>
    /// <param name="sessionOptions">The options a <c>session.update</c> applies, which become <see cref="Options"/>.</param>
    /// <param name="cancellationToken">The caller's token.</param>
    internal async Task SendEventAsync(byte[] json, string type, string? eventId, RealtimeSessionOptions? sessionOptions, CancellationToken cancellationToken)
    {
        bool response = type == "response.create";
        if (response)
        {
            // Before sending: the answer may be read, to its response.done, before the send returns.
            _pending.Requested(eventId);
        }

        try
        {
            await SendJsonAsync(json, cancellationToken).ConfigureAwait(false);
        }
        catch when (response)
        {
            // Not sent (canceled, or the session is gone): no response is coming, so the server's silence must not count.
            _pending.NotSent(eventId);
            throw;
        }

        if (sessionOptions is not null)
        {
            // What function invocation reads its tools from (M.E.AI's FunctionInvokingRealtimeClientSession uses Options.Tools).
            Options = sessionOptions;
        }
    }

    public async IAsyncEnumerable<RealtimeServerMessage> GetStreamingResponseAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (Interlocked.Exchange(ref _reading, 1) == 1)
        {
            throw new InvalidOperationException("The session's messages are already being read; a session has one reader at a time.");
        }

        using var idle = new IdleTimeout(_transport.Options.StreamIdleTimeout, _transport.Options.TimeProvider, cancellationToken);
        _pending.Attach(idle);
        try
        {
            RealtimeErrorEvent? lastError = null;
            while (true)
            {
                RealtimeServerMessage? message = await ReadOneAsync(idle, lastError, cancellationToken).ConfigureAwait(false);
                if (message is null)
                {
                    yield break;
                }

                lastError = message is ErrorRealtimeServerMessage error ? new RealtimeErrorEvent(error) : null;
                _pending.Observe(message);
                yield return message;
            }
        }
        finally
        {
            _pending.Attach(null);
            Volatile.Write(ref _reading, 0);
        }
    }

    /// <summary>
    /// Answers <see cref="ChatClientMetadata"/> (provider, endpoint, the session's model): M.E.AI has no realtime metadata type,
    /// and its OpenTelemetry session decorator reads the gen_ai provider, server and model from that one.
    /// </summary>
    public object? GetService(Type serviceType, object? serviceKey = null) => AdapterServices.Get(serviceType, serviceKey, _metadata, _owner, this);

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await _lifetime.CancelAsync().ConfigureAwait(false);
        try
        {
            if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                // A clean close, bounded: a server that never answers the close frame must not make disposal hang.
                using var closeTimeout = new CancellationTokenSource(RealtimeLimits.CloseTimeout, _transport.Options.TimeProvider);
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, string.Empty, closeTimeout.Token).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or InvalidOperationException or IOException)
        {
            // The socket is aborted below: there is nothing more to do for a peer that is already gone.
        }
        finally
        {
            // The send lock and the lifetime source stay undisposed: a send racing with disposal may still touch them, and
            // neither holds anything to release (no wait handle is ever asked of them).
            _socket.Abort();
            _socket.Dispose();
        }
    }

    private async Task SendJsonAsync(byte[] json, CancellationToken cancellationToken)
    {
        // Linked only when the caller's token can fire: audio appends, many a second, usually come without one.
        using CancellationTokenSource? linked = cancellationToken.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _lifetime.Token) : null;
        CancellationToken token = linked?.Token ?? _lifetime.Token;
        try
        {
            await _sendLock.WaitAsync(token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ObjectDisposedException("The realtime session was disposed while this event waited to be sent.", ex);
        }

        try
        {
            await _socket.SendAsync(json, WebSocketMessageType.Text, endOfMessage: true, token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(ex.Message, ex, cancellationToken);
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or InvalidOperationException or IOException or ObjectDisposedException)
        {
            if (_disposed)
            {
                throw new ObjectDisposedException("The realtime session was disposed while this event was being sent.", ex);
            }

            // ClientWebSocket raises InvalidOperationException for a socket that is closed, and OperationCanceledException
            // ("Aborted") for one the reader aborted (a timeout, an oversized or invalid message) while this send was under way.
            NexLLMException error = _transport.Errors.Create(
                NexLLMErrorKind.Connection, $"NexLLM {Operation} could not send an event: the session is closed ({_socket.State}). {ex.Message}", transient: false, inner: ex);
            _transport.LogFailure(_uri, error);
            throw error;
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Reads the next message; <see langword="null"/> when the session ended cleanly.</summary>
    private async Task<RealtimeServerMessage?> ReadOneAsync(IdleTimeout idle, RealtimeErrorEvent? lastError, CancellationToken cancellationToken)
    {
        ReadOnlyMemory<byte>? frame;
        try
        {
            _pending.BeforeRead();
            frame = await _reader.ReadAsync(idle.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(ex.Message, ex, cancellationToken);
        }
        catch (Exception ex) when (_disposed && ex is OperationCanceledException or NexLLMException or WebSocketException or ObjectDisposedException)
        {
            // The caller disposed the session while reading: its end, not a failure.
            return null;
        }
        catch (OperationCanceledException ex) when (idle.Elapsed)
        {
            throw Fail(_transport.Errors.Create(
                NexLLMErrorKind.Timeout,
                $"NexLLM {Operation} received nothing for {idle.Duration.TotalSeconds:0.###} s while a response was pending (NexLLMClientOptions.StreamIdleTimeout); the connection was closed.",
                transient: true,
                inner: ex));
        }
        catch (OperationCanceledException ex)
        {
            // Not the caller's, not ours: the socket was aborted under the read (a send the caller canceled aborts it, as
            // ClientWebSocket does with any canceled operation).
            throw Fail(_transport.Errors.Create(
                NexLLMErrorKind.Connection, $"NexLLM {Operation} connection was aborted while reading ({_socket.State}).", transient: false, inner: ex));
        }
        catch (NexLLMException ex)
        {
            // A connection cut right after an error event was ended by that error; the reader's other failures stand.
            throw Fail(ex.Kind == NexLLMErrorKind.TruncatedStream && lastError is not null ? lastError.ToException(_transport.Errors) : ex);
        }
        finally
        {
            _pending.AfterRead();
        }

        if (frame is not { } json)
        {
            return _disposed ? null : Closed(lastError);
        }

        if (json.Span.IndexOf("\"error\""u8) >= 0)
        {
            // Error events (and failed responses, failed transcriptions) reach the caller, its logs and its telemetry as
            // data: a key the server echoes in them is redacted like one in an exception.
            json = _transport.Errors.RedactJson(json);
        }

        try
        {
            return RealtimeServerEventMapper.Map(json);
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException)
        {
            // ArgumentException: a value M.E.AI's types refuse (an empty role, say) in an event that is otherwise JSON.
            _socket.Abort();
            throw Fail(_transport.Errors.Create(
                NexLLMErrorKind.InvalidResponse, $"NexLLM {Operation} received an event that is not valid: {ex.Message}", transient: false, body: json.Span, inner: ex));
        }
    }

    /// <summary>
    /// The server closed the session. After an error event, that error ended it; a close with an error status, or one that
    /// leaves a response unfinished, cut the answer short; a normal close between responses is the end.
    /// </summary>
    private RealtimeServerMessage? Closed(RealtimeErrorEvent? lastError)
    {
        _ = CloseOutputQuietlyAsync();
        if (lastError is not null)
        {
            throw Fail(lastError.ToException(_transport.Errors));
        }

        bool normal = _reader.CloseStatus is WebSocketCloseStatus.NormalClosure or WebSocketCloseStatus.Empty;
        if (!normal || _pending.IsPending)
        {
            throw Fail(_transport.Errors.Create(
                NexLLMErrorKind.TruncatedStream,
                $"NexLLM {Operation} session was closed by the server{(_pending.IsPending ? " while a response was in progress" : string.Empty)} ({_reader.DescribeClose()}).",
                transient: false));
        }

        return null;
    }

    /// <summary>Answers the server's close frame, so that the close is clean on both sides; bounded, and never awaited by the reader.</summary>
    private async Task CloseOutputQuietlyAsync()
    {
        bool locked = false;
        try
        {
            // A close frame is a send: it takes its turn like any other, so it never collides with the caller's.
            using var timeout = new CancellationTokenSource(RealtimeLimits.CloseTimeout, _transport.Options.TimeProvider);
            await _sendLock.WaitAsync(timeout.Token).ConfigureAwait(false);
            locked = true;
            await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, string.Empty, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or InvalidOperationException or IOException or ObjectDisposedException)
        {
            // Already closed or aborted.
        }
        finally
        {
            if (locked)
            {
                _sendLock.Release();
            }
        }
    }

    private NexLLMException Fail(NexLLMException error)
    {
        error.Attempts = 1;
        _transport.LogFailure(_uri, error);
        return error;
    }
}
