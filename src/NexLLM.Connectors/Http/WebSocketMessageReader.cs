using System.Buffers;
using System.Net.WebSockets;

namespace NexLLM.Connectors.Http;

/// <summary>
/// Reads whole text messages from a WebSocket, one at a time, with a size cap counted across fragments: a message over
/// the cap aborts the socket the moment it is reached, so a 100 MB message costs no more memory than the cap
/// (docs/reliability.md, "bounded memory"). Every way a message can fail to arrive becomes a <see cref="NexLLMException"/>.
/// </summary>
internal sealed class WebSocketMessageReader(WebSocket socket, ErrorFactory errors, int maxMessageBytes, string operation)
{
    private const int ChunkBytes = 16 * 1024;

    /// <summary>Above this, the buffer of a big message is not kept for the next one.</summary>
    private const int MaxKeptBufferBytes = 256 * 1024;

    private ArrayBufferWriter<byte> _buffer = new(ChunkBytes);

    /// <summary>Gets the status of the close frame the server sent, once it sent one.</summary>
    public WebSocketCloseStatus? CloseStatus { get; private set; }

    /// <summary>Gets the reason the server gave in its close frame (redacted and escaped).</summary>
    public string? CloseDescription { get; private set; }

    /// <summary>
    /// Reads the next text message. The returned memory is valid until the next call. A close frame ends the messages
    /// (<see langword="null"/>; see <see cref="CloseStatus"/>) unless it cut a message short.
    /// </summary>
    /// <exception cref="NexLLMException">A binary message (<see cref="NexLLMErrorKind.InvalidResponse"/>), a message over the cap
    /// (<see cref="NexLLMErrorKind.ResponseTooLarge"/>), a close or a lost connection in the middle of a message
    /// (<see cref="NexLLMErrorKind.TruncatedStream"/>), another socket failure (<see cref="NexLLMErrorKind.Connection"/>).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was canceled; the socket is aborted.</exception>
    public async ValueTask<ReadOnlyMemory<byte>?> ReadAsync(CancellationToken cancellationToken)
    {
        if (_buffer.Capacity > MaxKeptBufferBytes)
        {
            _buffer = new ArrayBufferWriter<byte>(ChunkBytes);
        }
        else
        {
            _buffer.ResetWrittenCount();
        }

        while (true)
        {
            ValueWebSocketReceiveResult result;
            try
            {
                result = await socket.ReceiveAsync(_buffer.GetMemory(ChunkBytes)[..ChunkBytes], cancellationToken).ConfigureAwait(false);
            }
            catch (WebSocketException ex) when (ex.WebSocketErrorCode == WebSocketError.ConnectionClosedPrematurely)
            {
                throw errors.Create(
                    NexLLMErrorKind.TruncatedStream,
                    $"NexLLM {operation} connection closed without a close frame{(_buffer.WrittenCount > 0 ? ", in the middle of a message" : string.Empty)}: {ex.Message}",
                    transient: false,
                    inner: ex);
            }
            catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested && IsKeepAliveTimeout(ex))
            {
                // .NET 9+ aborts a socket whose peer leaves a keep-alive ping unanswered for KeepAliveTimeout (our StreamIdleTimeout);
                // the pending receive then fails with OperationCanceledException("Aborted") around that WebSocketException.
                throw errors.Create(
                    NexLLMErrorKind.Timeout,
                    $"NexLLM {operation} peer stopped answering keep-alive pings (NexLLMClientOptions.StreamIdleTimeout): {ex.Message}",
                    transient: false,
                    inner: ex);
            }
            catch (WebSocketException ex)
            {
                throw errors.Create(NexLLMErrorKind.Connection, $"NexLLM {operation} connection failed: {ex.Message}", transient: false, inner: ex);
            }

            if (result.MessageType == WebSocketMessageType.Close)
            {
                CloseStatus = socket.CloseStatus ?? WebSocketCloseStatus.Empty;
                CloseDescription = socket.CloseStatusDescription is { Length: > 0 } reason ? errors.Excerpt(System.Text.Encoding.UTF8.GetBytes(reason)) : null;
                if (_buffer.WrittenCount > 0)
                {
                    throw errors.Create(
                        NexLLMErrorKind.TruncatedStream,
                        $"NexLLM {operation} connection was closed in the middle of a message ({DescribeClose()}).",
                        transient: false);
                }

                return null;
            }

            if (result.MessageType == WebSocketMessageType.Binary)
            {
                socket.Abort();
                throw errors.Create(
                    NexLLMErrorKind.InvalidResponse, $"NexLLM {operation} received a binary message; the protocol sends JSON text messages only.", transient: false);
            }

            _buffer.Advance(result.Count);
            if (_buffer.WrittenCount > maxMessageBytes)
            {
                // Stop here: reading the rest only to throw it away would let the server decide how long this takes.
                socket.Abort();
                throw errors.Create(
                    NexLLMErrorKind.ResponseTooLarge,
                    $"NexLLM {operation} received a message larger than {maxMessageBytes} bytes (NexLLMClientOptions.MaxStreamEventBytes); the connection was closed.",
                    transient: false);
            }

            if (result.EndOfMessage)
            {
                return _buffer.WrittenMemory;
            }
        }
    }

    /// <summary>Whether an abort carries the socket's own fault (only the keep-alive timeout stores one), not the caller's or ours.</summary>
    private static bool IsKeepAliveTimeout(Exception ex) => ex switch
    {
        WebSocketException => true,
        AggregateException aggregate => aggregate.InnerExceptions.Any(IsKeepAliveTimeout),
        { InnerException: { } inner } => IsKeepAliveTimeout(inner),
        _ => false,
    };

    /// <summary>The close frame, for messages: its status number and name, and its reason.</summary>
    public string DescribeClose() =>
        CloseStatus is not { } status ? "no close frame"
            : $"close status {(int)status} {status}{(CloseDescription is { } reason ? ": " + reason : string.Empty)}";
}
