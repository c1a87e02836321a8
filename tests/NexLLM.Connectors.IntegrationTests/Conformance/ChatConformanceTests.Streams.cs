using System.Net;
using Microsoft.Extensions.AI;
using NexLLM.Connectors.Emulator;

namespace NexLLM.Connectors.IntegrationTests.Conformance;

/// <summary>Stream failures every protocol must report the same way (docs/reliability.md, "Streams").</summary>
public abstract partial class ChatConformanceTests
{
    private const string LongQuestion = "Tell me, in several sentences, everything you know about streaming protocols.";

    [Fact]
    public async Task StreamError_AfterContent_IsAnInStreamErrorAndIsNotRetried()
    {
        Emulator.Enqueue(EmulatorFault.StreamError(afterChunks: PreludeEvents + 1));

        (List<ChatResponseUpdate> received, NexLLMException error) = await StreamUntilErrorAsync(CreateChatClient());

        Assert.Equal(NexLLMErrorKind.InStreamError, error.Kind);
        Assert.NotEmpty(received);
        Assert.Single(ChatRequests());
    }

    [Fact]
    public async Task StreamError_BeforeAnyContent_IsRetriedLikeAStatusError()
    {
        Emulator.Enqueue(EmulatorFault.StreamError(afterChunks: PreludeEvents));

        ChatResponse response = await CreateChatClient(CreateClient(o => o.MaxRetries = 1))
            .GetStreamingResponseAsync(LongQuestion, cancellationToken: TestCancellation)
            .ToChatResponseAsync(TestCancellation);

        Assert.False(string.IsNullOrEmpty(response.Text));
        Assert.Equal(2, ChatRequests().Count);
    }

    [Fact]
    public async Task RawJsonErrorAppendedToTheStream_IsRaisedWithItsMessage()
    {
        Emulator.Enqueue(EmulatorFault.RawStreamError(afterChunks: PreludeEvents + 2, """{"error":{"message":"upstream exploded","type":"upstream_error","code":"bad_response_status_code"}}"""));

        var error = await Assert.ThrowsAsync<NexLLMException>(() => CreateChatClient().GetStreamingResponseAsync(LongQuestion, cancellationToken: TestCancellation).ToListAsync(TestCancellation).AsTask());

        Assert.Equal(NexLLMErrorKind.InStreamError, error.Kind);
        Assert.Contains("upstream exploded", error.Message, StringComparison.Ordinal);
        Assert.Equal("bad_response_status_code", error.ErrorCode);
    }

    [Fact]
    public async Task TruncatedStream_IsAnError()
    {
        Emulator.Enqueue(EmulatorFault.Truncate(afterChunks: PreludeEvents + 2));

        var error = await Assert.ThrowsAsync<NexLLMException>(() => CreateChatClient().GetStreamingResponseAsync(LongQuestion, cancellationToken: TestCancellation).ToListAsync(TestCancellation).AsTask());

        Assert.Equal(NexLLMErrorKind.TruncatedStream, error.Kind);
        Assert.Single(ChatRequests());
    }

