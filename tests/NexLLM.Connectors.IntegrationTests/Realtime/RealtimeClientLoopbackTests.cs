using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using NexLLM.Connectors.Tests.TestSupport;
using static NexLLM.Connectors.IntegrationTests.Realtime.RealtimeLoopback;

namespace NexLLM.Connectors.IntegrationTests.Realtime;

/// <summary>
/// Realtime sessions over real loopback sockets against a scripted server (docs/protocols/realtime.md): a text turn, a
/// tool call answered by M.E.AI's function invocation, cancellation and disposal.
/// </summary>
public sealed class RealtimeClientLoopbackTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_text_turn_streams_the_answer_and_ends_with_its_usage()
    {
        JsonElement? update = null, item = null, create = null;
        await using var server = await RealtimeLoopbackServer.StartAsync(async connection =>
        {
            update = await connection.ExpectAsync("session.update");
            item = await connection.ExpectAsync("conversation.item.create");
            create = await connection.ExpectAsync("response.create");
            await connection.SendTextResponseAsync("resp_1", "Hello", " there.");
            await connection.WaitForClientEndAsync();
        });
        using NexLLMClient client = Client(server);

        await using (IRealtimeClientSession session = await client.GetRealtimeClient(Model).CreateSessionAsync(
            new RealtimeSessionOptions { Instructions = "Be brief.", OutputModalities = ["text"] }, Cancel))
        {
            await session.SendAsync(new CreateConversationItemRealtimeClientMessage(new RealtimeConversationItem([new TextContent("Hi")], role: ChatRole.User)), Cancel);
            await session.SendAsync(new CreateResponseRealtimeClientMessage(), Cancel);
            List<RealtimeServerMessage> messages = await ReadResponsesAsync(session, 1, Cancel);

            Assert.Equal("Hello there.", TextOf(messages));
            var done = Assert.IsType<ResponseCreatedRealtimeServerMessage>(messages[^1]);
            Assert.Equal((8L, 4L), (done.Usage!.InputTokenCount, done.Usage.OutputTokenCount));
        }

        Assert.Equal("""{"type":"session.update","session":{"modalities":["text"],"instructions":"Be brief."}}""", update!.Value.GetRawText());
        Assert.Equal("user", item!.Value.GetProperty("item").GetProperty("role").GetString());
        Assert.Equal("""{"type":"response.create","event_id":"<id>","response":{}}""", WithResponseIdShown(create!.Value.GetRawText()));
        (string pathAndQuery, var headers) = Assert.Single(server.Requests);
        Assert.Equal("/v1/realtime?model=gpt-4o-realtime-preview", pathAndQuery);
        Assert.Equal("Bearer " + ApiKey, headers["Authorization"]);
        Assert.Equal("realtime=v1", headers["openai-beta"]);
        Assert.DoesNotContain(ApiKey, pathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tool_call_is_answered_by_function_invocation_and_the_response_continues()
    {
        JsonElement? output = null;
        await using var server = await RealtimeLoopbackServer.StartAsync(async connection =>
        {
            await connection.ExpectAsync("session.update");
            await connection.ExpectAsync("response.create");
            await connection.SendAsync("""{"type":"response.created","response":{"id":"r1","status":"in_progress"}}""");
            await connection.SendAsync("""{"type":"response.function_call_arguments.done","response_id":"r1","item_id":"fc1","call_id":"call_1","name":"get_weather","arguments":"{\"city\":\"Paris\"}"}""");
            await connection.SendAsync("""{"type":"response.output_item.done","response_id":"r1","output_index":0,"item":{"id":"fc1","type":"function_call","status":"completed","call_id":"call_1","name":"get_weather","arguments":"{\"city\":\"Paris\"}"}}""");
            await connection.SendAsync("""{"type":"response.done","response":{"id":"r1","status":"completed"}}""");
            output = await connection.ExpectAsync("conversation.item.create");
            await connection.ExpectAsync("response.create");
            await connection.SendTextResponseAsync("r2", "It is 18°C in Paris.");
            await connection.WaitForClientEndAsync();
        });
        using NexLLMClient client = Client(server);
        IRealtimeClient realtime = client.GetRealtimeClient(Model).AsBuilder().UseFunctionInvocation().Build();

        await using (IRealtimeClientSession session = await realtime.CreateSessionAsync(
            new RealtimeSessionOptions { Tools = [AIFunctionFactory.Create(GetWeather, "get_weather")] }, Cancel))
        {
            await session.SendAsync(new CreateResponseRealtimeClientMessage(), Cancel);
            List<RealtimeServerMessage> messages = await ReadResponsesAsync(session, 2, Cancel);

            Assert.Equal("It is 18°C in Paris.", TextOf(messages));
            Assert.Contains(messages, static m => m.Type.Value == "response.function_call_arguments.done");
        }

        JsonElement item = output!.Value.GetProperty("item");
        Assert.Equal(("function_call_output", "call_1", "18°C in Paris"), (item.GetProperty("type").GetString(), item.GetProperty("call_id").GetString(), item.GetProperty("output").GetString()));
    }

    [Fact]
    public async Task The_logging_and_telemetry_decorators_see_every_message_and_log_no_key()
    {
        await using var server = await RealtimeLoopbackServer.StartAsync(async connection =>
        {
            await connection.ExpectAsync("session.update");
            await connection.ExpectAsync("conversation.item.create");
            await connection.ExpectAsync("response.create");
            await connection.SendAsync("""{"type":"response.output_item.added","response_id":"r1","output_index":0,"item":{"id":"m1","type":"message","role":"assistant","content":[]}}""");
            await connection.SendTextResponseAsync("r1", "Logged.");
            await connection.SendAsync("""{"type":"error","error":{"type":"invalid_request_error","message":"Late."}}""");
            await connection.SendAsync("""{"type":"response.done","response":{"id":"r0","status":"completed"}}""");
            await connection.WaitForClientEndAsync();
        });
        using var logs = new CapturingLoggerProvider();
        using ILoggerFactory loggerFactory = logs.CreateFactory();
        using NexLLMClient client = Client(server, options => options.LoggerFactory = loggerFactory);
        IRealtimeClient realtime = client.GetRealtimeClient(Model).AsBuilder().UseLogging(loggerFactory).UseOpenTelemetry(loggerFactory).Build();

        await using (IRealtimeClientSession session = await realtime.CreateSessionAsync(
            new RealtimeSessionOptions { Tools = [AIFunctionFactory.Create(GetWeather, "get_weather")], ToolMode = ChatToolMode.Auto }, Cancel))
        {
            await session.SendAsync(new CreateConversationItemRealtimeClientMessage(new RealtimeConversationItem([new TextContent("Hi")], role: ChatRole.User)), Cancel);
            await session.SendAsync(new CreateResponseRealtimeClientMessage(), Cancel);
            List<RealtimeServerMessage> messages = await ReadResponsesAsync(session, 2, Cancel);

            Assert.Equal("Logged.", TextOf(messages));
        }

        Assert.NotEmpty(logs.Entries);
        Assert.DoesNotContain(logs.Entries, static e => e.AllText.Contains(ApiKey, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_audio_turn_appends_and_commits_audio_and_streams_audio_with_its_transcript()
    {
        var received = new List<string>();
        await using var server = await RealtimeLoopbackServer.StartAsync(async connection =>
        {
            received.Add((await connection.ExpectAsync("session.update")).GetRawText());
            received.Add((await connection.ExpectAsync("input_audio_buffer.append")).GetRawText());
            received.Add((await connection.ExpectAsync("input_audio_buffer.commit")).GetRawText());
            received.Add(WithResponseIdShown((await connection.ExpectAsync("response.create")).GetRawText()));
            await connection.SendAsync("""{"type":"input_audio_buffer.committed","item_id":"u1"}""");
            await connection.SendAsync("""{"type":"conversation.item.input_audio_transcription.completed","item_id":"u1","content_index":0,"transcript":"Hello?"}""");
            await connection.SendAsync("""{"type":"response.created","response":{"id":"r1","status":"in_progress"}}""");
            await connection.SendAsync("""{"type":"response.audio.delta","response_id":"r1","item_id":"m1","output_index":0,"content_index":0,"delta":"AAEC"}""");
            await connection.SendAsync("""{"type":"response.output_audio.delta","response_id":"r1","item_id":"m1","output_index":0,"content_index":0,"delta":"AwQF"}""");
            await connection.SendAsync("""{"type":"response.audio_transcript.delta","response_id":"r1","item_id":"m1","output_index":0,"content_index":0,"delta":"Hi "}""");
            await connection.SendAsync("""{"type":"response.output_audio_transcript.delta","response_id":"r1","item_id":"m1","output_index":0,"content_index":0,"delta":"there."}""");
            await connection.SendAsync("""{"type":"response.audio.done","response_id":"r1","item_id":"m1","output_index":0,"content_index":0}""");
            await connection.SendAsync("""{"type":"response.audio_transcript.done","response_id":"r1","item_id":"m1","output_index":0,"content_index":0,"transcript":"Hi there."}""");
            await connection.SendAsync("""{"type":"response.done","response":{"id":"r1","status":"completed"}}""");
            await connection.WaitForClientEndAsync();
        });
        using NexLLMClient client = Client(server);

        await using (IRealtimeClientSession session = await client.GetRealtimeClient(Model).CreateSessionAsync(
            AudioTurnOptions(),
            Cancel))
        {
            await session.SendAsync(new InputAudioBufferAppendRealtimeClientMessage(new DataContent(new byte[] { 9, 8, 7 }, "audio/pcm")), Cancel);
            await session.SendAsync(new InputAudioBufferCommitRealtimeClientMessage(), Cancel);
            await session.SendAsync(new CreateResponseRealtimeClientMessage(), Cancel);
            List<RealtimeServerMessage> messages = await ReadResponsesAsync(session, 1, Cancel);

            Assert.Equal("input_audio_buffer.committed", messages[0].Type.Value);
            Assert.Equal("Hello?", Assert.IsType<InputAudioTranscriptionRealtimeServerMessage>(messages[1]).Transcription);
            var audio = messages.OfType<OutputTextAudioRealtimeServerMessage>().Where(static m => m.Type == RealtimeServerMessageType.OutputAudioDelta);
            Assert.Equal(new byte[] { 0, 1, 2, 3, 4, 5 }, audio.SelectMany(static m => Convert.FromBase64String(m.Audio!)).ToArray());
            var transcript = messages.OfType<OutputTextAudioRealtimeServerMessage>().Where(static m => m.Type == RealtimeServerMessageType.OutputAudioTranscriptionDelta);
            Assert.Equal("Hi there.", string.Concat(transcript.Select(static m => m.Text)));
            Assert.Contains(messages, static m => m.Type == RealtimeServerMessageType.OutputAudioDone);
        }

        Assert.Equal(
            [
                """{"type":"session.update","session":{"modalities":["audio","text"],"input_audio_format":"pcm16","output_audio_format":"pcm16","input_audio_transcription":{"model":"whisper-1"},"turn_detection":null}}""",
                """{"type":"input_audio_buffer.append","audio":"CQgH"}""",
                """{"type":"input_audio_buffer.commit"}""",
                """{"type":"response.create","event_id":"<id>","response":{}}""",
            ],
            received);
    }

    [Fact]
    public async Task Session_options_the_gateway_would_choke_on_fail_before_connecting()
    {
        await using var server = await RealtimeLoopbackServer.StartAsync(_ => Task.CompletedTask);
        using NexLLMClient client = Client(server);

        await Assert.ThrowsAsync<ArgumentException>(() => client.GetRealtimeClient(Model).CreateSessionAsync(
            new RealtimeSessionOptions { ToolMode = ChatToolMode.RequireSpecific("get_weather") }, Cancel));

        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task A_session_update_becomes_the_sessions_options_and_a_session_has_one_reader()
    {
        await using var server = await RealtimeLoopbackServer.StartAsync(async connection =>
        {
            await connection.ExpectAsync("session.update");
            await connection.WaitForClientEndAsync();
        });
        using NexLLMClient client = Client(server);
        await using IRealtimeClientSession session = await client.GetRealtimeClient(Model).CreateSessionAsync(cancellationToken: Cancel);
        Assert.Equal(Model, session.Options?.Model);
        var options = new RealtimeSessionOptions { Instructions = "Later.", Tools = [AIFunctionFactory.Create(GetWeather, "get_weather")] };

        await session.SendAsync(new SessionUpdateRealtimeClientMessage(options), Cancel);
        await using IAsyncEnumerator<RealtimeServerMessage> first = session.GetStreamingResponseAsync(Cancel).GetAsyncEnumerator(Cancel);
        ValueTask<bool> pending = first.MoveNextAsync();

        Assert.Same(options, session.Options);
        await using IAsyncEnumerator<RealtimeServerMessage> second = session.GetStreamingResponseAsync(Cancel).GetAsyncEnumerator(Cancel);
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await second.MoveNextAsync());
        await session.DisposeAsync();
        Assert.False(await pending);
    }

    [Fact]
    public async Task A_normal_close_between_responses_ends_the_messages()
    {
        await using var server = await RealtimeLoopbackServer.StartAsync(async connection =>
        {
            await connection.SendAsync("""{"type":"session.created","session":{"id":"s1"}}""");
            await connection.CloseAsync();
        });
        using NexLLMClient client = Client(server);
        await using IRealtimeClientSession session = await client.GetRealtimeClient(Model).CreateSessionAsync(cancellationToken: Cancel);

        (List<RealtimeServerMessage> messages, Exception? error) = await ReadAllAsync(session, Cancel);

        Assert.Null(error);
        Assert.Equal("session.created", Assert.Single(messages).Type.Value);
    }

    [Fact]
    public async Task The_callers_cancellation_stops_reading_promptly_and_closes_the_socket()
    {
        var clientGone = new TaskCompletionSource();
        await using var server = await RealtimeLoopbackServer.StartAsync(async connection =>
        {
            await connection.ExpectAsync("response.create");
            await connection.WaitForClientEndAsync();
            clientGone.TrySetResult();
        });
        using NexLLMClient client = Client(server);
        await using IRealtimeClientSession session = await client.GetRealtimeClient(Model).CreateSessionAsync(cancellationToken: Cancel);
        await session.SendAsync(new CreateResponseRealtimeClientMessage(), Cancel);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        cancel.CancelAfter(TimeSpan.FromMilliseconds(200));

        var watch = Stopwatch.StartNew();
        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ReadResponsesAsync(session, 1, cancel.Token));

        Assert.Equal(cancel.Token, error.CancellationToken);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"took {watch.Elapsed}");
        await clientGone.Task.WaitAsync(TimeSpan.FromSeconds(5), Cancel);
    }

    [Fact]
    public async Task Disposing_while_reading_ends_the_reader_quietly_and_closes_cleanly()
    {
        var closedByClient = new TaskCompletionSource<bool>();
        await using var server = await RealtimeLoopbackServer.StartAsync(async connection =>
        {
            JsonElement? next = await connection.ReceiveAsync();
            closedByClient.TrySetResult(next is null && connection.Socket.CloseStatus == System.Net.WebSockets.WebSocketCloseStatus.NormalClosure);
            await connection.CloseAsync();
        });
        using NexLLMClient client = Client(server);
        IRealtimeClientSession session = await client.GetRealtimeClient(Model).CreateSessionAsync(cancellationToken: Cancel);
        Task<(List<RealtimeServerMessage> Messages, Exception? Error)> reading = ReadAllAsync(session, Cancel);
        await Task.Delay(100, Cancel);

        var watch = Stopwatch.StartNew();
        await session.DisposeAsync();
        (List<RealtimeServerMessage> messages, Exception? error) = await reading.WaitAsync(TimeSpan.FromSeconds(5), Cancel);

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"took {watch.Elapsed}");
        Assert.Null(error);
        Assert.Empty(messages);
        Assert.True(await closedByClient.Task.WaitAsync(TimeSpan.FromSeconds(5), Cancel));
    }

    [Fact]
    public async Task Disposing_never_hangs_on_a_server_that_ignores_the_close()
    {
        var release = new TaskCompletionSource();
        await using var server = await RealtimeLoopbackServer.StartAsync(_ => release.Task);
        using NexLLMClient client = Client(server);
        IRealtimeClientSession session = await client.GetRealtimeClient(Model).CreateSessionAsync(cancellationToken: Cancel);

        var watch = Stopwatch.StartNew();
        await session.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(15), Cancel);
        release.TrySetResult();

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
        await Assert.ThrowsAsync<ObjectDisposedException>(() => session.SendAsync(new CreateResponseRealtimeClientMessage(), Cancel));
    }

    [Description("Gets the weather in a city.")]
    private static string GetWeather(string city) => $"18°C in {city}";
}
