using Microsoft.Extensions.AI;
using NexLLM.Connectors.Tests.TestSupport;
using static NexLLM.Connectors.Tests.TestSupport.ChatCalls;
using static NexLLM.Connectors.Tests.TestSupport.GeminiChunk;

namespace NexLLM.Connectors.Tests.Chat.Gemini;

/// <summary>
/// How a Gemini stream ends (docs/protocols/gateway.md#sse-framing, docs/protocols/sse.md, docs/protocols/gemini.md, docs/protocols/sse.md#gotchas, docs/protocols/gateway.md#gotchas): complete only after a finishReason; error chunks in
/// both shapes; raw JSON error bodies, also pretty-printed over several lines; malformed chunks; a restart by the gateway.
/// </summary>
public sealed class GeminiStreamingEndTests
{
    /// <summary>Google's error body as its servers print it: indented, over several lines, no <c>data:</c> prefix.</summary>
    private const string PrettyGoogleError = "{\n  \"error\": {\n    \"code\": 503,\n    \"message\": \"The model is overloaded. Please try again later.\",\n    \"status\": \"UNAVAILABLE\"\n  }\n}\n";

    /// <summary>Streams once while letting every retry delay pass; returns the updates, the error and the number of requests.</summary>
    private static async Task<(List<ChatResponseUpdate> Updates, Exception? Error, int Requests)> StreamWithRetriesAsync(Harness harness)
    {
        Task<(List<ChatResponseUpdate> Updates, Exception? Error)> call = harness.StreamGeminiAsync();
        await harness.Clock.SkipRetryDelaysUntilDoneAsync(call);
        var (updates, error) = await call;
        Assert.True(harness.Handler.AllBodiesDisposed);
        return (updates, error, harness.Handler.Requests.Count);
    }

    public sealed class Truncation
    {
        [Fact]
        public async Task No_finishReason_after_content_is_a_TruncatedStream_and_is_not_retried()
        {
            using Harness harness = WithStream(GeminiSse.Events(Text("Half an "), Text("answ", usageJson: Usage(4, 3))));

            var (updates, error, requests) = await StreamWithRetriesAsync(harness);

            Assert.Equal("Half an answ", UpdateText.AllText(updates));
            var truncated = Assert.IsType<NexLLMException>(error);
            Assert.Equal((NexLLMErrorKind.TruncatedStream, "rid-end"), (truncated.Kind, truncated.RequestId));
            Assert.Contains("finishReason", truncated.Message, StringComparison.Ordinal);
            Assert.Equal(1, requests);
        }

        [Fact]
        public async Task AllowIncompleteStreams_ends_quietly_with_a_final_update_without_a_finish_reason()
        {
            using Harness harness = WithStream(GeminiSse.Events(Text("Partial", usageJson: Usage(4, 1)), Text(" answer", usageJson: Usage(4, 2))), o => o.AllowIncompleteStreams = true);

            var (updates, error, _) = await StreamWithRetriesAsync(harness);

            Assert.Null(error);
            Assert.Equal("Partial answer", UpdateText.AllText(updates));
            ChatResponseUpdate last = updates[^1];
            Assert.Null(last.FinishReason);
            Assert.Equal("usage:4/2/6", UpdateText.Render(Assert.Single(last.Contents)));
            Assert.Equal("rid-end", last.AdditionalProperties?["nexllm.request_id"]);
        }

        [Fact]
        public async Task An_empty_200_stream_is_retried_then_succeeds()
        {
            using var harness = new Harness();
            harness.Handler.Enqueue(Reply.Sse(string.Empty), Reply.Sse(GeminiSse.Events(Text("ok", "STOP"))));

            var (updates, error, requests) = await StreamWithRetriesAsync(harness);

            Assert.Null(error);
            Assert.Equal(("ok", 2), (UpdateText.AllText(updates), requests));
        }
    }

    public sealed class ErrorChunks
    {
        [Theory]
        [InlineData("google")]
        [InlineData("gateway")]
        public async Task A_transient_error_chunk_before_any_content_is_retried(string shape)
        {
            using var harness = new Harness();
            string error = shape == "google" ? GoogleError(429, "RESOURCE_EXHAUSTED", "Resource has been exhausted") : GatewayError(503, "upstream overloaded");
            harness.Handler.Enqueue(Reply.Sse(GeminiSse.Events(error)), Reply.Sse(GeminiSse.Events(Text("Hel"), Text("lo", "STOP"))));

            var (updates, failure, requests) = await StreamWithRetriesAsync(harness);

            Assert.Null(failure);
            Assert.Equal(("Hello", 2), (UpdateText.AllText(updates), requests));
            Assert.All(harness.Handler.Requests, r =>
            {
                Assert.Equal(GeminiCalls.StreamUri, r.Uri.AbsoluteUri);
                Assert.Equal(Harness.ApiKey, r.Header("x-goog-api-key"));
                Assert.Null(r.Header("Authorization"));
            });
        }

