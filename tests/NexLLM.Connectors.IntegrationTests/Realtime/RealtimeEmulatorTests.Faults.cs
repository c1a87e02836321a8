using System.Net;
using System.Net.WebSockets;
using NexLLM.Connectors.Emulator;
using static NexLLM.Connectors.IntegrationTests.Realtime.RealtimeTestSocket;

namespace NexLLM.Connectors.IntegrationTests.Realtime;

/// <summary>
/// Faults on the realtime route, by the fault header or the script: they strike in the first response, before its
/// event number <c>after</c> (<c>response.created</c> is 0); status faults refuse the handshake.
/// </summary>
public sealed partial class RealtimeEmulatorTests
{
    [Fact]
    public async Task StreamError_IsAnErrorEvent_InTheResponse_AndTheSessionGoesOn()
    {
        await using var socket = await ConnectWithTurnAsync("stream-error=after:2; code=server_overloaded; message=busy");

        await socket.SendAsync("""{"type":"response.create"}""");
        var events = await socket.ReceiveUntilAsync("error");
        await socket.SendAsync(TextOnly);
        var next = (await socket.ReceiveAsync())!.Value;

        Assert.Equal(["response.created", "response.output_item.added", "error"], events.Select(Type));
        var error = events[^1].GetProperty("error");
        Assert.Equal(("server_error", "server_overloaded", "busy"), (error.GetProperty("type").GetString(), error.GetProperty("code").GetString(), error.GetProperty("message").GetString()));
        Assert.Equal("session.updated", Type(next));
    }

    [Fact]
    public async Task StreamError_WithCloseDrop_IsTheErrorEvent_ThenADroppedConnection()
    {
        await using var socket = await ConnectWithTurnAsync("stream-error=after:1; type=new_api_error; close=drop");

        await socket.SendAsync("""{"type":"response.create"}""");
        var events = await socket.ReceiveUntilAsync("error");

        Assert.Equal(["response.created", "error"], events.Select(Type));
        Assert.Equal("new_api_error", events[^1].GetProperty("error").GetProperty("type").GetString());
        await Assert.ThrowsAsync<WebSocketException>(socket.ReceiveAsync);
    }

    [Fact]
    public async Task StreamError_WithACloseStatus_IsTheErrorEvent_ThenThatCloseFrame()
    {
        await using var socket = await ConnectWithTurnAsync("stream-error=after:1; message=policy; close=1008");

        await socket.SendAsync("""{"type":"response.create"}""");
        var events = await socket.ReceiveUntilAsync("error");
        var end = await socket.ReceiveAsync();

        Assert.Equal(["response.created", "error"], events.Select(Type));
        Assert.Null(end);
        Assert.Equal((WebSocketCloseStatus.PolicyViolation, "policy"), (socket.Socket.CloseStatus, socket.Socket.CloseStatusDescription));
    }

    [Fact]
    public async Task ABadCloseValue_IsTheFaultHeaders400_BeforeTheUpgrade()
    {
        using var client = new ClientWebSocket();
        client.Options.CollectHttpResponseDetails = true;
        client.Options.SetRequestHeader("Authorization", "Bearer " + Emulator.ApiKey);
        client.Options.SetRequestHeader("X-NexLLM-Emulator-Fault", "stream-error=after:1; close=sometimes");

        await Assert.ThrowsAsync<WebSocketException>(() => client.ConnectAsync(Uri(Emulator, "gpt-4o-realtime-preview"), TestCancellation));
        Assert.Equal(HttpStatusCode.BadRequest, client.HttpStatusCode);
    }

