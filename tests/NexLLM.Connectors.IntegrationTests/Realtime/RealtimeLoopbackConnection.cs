using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace NexLLM.Connectors.IntegrationTests.Realtime;

/// <summary>The server's side of one scripted session: read the client's events, send events and frames.</summary>
internal sealed class RealtimeLoopbackConnection(WebSocket socket, CancellationToken aborted)
{
    private static readonly TimeSpan ReadLimit = TimeSpan.FromSeconds(10);

    public WebSocket Socket => socket;

    /// <summary>Gets a token canceled when the client aborts the connection.</summary>
    public CancellationToken Aborted => aborted;

    /// <summary>Reads the next client event (a text message), or null at a close.</summary>
    public async Task<JsonElement?> ReceiveAsync()
    {
        using var timeout = new CancellationTokenSource(ReadLimit);
        var buffer = new MemoryStream();
        byte[] chunk = new byte[8192];
        while (true)
        {
            WebSocketReceiveResult result = await socket.ReceiveAsync(chunk, timeout.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            buffer.Write(chunk, 0, result.Count);
            if (result.EndOfMessage)
            {
                return JsonDocument.Parse(buffer.ToArray()).RootElement.Clone();
            }
        }
    }

    /// <summary>Reads the next client event and checks its type.</summary>
    public async Task<JsonElement> ExpectAsync(string type)
    {
        JsonElement? received = await ReceiveAsync();
        Assert.NotNull(received);
        Assert.Equal(type, received.Value.GetProperty("type").GetString());
        return received.Value;
    }

    public Task SendAsync(string json) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);

    public Task SendFragmentAsync(string text) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: false, CancellationToken.None);

    /// <summary>Sends the events of one text response: created, the deltas, the done events.</summary>
    public async Task SendTextResponseAsync(string responseId, params string[] deltas)
    {
        await SendAsync($$$"""{"type":"response.created","event_id":"e_{{{responseId}}}_0","response":{"id":"{{{responseId}}}","status":"in_progress"}}""");
        foreach (string delta in deltas)
        {
            await SendAsync($$$"""{"type":"response.text.delta","response_id":"{{{responseId}}}","item_id":"m1","output_index":0,"content_index":0,"delta":{{{JsonSerializer.Serialize(delta)}}}""" + "}");
        }

        string text = string.Concat(deltas);
        await SendAsync($$$"""{"type":"response.text.done","response_id":"{{{responseId}}}","item_id":"m1","output_index":0,"content_index":0,"text":{{{JsonSerializer.Serialize(text)}}}""" + "}");
        await SendAsync($$$"""{"type":"response.done","response":{"id":"{{{responseId}}}","status":"completed","usage":{"total_tokens":12,"input_tokens":8,"output_tokens":4""" + "}}}");
    }

    /// <summary>Closes from the server's side and waits for the client's answer (bounded).</summary>
    public async Task CloseAsync(WebSocketCloseStatus status = WebSocketCloseStatus.NormalClosure, string reason = "")
    {
        using var timeout = new CancellationTokenSource(ReadLimit);
        try
        {
            await socket.CloseAsync(status, reason, timeout.Token);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            // The client may have aborted already.
        }
    }

    /// <summary>Waits until the client closes or aborts the connection.</summary>
    public async Task WaitForClientEndAsync()
    {
        try
        {
            while (await ReceiveAsync() is not null)
            {
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException)
        {
            // Aborted: the end as well.
        }
    }
}
