using Microsoft.Extensions.AI;
using NexLLM.Connectors.Tests.TestSupport;
using static NexLLM.Connectors.Tests.TestSupport.GeminiCalls;

namespace NexLLM.Connectors.Tests.Chat.Gemini;

/// <summary>
/// Errors on <c>/v1beta</c>: the gateway's OpenAI shape with a numeric <c>code</c> (what new-api sends, docs/protocols/gateway.md#error-bodies, docs/protocols/gemini.md
/// "Errors") and Google's own <c>{"error":{code,message,status}}</c> (a fork or a direct endpoint), retried only when safe.
/// </summary>
public sealed class GeminiErrorTests
{
    private static async Task<NexLLMException> FailAsync(Harness harness)
    {
        Exception? error = await Record.ExceptionAsync(() => harness.AskGeminiAsync());
        Assert.True(harness.Handler.AllBodiesDisposed);
        return Assert.IsType<NexLLMException>(error);
    }

    public sealed class GatewayShape
    {
        [Fact]
        public async Task An_upstream_429_with_a_numeric_code_is_retried_then_succeeds()
        {
            using var harness = new Harness();
            harness.Handler.Enqueue(
                Reply.Json(GeminiChunk.GatewayError(429, "Resource has been exhausted (e.g. check quota). (request id: 2026A)"), 429),
                Reply.Json(OkBody));

            Task<ChatResponse> call = harness.AskGeminiAsync();
            await harness.Clock.SkipRetryDelayAsync();

            Assert.Equal("ok", (await call).Text);
            Assert.Equal(2, harness.Handler.Requests.Count);
            Assert.Equal(harness.Handler.Requests[0].BodyText, harness.Handler.Requests[1].BodyText);
        }

        [Fact]
        public async Task A_429_on_every_attempt_ends_typed_with_its_numeric_code_and_the_attempt_count()
        {
            using var harness = new Harness(o => o.MaxRetries = 1);
            harness.Handler.EnqueueRepeated(2, () => Reply.Json(GeminiChunk.GatewayError(429, "Resource has been exhausted"), 429).WithHeader("X-Oneapi-Request-Id", "rid-429"));

            Task<NexLLMException> call = FailAsync(harness);
            await harness.Clock.SkipRetryDelayAsync();
            NexLLMException error = await call;

            Assert.Equal(
                (NexLLMErrorKind.HttpStatus, 429, "upstream_error", "429", "rid-429", 2, true),
                (error.Kind, error.StatusCode, error.ErrorType, error.ErrorCode, error.RequestId, error.Attempts, error.IsTransient));
            Assert.Contains("Resource has been exhausted", error.Message, StringComparison.Ordinal);
        }

        [Fact]
        public async Task An_upstream_400_is_not_retried_and_carries_its_message()
        {
            using var harness = new Harness();
            harness.Handler.Enqueue(Reply.Json(GeminiChunk.GatewayError(400, "* GenerateContentRequest.contents: contents is not specified (request id: 2026B)"), 400));

            NexLLMException error = await FailAsync(harness);

            Assert.Equal((400, "upstream_error", "400", false), (error.StatusCode, error.ErrorType, error.ErrorCode, error.IsTransient));
            Assert.EndsWith(": * GenerateContentRequest.contents: contents is not specified (request id: 2026B)", error.Message, StringComparison.Ordinal);
            Assert.Single(harness.Handler.Requests);
        }

        [Fact]
        public async Task A_middleware_auth_error_with_a_string_code_is_not_retried()
        {
            using var harness = new Harness();
            harness.Handler.Enqueue(Reply.Json("""{"error":{"message":"无效的令牌","type":"new_api_error","code":""}}""", 401));

            NexLLMException error = await FailAsync(harness);

            Assert.Equal((401, "new_api_error", null, false), (error.StatusCode, error.ErrorType, error.ErrorCode, error.IsTransient));
            Assert.Single(harness.Handler.Requests);
        }

        [Fact]
        public async Task No_channel_for_the_model_503_model_not_found_is_not_retried()
        {
            using var harness = new Harness();
            harness.Handler.Enqueue(Reply.Json("""{"error":{"message":"No available channel for model gemini-x","type":"new_api_error","code":"model_not_found"}}""", 503));

            NexLLMException error = await FailAsync(harness);

            Assert.Equal((503, "model_not_found", false), (error.StatusCode, error.ErrorCode, error.IsTransient));
            Assert.Single(harness.Handler.Requests);
        }

        [Fact]
        public async Task An_empty_429_from_the_rate_limiter_is_retried()
        {
            using var harness = new Harness();
            harness.Handler.Enqueue(Reply.Status(429), Reply.Json(OkBody));

            Task<ChatResponse> call = harness.AskGeminiAsync();
            await harness.Clock.SkipRetryDelayAsync();

            Assert.Equal("ok", (await call).Text);
        }
    }

