using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using NexLLM.Connectors.Tests.TestSupport;
using static NexLLM.Connectors.Tests.Chat.ChatRequestJsonTests;
using static NexLLM.Connectors.Tests.Chat.ChatStreamingTests;

namespace NexLLM.Connectors.Tests.Http;

/// <summary>
/// Timeouts suited to LLMs (docs/reliability.md): no hidden 100 s limit, a header timeout, an idle timeout between stream events
/// that keep-alives reset, all on simulated time.
/// </summary>
public sealed class TimeoutTests
{
    public sealed class Headers
    {
        [Fact]
        public async Task Headers_after_150_seconds_trip_nothing_with_default_options()
        {
            using var harness = new Harness();
            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            harness.Handler.Enqueue(async token =>
            {
                await gate.Task.WaitAsync(token);
                return Reply.Json(OkBody);
            });
            Task<ChatResponse> call = harness.AskAsync();
            await harness.Handler.NextRequestAsync();

            Assert.Equal(TimeSpan.FromMinutes(10), await harness.Clock.WaitForTimerAsync(d => d > TimeSpan.FromMinutes(1), "the response timeout"));
            harness.Clock.Advance(TimeSpan.FromSeconds(150));
            gate.SetResult();

            Assert.Equal("ok", (await call).Text);
            Assert.Single(harness.Handler.Requests);
        }

        [Fact]
        public async Task Our_response_timeout_is_a_transient_Timeout_and_is_retried()
        {
            using var harness = new Harness(o => o.ResponseTimeout = TimeSpan.FromSeconds(30));
            harness.Handler.EnqueueHang().Enqueue(Reply.Json(OkBody));
            Task<ChatResponse> call = harness.AskAsync();
            await harness.Handler.NextRequestAsync();

            await harness.Clock.FireAsync(TimeSpan.FromSeconds(30), "the response timeout");
            await harness.Clock.WaitForTimerAsync(d => d <= TimeSpan.FromSeconds(1), "the retry delay");
            harness.Clock.Advance(TimeSpan.FromSeconds(1));

            Assert.Equal("ok", (await call).Text);
            Assert.Equal(2, harness.Handler.Requests.Count);
        }

        [Fact]
        public async Task Timeouts_on_every_attempt_end_as_Kind_Timeout_not_as_a_cancellation()
        {
            using var harness = new Harness(o => (o.ResponseTimeout, o.MaxRetries) = (TimeSpan.FromSeconds(30), 1));
            harness.Handler.EnqueueHang().EnqueueHang();
            Task<ChatResponse> call = harness.AskAsync();

            await harness.Clock.FireAsync(TimeSpan.FromSeconds(30), "the first response timeout");
            await harness.Clock.WaitForTimerAsync(d => d <= TimeSpan.FromSeconds(1), "the retry delay");
            harness.Clock.Advance(TimeSpan.FromSeconds(1));
            await harness.Clock.FireAsync(TimeSpan.FromSeconds(30), "the second response timeout");

            var error = await Assert.ThrowsAsync<NexLLMException>(() => call);
            Assert.Equal((NexLLMErrorKind.Timeout, true, 2, null), (error.Kind, error.IsTransient, error.Attempts, error.StatusCode));
            Assert.IsAssignableFrom<OperationCanceledException>(error.InnerException);
            Assert.Contains("ResponseTimeout", error.Message, StringComparison.Ordinal);
        }

        [Fact]
        public async Task A_finite_HttpClient_Timeout_is_logged_as_a_warning()
        {
            var logs = new CapturingLoggerProvider();
            using var http = new HttpClient(new VerbatimHandler());
            using var client = new NexLLMClient(new NexLLMClientOptions { ApiKey = Harness.ApiKey, LoggerFactory = logs.CreateFactory() }, http);

            Assert.Contains(logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("00:01:40", StringComparison.Ordinal));
        }
    }

