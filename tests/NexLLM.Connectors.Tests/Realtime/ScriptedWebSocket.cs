using System.Net.WebSockets;

namespace NexLLM.Connectors.Tests.Realtime;

/// <summary>
/// A WebSocket whose received frames come from a script, counting what the reader took: proves a reader's limits
/// byte for byte, with no network in between.
/// </summary>
internal sealed class ScriptedWebSocket(IEnumerable<(WebSocketMessageType Type, byte[] Payload, bool End)> frames) : WebSocket
{
    private readonly IEnumerator<(WebSocketMessageType Type, byte[] Payload, bool End)> _frames = frames.GetEnumerator();
    private WebSocketCloseStatus? _closeStatus;
    private WebSocketState _state = WebSocketState.Open;

    public long BytesDelivered { get; private set; }

    public bool Aborted { get; private set; }

    public override WebSocketCloseStatus? CloseStatus => _closeStatus;

    public override string? CloseStatusDescription => null;

    public override WebSocketState State => _state;

    public override string? SubProtocol => null;

    public override void Abort()
    {
        Aborted = true;
        _state = WebSocketState.Aborted;
    }

    public override ValueTask<ValueWebSocketReceiveResult> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        if (Aborted || !_frames.MoveNext())
        {
            throw new WebSocketException(WebSocketError.ConnectionClosedPrematurely);
        }

        (WebSocketMessageType type, byte[] payload, bool end) = _frames.Current;
        if (type == WebSocketMessageType.Close)
        {
            _closeStatus = WebSocketCloseStatus.NormalClosure;
            _state = WebSocketState.CloseReceived;
            return ValueTask.FromResult(new ValueWebSocketReceiveResult(0, type, true));
        }

        // A frame bigger than the buffer is cut, as a real socket hands it out in pieces; the tests keep frames small.
        int count = Math.Min(buffer.Length, payload.Length);
        payload.AsSpan(0, count).CopyTo(buffer.Span);
        BytesDelivered += count;
        return ValueTask.FromResult(new ValueWebSocketReceiveResult(count, type, end));
    }

    public override Task<WebSocketReceiveResult> ReceiveAsync(ArraySegment<byte> buffer, CancellationToken cancellationToken) => throw new NotSupportedException();

    public override Task SendAsync(ArraySegment<byte> buffer, WebSocketMessageType messageType, bool endOfMessage, CancellationToken cancellationToken) => Task.CompletedTask;

    public override Task CloseAsync(WebSocketCloseStatus closeStatus, string? statusDescription, CancellationToken cancellationToken) => Task.CompletedTask;

    public override Task CloseOutputAsync(WebSocketCloseStatus closeStatus, string? statusDescription, CancellationToken cancellationToken) => Task.CompletedTask;

    public override void Dispose() => _frames.Dispose();
}
