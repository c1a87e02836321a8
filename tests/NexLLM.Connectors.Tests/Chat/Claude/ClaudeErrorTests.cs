using Microsoft.Extensions.AI;
using NexLLM.Connectors.Tests.TestSupport;

namespace NexLLM.Connectors.Tests.Chat.Claude;

/// <summary>
/// Errors on <c>/v1/messages</c>: the Claude shape <c>{"type":"error","error":{type,message}}</c> with any status (also 200),
/// and the gateway's own OpenAI-shaped middleware errors (docs/protocols/gateway.md#error-bodies, docs/protocols/claude-messages.md "Errors"), retried only when that is safe.
/// </summary>
public sealed class ClaudeErrorTests
{
    private static async Task<NexLLMException> FailAsync(Harness harness)
    {
        Exception? error = await Record.ExceptionAsync(() => harness.AskClaudeAsync());
        Assert.True(harness.Handler.AllBodiesDisposed);
        return Assert.IsType<NexLLMException>(error);
    }

    public sealed class WithStatus200
    {
        [Fact]
        public async Task An_error_body_is_a_NexLLMException_with_its_type_message_and_request_id()
        {
            using var harness = new Harness();
            harness.Handler.Enqueue(Reply.Json("""{"type":"error","error":{"type":"api_error","message":"Upstream exploded (request id: 2026X)"}}""")
                .WithHeader("X-Oneapi-Request-Id", "rid-200"));

            NexLLMException error = await FailAsync(harness);

            Assert.Equal((200, "api_error", "rid-200"), (error.StatusCode, error.ErrorType, error.RequestId));
            Assert.Contains("Upstream exploded (request id: 2026X)", error.Message, StringComparison.Ordinal);
            Assert.Single(harness.Handler.Requests);
        }

        [Theory]
        [InlineData("""{"id":"msg_1","type":"message","role":"assistant"}""")]
        [InlineData("""{"id":"msg_1","type":"message","content":[{"type":"text","text":"x"}""")]
        [InlineData("""[]""")]
        [InlineData("""{"id":"msg_1","content":"text"}""")]
        public async Task A_body_without_content_or_not_of_the_expected_shape_is_an_InvalidResponse(string body)
        {
            using var harness = new Harness();
            harness.Handler.Enqueue(Reply.Json(body));

            NexLLMException error = await FailAsync(harness);

            Assert.Equal((NexLLMErrorKind.InvalidResponse, 200), (error.Kind, error.StatusCode));
            Assert.Single(harness.Handler.Requests);
        }
    }

    public sealed class ClaudeShape
    {
        [Fact]
        public async Task Overloaded_529_is_retried_then_succeeds()
        {
            using var harness = new Harness();
            harness.Handler.Enqueue(
                Reply.Json("""{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}""", 529),
                Reply.Json(ClaudeCalls.ClaudeOkBody));

            Task<ChatResponse> call = harness.AskClaudeAsync();
            await harness.Clock.SkipRetryDelayAsync();

            Assert.Equal("ok", (await call).Text);
            Assert.Equal(2, harness.Handler.Requests.Count);
            Assert.Equal(harness.Handler.Requests[0].BodyText, harness.Handler.Requests[1].BodyText);
        }

        [Fact]
        public async Task Overloaded_529_on_every_attempt_ends_typed_with_the_attempt_count()
        {
            using var harness = new Harness(o => o.MaxRetries = 1);
            harness.Handler.EnqueueRepeated(2, () => Reply.Json("""{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"},"request_id":"req_011"}""", 529));

            Task<NexLLMException> call = FailAsync(harness);
            await harness.Clock.SkipRetryDelayAsync();
            NexLLMException error = await call;

            Assert.Equal((NexLLMErrorKind.HttpStatus, 529, "overloaded_error", "req_011", 2, true), (error.Kind, error.StatusCode, error.ErrorType, error.RequestId, error.Attempts, error.IsTransient));
        }

