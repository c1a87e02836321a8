using System.Net.Sockets;
using Microsoft.Extensions.AI;
using NexLLM.Connectors.Http;
using NexLLM.Connectors.Tests.TestSupport;
using static NexLLM.Connectors.Tests.Chat.ChatRequestJsonTests;

namespace NexLLM.Connectors.Tests.Http;

/// <summary>What is retried, how often and after how long (docs/reliability.md, "retries", "server hints", "never retry what is not safe").</summary>
public sealed class RetryTests
{
    /// <summary>Lets every retry delay elapse on the fake clock until the call ends; returns the delays waited.</summary>
    internal static async Task<List<TimeSpan>> SkipAllDelaysAsync(Harness harness, Task call, int delays)
    {
        var waited = new List<TimeSpan>();
        for (int i = 0; i < delays; i++)
        {
            waited.Add(await harness.Clock.SkipRetryDelayAsync());
        }

        await Record.ExceptionAsync(() => call.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.True(call.IsCompleted, "The call did not end after its retry delays.");
        return waited;
    }

    public sealed class ServerHints
    {
        [Fact]
        public async Task A_429_with_retry_after_2_is_retried_once_and_not_before_2_seconds()
        {
            using var harness = new Harness();
            harness.Handler.Enqueue(Reply.Status(429).WithHeader("Retry-After", "2"), Reply.Json(OkBody));
            Task<ChatResponse> call = harness.AskAsync();

            await harness.Handler.NextRequestAsync();
            Assert.Equal(TimeSpan.FromSeconds(2), await harness.Clock.WaitForTimerAsync(d => d <= TimeSpan.FromSeconds(60), "the retry delay"));
            harness.Clock.Advance(TimeSpan.FromMilliseconds(1999));
            Assert.Single(harness.Handler.Requests);
            harness.Clock.Advance(TimeSpan.FromMilliseconds(1));

            Assert.Equal("ok", (await call).Text);
            Assert.Equal(2, harness.Handler.Requests.Count);
            Assert.Equal(harness.Handler.Requests[0].BodyText, harness.Handler.Requests[1].BodyText);
        }

        [Fact]
        public async Task Retry_after_ms_beats_retry_after()
        {
            using var harness = new Harness();
            harness.Handler.Enqueue(Reply.Status(503).WithHeader("retry-after-ms", "1500").WithHeader("retry-after", "30"), Reply.Json(OkBody));

            Assert.Equal((TimeSpan.FromMilliseconds(1500), "ok"), await harness.CallWithOneRetryAsync());
        }

        [Theory]
        [InlineData("0")]
        [InlineData("-3")]
        [InlineData("inf")]
        [InlineData("nan")]
        [InlineData("1e999")]
        [InlineData("99999999999999999999")]
        [InlineData("Mon, 01 Jan 2001 00:00:00 GMT")]
        [InlineData("Mon, 99 Jan 2001 00:00:00 GMT")]
        public async Task An_unusable_retry_after_falls_back_to_backoff(string value)
        {
            using var harness = new Harness();
            harness.Handler.Enqueue(Reply.Status(429).WithHeader("Retry-After", value), Reply.Json(OkBody));

            var (delay, text) = await harness.CallWithOneRetryAsync();

            Assert.InRange(delay.TotalSeconds, 0.375, 0.5);
            Assert.Equal("ok", text);
        }

        [Fact]
        public async Task A_one_day_retry_after_fails_at_once_with_the_hint()
        {
            using var harness = new Harness();
            harness.Handler.Enqueue(Reply.Status(429).WithHeader("Retry-After", "86400"));

            var error = await Assert.ThrowsAsync<NexLLMException>(() => harness.AskAsync().WaitAsync(TimeSpan.FromSeconds(5), Harness.Ct));

            Assert.Equal(TimeSpan.FromDays(1), error.RetryAfter);
            Assert.Equal((1, true, 429), (error.Attempts, error.IsTransient, error.StatusCode));
            Assert.Contains("retry after 86400 s", error.Message, StringComparison.Ordinal);
            Assert.Single(harness.Handler.Requests);
        }

        [Fact]
        public async Task A_hint_of_exactly_60_seconds_is_waited_for()
        {
            using var harness = new Harness();
            harness.Handler.Enqueue(Reply.Status(429).WithHeader("Retry-After", "60"), Reply.Json(OkBody));

            Assert.Equal((TimeSpan.FromSeconds(60), "ok"), await harness.CallWithOneRetryAsync());
        }

        [Fact]
        public async Task X_should_retry_true_retries_a_400()
        {
            using var harness = new Harness();
            harness.Handler.Enqueue(Reply.Json("""{"error":{"message":"try again","type":"invalid_request_error"}}""", 400).WithHeader("x-should-retry", "true"), Reply.Json(OkBody));

            Assert.Equal("ok", (await harness.CallWithOneRetryAsync()).Text);
        }

        [Fact]
        public async Task X_should_retry_false_stops_a_503()
        {
            using var harness = new Harness();
            harness.Handler.Enqueue(Reply.Status(503).WithHeader("x-should-retry", "false"));

            var error = await Assert.ThrowsAsync<NexLLMException>(() => harness.AskAsync());

            Assert.Equal((503, false, 1), (error.StatusCode, error.IsTransient, error.Attempts));
            Assert.Single(harness.Handler.Requests);
        }
    }

    public sealed class Backoff
    {
        [Theory]
        [InlineData(0, 0.0, 375)]
        [InlineData(0, 0.5, 437.5)]
        [InlineData(0, 1.0, 500)]
        [InlineData(1, 0.0, 750)]
        [InlineData(1, 1.0, 1000)]
        [InlineData(2, 0.0, 1500)]
        [InlineData(2, 0.5, 1750)]
        [InlineData(3, 0.0, 3000)]
        [InlineData(3, 1.0, 4000)]
        [InlineData(4, 0.0, 6000)]
        [InlineData(4, 1.0, 8000)]
        [InlineData(5, 0.0, 6000)]
        [InlineData(5, 1.0, 8000)]
        [InlineData(30, 0.5, 7000)]
        public void Without_a_hint_retry_n_waits_half_a_second_doubled_n_times_up_to_8_seconds_scaled_by_0_75_to_1(int retryNumber, double jitter, double milliseconds)
        {
            // retryNumber is Polly's: 0 before the first retry. jitter is the random draw, in [0, 1) in use; 1 marks the upper edge.
            Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), RetryPolicy.Delay(retryNumber, null, jitter));
        }

