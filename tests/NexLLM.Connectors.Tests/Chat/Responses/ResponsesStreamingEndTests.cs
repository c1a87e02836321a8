using Microsoft.Extensions.AI;
using NexLLM.Connectors.Tests.TestSupport;
using static NexLLM.Connectors.Tests.TestSupport.ChatCalls;
using static NexLLM.Connectors.Tests.TestSupport.ResponsesEvent;

namespace NexLLM.Connectors.Tests.Chat.Responses;

/// <summary>
/// How a Responses stream ends: <c>response.completed</c> or <c>response.incomplete</c>, an error event, no end at all, or a
/// restart by a gateway failover (docs/protocols/responses.md#streaming, docs/protocols/gateway.md#sse-framing).
/// </summary>
public sealed class ResponsesStreamingEndTests
{
    /// <summary>The start of a text answer: the lifecycle, message <c>msg_1</c> and the deltas, without its end.</summary>
    private static string[] Started(params string[] deltas) => [Created(), InProgress(), MessageAdded(), TextPartAdded(), .. deltas.Select(d => TextDelta(d))];

    private static async Task<(List<ChatResponseUpdate> Updates, Exception? Error)> StreamAsync(string body, Action<NexLLMClientOptions>? configure = null)
    {
        using Harness harness = WithStream(body, configure);
        return await harness.StreamResponsesAsync();
    }

    public sealed class Complete
    {
        [Fact]
        public async Task Only_the_last_update_carries_the_finish_the_usage_and_the_request_id()
        {
            var (updates, error) = await StreamAsync(ResponsesSse.Events(TextAnswer("Hel", "lo")));

            Assert.Null(error);
            Assert.Equal(3, updates.Count);
            Assert.All(updates[..^1], u => Assert.Equal((null, null), (u.FinishReason, u.AdditionalProperties)));
            Assert.Equal(ChatFinishReason.Stop, updates[^1].FinishReason);
            Assert.Equal("rid-end", updates[^1].AdditionalProperties?["nexllm.request_id"]);
            Assert.IsType<UsageContent>(Assert.Single(updates[^1].Contents));
        }

        [Theory]
        [InlineData("max_output_tokens", "length")]
        [InlineData("content_filter", "content_filter")]
        public async Task Response_incomplete_ends_the_stream_with_its_reason(string reason, string finish)
        {
            var (updates, error) = await StreamAsync(ResponsesSse.Events([.. Started("Half"), Incomplete(reason)]));

            Assert.Null(error);
            Assert.Equal("Half", UpdateText.AllText(updates));
            Assert.Equal(new ChatFinishReason(finish), updates[^1].FinishReason);
            Assert.Equal(reason, updates[^1].AdditionalProperties?["nexllm.finish_reason"]);
            Assert.Equal(new ChatFinishReason(finish), updates.ToChatResponse().FinishReason);
        }

        [Fact]
        public async Task Nothing_after_the_terminal_event_is_read()
        {
            var (updates, error) = await StreamAsync(ResponsesSse.Events([.. TextAnswer("ok"), .. Started("ignored")]) + "not even an event");

            Assert.Null(error);
            Assert.Equal("ok", UpdateText.AllText(updates));
        }

        [Fact]
        public async Task A_stored_response_names_the_conversation_on_the_last_update_only()
        {
            var (updates, _) = await StreamAsync(ResponsesSse.Events([.. Started("ok"), Completed(store: true)]));

            Assert.All(updates[..^1], u => Assert.Null(u.ConversationId));
            Assert.Equal("resp_1", updates[^1].ConversationId);
            Assert.Equal("resp_1", updates.ToChatResponse().ConversationId);
        }

        [Fact]
        public async Task An_unstored_response_names_no_conversation()
        {
            var (updates, _) = await StreamAsync(ResponsesSse.Events(TextAnswer("ok")));

            Assert.All(updates, u => Assert.Null(u.ConversationId));
        }
    }

    public sealed class ErrorEvents
    {
        public static TheoryData<string, string, string> ErrorsAfterContent => new()
        {
            { ResponsesSse.Events(Failed("server_error", "The model had an error.")), "server_error", "The model had an error." },
            { ResponsesSse.Events(Error("context_length_exceeded", "Your input exceeds the context window.")), "context_length_exceeded", "Your input exceeds the context window." },

            // new-api's deferred error writer appends the error as raw JSON after the events already sent (docs/protocols/gateway.md#sse-framing).
            { """{"error":{"message":"upstream died (request id: 2026X)","type":"new_api_error","code":"bad_response_body"}}""", "bad_response_body", "upstream died (request id: 2026X)" },
        };

