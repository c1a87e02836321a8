using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using NexLLM.Connectors.IntegrationTests.TestSupport;
using static NexLLM.Connectors.IntegrationTests.Realtime.RealtimeTestSocket;

namespace NexLLM.Connectors.IntegrationTests.Realtime;

/// <summary>
/// The emulator's realtime route on the wire, with a raw <see cref="ClientWebSocket"/> (docs/protocols/realtime.md):
/// the handshake and its refusals, a text turn and a tool call event by event, errors. Audio and faults are in the other parts.
/// </summary>
public sealed partial class RealtimeEmulatorTests : EmulatorTest
{
    private const string TextOnly = """{"type":"session.update","session":{"modalities":["text"],"turn_detection":null}}""";

    [Fact]
    public async Task Handshake_WithBearer_StartsWith_SessionCreated_InTheBetaShape()
    {
        await using var socket = await ConnectAsync(Emulator, cancellationToken: TestCancellation);

        var created = (await socket.ReceiveAsync())!.Value;

        Assert.Equal("session.created", Type(created));
        Assert.StartsWith("event_", created.GetProperty("event_id").GetString(), StringComparison.Ordinal);
        var session = created.GetProperty("session");
        Assert.Equal(("realtime.session", "gpt-4o-realtime-preview"), (session.GetProperty("object").GetString(), session.GetProperty("model").GetString()));
        Assert.Equal("""["text","audio"]""", session.GetProperty("modalities").GetRawText());
        Assert.Equal(("alloy", "pcm16", "pcm16"), (session.GetProperty("voice").GetString(), session.GetProperty("input_audio_format").GetString(), session.GetProperty("output_audio_format").GetString()));
        Assert.Equal("server_vad", session.GetProperty("turn_detection").GetProperty("type").GetString());
        Assert.Equal(("auto", "inf"), (session.GetProperty("tool_choice").GetString(), session.GetProperty("max_response_output_tokens").GetString()));
    }

    [Fact]
    public async Task Handshake_WithTheKeyAsASubprotocolItem_IsAccepted_AndAnswersSubprotocolRealtime()
    {
        await using var socket = await ConnectAsync(Emulator, keyAsSubprotocol: true, cancellationToken: TestCancellation);

        Assert.Equal("realtime", socket.Socket.SubProtocol);
        Assert.Equal("session.created", Type((await socket.ReceiveAsync())!.Value));
    }