        [Theory]
        [InlineData(2000, 3, 0.0, 2000)]
        [InlineData(60000, 0, 1.0, 60000)]
        [InlineData(1, 4, 0.5, 1)]
        [InlineData(0, 0, 0.0, 375)]
        [InlineData(-1000, 1, 1.0, 1000)]
        [InlineData(60001, 0, 0.0, 375)]
        public void A_hint_from_just_above_0_to_60_seconds_is_the_delay_exactly_and_any_other_falls_back_to_backoff(double hintMilliseconds, int retryNumber, double jitter, double milliseconds)
        {
            Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), RetryPolicy.Delay(retryNumber, TimeSpan.FromMilliseconds(hintMilliseconds), jitter));
        }
    }

    public sealed class Statuses
    {
        /// <summary>The window in seconds each retry's delay falls in (retry 1 first): 0.5 s doubling up to 8 s, times 0.75 to 1.</summary>
        private static readonly (double Min, double Max)[] BackoffWindows =
        [
            (0.375, 0.5),
            (0.75, 1),
            (1.5, 2),
            (3, 4),
            (6, 8),
            (6, 8),
        ];

        [Theory]
        [InlineData(0, 1)]
        [InlineData(1, 2)]
        [InlineData(2, 3)]
        [InlineData(4, 5)]
        [InlineData(6, 7)]
        public async Task A_503_on_every_attempt_makes_exactly_MaxRetries_plus_one_attempts(int maxRetries, int attempts)
        {
            using var harness = new Harness(o => o.MaxRetries = maxRetries);
            harness.Handler.EnqueueRepeated(attempts, () => Reply.Status(503, "busy"));
            Task<ChatResponse> call = harness.AskAsync();

            List<TimeSpan> delays = await SkipAllDelaysAsync(harness, call, maxRetries);

            var error = await Assert.ThrowsAsync<NexLLMException>(() => call);
            Assert.Equal((503, attempts), (error.StatusCode, error.Attempts));
            Assert.Equal(attempts, harness.Handler.Requests.Count);
            Assert.True(harness.Handler.AllBodiesDisposed);
            Assert.Equal(maxRetries, delays.Count);
            for (int n = 0; n < delays.Count; n++)
            {
                Assert.InRange(delays[n].TotalSeconds, BackoffWindows[n].Min, BackoffWindows[n].Max);
            }
        }

        [Theory]
        [InlineData(408)]
        [InlineData(409)]
        [InlineData(429)]
        [InlineData(500)]
        [InlineData(502)]
        [InlineData(504)]
        [InlineData(529)]
        public async Task Transient_statuses_are_retried(int status)
        {
            using var harness = new Harness();
            harness.Handler.Enqueue(Reply.Status(status), Reply.Json(OkBody));

            Assert.Equal("ok", (await harness.CallWithOneRetryAsync()).Text);
        }

        [Theory]
        [InlineData(400, "")]
        [InlineData(401, """{"error":{"message":"无效的令牌","type":"new_api_error"}}""")]
        [InlineData(403, """{"error":{"message":"quota","type":"new_api_error","code":"insufficient_user_quota"}}""")]
        [InlineData(404, "")]
        [InlineData(413, "")]
        [InlineData(422, "")]
        [InlineData(500, """{"error":{"message":"bad json","type":"new_api_error","code":"invalid_request"}}""")]
        [InlineData(503, """{"error":{"message":"no channel","type":"new_api_error","code":"model_not_found"}}""")]
        public async Task Final_verdicts_are_not_retried(int status, string body)
        {
            using var harness = new Harness();
            harness.Handler.Enqueue(Reply.Status(status, body, "application/json"));

            var error = await Assert.ThrowsAsync<NexLLMException>(() => harness.AskAsync());

            Assert.Equal((status, false, 1), (error.StatusCode, error.IsTransient, error.Attempts));
            Assert.Single(harness.Handler.Requests);
        }
    }

    public sealed class Failures
    {
        [Fact]
        public async Task A_connection_failure_is_retried()
        {
            using var harness = new Harness();
            harness.Handler.EnqueueFailure(new HttpRequestException("Connection refused", new SocketException((int)SocketError.ConnectionRefused))).Enqueue(Reply.Json(OkBody));

            Assert.Equal("ok", (await harness.CallWithOneRetryAsync()).Text);
        }

        [Fact]
        public async Task Connection_failures_on_every_attempt_end_typed_with_the_inner_exception()
        {
            using var harness = new Harness();
            var refused = new HttpRequestException("Connection refused");
            harness.Handler.EnqueueFailure(refused).EnqueueFailure(refused).EnqueueFailure(refused);
            Task<ChatResponse> call = harness.AskAsync();

            await SkipAllDelaysAsync(harness, call, 2);

            var error = await Assert.ThrowsAsync<NexLLMException>(() => call);
            Assert.Equal((NexLLMErrorKind.Connection, null, 3, true), (error.Kind, error.StatusCode, error.Attempts, error.IsTransient));
            Assert.Same(refused, error.InnerException);
        }

        [Fact]
        public async Task A_non_streamed_body_cut_off_midway_is_retried()
        {
            using var harness = new Harness();
            harness.Handler.Enqueue(Reply.Status(200).WithBody(new ScriptedStream().Then("{\"id\":\"chat").ThenFail(new IOException("Connection reset by peer"))).WithContentType("application/json"))
                .Enqueue(Reply.Json(OkBody));

            Assert.Equal("ok", (await harness.CallWithOneRetryAsync()).Text);
            Assert.True(harness.Handler.AllBodiesDisposed);
        }

        [Fact]
        public async Task MaxRetries_zero_makes_one_attempt()
        {
            using var harness = new Harness(o => o.MaxRetries = 0);
            harness.Handler.EnqueueFailure(new HttpRequestException("reset"));

            var error = await Assert.ThrowsAsync<NexLLMException>(() => harness.AskAsync());

            Assert.Equal((NexLLMErrorKind.Connection, 1), (error.Kind, error.Attempts));
            Assert.Single(harness.Handler.Requests);
        }

        [Fact]
        public async Task Retry_attempts_are_logged_with_their_delay_and_cause()
        {
            using var harness = new Harness();
            harness.Handler.Enqueue(Reply.Status(503).WithHeader("X-Oneapi-Request-Id", "rid-r"), Reply.Json(OkBody));

            await harness.CallWithOneRetryAsync();

            Assert.Contains(harness.Logs.Entries, e => e.Message.Contains("Retrying", StringComparison.Ordinal) && e.Message.Contains("status 503", StringComparison.Ordinal) && e.Message.Contains("rid-r", StringComparison.Ordinal));
        }
    }
}