        [Theory]
        [InlineData("google", "INVALID_ARGUMENT", "400")]
        [InlineData("gateway", "upstream_error", "400")]
        public async Task A_permanent_error_chunk_before_any_content_is_typed_and_not_retried(string shape, string type, string code)
        {
            string error = shape == "google" ? GoogleError(400, "INVALID_ARGUMENT", "Request contains an invalid argument.") : GatewayError(400, "Request contains an invalid argument.");
            using Harness harness = WithStream(GeminiSse.Events(error));

            var (_, failure, requests) = await StreamWithRetriesAsync(harness);

            var typed = Assert.IsType<NexLLMException>(failure);
            Assert.Equal((NexLLMErrorKind.InStreamError, type, code, false, "rid-end"), (typed.Kind, typed.ErrorType, typed.ErrorCode, typed.IsTransient, typed.RequestId));
            Assert.Contains("Request contains an invalid argument.", typed.Message, StringComparison.Ordinal);
            Assert.Equal(1, requests);
        }

        [Theory]
        [InlineData("google", "UNAVAILABLE", "503")]
        [InlineData("gateway", "upstream_error", "503")]
        public async Task An_error_chunk_after_content_is_typed_keeps_what_was_delivered_and_is_not_retried(string shape, string type, string code)
        {
            string error = shape == "google" ? GoogleError(503, "UNAVAILABLE", "Backend died") : GatewayError(503, "Backend died");
            using Harness harness = WithStream(GeminiSse.Events(Text("Half"), error));

            var (updates, failure, requests) = await StreamWithRetriesAsync(harness);

            Assert.Equal("Half", UpdateText.AllText(updates));
            var typed = Assert.IsType<NexLLMException>(failure);
            Assert.Equal((NexLLMErrorKind.InStreamError, type, code, true), (typed.Kind, typed.ErrorType, typed.ErrorCode, typed.IsTransient));
            Assert.Contains("Backend died", typed.Message, StringComparison.Ordinal);
            Assert.Equal(1, requests);
        }
    }

    public sealed class RawJson
    {
        [Fact]
        public async Task A_raw_gateway_error_appended_after_content_is_a_NexLLMException_with_its_message()
        {
            using Harness harness = WithStream(GeminiSse.Events(Text("Half")) + GatewayError(504, "upstream timeout (request id: 2026R)") + "\n");

            var (updates, failure, requests) = await StreamWithRetriesAsync(harness);

            Assert.Equal("Half", UpdateText.AllText(updates));
            var typed = Assert.IsType<NexLLMException>(failure);
            Assert.Equal((NexLLMErrorKind.InStreamError, "upstream_error", "504"), (typed.Kind, typed.ErrorType, typed.ErrorCode));
            Assert.Contains("upstream timeout (request id: 2026R)", typed.Message, StringComparison.Ordinal);
            Assert.Equal(1, requests);
        }

        [Fact]
        public async Task A_pretty_printed_Google_error_over_several_lines_after_content_is_read_whole()
        {
            using Harness harness = WithStream(GeminiSse.Events(Text("Half")) + PrettyGoogleError);

            var (_, failure, _) = await StreamWithRetriesAsync(harness);

            var typed = Assert.IsType<NexLLMException>(failure);
            Assert.Equal(("UNAVAILABLE", "503"), (typed.ErrorType, typed.ErrorCode));
            Assert.Contains("The model is overloaded. Please try again later.", typed.Message, StringComparison.Ordinal);
        }

        [Fact]
        public async Task A_raw_error_after_a_complete_answer_is_still_raised_even_when_lenient()
        {
            using Harness harness = WithStream(GeminiSse.Events(Text("Done", "STOP")) + GatewayError(500, "billing failed"), o => o.AllowIncompleteStreams = true);

            var (updates, failure, _) = await StreamWithRetriesAsync(harness);

            Assert.Equal("Done", UpdateText.AllText(updates));
            Assert.Contains("billing failed", Assert.IsType<NexLLMException>(failure).Message, StringComparison.Ordinal);
        }

        [Fact]
        public async Task A_whole_200_body_that_is_a_transient_raw_error_is_retried()
        {
            using var harness = new Harness();
            harness.Handler.Enqueue(Reply.Sse(PrettyGoogleError), Reply.Sse(GeminiSse.Events(Text("ok", "STOP"))));

            var (updates, failure, requests) = await StreamWithRetriesAsync(harness);

            Assert.Null(failure);
            Assert.Equal(("ok", 2), (UpdateText.AllText(updates), requests));
        }