    [Fact]
    public async Task Handshake_WithABadKey_Is401_InTheMiddlewareShape_BeforeTheUpgrade()
    {
        using var client = new ClientWebSocket();
        client.Options.CollectHttpResponseDetails = true;
        client.Options.SetRequestHeader("Authorization", "Bearer sk-wrongkey");
        await Assert.ThrowsAsync<WebSocketException>(() => client.ConnectAsync(Uri(Emulator, "gpt-4o-realtime-preview"), TestCancellation));
        Assert.Equal(HttpStatusCode.Unauthorized, client.HttpStatusCode);

        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, Emulator.Endpoint.ToString().TrimEnd('/') + "/realtime?model=gpt-4o-realtime-preview");
        request.Headers.Add("Authorization", "Bearer sk-wrongkey");
        using var response = await http.SendAsync(request, TestCancellation);
        string body = await response.Content.ReadAsStringAsync(TestCancellation);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.StartsWith("""{"error":{"code":"","message":"Invalid token (request id: """, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Handshake_WithoutAModel_IsTheDistributors400()
    {
        using var client = new ClientWebSocket();
        client.Options.CollectHttpResponseDetails = true;
        client.Options.SetRequestHeader("Authorization", "Bearer " + Emulator.ApiKey);
        await Assert.ThrowsAsync<WebSocketException>(() => client.ConnectAsync(new Uri(Uri(Emulator, "x").ToString().Replace("?model=x", "", StringComparison.Ordinal)), TestCancellation));

        Assert.Equal(HttpStatusCode.BadRequest, client.HttpStatusCode);
    }

    [Fact]
    public async Task SessionUpdate_KeepsWhatItNames_AndAnswersSessionUpdated()
    {
        await using var socket = await ConnectAsync(Emulator, cancellationToken: TestCancellation);
        await socket.ReceiveAsync();

        await socket.SendAsync("""
            {"type":"session.update","session":{"modalities":["text"],"instructions":"Be brief.","voice":"echo","temperature":0.7,
            "max_response_output_tokens":200,"tool_choice":"none","turn_detection":null,"input_audio_transcription":{"model":"whisper-1"},
            "tools":[{"type":"function","name":"get_weather","description":"Gets the weather.","parameters":{"type":"object","properties":{"city":{"type":"string"}}}}]}}
            """);
        var session = (await socket.ReceiveAsync())!.Value;

        Assert.Equal("session.updated", Type(session));
        var s = session.GetProperty("session");
        Assert.Equal("""["text"]""", s.GetProperty("modalities").GetRawText());
        Assert.Equal(("Be brief.", "echo", "none"), (s.GetProperty("instructions").GetString(), s.GetProperty("voice").GetString(), s.GetProperty("tool_choice").GetString()));
        Assert.Equal((0.7, 200), (s.GetProperty("temperature").GetDouble(), s.GetProperty("max_response_output_tokens").GetInt32()));
        Assert.Equal(JsonValueKind.Null, s.GetProperty("turn_detection").ValueKind);
        Assert.Equal("whisper-1", s.GetProperty("input_audio_transcription").GetProperty("model").GetString());
        Assert.Equal("get_weather", s.GetProperty("tools")[0].GetProperty("name").GetString());
        Assert.Equal("pcm16", s.GetProperty("input_audio_format").GetString());
    }

    [Fact]
    public async Task TextTurn_StreamsTheReply_EventByEvent_AndEndsWithUsageAndRateLimits()
    {
        await using var socket = await ConnectAsync(Emulator, cancellationToken: TestCancellation);
        await socket.ReceiveAsync();
        await socket.SendAsync(TextOnly);
        await socket.ReceiveUntilAsync("session.updated");

        await socket.SendAsync("""{"event_id":"c1","type":"conversation.item.create","item":{"type":"message","role":"user","content":[{"type":"input_text","text":"Hello there, how are you today?"}]}}""");
        var created = (await socket.ReceiveAsync())!.Value;
        await socket.SendAsync("""{"type":"response.create"}""");
        var events = await socket.ReceiveUntilAsync("rate_limits.updated");

        Assert.Equal("conversation.item.created", Type(created));
        Assert.Equal(("message", "user", "Hello there, how are you today?"), (
            created.GetProperty("item").GetProperty("type").GetString(),
            created.GetProperty("item").GetProperty("role").GetString(),
            created.GetProperty("item").GetProperty("content")[0].GetProperty("text").GetString()));
        string[] types = [.. events.Select(Type)];
        int deltas = types.Count(t => t == "response.text.delta");
        Assert.True(deltas >= 2, $"expected the reply in several deltas, got {deltas}");
        Assert.Equal(
            ["response.created", "response.output_item.added", "conversation.item.created", "response.content_part.added",
             .. Enumerable.Repeat("response.text.delta", deltas),
             "response.text.done", "response.content_part.done", "response.output_item.done", "response.done", "rate_limits.updated"],
            types);

        string responseId = events[0].GetProperty("response").GetProperty("id").GetString()!;
        string itemId = events[1].GetProperty("item").GetProperty("id").GetString()!;
        Assert.Equal("in_progress", events[0].GetProperty("response").GetProperty("status").GetString());
        Assert.Equal(created.GetProperty("item").GetProperty("id").GetString(), events[2].GetProperty("previous_item_id").GetString());
        var textDeltas = events.Where(e => Type(e) == "response.text.delta").ToList();
        Assert.All(textDeltas, d => Assert.Equal((responseId, itemId, 0, 0), (d.GetProperty("response_id").GetString(), d.GetProperty("item_id").GetString(), d.GetProperty("output_index").GetInt32(), d.GetProperty("content_index").GetInt32())));
        string text = string.Concat(textDeltas.Select(d => d.GetProperty("delta").GetString()));
        Assert.Contains("Hello there", text, StringComparison.Ordinal);
        Assert.Equal(text, events[^5].GetProperty("text").GetString());

        var done = events[^2].GetProperty("response");
        Assert.Equal(("completed", responseId), (done.GetProperty("status").GetString(), done.GetProperty("id").GetString()));
        Assert.Equal(text, done.GetProperty("output")[0].GetProperty("content")[0].GetProperty("text").GetString());
        var usage = done.GetProperty("usage");
        int input = usage.GetProperty("input_tokens").GetInt32();
        int output = usage.GetProperty("output_tokens").GetInt32();
        Assert.True(input > 0 && output > 0);
        Assert.Equal(input + output, usage.GetProperty("total_tokens").GetInt32());
        Assert.Equal(input, usage.GetProperty("input_token_details").GetProperty("text_tokens").GetInt32());
        Assert.Equal(output, usage.GetProperty("output_token_details").GetProperty("text_tokens").GetInt32());
        Assert.Equal(0, usage.GetProperty("output_token_details").GetProperty("audio_tokens").GetInt32());
        Assert.Equal(["requests", "tokens"], events[^1].GetProperty("rate_limits").EnumerateArray().Select(l => l.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task ToolCall_StreamsTheArguments_ThenAnAnswerUsesTheFunctionsOutput()
    {
        await using var socket = await ConnectAsync(Emulator, cancellationToken: TestCancellation);
        await socket.ReceiveAsync();
        await socket.SendAsync("""
            {"type":"session.update","session":{"modalities":["text"],"turn_detection":null,"tools":[{"type":"function","name":"get_weather",
            "description":"Gets the current weather for a city.","parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}]}}
            """);
        await socket.ReceiveUntilAsync("session.updated");
        await socket.SendAsync("""{"type":"conversation.item.create","item":{"type":"message","role":"user","content":[{"type":"input_text","text":"What is the weather in Paris?"}]}}""");
        await socket.ReceiveAsync();

        await socket.SendAsync("""{"type":"response.create"}""");
        var events = await socket.ReceiveUntilAsync("response.done");

        string[] types = [.. events.Select(Type)];
        int deltas = types.Count(t => t == "response.function_call_arguments.delta");
        Assert.Equal(
            ["response.created", "response.output_item.added", "conversation.item.created",
             .. Enumerable.Repeat("response.function_call_arguments.delta", deltas),
             "response.function_call_arguments.done", "response.output_item.done", "response.done"],
            types);
        var argsDone = events[^3];
        string callId = argsDone.GetProperty("call_id").GetString()!;
        Assert.StartsWith("call_", callId, StringComparison.Ordinal);
        Assert.Equal("get_weather", argsDone.GetProperty("name").GetString());
        string arguments = argsDone.GetProperty("arguments").GetString()!;
        Assert.Equal(arguments, string.Concat(events.Where(e => Type(e) == "response.function_call_arguments.delta").Select(e => e.GetProperty("delta").GetString())));
        Assert.Equal("Paris", JsonDocument.Parse(arguments).RootElement.GetProperty("city").GetString());
        var item = events[^2].GetProperty("item");
        Assert.Equal(("function_call", callId, "get_weather", arguments), (item.GetProperty("type").GetString(), item.GetProperty("call_id").GetString(), item.GetProperty("name").GetString(), item.GetProperty("arguments").GetString()));
        await socket.ReceiveUntilAsync("rate_limits.updated");

        await socket.SendAsync($$$"""{"type":"conversation.item.create","item":{"type":"function_call_output","call_id":"{{{callId}}}","output":"18 degrees and sunny"}}""");
        var outputCreated = (await socket.ReceiveAsync())!.Value;
        await socket.SendAsync("""{"type":"response.create"}""");
        var answer = await socket.ReceiveUntilAsync("response.done");

        Assert.Equal("function_call_output", outputCreated.GetProperty("item").GetProperty("type").GetString());
        string text = answer[^1].GetProperty("response").GetProperty("output")[0].GetProperty("content")[0].GetProperty("text").GetString()!;
        Assert.Contains("18 degrees and sunny", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownEventType_IsAnErrorEvent_AndTheSessionStaysOpen()
    {
        await using var socket = await ConnectAsync(Emulator, cancellationToken: TestCancellation);
        await socket.ReceiveAsync();

        await socket.SendAsync("""{"event_id":"client-7","type":"session.frobnicate"}""");
        var error = (await socket.ReceiveAsync())!.Value;
        await socket.SendAsync(TextOnly);
        var next = (await socket.ReceiveAsync())!.Value;

        Assert.Equal("error", Type(error));
        Assert.StartsWith("evt_", error.GetProperty("event_id").GetString(), StringComparison.Ordinal);
        var e = error.GetProperty("error");
        Assert.Equal(("invalid_request_error", "invalid_value", "type", "client-7"), (e.GetProperty("type").GetString(), e.GetProperty("code").GetString(), e.GetProperty("param").GetString(), e.GetProperty("event_id").GetString()));
        Assert.StartsWith("Invalid value: 'session.frobnicate'.", e.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("session.updated", Type(next));
    }

    [Theory]
    [InlineData("""{"type":"session.update","session":{"foo":1}}""", "unknown_parameter", "session.foo")]
    [InlineData("""{"type":"session.update","session":{"modalities":["audio"]}}""", "invalid_value", "session.modalities")]
    [InlineData("""{"type":"conversation.item.create","item":{"type":"function_call_output","output":"x"}}""", "missing_required_parameter", "item.call_id")]
    [InlineData("""{"type":"input_audio_buffer.commit"}""", "input_audio_buffer_commit_empty", null)]
    [InlineData("""{"type":"response.cancel"}""", "response_cancel_not_active", null)]
    public async Task OpenAIsRefusals_AreErrorEvents(string clientEvent, string code, string? param)
    {
        await using var socket = await ConnectAsync(Emulator, cancellationToken: TestCancellation);
        await socket.ReceiveAsync();

        await socket.SendAsync(clientEvent);
        var error = (await socket.ReceiveAsync())!.Value;

        Assert.Equal("error", Type(error));
        Assert.Equal(code, error.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(param, error.GetProperty("error").GetProperty("param").GetString());
        Assert.Equal(WebSocketState.Open, socket.Socket.State);
    }

    [Theory]
    [InlineData("""{"type":"session.update","session":{"tool_choice":{"type":"function","name":"get_weather"}}}""")]
    [InlineData("""{"type":"session.update","session":{"temperature":"hot"}}""")]
    [InlineData("""{"type":"conversation.item.create","item":{"type":"message","role":"user","content":[{"type":"input_text","text":42}]}}""")]
    [InlineData("not json")]
    public async Task AFrameNewApisTypeCannotDecode_EndsTheSession_WithoutACloseFrame(string clientEvent)
    {
        await using var socket = await ConnectAsync(Emulator, cancellationToken: TestCancellation);
        await socket.ReceiveAsync();

        await socket.SendAsync(clientEvent);
        var ended = await Assert.ThrowsAsync<WebSocketException>(socket.ReceiveAsync);

        Assert.Equal(WebSocketError.ConnectionClosedPrematurely, ended.WebSocketErrorCode);
    }
}
