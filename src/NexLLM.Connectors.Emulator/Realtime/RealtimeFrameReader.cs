using System.Buffers;
using System.Net.WebSockets;

namespace NexLLM.Connectors.Emulator.Realtime;

/// <summary>
/// Reads one whole client message (its fragments joined). new-api reads messages of either frame kind and decodes them
/// the same way (gorilla's <c>ReadMessage</c> in <c>OpenaiRealtimeHandler</c>), so binary messages are read as text too.
/// </summary>
internal static class RealtimeFrameReader
{
    /// <summary>Returns the message, or <see langword="null"/> when the client closed the socket.</summary>
    /// <exception cref="WebSocketException">The message is larger than <paramref name="maxBytes"/> (the socket is closed with 1009 first).</exception>
    public static async Task<byte[]?> ReadAsync(WebSocket socket, long maxBytes, CancellationToken cancellationToken)
    {
        var message = new ArrayBufferWriter<byte>();
        while (true)
        {
            var result = await socket.ReceiveAsync(message.GetMemory(16 * 1024), cancellationToken).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            message.Advance(result.Count);
            if (message.WrittenCount > maxBytes)
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.MessageTooBig, "message too big", cancellationToken).ConfigureAwait(false);
                throw new WebSocketException(WebSocketError.Faulted, "The client's message is larger than the emulator's request limit.");
            }

            if (result.EndOfMessage)
            {
                return message.WrittenSpan.ToArray();
            }
        }
    }
}
