using System.Diagnostics;
using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;
using static NexLLM.Connectors.IntegrationTests.Realtime.RealtimeLoopback;

namespace NexLLM.Connectors.IntegrationTests.Realtime;

/// <summary>
/// Every way a realtime session fails, over real loopback sockets, each with its <see cref="NexLLMErrorKind"/>
/// (docs/reliability.md, "realtime"); the key appears in none of them.
/// </summary>
public sealed class RealtimeFailureLoopbackTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_refused_handshake_is_an_http_status_with_the_bodys_error()
    {
        await using var server = await RealtimeLoopbackServer.StartAsync(_ => Task.CompletedTask, async context =>
        {
            context.Response.StatusCode = 401;
            context.Response.Headers["X-Oneapi-Request-Id"] = "req_42";
            await context.Response.WriteAsync($$$"""{"error":{"message":"invalid token {{{ApiKey}}}","type":"new_api_error","code":""}}""");
            return true;
        });
        using NexLLMClient client = Client(server);

        var error = await Assert.ThrowsAsync<NexLLMException>(() => client.GetRealtimeClient(Model).CreateSessionAsync(cancellationToken: Cancel));

        Assert.Equal((NexLLMErrorKind.HttpStatus, (int?)401, "new_api_error", "req_42"), (error.Kind, error.StatusCode, error.ErrorType, error.RequestId));
        Assert.Contains("invalid token", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiKey, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_redirected_handshake_is_not_followed()
    {
        await using var server = await RealtimeLoopbackServer.StartAsync(_ => Task.CompletedTask, context =>
        {
            context.Response.StatusCode = 307;
            context.Response.Headers.Location = "http://127.0.0.2:1/v1/realtime?model=x";
            return Task.FromResult(true);
        });
        using NexLLMClient client = Client(server);

        var error = await Assert.ThrowsAsync<NexLLMException>(() => client.GetRealtimeClient(Model).CreateSessionAsync(cancellationToken: Cancel));

        Assert.Equal((NexLLMErrorKind.Redirect, (int?)307), (error.Kind, error.StatusCode));
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task A_handshake_that_never_completes_is_a_timeout_after_the_connect_timeout()
    {
        await using var server = await RealtimeLoopbackServer.StartAsync(_ => Task.CompletedTask, async context =>
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(static _ => { }, TaskScheduler.Default);
            return true;
        });
        using NexLLMClient client = Client(server, options => options.ConnectTimeout = TimeSpan.FromMilliseconds(300));

        var watch = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<NexLLMException>(() => client.GetRealtimeClient(Model).CreateSessionAsync(cancellationToken: Cancel));

        Assert.Equal(NexLLMErrorKind.Timeout, error.Kind);
        Assert.Contains("ConnectTimeout", error.Message, StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task A_refused_connection_is_a_connection_error()
    {
        Uri endpoint;
        await using (var server = await RealtimeLoopbackServer.StartAsync(_ => Task.CompletedTask))
        {
            endpoint = server.Endpoint;
        }

        using var client = new NexLLMClient(new NexLLMClientOptions { Endpoint = endpoint, ApiKey = ApiKey });

        var error = await Assert.ThrowsAsync<NexLLMException>(() => client.GetRealtimeClient(Model).CreateSessionAsync(cancellationToken: Cancel));

        Assert.Equal(NexLLMErrorKind.Connection, error.Kind);
        Assert.DoesNotContain(ApiKey, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_error_event_reaches_the_caller_and_the_close_after_it_is_an_in_stream_error()
    {
        await using var server = await RealtimeLoopbackServer.StartAsync(async connection =>
        {
            await connection.SendAsync("""{"type":"error","event_id":"evt_req9","error":{"type":"new_api_error","code":"insufficient_user_quota","message":"quota exhausted"}}""");
            await connection.CloseAsync();
        });
        using NexLLMClient client = Client(server);
        await using IRealtimeClientSession session = await client.GetRealtimeClient(Model).CreateSessionAsync(cancellationToken: Cancel);

        (List<RealtimeServerMessage> messages, Exception? failure) = await ReadAllAsync(session, Cancel);

        var message = Assert.IsType<ErrorRealtimeServerMessage>(Assert.Single(messages));
        Assert.Equal("quota exhausted", message.Error!.Message);
        var error = Assert.IsType<NexLLMException>(failure);
        Assert.Equal((NexLLMErrorKind.InStreamError, "insufficient_user_quota", "req9"), (error.Kind, error.ErrorCode, error.RequestId));
    }

    [Fact]
    public async Task An_error_event_the_session_survives_is_only_a_message()
    {
        await using var server = await RealtimeLoopbackServer.StartAsync(async connection =>
        {
            await connection.ExpectAsync("response.create");
            await connection.SendAsync("""{"type":"error","error":{"type":"invalid_request_error","message":"Unknown parameter."}}""");
            await connection.SendTextResponseAsync("r1", "Still here.");
            await connection.WaitForClientEndAsync();
        });
        using NexLLMClient client = Client(server);
        await using IRealtimeClientSession session = await client.GetRealtimeClient(Model).CreateSessionAsync(cancellationToken: Cancel);
        await session.SendAsync(new CreateResponseRealtimeClientMessage(), Cancel);

        List<RealtimeServerMessage> messages = await ReadResponsesAsync(session, 1, Cancel);

        Assert.IsType<ErrorRealtimeServerMessage>(messages[0]);
        Assert.Equal("Still here.", TextOf(messages));
    }

    [Fact]
    public async Task A_close_in_the_middle_of_a_message_is_a_truncated_stream()
    {
        await using var server = await RealtimeLoopbackServer.StartAsync(async connection =>
        {
            await connection.SendFragmentAsync("""{"type":"response.text.delta","del""");
            await connection.CloseAsync();
        });

        NexLLMException error = await FailureAsync(server);

        Assert.Equal(NexLLMErrorKind.TruncatedStream, error.Kind);
    }

    [Fact]
    public async Task A_close_with_an_error_status_is_a_truncated_stream()
    {
        await using var server = await RealtimeLoopbackServer.StartAsync(async connection =>
        {
            await connection.SendAsync("""{"type":"session.created"}""");
            await connection.CloseAsync(WebSocketCloseStatus.InternalServerError, "upstream gone " + ApiKey);
        });

        NexLLMException error = await FailureAsync(server);

        Assert.Equal(NexLLMErrorKind.TruncatedStream, error.Kind);
        Assert.Contains("1011", error.Message, StringComparison.Ordinal);
        Assert.Contains("upstream gone", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiKey, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_normal_close_while_a_response_is_in_progress_is_a_truncated_stream()
    {
        await using var server = await RealtimeLoopbackServer.StartAsync(async connection =>
        {
            await connection.SendAsync("""{"type":"response.created","response":{"id":"r1"}}""");
            await connection.SendAsync("""{"type":"response.text.delta","delta":"Hal"}""");
            await connection.CloseAsync();
        });

        NexLLMException error = await FailureAsync(server);

        Assert.Equal(NexLLMErrorKind.TruncatedStream, error.Kind);
    }

    [Fact]
    public async Task A_binary_frame_is_an_invalid_response()
    {
        await using var server = await RealtimeLoopbackServer.StartAsync(async connection =>
        {
            await connection.Socket.SendAsync(new byte[] { 1, 2, 3 }, WebSocketMessageType.Binary, true, CancellationToken.None);
            await connection.WaitForClientEndAsync();
        });

        NexLLMException error = await FailureAsync(server);

        Assert.Equal(NexLLMErrorKind.InvalidResponse, error.Kind);
    }

    [Fact]
    public async Task An_event_that_is_not_json_is_an_invalid_response()
    {
        await using var server = await RealtimeLoopbackServer.StartAsync(async connection =>
        {
            await connection.SendAsync("<html>bad gateway</html>");
            await connection.WaitForClientEndAsync();
        });

        NexLLMException error = await FailureAsync(server);

        Assert.Equal(NexLLMErrorKind.InvalidResponse, error.Kind);
    }

    [Fact]
    public async Task A_100_MB_fragmented_message_is_too_large_and_fails_promptly()
    {
        long sent = 0;
        await using var server = await RealtimeLoopbackServer.StartAsync(async connection =>
        {
            byte[] chunk = new byte[64 * 1024];
            Array.Fill(chunk, (byte)'a');
            try
            {
                await connection.SendFragmentAsync("""{"type":"response.text.delta","delta":" """);
                while (sent < 100L * 1024 * 1024)
                {
                    // Kestrel drops writes once the client aborted: the abort token, not a failed send, says the client gave up.
                    await connection.Socket.SendAsync(chunk, WebSocketMessageType.Text, endOfMessage: false, connection.Aborted);
                    sent += chunk.Length;
                }
            }
            catch (Exception ex) when (ex is WebSocketException or IOException or OperationCanceledException)
            {
                // The client gave up on the message, as it should.
            }
        });

        var watch = Stopwatch.StartNew();
        NexLLMException error = await FailureAsync(server, options => options.MaxStreamEventBytes = 1024 * 1024);

        // That the reader stops at the cap, whatever the server sends, is proved byte for byte in WebSocketMessageReaderTests.
        Assert.Equal(NexLLMErrorKind.ResponseTooLarge, error.Kind);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task Silence_while_a_response_is_pending_is_a_timeout()
    {
        await using var server = await RealtimeLoopbackServer.StartAsync(async connection =>
        {
            await connection.ExpectAsync("response.create");
            await connection.WaitForClientEndAsync();
        });
        using NexLLMClient client = Client(server, options => options.StreamIdleTimeout = TimeSpan.FromMilliseconds(300));
        await using IRealtimeClientSession session = await client.GetRealtimeClient(Model).CreateSessionAsync(cancellationToken: Cancel);
        await session.SendAsync(new CreateResponseRealtimeClientMessage(), Cancel);

        var watch = Stopwatch.StartNew();
        (_, Exception? failure) = await ReadAllAsync(session, Cancel);

        var error = Assert.IsType<NexLLMException>(failure);
        Assert.Equal(NexLLMErrorKind.Timeout, error.Kind);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task An_error_about_another_event_leaves_the_requested_response_pending_so_silence_is_a_timeout()
    {
        await using var server = await RealtimeLoopbackServer.StartAsync(async connection =>
        {
            await connection.ExpectAsync("response.create");
            await connection.SendAsync("""{"type":"error","error":{"type":"invalid_request_error","message":"Unknown voice.","event_id":"update_7"}}""");
            await connection.WaitForClientEndAsync();
        });
        using NexLLMClient client = Client(server, options => options.StreamIdleTimeout = TimeSpan.FromMilliseconds(300));
        await using IRealtimeClientSession session = await client.GetRealtimeClient(Model).CreateSessionAsync(cancellationToken: Cancel);
        await session.SendAsync(new CreateResponseRealtimeClientMessage(), Cancel);

        (List<RealtimeServerMessage> messages, Exception? failure) = await ReadAllAsync(session, Cancel);

        Assert.IsType<ErrorRealtimeServerMessage>(Assert.Single(messages));
        Assert.Equal(NexLLMErrorKind.Timeout, Assert.IsType<NexLLMException>(failure).Kind);
    }

    [Fact]
    public async Task A_refused_response_create_is_no_longer_pending_so_silence_after_it_is_not_a_timeout()
    {
        await using var server = await RealtimeLoopbackServer.StartAsync(async connection =>
        {
            JsonElement create = await connection.ExpectAsync("response.create");
            string id = create.GetProperty("event_id").GetString()!;
            await connection.SendAsync($$$"""{"type":"error","error":{"type":"invalid_request_error","message":"Conversation already has an active response.","event_id":"{{{id}}}"}}""");
            Task<JsonElement?> reading = connection.ReceiveAsync();
            await Task.Delay(800);
            await connection.SendAsync("""{"type":"rate_limits.updated","rate_limits":[]}""");
            await connection.Socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, string.Empty, CancellationToken.None);
            await reading;
        });
        using NexLLMClient client = Client(server, options => options.StreamIdleTimeout = TimeSpan.FromMilliseconds(300));
        await using IRealtimeClientSession session = await client.GetRealtimeClient(Model).CreateSessionAsync(cancellationToken: Cancel);
        await session.SendAsync(new CreateResponseRealtimeClientMessage(), Cancel);

        (List<RealtimeServerMessage> messages, Exception? failure) = await ReadAllAsync(session, Cancel);

        Assert.Null(failure);
        Assert.Equal(2, messages.Count);
        Assert.StartsWith("nexllm_response_", Assert.IsType<ErrorRealtimeServerMessage>(messages[0]).OriginatingMessageId, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Silence_with_no_response_pending_is_not_a_timeout()
    {
        await using var server = await RealtimeLoopbackServer.StartAsync(async connection =>
        {
            // A live peer reads all along, which answers the client's keep-alive pings.
            Task<JsonElement?> reading = connection.ReceiveAsync();
            await Task.Delay(800);
            await connection.SendAsync("""{"type":"session.created"}""");
            await connection.Socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, string.Empty, CancellationToken.None);
            await reading;
        });
        using NexLLMClient client = Client(server, options => options.StreamIdleTimeout = TimeSpan.FromMilliseconds(300));
        await using IRealtimeClientSession session = await client.GetRealtimeClient(Model).CreateSessionAsync(cancellationToken: Cancel);

        (List<RealtimeServerMessage> messages, Exception? failure) = await ReadAllAsync(session, Cancel);

        Assert.Null(failure);
        Assert.Single(messages);
    }

    [Fact]
    public async Task A_peer_that_stops_answering_pings_is_a_timeout_even_with_no_response_pending()
    {
        // The server never reads again, so the client's keep-alive pings go unanswered: a dead peer.
        await using var server = await RealtimeLoopbackServer.StartAsync(async connection =>
        {
            await connection.SendAsync("""{"type":"session.created"}""");
            await Task.Delay(TimeSpan.FromSeconds(10), connection.Aborted).ContinueWith(static _ => { }, TaskScheduler.Default);
        });
        using NexLLMClient client = Client(server, options => options.StreamIdleTimeout = TimeSpan.FromMilliseconds(300));
        await using IRealtimeClientSession session = await client.GetRealtimeClient(Model).CreateSessionAsync(cancellationToken: Cancel);

        var watch = Stopwatch.StartNew();
        (List<RealtimeServerMessage> messages, Exception? failure) = await ReadAllAsync(session, Cancel);

        Assert.Single(messages);
        var error = Assert.IsType<NexLLMException>(failure);
        Assert.Equal(NexLLMErrorKind.Timeout, error.Kind);
        Assert.Contains("keep-alive", error.Message, StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task Sending_on_a_session_the_server_closed_is_a_connection_error()
    {
        await using var server = await RealtimeLoopbackServer.StartAsync(connection => connection.CloseAsync());
        using NexLLMClient client = Client(server);
        await using IRealtimeClientSession session = await client.GetRealtimeClient(Model).CreateSessionAsync(cancellationToken: Cancel);
        await ReadAllAsync(session, Cancel);

        var error = await Assert.ThrowsAsync<NexLLMException>(() => session.SendAsync(new CreateResponseRealtimeClientMessage(), Cancel));

        Assert.Equal(NexLLMErrorKind.Connection, error.Kind);
    }

    private static async Task<NexLLMException> FailureAsync(RealtimeLoopbackServer server, Action<NexLLMClientOptions>? configure = null)
    {
        using NexLLMClient client = Client(server, configure);
        await using IRealtimeClientSession session = await client.GetRealtimeClient(Model).CreateSessionAsync(cancellationToken: Cancel);
        (_, Exception? failure) = await ReadAllAsync(session, Cancel);
        var error = Assert.IsType<NexLLMException>(failure);
        Assert.DoesNotContain(ApiKey, error.ToString(), StringComparison.Ordinal);
        return error;
    }
}
