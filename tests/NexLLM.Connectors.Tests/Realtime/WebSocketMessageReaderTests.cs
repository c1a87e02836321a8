using System.Net.WebSockets;
using System.Text;
using NexLLM.Connectors.Http;

namespace NexLLM.Connectors.Tests.Realtime;

/// <summary>The WebSocket message reader's limits and failure kinds, byte for byte (docs/reliability.md, "bounded memory").</summary>
public sealed class WebSocketMessageReaderTests
{
    private const string Key = "sk-CANARY-reader-0123456789abcdef";
    private static readonly ErrorFactory Errors = new(new SecretRedactor(Key));

    [Fact]
    public async Task A_message_in_fragments_is_read_whole()
    {
        var socket = new ScriptedWebSocket([Text("""{"type":"a",""", end: false), Text(""" "x":1}""", end: true), Close()]);
        var reader = new WebSocketMessageReader(socket, Errors, 1024, "realtime");

        Assert.Equal("""{"type":"a", "x":1}""", Encoding.UTF8.GetString((await reader.ReadAsync(TestContext.Current.CancellationToken))!.Value.Span));
        Assert.Null(await reader.ReadAsync(TestContext.Current.CancellationToken));
        Assert.Equal(WebSocketCloseStatus.NormalClosure, reader.CloseStatus);
    }

    [Fact]
    public async Task A_100_MB_fragmented_message_stops_at_the_cap_and_aborts_the_socket()
    {
        const int Cap = 1024 * 1024;
        var socket = new ScriptedWebSocket(Fragments(100L * 1024 * 1024, 16 * 1024));
        var reader = new WebSocketMessageReader(socket, Errors, Cap, "realtime");

        var error = await Assert.ThrowsAsync<NexLLMException>(async () => await reader.ReadAsync(TestContext.Current.CancellationToken));

        Assert.Equal(NexLLMErrorKind.ResponseTooLarge, error.Kind);
        Assert.True(socket.Aborted);
        Assert.InRange(socket.BytesDelivered, Cap + 1, Cap + (16 * 1024));
    }

    [Fact]
    public async Task A_binary_message_is_an_invalid_response()
    {
        var socket = new ScriptedWebSocket([(WebSocketMessageType.Binary, new byte[] { 1, 2 }, true)]);
        var reader = new WebSocketMessageReader(socket, Errors, 1024, "realtime");

        var error = await Assert.ThrowsAsync<NexLLMException>(async () => await reader.ReadAsync(TestContext.Current.CancellationToken));

        Assert.Equal(NexLLMErrorKind.InvalidResponse, error.Kind);
        Assert.True(socket.Aborted);
    }

    [Fact]
    public async Task A_close_in_the_middle_of_a_message_is_a_truncated_stream()
    {
        var socket = new ScriptedWebSocket([Text("""{"type":""", end: false), Close()]);
        var reader = new WebSocketMessageReader(socket, Errors, 1024, "realtime");

        var error = await Assert.ThrowsAsync<NexLLMException>(async () => await reader.ReadAsync(TestContext.Current.CancellationToken));

        Assert.Equal(NexLLMErrorKind.TruncatedStream, error.Kind);
    }

    [Fact]
    public async Task A_connection_lost_without_a_close_frame_is_a_truncated_stream()
    {
        var socket = new ScriptedWebSocket([Text("""{"type":""", end: false)]);
        var reader = new WebSocketMessageReader(socket, Errors, 1024, "realtime");

        var error = await Assert.ThrowsAsync<NexLLMException>(async () => await reader.ReadAsync(TestContext.Current.CancellationToken));

        Assert.Equal(NexLLMErrorKind.TruncatedStream, error.Kind);
    }

    private static (WebSocketMessageType, byte[], bool) Text(string text, bool end) => (WebSocketMessageType.Text, Encoding.UTF8.GetBytes(text), end);

    private static (WebSocketMessageType, byte[], bool) Close() => (WebSocketMessageType.Close, [], true);

    private static IEnumerable<(WebSocketMessageType, byte[], bool)> Fragments(long total, int size)
    {
        byte[] chunk = new byte[size];
        Array.Fill(chunk, (byte)'a');
        for (long sent = 0; sent < total; sent += size)
        {
            yield return (WebSocketMessageType.Text, chunk, sent + size >= total);
        }
    }
}