        [Fact]
        public async Task Invalid_request_400_is_not_retried_and_carries_its_type()
        {
            using var harness = new Harness();
            harness.Handler.Enqueue(Reply.Json("""{"type":"error","error":{"type":"invalid_request_error","message":"max_tokens: must be greater than thinking.budget_tokens (request id: 2026Y)"}}""", 400));

            NexLLMException error = await FailAsync(harness);

            Assert.Equal((NexLLMErrorKind.HttpStatus, 400, "invalid_request_error", false), (error.Kind, error.StatusCode, error.ErrorType, error.IsTransient));
            Assert.EndsWith(": max_tokens: must be greater than thinking.budget_tokens (request id: 2026Y)", error.Message, StringComparison.Ordinal);
            Assert.Single(harness.Handler.Requests);
        }

        [Fact]
        public async Task A_529_before_a_stream_is_retried_then_the_stream_is_read()
        {
            using var harness = new Harness();
            harness.Handler.Enqueue(
                Reply.Json("""{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}""", 529),
                Reply.Sse(ClaudeSse.Events(ClaudeEvent.TextAnswer("msg_2", "Hel", "lo"))));

            Task<(List<ChatResponseUpdate> Updates, Exception? Error)> call = harness.StreamClaudeAsync();
            await harness.Clock.SkipRetryDelayAsync();
            var (updates, error) = await call;

            Assert.Null(error);
            Assert.Equal("Hello", UpdateText.AllText(updates));
            Assert.Equal(2, harness.Handler.Requests.Count);
        }
    }

    public sealed class GatewayShape
    {
        [Fact]
        public async Task A_middleware_auth_error_in_the_OpenAI_shape_is_typed_and_not_retried()
        {
            using var harness = new Harness();
            harness.Handler.Enqueue(Reply.Json("""{"error":{"message":"无效的令牌 (request id: 2026Z)","type":"new_api_error","code":""}}""", 401)
                .WithHeader("X-Oneapi-Request-Id", "2026Z"));

            NexLLMException error = await FailAsync(harness);

            Assert.Equal((401, "new_api_error", null, "2026Z", false), (error.StatusCode, error.ErrorType, error.ErrorCode, error.RequestId, error.IsTransient));
            Assert.Contains("无效的令牌", error.Message, StringComparison.Ordinal);
            Assert.Single(harness.Handler.Requests);
        }

        [Fact]
        public async Task No_channel_for_the_model_503_model_not_found_is_not_retried()
        {
            using var harness = new Harness();
            harness.Handler.Enqueue(Reply.Json("""{"error":{"message":"No available channel for model claude-x","type":"new_api_error","code":"model_not_found"}}""", 503));

            NexLLMException error = await FailAsync(harness);

            Assert.Equal((503, "model_not_found", false), (error.StatusCode, error.ErrorCode, error.IsTransient));
            Assert.Single(harness.Handler.Requests);
        }

        [Fact]
        public async Task An_empty_429_from_the_rate_limiter_is_retried()
        {
            using var harness = new Harness();
            harness.Handler.Enqueue(Reply.Status(429), Reply.Json(ClaudeCalls.ClaudeOkBody));

            Task<ChatResponse> call = harness.AskClaudeAsync();
            await harness.Clock.SkipRetryDelayAsync();

            Assert.Equal("ok", (await call).Text);
            Assert.Equal(2, harness.Handler.Requests.Count);
        }

        [Fact]
        public async Task An_upstream_OpenAI_error_relabelled_with_a_nil_type_is_judged_by_its_status()
        {
            // On /v1/messages an upstream OpenAI-shaped error gets error.type = fmt.Sprint(code), possibly "<nil>" (docs/protocols/gateway.md#error-bodies).
            using var harness = new Harness();
            harness.Handler.Enqueue(Reply.Json("""{"type":"error","error":{"type":"<nil>","message":"upstream failed"}}""", 502), Reply.Json(ClaudeCalls.ClaudeOkBody));

            Task<ChatResponse> call = harness.AskClaudeAsync();
            await harness.Clock.SkipRetryDelayAsync();

            Assert.Equal("ok", (await call).Text);
            Assert.Equal(2, harness.Handler.Requests.Count);
        }
    }
}