    [Fact]
    public async Task Failed_IsAFailedResponseDone_WithTheError()
    {
        await using var socket = await ConnectWithTurnAsync("failed=after:1; message=upstream died");

        await socket.SendAsync("""{"type":"response.create"}""");
        var events = await socket.ReceiveUntilAsync("response.done");

        Assert.Equal(["response.created", "response.done"], events.Select(Type));
        var response = events[^1].GetProperty("response");
        Assert.Equal("failed", response.GetProperty("status").GetString());
        Assert.Equal("upstream died", response.GetProperty("status_details").GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public async Task Truncate_SendsHalfAMessage_ThenACloseFrame()
    {
        await using var socket = await ConnectWithTurnAsync("truncate=after:1");

        await socket.SendAsync("""{"type":"response.create"}""");
        var first = (await socket.ReceiveAsync())!.Value;
        var buffer = new byte[64 * 1024];
        var fragment = await socket.Socket.ReceiveAsync(buffer, TestCancellation);
        var close = await socket.Socket.ReceiveAsync(buffer, TestCancellation);

        Assert.Equal("response.created", Type(first));
        Assert.Equal((WebSocketMessageType.Text, false), (fragment.MessageType, fragment.EndOfMessage));
        Assert.StartsWith("""{"type":"response.output_item.added""", System.Text.Encoding.UTF8.GetString(buffer, 0, fragment.Count), StringComparison.Ordinal);
        Assert.Equal((WebSocketMessageType.Close, WebSocketCloseStatus.NormalClosure), (close.MessageType, close.CloseStatus));
    }

    [Fact]
    public async Task Reset_DropsTheConnection_WithoutACloseFrame_BeforeTheNextWholeMessage()
    {
        await using var socket = await ConnectWithTurnAsync("reset=after:1");

        await socket.SendAsync("""{"type":"response.create"}""");
        var first = (await socket.ReceiveAsync())!.Value;

        // The half message sent before the reset may or may not be read before the reset is: either way no whole
        // message follows response.created, and the connection ends without a close frame.
        Assert.Equal("response.created", Type(first));
        await Assert.ThrowsAsync<WebSocketException>(socket.ReceiveAsync);
    }

    [Fact]
    public async Task RawStreamError_ClosesWithAnErrorStatus()
    {
        await using var socket = await ConnectWithTurnAsync("raw-stream-error=after:0; message=upstream closed");

        await socket.SendAsync("""{"type":"response.create"}""");
        var end = await socket.ReceiveAsync();

        Assert.Null(end);
        Assert.Equal((WebSocketCloseStatus.InternalServerError, "upstream closed"), (socket.Socket.CloseStatus, socket.Socket.CloseStatusDescription));
    }

    [Fact]
    public async Task Stall_GoesSilent_ThenDropsTheConnection()
    {
        await using var socket = await ConnectWithTurnAsync("stall=after:1; for=200ms");

        await socket.SendAsync("""{"type":"response.create"}""");
        var first = (await socket.ReceiveAsync())!.Value;

        Assert.Equal("response.created", Type(first));
        await Assert.ThrowsAsync<WebSocketException>(socket.ReceiveAsync);
    }

    [Fact]
    public async Task Malformed_SendsATextFrameThatIsNotJson_ThenGoesOn()
    {
        await using var socket = await ConnectWithTurnAsync("malformed=after:1");

        await socket.SendAsync("""{"type":"response.create"}""");
        await socket.ReceiveAsync();
        var buffer = new byte[1024];
        var bad = await socket.Socket.ReceiveAsync(buffer, TestCancellation);
        var rest = await socket.ReceiveUntilAsync("response.done");

        Assert.Equal("{not json", System.Text.Encoding.UTF8.GetString(buffer, 0, bad.Count));
        Assert.Equal("completed", rest[^1].GetProperty("response").GetProperty("status").GetString());
    }

    [Fact]
    public async Task TheFault_CanComeAsAQueryParameter_ForClientsThatCannotSetHeaders()
    {
        using var client = new ClientWebSocket();
        client.Options.SetRequestHeader("Authorization", "Bearer " + Emulator.ApiKey);
        await client.ConnectAsync(new Uri(Uri(Emulator, "gpt-4o-realtime-preview") + "&nexllm_fault=" + System.Uri.EscapeDataString("raw-stream-error=after:0; message=by query")), TestCancellation);
        await using var socket = RealtimeTestSocket.Wrap(client);
        await socket.ReceiveAsync();
        await socket.SendAsync(TextOnly);
        await socket.ReceiveUntilAsync("session.updated");

        await socket.SendAsync("""{"type":"response.create"}""");
        var end = await socket.ReceiveAsync();

        Assert.Null(end);
        Assert.Equal((WebSocketCloseStatus.InternalServerError, "by query"), (client.CloseStatus, client.CloseStatusDescription));
    }

    [Fact]
    public async Task Malformed_WithFrameBinary_SendsABinaryFrame_ThenGoesOn()
    {
        await using var socket = await ConnectWithTurnAsync("malformed=after:1; frame=binary");

        await socket.SendAsync("""{"type":"response.create"}""");
        await socket.ReceiveAsync();
        var buffer = new byte[1024];
        var bad = await socket.Socket.ReceiveAsync(buffer, TestCancellation);
        var rest = await socket.ReceiveUntilAsync("response.done");

        Assert.Equal((WebSocketMessageType.Binary, "{not json"), (bad.MessageType, System.Text.Encoding.UTF8.GetString(buffer, 0, bad.Count)));
        Assert.Equal("completed", rest[^1].GetProperty("response").GetProperty("status").GetString());
    }

    [Fact]
    public async Task AStatusFault_RefusesTheHandshake()
    {
        using var client = new ClientWebSocket();
        client.Options.CollectHttpResponseDetails = true;
        client.Options.SetRequestHeader("Authorization", "Bearer " + Emulator.ApiKey);
        client.Options.SetRequestHeader("X-NexLLM-Emulator-Fault", "status=429");

        await Assert.ThrowsAsync<WebSocketException>(() => client.ConnectAsync(Uri(Emulator, "gpt-4o-realtime-preview"), TestCancellation));
        Assert.Equal(HttpStatusCode.TooManyRequests, client.HttpStatusCode);
    }

    [Fact]
    public async Task AScriptedReply_WithAFault_PlaysInTheNextResponse()
    {
        Emulator.Enqueue(EmulatorReply.FromText("Scripted words here."), EmulatorFault.StreamError(3));
        await using var socket = await ConnectWithTurnAsync(null);

        await socket.SendAsync("""{"type":"response.create"}""");
        var events = await socket.ReceiveUntilAsync("error");

        Assert.Equal(["response.created", "response.output_item.added", "conversation.item.created", "error"], events.Select(Type));
    }

    private async Task<RealtimeTestSocket> ConnectWithTurnAsync(string? fault)
    {
        var socket = await ConnectAsync(Emulator, fault: fault, cancellationToken: TestCancellation);
        await socket.ReceiveAsync();
        await socket.SendAsync(TextOnly);
        await socket.ReceiveUntilAsync("session.updated");
        await socket.SendAsync("""{"type":"conversation.item.create","item":{"type":"message","role":"user","content":[{"type":"input_text","text":"Tell me a short story about a robot."}]}}""");
        await socket.ReceiveAsync();
        return socket;
    }
}