        [Fact]
        public async Task A_whole_200_body_that_is_a_permanent_raw_error_is_typed_and_not_retried()
        {
            using Harness harness = WithStream("{\n  \"error\": {\n    \"code\": 400,\n    \"message\": \"API key not valid.\",\n    \"status\": \"INVALID_ARGUMENT\"\n  }\n}\n");

            var (_, failure, requests) = await StreamWithRetriesAsync(harness);

            var typed = Assert.IsType<NexLLMException>(failure);
            Assert.Equal(("INVALID_ARGUMENT", "400", false, 1), (typed.ErrorType, typed.ErrorCode, typed.IsTransient, requests));
            Assert.Contains("API key not valid.", typed.Message, StringComparison.Ordinal);
        }
    }

    public sealed class Malformed
    {
        [Theory]
        [InlineData("""{"candidates":[{"content":""")]
        [InlineData("""[1,2]""")]
        [InlineData("""{"candidates":"none"}""")]
        public async Task A_malformed_chunk_after_content_is_an_InvalidResponse_and_not_retried(string chunk)
        {
            using Harness harness = WithStream(GeminiSse.Events(Text("Half"), chunk, Text("more", "STOP")));

            var (updates, failure, requests) = await StreamWithRetriesAsync(harness);

            Assert.Equal("Half", UpdateText.AllText(updates));
            Assert.Equal(NexLLMErrorKind.InvalidResponse, Assert.IsType<NexLLMException>(failure).Kind);
            Assert.Equal(1, requests);
        }

        [Fact]
        public async Task InlineData_that_is_not_base64_is_an_InvalidResponse_not_a_FormatException()
        {
            using Harness harness = WithStream(GeminiSse.Events(Text("Here:"), Parts("""[{"inlineData":{"mimeType":"image/png","data":"not base64!"}}]""", "STOP")));

            var (updates, failure, _) = await StreamWithRetriesAsync(harness);

            Assert.Equal("Here:", UpdateText.AllText(updates));
            var typed = Assert.IsType<NexLLMException>(failure);
            Assert.Equal((NexLLMErrorKind.InvalidResponse, "rid-end"), (typed.Kind, typed.RequestId));
            Assert.IsType<FormatException>(typed.InnerException);
        }

        [Fact]
        public async Task A_malformed_first_chunk_is_an_InvalidResponse_and_not_retried()
        {
            using Harness harness = WithStream(GeminiSse.Events("""{"candidates":[""", Text("ok", "STOP")));

            var (updates, failure, requests) = await StreamWithRetriesAsync(harness);

            Assert.Empty(updates);
            Assert.Equal((NexLLMErrorKind.InvalidResponse, 1), (Assert.IsType<NexLLMException>(failure).Kind, requests));
        }
    }

    public sealed class Restart
    {
        [Fact]
        public async Task A_new_responseId_before_any_content_is_read_through_without_duplicated_text_or_usage()
        {
            using Harness harness = WithStream(GeminiSse.Events(
                Parts("""[{"text":""}]""", usageJson: Usage(5, 0), id: "first"),
                Text("Hel", usageJson: Usage(6, 1), id: "second"),
                Text("lo", "STOP", Usage(6, 2), id: "second")));

            var (updates, failure, _) = await StreamWithRetriesAsync(harness);

            Assert.Null(failure);
            ChatResponse response = updates.ToChatResponse();
            Assert.Equal(("Hello", "second"), (response.Text, response.ResponseId));
            Assert.All(updates, u => Assert.Equal("second", u.ResponseId));
            Assert.Equal((6L, 2L), (response.Usage?.InputTokenCount, response.Usage?.OutputTokenCount));
        }

        [Fact]
        public async Task A_new_responseId_after_content_is_an_InStreamError_and_the_delivered_text_is_kept()
        {
            using Harness harness = WithStream(GeminiSse.Events(Text("Hel", id: "first"), Text("Hello", id: "second"), Text(" world", "STOP", id: "second")));

            var (updates, failure, requests) = await StreamWithRetriesAsync(harness);

            Assert.Equal("Hel", UpdateText.AllText(updates));
            var typed = Assert.IsType<NexLLMException>(failure);
            Assert.Equal((NexLLMErrorKind.InStreamError, "rid-end"), (typed.Kind, typed.RequestId));
            Assert.Contains("restarted", typed.Message, StringComparison.Ordinal);
            Assert.Equal(1, requests);
        }
    }
}
