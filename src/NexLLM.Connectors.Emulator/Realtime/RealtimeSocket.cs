using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using NexLLM.Connectors.Emulator.Hosting;

namespace NexLLM.Connectors.Emulator.Realtime;

/// <summary>
/// The server side of one realtime WebSocket: writes server events as whole text frames, one at a time (the receive
/// loop and a playing response both write), each with its <c>type</c> first and a fresh <c>event_id</c>.
/// </summary>
internal sealed class RealtimeSocket(WebSocket socket, string requestId, CancellationToken aborted) : IDisposable
{
    private readonly SemaphoreSlim _sending = new(1, 1);

    public WebSocket WebSocket { get; } = socket;

    public string RequestId { get; } = requestId;

    public CancellationToken Aborted { get; } = aborted;

    /// <summary>Renders a server event: <c>{"type":…,"event_id":"event_…", …}</c>.</summary>
    public static byte[] Render(string type, Action<Utf8JsonWriter>? body) => JsonBuffer.ToBytes(w =>
    {
        w.WriteStartObject();
        w.WriteString("type", type);
        w.WriteString("event_id", "event_" + RequestIds.RandomToken(22));
        body?.Invoke(w);
        w.WriteEndObject();
    });

    public Task SendAsync(string type, Action<Utf8JsonWriter>? body = null) => SendFrameAsync(Render(type, body), WebSocketMessageType.Text, endOfMessage: true);

    /// <summary>
    /// Sends an <c>error</c> event. The gateway's errors carry <c>evt_&lt;request id&gt;</c> as their event id
    /// (docs/protocols/realtime.md#through-the-gateway); the emulator uses it for every error it sends.
    /// </summary>
    public Task SendErrorAsync(RealtimeError error) => SendFrameAsync(
        JsonBuffer.ToBytes(w =>
        {
            w.WriteStartObject();
            w.WriteString("type", "error");
            w.WriteString("event_id", "evt_" + RequestId);
            w.WriteStartObject("error");
            w.WriteString("type", error.Type);
            JsonBuffer.WriteStringOrNull(w, "code", error.Code);
            w.WriteString("message", error.Message);
            JsonBuffer.WriteStringOrNull(w, "param", error.Param);
            JsonBuffer.WriteStringOrNull(w, "event_id", error.EventId);
            w.WriteEndObject();
            w.WriteEndObject();
        }),
        WebSocketMessageType.Text,
        endOfMessage: true);

    /// <summary>Sends raw bytes as one frame of the given kind.</summary>
    /// <summary>Sends one text message in fragments, as <paramref name="writeFragments"/> produces them; no other frame goes in between.</summary>
    public async Task SendMessageInFragmentsAsync(Func<Func<ReadOnlyMemory<byte>, bool, Task>, Task> writeFragments)
    {
        await _sending.WaitAsync(Aborted).ConfigureAwait(false);
        try
        {
            await writeFragments((piece, last) => WebSocket.SendAsync(piece, WebSocketMessageType.Text, last, Aborted).AsTask()).ConfigureAwait(false);
        }
        finally
        {
            _sending.Release();
        }
    }

    public async Task SendFrameAsync(byte[] bytes, WebSocketMessageType kind, bool endOfMessage)
    {
        await _sending.WaitAsync(Aborted).ConfigureAwait(false);
        try
        {
            await WebSocket.SendAsync(bytes, kind, endOfMessage, Aborted).ConfigureAwait(false);
        }
        finally
        {
            _sending.Release();
        }
    }

    /// <summary>Sends a close frame (normal or with an error status) if the socket still may.</summary>
    public async Task CloseAsync(WebSocketCloseStatus status, string description)
    {
        await _sending.WaitAsync(Aborted).ConfigureAwait(false);
        try
        {
            if (WebSocket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await WebSocket.CloseOutputAsync(status, description, Aborted).ConfigureAwait(false);
            }
        }
        finally
        {
            _sending.Release();
        }
    }

    public static string Text(ReadOnlySpan<byte> bytes) => Encoding.UTF8.GetString(bytes);

    public void Dispose() => _sending.Dispose();
}