    [Fact]
    public async Task MalformedEvent_IsAnInvalidResponseNamingTheEvent()
    {
        Emulator.Enqueue(EmulatorFault.MalformedChunk(afterChunks: PreludeEvents + 1));

        var error = await Assert.ThrowsAsync<NexLLMException>(() => CreateChatClient().GetStreamingResponseAsync(LongQuestion, cancellationToken: TestCancellation).ToListAsync(TestCancellation).AsTask());

        Assert.Equal(NexLLMErrorKind.InvalidResponse, error.Kind);
        Assert.Contains("event", error.Message, StringComparison.Ordinal);
        Assert.Contains("{not json", error.ResponseExcerpt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GatewayFailoverBeforeAnyContent_IsReadThroughWithoutDuplicatingText()
    {
        IChatClient chat = CreateChatClient();
        string expected = (await chat.GetResponseAsync(LongQuestion, cancellationToken: TestCancellation)).Text;
        Emulator.Enqueue(EmulatorFault.Failover(afterChunks: PreludeEvents));

        ChatResponse response = await chat.GetStreamingResponseAsync(LongQuestion, cancellationToken: TestCancellation).ToChatResponseAsync(TestCancellation);

        Assert.Equal(expected, response.Text);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
    }

    [Fact]
    public async Task GatewayFailoverAfterContent_IsAnInStreamError()
    {
        Emulator.Enqueue(EmulatorFault.Failover(afterChunks: PreludeEvents + 2));

        (List<ChatResponseUpdate> received, NexLLMException error) = await StreamUntilErrorAsync(CreateChatClient());

        Assert.Equal(NexLLMErrorKind.InStreamError, error.Kind);
        Assert.NotEmpty(received);
        Assert.Single(ChatRequests());
    }

    [Fact]
    public async Task ResetAfterContent_IsAConnectionErrorAndIsNotRetried()
    {
        // A reset discards data the client has not read yet: space the events so that the content is read (and
        // handed to the caller) before the reset comes; else it would be a reset before content, which is retried.
        await using NexLLMEmulator paced = await NexLLMEmulator.StartAsync(new NexLLMEmulatorOptions { StreamChunkDelay = TimeSpan.FromMilliseconds(250) }, TestCancellation);
        using var client = new NexLLMClient(new NexLLMClientOptions { Endpoint = paced.Endpoint, ApiKey = paced.ApiKey });
        paced.Enqueue(EmulatorFault.Reset(afterChunks: PreludeEvents + 2));

        (List<ChatResponseUpdate> received, NexLLMException error) = await StreamUntilErrorAsync(CreateChatClient(client));

        Assert.Equal(NexLLMErrorKind.Connection, error.Kind);
        Assert.NotEmpty(received);
        Assert.Single(paced.Requests, IsChatRequest);
    }

    [Fact]
    public async Task SilentStream_PastTheIdleTimeout_IsATypedTimeout()
    {
        Emulator.Enqueue(EmulatorFault.Stall(afterChunks: PreludeEvents + 1, TimeSpan.FromSeconds(30)));
        using NexLLMClient client = CreateClient(o => o.StreamIdleTimeout = TimeSpan.FromMilliseconds(300));

        var error = await Assert.ThrowsAsync<NexLLMException>(() => CreateChatClient(client).GetStreamingResponseAsync(LongQuestion, cancellationToken: TestCancellation).ToListAsync(TestCancellation).AsTask());

        Assert.Equal(NexLLMErrorKind.Timeout, error.Kind);
    }

    [Fact]
    public async Task CancellingMidStream_ThrowsWithTheCallersTokenAndReleasesTheConnection()
    {
        // One connection only: if cancelling leaked it, the follow-up call could never get one.
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 1, AllowAutoRedirect = false };
        using var http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        using var client = new NexLLMClient(new NexLLMClientOptions { Endpoint = Emulator.Endpoint, ApiKey = Emulator.ApiKey }, http);
        Emulator.Enqueue(EmulatorFault.Stall(afterChunks: PreludeEvents + 1, TimeSpan.FromSeconds(30)));
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(TestCancellation);

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (ChatResponseUpdate update in CreateChatClient(client).GetStreamingResponseAsync(LongQuestion, cancellationToken: cancellation.Token))
            {
                await cancellation.CancelAsync();
            }
        });

        Assert.Equal(cancellation.Token, error.CancellationToken);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        ChatResponse next = await CreateChatClient(client).GetResponseAsync("Still there?", cancellationToken: deadline.Token);
        Assert.False(string.IsNullOrEmpty(next.Text));
    }

    [Fact]
    public async Task LeavingTheLoopEarly_ReleasesTheConnection()
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 1, AllowAutoRedirect = false };
        using var http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        using var client = new NexLLMClient(new NexLLMClientOptions { Endpoint = Emulator.Endpoint, ApiKey = Emulator.ApiKey }, http);
        Emulator.Enqueue(EmulatorFault.Stall(afterChunks: PreludeEvents + 1, TimeSpan.FromSeconds(30)));

        await foreach (ChatResponseUpdate update in CreateChatClient(client).GetStreamingResponseAsync(LongQuestion, cancellationToken: TestCancellation))
        {
            break;
        }

        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        ChatResponse next = await CreateChatClient(client).GetResponseAsync("Still there?", cancellationToken: deadline.Token);
        Assert.False(string.IsNullOrEmpty(next.Text));
    }

    [Fact]
    public async Task HtmlBodyWhereAStreamWasAsked_IsAnInvalidResponse()
    {
        Emulator.Enqueue(EmulatorFault.Raw((int)HttpStatusCode.OK, "text/html", "<html><title>Captive portal</title></html>"u8.ToArray()));

        var error = await Assert.ThrowsAsync<NexLLMException>(() => CreateChatClient().GetStreamingResponseAsync(LongQuestion, cancellationToken: TestCancellation).ToListAsync(TestCancellation).AsTask());

        Assert.Equal(NexLLMErrorKind.InvalidResponse, error.Kind);
        Assert.Contains("Captive portal", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Streams the long question and returns what arrived before the stream failed, and how it failed.</summary>
    private static async Task<(List<ChatResponseUpdate> Received, NexLLMException Error)> StreamUntilErrorAsync(IChatClient chat)
    {
        var received = new List<ChatResponseUpdate>();
        var error = await Assert.ThrowsAsync<NexLLMException>(async () =>
        {
            await foreach (ChatResponseUpdate update in chat.GetStreamingResponseAsync(LongQuestion, cancellationToken: TestCancellation))
            {
                received.Add(update);
            }
        });
        return (received, error);
    }
}
