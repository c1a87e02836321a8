using System.Text;
using NexLLM.Connectors.Tests.TestSupport;

namespace NexLLM.Connectors.Tests.Http;

/// <summary>
/// Every error shape the gateway and its upstreams produce (docs/protocols/gateway.md#error-bodies, docs/protocols/gateway.md#gotchas) becomes a <see cref="NexLLMException"/>
/// with its status, type, code, request id and a bounded excerpt; never a raw JSON, null-reference or aggregate exception.
/// </summary>
public sealed class ErrorShapeTests
{
    private static async Task<NexLLMException> FailAsync(Reply reply)
    {
        using var harness = new Harness(o => o.MaxRetries = 0);
        harness.Handler.Enqueue(reply);
        Exception? error = await Record.ExceptionAsync(() => harness.AskAsync());
        Assert.Single(harness.Handler.Requests);
        Assert.True(harness.Handler.AllBodiesDisposed);
        return Assert.IsType<NexLLMException>(error);
    }

    public sealed class Shapes
    {
        [Fact]
        public async Task OpenAI_shape_with_a_string_code()
        {
            const string body = """{"error":{"message":"Invalid 'messages': empty (request id: 20260101X)","type":"invalid_request_error","param":"messages","code":"invalid_value"}}""";

            NexLLMException error = await FailAsync(Reply.Json(body, 400).WithHeader("X-Oneapi-Request-Id", "20260101X"));

            Assert.Equal(NexLLMErrorKind.HttpStatus, error.Kind);
            Assert.Equal((400, "invalid_request_error", "invalid_value", "20260101X"), (error.StatusCode, error.ErrorType, error.ErrorCode, error.RequestId));
            Assert.False(error.IsTransient);
            Assert.Equal(1, error.Attempts);
            Assert.Equal(body, error.ResponseExcerpt);
            Assert.Equal("NexLLM chat completion failed with HTTP 400 (BadRequest) [invalid_request_error, code invalid_value]: Invalid 'messages': empty (request id: 20260101X)", error.Message);
        }

        [Fact]
        public async Task OpenAI_shape_with_a_numeric_code_and_no_param()
        {
            NexLLMException error = await FailAsync(Reply.Json("""{"error":{"message":"Quota exceeded","type":"upstream_error","code":429}}""", 429));

            Assert.Equal(("upstream_error", "429", true), (error.ErrorType, error.ErrorCode, error.IsTransient));
        }

        [Fact]
        public async Task OpenAI_shape_with_a_null_code()
        {
            NexLLMException error = await FailAsync(Reply.Json("""{"error":{"message":"The server had an error","type":"server_error","param":null,"code":null}}""", 500));

            Assert.Equal(("server_error", null, true), (error.ErrorType, error.ErrorCode, error.IsTransient));
            Assert.EndsWith(": The server had an error", error.Message, StringComparison.Ordinal);
        }

        [Fact]
        public async Task Claude_shape_with_a_body_request_id()
        {
            NexLLMException error = await FailAsync(Reply.Json("""{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"},"request_id":"req_011CX"}""", 529));

            Assert.Equal((529, "overloaded_error", "req_011CX", true), (error.StatusCode, error.ErrorType, error.RequestId, error.IsTransient));
            Assert.Contains("HTTP 529 (Overloaded)", error.Message, StringComparison.Ordinal);
        }

        [Fact]
        public async Task The_gateway_request_id_header_wins_over_the_body()
        {
            NexLLMException error = await FailAsync(
                Reply.Json("""{"type":"error","error":{"type":"api_error","message":"x"},"request_id":"req_body"}""", 500).WithHeader("X-Oneapi-Request-Id", "gw-1"));

            Assert.Equal("gw-1", error.RequestId);
        }

        [Fact]
        public async Task Google_shape_puts_its_status_name_in_ErrorType()
        {
            NexLLMException error = await FailAsync(Reply.Json("""{"error":{"code":429,"message":"Resource has been exhausted","status":"RESOURCE_EXHAUSTED"}}""", 429));

            Assert.Equal(("RESOURCE_EXHAUSTED", "429"), (error.ErrorType, error.ErrorCode));
            Assert.Contains("Resource has been exhausted", error.Message, StringComparison.Ordinal);
        }

        [Fact]
        public async Task New_api_middleware_shape_with_an_empty_code_and_a_Chinese_message()
        {
            NexLLMException error = await FailAsync(Reply.Json("""{"error":{"message":"您已达到请求数限制：1分钟内最多请求10次","type":"new_api_error","code":""}}""", 429));

            Assert.Equal(("new_api_error", null), (error.ErrorType, error.ErrorCode));
            Assert.EndsWith(": 您已达到请求数限制：1分钟内最多请求10次", error.Message, StringComparison.Ordinal);
            Assert.Contains("您已达到请求数限制", error.ResponseExcerpt, StringComparison.Ordinal);
        }

