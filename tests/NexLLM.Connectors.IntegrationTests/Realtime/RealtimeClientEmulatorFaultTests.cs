using System.Diagnostics;
using Microsoft.Extensions.AI;
using NexLLM.Connectors.IntegrationTests.TestSupport;
using static NexLLM.Connectors.IntegrationTests.Realtime.RealtimeLoopback;

namespace NexLLM.Connectors.IntegrationTests.Realtime;

/// <summary>
/// Our realtime client against the emulator's faults (asked for with the fault header on the handshake), each ending with
/// its <see cref="NexLLMErrorKind"/> (docs/reliability.md, "realtime"); the key appears in none of them.
/// </summary>
public sealed class RealtimeClientEmulatorFaultTests : EmulatorTest
{
    [Fact]
    public async Task A_refused_key_is_an_http_status_401()
    {
        using NexLLMClient client = CreateClient(options => options.ApiKey = "sk-wrongkey0123456789");

        var error = await Assert.ThrowsAsync<NexLLMException>(() => client.GetRealtimeClient(Model).CreateSessionAsync(cancellationToken: TestCancellation));

        Assert.Equal((NexLLMErrorKind.HttpStatus, 401), (error.Kind, error.StatusCode));
        Assert.DoesNotContain("wrongkey", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_status_on_the_handshake_is_an_http_status_with_its_retry_after()
    {
        using NexLLMClient client = FaultyClient("status=429; retry-after=2");

        var error = await Assert.ThrowsAsync<NexLLMException>(() => client.GetRealtimeClient(Model).CreateSessionAsync(cancellationToken: TestCancellation));

        Assert.Equal((NexLLMErrorKind.HttpStatus, 429, TimeSpan.FromSeconds(2)), (error.Kind, error.StatusCode, error.RetryAfter));
    }

    [Theory]
    [InlineData("1011")]
    [InlineData("drop")]
    public async Task An_error_event_that_ends_the_session_reaches_the_caller_then_is_an_in_stream_error(string close)
    {
        (List<RealtimeServerMessage> messages, NexLLMException error) = await FailedTurnAsync($"stream-error=after:2; message=Upstream quota exhausted.; close={close}");

        var sent = Assert.IsType<ErrorRealtimeServerMessage>(messages[^1]);
        Assert.Contains("Upstream quota exhausted.", sent.Error!.Message, StringComparison.Ordinal);
        Assert.Equal(NexLLMErrorKind.InStreamError, error.Kind);
        Assert.Contains("Upstream quota exhausted.", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("truncate=after:3")]
    [InlineData("reset=after:3")]
    [InlineData("raw-stream-error=after:2")]
    public async Task A_cut_in_the_middle_of_a_response_is_a_truncated_stream(string fault)
    {
        (List<RealtimeServerMessage> messages, NexLLMException error) = await FailedTurnAsync(fault);

        Assert.Equal(NexLLMErrorKind.TruncatedStream, error.Kind);
        Assert.Contains(messages, static m => m.Type == RealtimeServerMessageType.ResponseCreated);
        Assert.DoesNotContain(messages, static m => m.Type == RealtimeServerMessageType.ResponseDone);
    }

    [Theory]
    [InlineData("malformed=after:2")]
    [InlineData("malformed=after:2; frame=binary")]
    public async Task A_frame_that_is_not_a_json_event_is_an_invalid_response(string fault)
    {
        (_, NexLLMException error) = await FailedTurnAsync(fault);

        Assert.Equal(NexLLMErrorKind.InvalidResponse, error.Kind);
    }

    [Fact]
    public async Task A_server_silent_in_the_middle_of_a_response_is_a_timeout()
    {
        var watch = Stopwatch.StartNew();
        (_, NexLLMException error) = await FailedTurnAsync("stall=after:2; for=20s", options => options.StreamIdleTimeout = TimeSpan.FromMilliseconds(400));

        Assert.Equal(NexLLMErrorKind.Timeout, error.Kind);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task A_100_MiB_message_is_too_large_and_fails_without_reading_it_all()
    {
        var watch = Stopwatch.StartNew();
        (_, NexLLMException error) = await FailedTurnAsync("oversize=after:2", options => options.MaxStreamEventBytes = 1024 * 1024);

        Assert.Equal(NexLLMErrorKind.ResponseTooLarge, error.Kind);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task A_failed_response_ends_with_its_error_and_the_session_goes_on()
    {
        using NexLLMClient client = FaultyClient("failed=after:2; message=The model is overloaded.; code=server_error");
        await using IRealtimeClientSession session = await StartTurnAsync(client);

        List<RealtimeServerMessage> messages = await ReadResponsesAsync(session, 1, TestCancellation);

        var done = Assert.IsType<ResponseCreatedRealtimeServerMessage>(messages[^1]);
        Assert.Equal("failed", done.Status);
        Assert.Contains("The model is overloaded.", done.Error?.Message, StringComparison.Ordinal);
        await session.SendAsync(new CreateResponseRealtimeClientMessage(), TestCancellation);
        Assert.NotEmpty(TextOf(await ReadResponsesAsync(session, 1, TestCancellation)));
    }

    private NexLLMClient FaultyClient(string fault, Action<NexLLMClientOptions>? configure = null) => CreateClient(options =>
    {
        options.DefaultHeaders["X-NexLLM-Emulator-Fault"] = fault;
        configure?.Invoke(options);
    });

    private static async Task<IRealtimeClientSession> StartTurnAsync(NexLLMClient client)
    {
        IRealtimeClientSession session = await client.GetRealtimeClient(Model).CreateSessionAsync(
            new RealtimeSessionOptions { OutputModalities = ["text"] }, TestCancellation);
        await session.SendAsync(new CreateConversationItemRealtimeClientMessage(new RealtimeConversationItem([new TextContent("Describe a lighthouse.")], role: ChatRole.User)), TestCancellation);
        await session.SendAsync(new CreateResponseRealtimeClientMessage(), TestCancellation);
        return session;
    }

    private async Task<(List<RealtimeServerMessage> Messages, NexLLMException Error)> FailedTurnAsync(string fault, Action<NexLLMClientOptions>? configure = null)
    {
        using NexLLMClient client = FaultyClient(fault, configure);
        await using IRealtimeClientSession session = await StartTurnAsync(client);

        (List<RealtimeServerMessage> messages, Exception? failure) = await ReadAllAsync(session, TestCancellation);

        var error = Assert.IsType<NexLLMException>(failure);
        Assert.DoesNotContain(Emulator.ApiKey, error.ToString(), StringComparison.Ordinal);
        return (messages, error);
    }
}