        [Theory]
        [MemberData(nameof(ErrorsAfterContent))]
        public async Task An_error_after_content_is_an_InStreamError_with_its_code_and_message_and_is_not_retried(string failure, string code, string message)
        {
            using var harness = new Harness();
            harness.Handler.Enqueue(
                Reply.Sse(ResponsesSse.Events(Started("Hel")) + failure).WithHeader("X-Oneapi-Request-Id", "rid-end"),
                Reply.Sse(ResponsesSse.Events(TextAnswer("Hello"))));

            var (updates, error) = await harness.StreamResponsesAsync();

            Assert.Equal("Hel", UpdateText.AllText(updates));
            var raised = Assert.IsType<NexLLMException>(error);
            Assert.Equal((NexLLMErrorKind.InStreamError, code, "rid-end", 200), (raised.Kind, raised.ErrorCode, raised.RequestId, raised.StatusCode));
            Assert.Contains(message, raised.Message, StringComparison.Ordinal);
            Assert.Single(harness.Handler.Requests);
            Assert.True(harness.Handler.AllBodiesDisposed);
        }

        public static TheoryData<string> TransientFailuresBeforeContent =>
        [
            ResponsesSse.Events(Created(), InProgress(), Failed("server_error", "Try again.")),
            ResponsesSse.Events(Error("rate_limit_exceeded", "Slow down.")),
            string.Empty,
        ];

        [Theory]
        [MemberData(nameof(TransientFailuresBeforeContent))]
        public async Task A_transient_failure_or_an_empty_body_before_any_content_is_retried(string failing)
        {
            using var harness = new Harness();
            harness.Handler.Enqueue(Reply.Sse(failing), Reply.Sse(ResponsesSse.Events(TextAnswer("Hello"))));

            Task<(List<ChatResponseUpdate> Updates, Exception? Error)> call = harness.StreamResponsesAsync();
            await harness.Clock.SkipRetryDelayAsync();
            var (updates, error) = await call;

            Assert.Null(error);
            Assert.Equal("Hello", UpdateText.AllText(updates));
            Assert.Equal(2, harness.Handler.Requests.Count);
        }

        [Fact]
        public async Task Response_failed_with_a_lasting_code_before_any_content_is_not_retried()
        {
            using Harness harness = WithStream(ResponsesSse.Events(Created(), Failed("invalid_prompt", "Your prompt was flagged.")));

            var (updates, error) = await harness.StreamResponsesAsync();

            Assert.Empty(updates);
            var failure = Assert.IsType<NexLLMException>(error);
            Assert.Equal((NexLLMErrorKind.InStreamError, "invalid_prompt", false), (failure.Kind, failure.ErrorCode, failure.IsTransient));
            Assert.Single(harness.Handler.Requests);
        }

        [Fact]
        public async Task A_raw_error_appended_without_a_prefix_is_raised_even_with_AllowIncompleteStreams()
        {
            var (_, error) = await StreamAsync(
                ResponsesSse.Events(Started("Par")) + """{"error":{"message":"upstream died","type":"new_api_error"}}""" + "\n",
                o => o.AllowIncompleteStreams = true);

            var failure = Assert.IsType<NexLLMException>(error);
            Assert.Equal(("new_api_error", NexLLMErrorKind.InStreamError), (failure.ErrorType, failure.Kind));
        }

        [Fact]
        public async Task A_malformed_event_is_an_InvalidResponse_naming_the_event()
        {
            var (updates, error) = await StreamAsync(ResponsesSse.Events(Started("a")) + "event: response.output_text.delta\ndata: {\"type\":\"response.output_text.delta\",\"delta\":\n\n");

            Assert.Equal("a", UpdateText.AllText(updates));
            var failure = Assert.IsType<NexLLMException>(error);
            Assert.Equal(NexLLMErrorKind.InvalidResponse, failure.Kind);
            Assert.Equal("NexLLM Responses API stream event 6 is not valid JSON of the expected shape.", failure.Message);
        }

        [Fact]
        public async Task A_delta_with_an_item_id_that_is_not_a_string_is_an_InvalidResponse()
        {
            var (_, error) = await StreamAsync(ResponsesSse.Events([.. Started(), """{"type":"response.output_text.delta","item_id":7,"delta":"x"}"""]));

            Assert.Equal(NexLLMErrorKind.InvalidResponse, Assert.IsType<NexLLMException>(error).Kind);
        }
    }