        [Fact]
        public async Task An_empty_429_from_the_ip_limiter_keeps_its_status()
        {
            NexLLMException error = await FailAsync(Reply.Status(429));

            Assert.Equal((429, null, null, true), (error.StatusCode, error.ErrorType, error.ErrorCode, error.IsTransient));
            Assert.True(string.IsNullOrEmpty(error.ResponseExcerpt));
            Assert.Equal("NexLLM chat completion failed with HTTP 429 (TooManyRequests).", error.Message);
        }

        [Fact]
        public async Task An_html_page_is_summed_up_by_its_title()
        {
            NexLLMException error = await FailAsync(Reply.Status(502, "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body><center>nginx</center></body></html>", "text/html"));

            Assert.EndsWith(": 502 Bad Gateway", error.Message, StringComparison.Ordinal);
            Assert.Contains("nginx", error.ResponseExcerpt, StringComparison.Ordinal);
        }

        [Fact]
        public async Task Plain_text_is_the_message()
        {
            NexLLMException error = await FailAsync(Reply.Status(503, "upstream connect error or disconnect/reset before headers", "text/plain"));

            Assert.EndsWith(": upstream connect error or disconnect/reset before headers", error.Message, StringComparison.Ordinal);
            Assert.True(error.IsTransient);
        }

        [Fact]
        public async Task ToString_names_kind_status_attempts_and_request_id()
        {
            NexLLMException error = await FailAsync(Reply.Json("""{"error":{"message":"m","type":"t"}}""", 404).WithHeader("request-id", "rq-9"));

            Assert.Contains("Kind: HttpStatus; status: 404; attempts: 1; transient: False; request id: rq-9", error.ToString(), StringComparison.Ordinal);
        }
    }

    public sealed class HostileBodies
    {
        [Fact]
        public async Task A_50_MB_error_body_is_read_only_64_KiB_deep_and_the_excerpt_is_bounded()
        {
            var body = new GeneratedStream(Encoding.UTF8.GetBytes("""{"error":{"message":" """), 50L * 1024 * 1024, (byte)'x');

            NexLLMException error = await FailAsync(Reply.Status(500).WithBody(body).WithContentType("application/json"));

            Assert.Equal(500, error.StatusCode);
            Assert.InRange(body.BytesRead, 1, 64 * 1024);
            Assert.InRange(error.ResponseExcerpt!.Length, 1, 2048);
            Assert.InRange(error.Message.Length, 1, 2048);
        }

        [Fact]
        public async Task A_long_plain_body_gives_an_excerpt_of_at_most_2048_characters()
        {
            NexLLMException error = await FailAsync(Reply.Status(500, new string('a', 10_000), "text/plain"));

            Assert.InRange(error.ResponseExcerpt!.Length, 2000, 2048);
            Assert.StartsWith("aaaa", error.ResponseExcerpt, StringComparison.Ordinal);
        }

        [Fact]
        public async Task A_body_of_control_characters_gives_an_escaped_excerpt_of_at_most_2048_characters()
        {
            NexLLMException error = await FailAsync(Reply.Status(500, string.Concat(Enumerable.Repeat("\u0001\r\n", 3000)), "text/plain"));

            Assert.InRange(error.ResponseExcerpt!.Length, 1, 2048);
            Assert.DoesNotContain('\n', error.ResponseExcerpt);
            Assert.DoesNotContain('\u0001', error.ResponseExcerpt);
            Assert.DoesNotContain('\n', error.Message);
        }

        [Fact]
        public async Task Json_nested_10000_deep_is_read_as_text_without_a_JsonException()
        {
            string body = "{\"error\":" + new string('[', 10_000) + new string(']', 10_000) + "}";

            NexLLMException error = await FailAsync(Reply.Json(body, 400));

            Assert.Equal((400, null), (error.StatusCode, error.ErrorType));
            Assert.StartsWith("{\"error\":[[[", error.ResponseExcerpt, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("""{"error":null}""")]
        [InlineData("""{"error":[]}""")]
        [InlineData("""{"error":"just a string","code":"x"}""")]
        [InlineData("""{"error":{"message":5,"type":["a"],"code":{"n":1}}}""")]
        [InlineData("""{"message":"top-level message"}""")]
        [InlineData("\"a string\"")]
        [InlineData("""[{"error":{}}]""")]
        [InlineData("{")]
        [InlineData("{\"error\":{\"message\":\"\uD800\"}}")]
        [InlineData("null")]
        public async Task Any_body_gives_a_typed_error(string body)
        {
            NexLLMException error = await FailAsync(Reply.Json(body, 400));

            Assert.Equal(400, error.StatusCode);
            Assert.False(error.IsTransient);
        }

        [Fact]
        public async Task Invalid_utf8_gives_a_typed_error()
        {
            NexLLMException error = await FailAsync(Reply.Status(500).WithBody([0xFF, 0xFE, 0x7B, 0xC3]).WithContentType("application/json"));

            Assert.Equal(500, error.StatusCode);
        }
    }
}