    public sealed class GoogleShape
    {
        [Fact]
        public async Task RESOURCE_EXHAUSTED_429_is_retried_with_status_as_ErrorType_and_code_as_ErrorCode()
        {
            using var harness = new Harness(o => o.MaxRetries = 1);
            string body = """
                {"error":{"code":429,"message":"Quota exceeded for metric generate_content_requests","status":"RESOURCE_EXHAUSTED",
                 "details":[{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"30s"}]}}
                """;
            harness.Handler.EnqueueRepeated(2, () => Reply.Json(body, 429));

            Task<NexLLMException> call = FailAsync(harness);
            await harness.Clock.SkipRetryDelayAsync();
            NexLLMException error = await call;

            Assert.Equal((429, "RESOURCE_EXHAUSTED", "429", true, 2), (error.StatusCode, error.ErrorType, error.ErrorCode, error.IsTransient, error.Attempts));
            Assert.Contains("Quota exceeded for metric generate_content_requests", error.Message, StringComparison.Ordinal);
        }

        [Fact]
        public async Task INVALID_ARGUMENT_400_is_not_retried()
        {
            using var harness = new Harness();
            harness.Handler.Enqueue(Reply.Json(GeminiChunk.GoogleError(400, "INVALID_ARGUMENT", "Invalid JSON payload received."), 400));

            NexLLMException error = await FailAsync(harness);

            Assert.Equal((400, "INVALID_ARGUMENT", "400", false), (error.StatusCode, error.ErrorType, error.ErrorCode, error.IsTransient));
            Assert.Contains("Invalid JSON payload received.", error.Message, StringComparison.Ordinal);
            Assert.Single(harness.Handler.Requests);
        }

        [Fact]
        public async Task UNAVAILABLE_503_is_retried_then_succeeds()
        {
            using var harness = new Harness();
            harness.Handler.Enqueue(Reply.Json(GeminiChunk.GoogleError(503, "UNAVAILABLE", "The model is overloaded."), 503), Reply.Json(OkBody));

            Task<ChatResponse> call = harness.AskGeminiAsync();
            await harness.Clock.SkipRetryDelayAsync();

            Assert.Equal("ok", (await call).Text);
        }

        [Fact]
        public async Task A_status_error_before_a_stream_is_retried_then_the_stream_is_read()
        {
            using var harness = new Harness();
            harness.Handler.Enqueue(
                Reply.Json(GeminiChunk.GatewayError(500, "upstream error: do request failed"), 500),
                Reply.Sse(GeminiSse.Events(GeminiChunk.Text("Hel"), GeminiChunk.Text("lo", "STOP"))));

            Task<(List<ChatResponseUpdate> Updates, Exception? Error)> call = harness.StreamGeminiAsync();
            await harness.Clock.SkipRetryDelayAsync();
            var (updates, error) = await call;

            Assert.Null(error);
            Assert.Equal("Hello", UpdateText.AllText(updates));
            Assert.All(harness.Handler.Requests, r => Assert.Equal(StreamUri, r.Uri.AbsoluteUri));
        }
    }

    public sealed class WithStatus200
    {
        [Theory]
        [InlineData("""{"error":{"code":400,"message":"API key not valid.","status":"INVALID_ARGUMENT"}}""", "INVALID_ARGUMENT", "400", false)]
        [InlineData("""{"error":{"message":"upstream overloaded","type":"upstream_error","param":"","code":503}}""", "upstream_error", "503", true)]
        public async Task An_error_body_is_a_NexLLMException_with_its_type_code_and_message_and_is_not_retried(string body, string type, string code, bool transient)
        {
            using var harness = new Harness();
            harness.Handler.Enqueue(Reply.Json(body).WithHeader("X-Oneapi-Request-Id", "rid-200"));

            NexLLMException error = await FailAsync(harness);

            Assert.Equal((200, type, code, "rid-200", transient), (error.StatusCode, error.ErrorType, error.ErrorCode, error.RequestId, error.IsTransient));
            Assert.Single(harness.Handler.Requests);
        }

        [Fact]
        public async Task InlineData_that_is_not_base64_is_an_InvalidResponse_not_a_FormatException()
        {
            using var harness = new Harness();
            harness.Handler.Enqueue(Reply.Json("""{"candidates":[{"content":{"role":"model","parts":[{"inlineData":{"mimeType":"image/png","data":"not base64!"}}]},"finishReason":"STOP"}]}"""));

            NexLLMException error = await FailAsync(harness);

            Assert.Equal((NexLLMErrorKind.InvalidResponse, 200), (error.Kind, error.StatusCode));
            Assert.IsType<FormatException>(error.InnerException);
        }

        [Theory]
        [InlineData("""{"candidates":[]}""")]
        [InlineData("""{"usageMetadata":{"promptTokenCount":1}}""")]
        [InlineData("""{"candidates":[{"content":""")]
        [InlineData("""[]""")]
        [InlineData("""{"candidates":"none"}""")]
        [InlineData("not json")]
        public async Task A_body_without_candidates_or_not_of_the_expected_shape_is_an_InvalidResponse(string body)
        {
            using var harness = new Harness();
            harness.Handler.Enqueue(Reply.Json(body));

            NexLLMException error = await FailAsync(harness);

            Assert.Equal((NexLLMErrorKind.InvalidResponse, 200), (error.Kind, error.StatusCode));
            Assert.Single(harness.Handler.Requests);
        }
    }
}