    public sealed class Truncation
    {
        [Fact]
        public async Task No_terminal_event_after_content_is_a_TruncatedStream_and_is_not_retried()
        {
            using Harness harness = WithStream(ResponsesSse.Events([.. Started("Half an ans"), TextDone("Half an ans")]));

            var (updates, error) = await harness.StreamResponsesAsync();

            Assert.Equal("Half an ans", UpdateText.AllText(updates));
            var truncated = Assert.IsType<NexLLMException>(error);
            Assert.Equal((NexLLMErrorKind.TruncatedStream, "rid-end"), (truncated.Kind, truncated.RequestId));
            Assert.Equal(
                "NexLLM Responses API stream ended after 6 events without response.completed, response.incomplete or response.failed: the answer is incomplete.",
                truncated.Message);
            Assert.Single(harness.Handler.Requests);
            Assert.True(harness.Handler.AllBodiesDisposed);
        }

        [Fact]
        public async Task AllowIncompleteStreams_ends_quietly_with_a_last_update_carrying_the_ids_and_the_request_id()
        {
            var (updates, error) = await StreamAsync(ResponsesSse.Events(Started("Partial")), o => o.AllowIncompleteStreams = true);

            Assert.Null(error);
            Assert.Equal("Partial", UpdateText.AllText(updates));
            Assert.Equal(
                "[assistant|resp_1|msg_1|gpt-4.1-2025-04-14|2025-03-06T19:55:58.0000000+00:00|] nexllm.request_id=rid-end\n",
                UpdateText.Render([updates[^1]]));
        }
    }

    public sealed class Restarts
    {
        [Fact]
        public async Task A_second_response_created_before_anything_was_handed_out_replaces_the_first_cleanly()
        {
            var (updates, error) = await StreamAsync(ResponsesSse.Events(
            [
                Created("resp_A"), InProgress("resp_A"), CallAdded("lost"), ArgumentsDelta("{\"a\":"), ReasoningAdded(),
                Created("resp_B"), InProgress("resp_B"), MessageAdded("msg_B"), TextPartAdded("msg_B"), TextDelta("Hello", "msg_B"),
                ArgumentsDone("{\"a\":1}"), MessageDone("Hello", id: "msg_B"), Completed(id: "resp_B"),
            ]));

            // The first answer's call is forgotten: its arguments done in the second answer announce nothing.
            Assert.Null(error);
            Assert.Equal(2, updates.Count);
            Assert.Equal("Hello", UpdateText.AllText(updates));
            Assert.All(updates, u => Assert.Equal(("resp_B", "msg_B"), (u.ResponseId, u.MessageId)));
            Assert.DoesNotContain(updates.SelectMany(u => u.Contents), c => c is FunctionCallContent);
            Assert.Equal(ChatFinishReason.Stop, updates[^1].FinishReason);
        }

        [Fact]
        public async Task A_second_response_created_after_an_encrypted_only_reasoning_item_drops_it_with_the_first_answer()
        {
            var (updates, error) = await StreamAsync(ResponsesSse.Events(
                [Created("resp_A"), ReasoningAdded(), ReasoningDone([], "enc-A"), Created("resp_B"), MessageAdded(), TextDelta("Hello"), Completed(id: "resp_B")]));

            Assert.Null(error);
            Assert.DoesNotContain(updates.SelectMany(u => u.Contents), c => c is TextReasoningContent);
            Assert.Equal("Hello", UpdateText.AllText(updates));
        }

        [Fact]
        public async Task A_second_response_created_after_text_was_handed_out_is_a_transient_InStreamError_and_nothing_is_duplicated()
        {
            using Harness harness = WithStream(ResponsesSse.Events([.. Started("Hel"), .. TextAnswer("Hello")]));

            var (updates, error) = await harness.StreamResponsesAsync();

            Assert.Equal("Hel", UpdateText.AllText(updates));
            var failure = Assert.IsType<NexLLMException>(error);
            Assert.Equal((NexLLMErrorKind.InStreamError, true, "rid-end"), (failure.Kind, failure.IsTransient, failure.RequestId));
            Assert.Contains("stream restarted", failure.Message, StringComparison.Ordinal);
            Assert.Single(harness.Handler.Requests);
        }

        [Fact]
        public async Task A_second_response_created_after_reasoning_was_handed_out_is_an_InStreamError()
        {
            var (updates, error) = await StreamAsync(ResponsesSse.Events([Created(), ReasoningAdded(), SummaryPartAdded(0), SummaryDelta("Hmm"), .. TextAnswer("Hello")]));

            Assert.Equal("Hmm", Assert.IsType<TextReasoningContent>(Assert.Single(updates.SelectMany(u => u.Contents))).Text);
            Assert.Equal(NexLLMErrorKind.InStreamError, Assert.IsType<NexLLMException>(error).Kind);
        }
    }
}