    public sealed class StreamIdle
    {
        [Fact]
        public async Task A_stream_silent_past_the_idle_timeout_fails_with_Timeout_and_releases_the_response()
        {
            using var harness = new Harness(o => o.StreamIdleTimeout = TimeSpan.FromSeconds(60));
            var body = new ScriptedStream().Then(Sse.Data(Chunk.Text("Hel"))).ThenStall();
            await using var updates = Open(harness, body);
            Assert.Equal("Hel", (await NextAsync(updates)).Text);

            Task<bool> next = updates.MoveNextAsync().AsTask();
            await body.WaitForBlockedReadAsync();
            await harness.Clock.FireAsync(TimeSpan.FromSeconds(60), "the idle timeout");

            var error = await Assert.ThrowsAsync<NexLLMException>(() => next.WaitAsync(TimeSpan.FromSeconds(2), Harness.Ct));
            // Transient by nature (the same request may succeed), but not retried: the stream had been handed over.
            Assert.Equal((NexLLMErrorKind.Timeout, true, "rid-stream"), (error.Kind, error.IsTransient, error.RequestId));
            await body.Disposal.WaitAsync(TimeSpan.FromSeconds(2), Harness.Ct);
            Assert.Single(harness.Handler.Requests);
        }

        [Fact]
        public async Task A_stream_silent_before_its_first_event_is_retried()
        {
            using var harness = new Harness(o => o.StreamIdleTimeout = TimeSpan.FromSeconds(60));
            var silent = new ScriptedStream().ThenStall();
            harness.Handler.Enqueue(Reply.Sse(silent), Reply.Sse(Sse.Stream(Chunk.Text("ok"), Chunk.Finish("stop"))));
            Task<List<ChatResponseUpdate>> call = harness.StreamAsync();

            await silent.WaitForBlockedReadAsync();
            await harness.Clock.FireAsync(TimeSpan.FromSeconds(60), "the idle timeout");
            await harness.Clock.SkipRetryDelayAsync();

            Assert.Equal("ok", UpdateText.AllText(await call));
            Assert.True(silent.IsDisposed);
        }

        [Fact]
        public async Task A_slow_steady_stream_of_one_event_every_20_seconds_for_20_minutes_completes()
        {
            using var harness = new Harness(o => o.StreamIdleTimeout = TimeSpan.FromSeconds(60));
            var body = new ScriptedStream();
            harness.Handler.Enqueue(Reply.Sse(body));
            Task<List<ChatResponseUpdate>> call = harness.StreamAsync();

            for (int i = 0; i < 60; i++)
            {
                await body.WaitForBlockedReadAsync();
                harness.Clock.Advance(TimeSpan.FromSeconds(20));
                body.Then(Sse.Data(Chunk.Text(".")));
            }

            await body.WaitForBlockedReadAsync();
            body.Then(Sse.Data(Chunk.Finish("stop")) + Sse.Done).End();

            Assert.Equal(new string('.', 60), UpdateText.AllText(await call.WaitAsync(TimeSpan.FromSeconds(5), Harness.Ct)));
            Assert.Equal(TimeSpan.FromMinutes(20), harness.Clock.GetUtcNow() - harness.Clock.Start);
        }

        [Fact]
        public async Task Keep_alive_pings_reset_the_idle_timer()
        {
            using var harness = new Harness(o => o.StreamIdleTimeout = TimeSpan.FromSeconds(60));
            var body = new ScriptedStream().Then(Sse.Data(Chunk.Role()));
            harness.Handler.Enqueue(Reply.Sse(body));
            Task<List<ChatResponseUpdate>> call = harness.StreamAsync();

            for (int i = 0; i < 10; i++)
            {
                await body.WaitForBlockedReadAsync();
                harness.Clock.Advance(TimeSpan.FromSeconds(50));
                body.Then(": PING\n\n");
            }

            await body.WaitForBlockedReadAsync();
            body.Then(Sse.Stream(Chunk.Text("late but fine"), Chunk.Finish("stop"))).End();

            Assert.Equal("late but fine", UpdateText.AllText(await call.WaitAsync(TimeSpan.FromSeconds(5), Harness.Ct)));
        }

        [Fact]
        public async Task A_non_streamed_body_that_stalls_fails_with_Timeout_after_the_idle_timeout_and_is_retried()
        {
            using var harness = new Harness(o => (o.StreamIdleTimeout, o.MaxRetries) = (TimeSpan.FromSeconds(60), 1));
            var stalled = new ScriptedStream().Then("{\"id\":").ThenStall();
            harness.Handler.Enqueue(Reply.Status(200).WithBody(stalled).WithContentType("application/json"), Reply.Json(OkBody));
            Task<ChatResponse> call = harness.AskAsync();

            await stalled.WaitForBlockedReadAsync();
            await harness.Clock.FireAsync(TimeSpan.FromSeconds(60), "the idle timeout");
            await harness.Clock.SkipRetryDelayAsync();

            Assert.Equal("ok", (await call).Text);
            Assert.True(stalled.IsDisposed);
        }
    }
}
