using Microsoft.Extensions.AI;
using NexLLM.Connectors.Tests.TestSupport;
using static NexLLM.Connectors.Tests.Chat.ChatStreamingTests;

namespace NexLLM.Connectors.Tests.Http;

/// <summary>
/// The caller's cancellation ends the call promptly in every phase and stays an <see cref="OperationCanceledException"/>
/// carrying the caller's token; leaving a stream early releases the response (docs/reliability.md, "cancellation").
/// </summary>
public sealed class CancellationTests
{
    private static readonly TimeSpan Prompt = TimeSpan.FromSeconds(2);

    private static async Task AssertCancelledByAsync(Task call, CancellationToken token)
    {
        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(Prompt, Harness.Ct));
        Assert.Equal(token, error.CancellationToken);
    }

    [Fact]
    public async Task While_waiting_for_headers()
    {
        using var harness = new Harness();
        using var cts = new CancellationTokenSource();
        harness.Handler.EnqueueHang();
        Task<ChatResponse> call = harness.AskAsync(cancellationToken: cts.Token);
        await harness.Handler.NextRequestAsync();

        await cts.CancelAsync();

        await AssertCancelledByAsync(call, cts.Token);
        Assert.Single(harness.Handler.Requests);
    }

    [Fact]
    public async Task During_a_retry_delay_with_no_further_attempt()
    {
        using var harness = new Harness();
        using var cts = new CancellationTokenSource();
        harness.Handler.Enqueue(Reply.Status(503), Reply.Status(503), Reply.Status(503));
        Task<ChatResponse> call = harness.AskAsync(cancellationToken: cts.Token);
        await harness.Clock.WaitForTimerAsync(d => d <= TimeSpan.FromSeconds(60), "the retry delay");

        await cts.CancelAsync();

        await AssertCancelledByAsync(call, cts.Token);
        harness.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Single(harness.Handler.Requests);
    }

    [Fact]
    public async Task While_reading_a_non_streamed_body()
    {
        using var harness = new Harness();
        using var cts = new CancellationTokenSource();
        var body = new ScriptedStream().Then("{\"id\":").ThenStall();
        harness.Handler.Enqueue(Reply.Status(200).WithBody(body).WithContentType("application/json"));
        Task<ChatResponse> call = harness.AskAsync(cancellationToken: cts.Token);
        await body.WaitForBlockedReadAsync();

        await cts.CancelAsync();

        await AssertCancelledByAsync(call, cts.Token);
        Assert.True(body.IsDisposed);
    }

    [Fact]
    public async Task While_reading_an_error_body()
    {
        using var harness = new Harness();
        using var cts = new CancellationTokenSource();
        var body = new ScriptedStream().Then("{\"error\":").ThenStall();
        harness.Handler.Enqueue(Reply.Status(500).WithBody(body).WithContentType("application/json"));
        Task<ChatResponse> call = harness.AskAsync(cancellationToken: cts.Token);
        await body.WaitForBlockedReadAsync();

        await cts.CancelAsync();

        await AssertCancelledByAsync(call, cts.Token);
        Assert.Single(harness.Handler.Requests);
    }

    [Fact]
    public async Task While_waiting_for_the_next_stream_event()
    {
        using var harness = new Harness();
        using var cts = new CancellationTokenSource();
        var body = new ScriptedStream().Then(Sse.Data(Chunk.Text("Hel")));
        harness.Handler.Enqueue(Reply.Sse(body));
        await using var updates = harness.Chat().GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "Hi")], cancellationToken: cts.Token).GetAsyncEnumerator(cts.Token);
        Assert.Equal("Hel", (await NextAsync(updates)).Text);
        Task<bool> next = updates.MoveNextAsync().AsTask();
        await body.WaitForBlockedReadAsync();

        await cts.CancelAsync();

        await AssertCancelledByAsync(next, cts.Token);
        await updates.DisposeAsync();
        Assert.True(body.IsDisposed);
    }

    [Fact]
    public async Task Between_events_already_read()
    {
        using var harness = new Harness();
        using var cts = new CancellationTokenSource();
        var body = new ScriptedStream().Then(Sse.Data(Chunk.Text("one")) + Sse.Data(Chunk.Text("two")) + Sse.Data(Chunk.Text("three")));
        harness.Handler.Enqueue(Reply.Sse(body));
        await using var updates = harness.Chat().GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "Hi")], cancellationToken: cts.Token).GetAsyncEnumerator(cts.Token);
        Assert.Equal("one", (await NextAsync(updates)).Text);

        await cts.CancelAsync();

        // "two" and "three" are in the buffer already: the caller who gave up does not get them.
        await AssertCancelledByAsync(updates.MoveNextAsync().AsTask(), cts.Token);
    }

    [Fact]
    public async Task Leaving_await_foreach_early_releases_the_response()
    {
        using var harness = new Harness();
        var body = new ScriptedStream().Then(Sse.Data(Chunk.Text("one")) + Sse.Data(Chunk.Text("two")));
        harness.Handler.Enqueue(Reply.Sse(body));

        await foreach (ChatResponseUpdate update in harness.Chat().GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "Hi")], cancellationToken: Harness.Ct))
        {
            Assert.Equal("one", update.Text);
            break;
        }

        Assert.True(body.IsDisposed);
        Assert.True(harness.Handler.AllBodiesDisposed);
    }

    [Fact]
    public async Task An_already_cancelled_token_sends_nothing()
    {
        using var harness = new Harness();
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => harness.AskAsync(cancellationToken: cts.Token));

        Assert.Empty(harness.Handler.Requests);
    }
}
