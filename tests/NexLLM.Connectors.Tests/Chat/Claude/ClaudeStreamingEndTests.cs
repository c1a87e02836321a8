using Microsoft.Extensions.AI;
using NexLLM.Connectors.Tests.TestSupport;
using static NexLLM.Connectors.Tests.TestSupport.ChatCalls;
using static NexLLM.Connectors.Tests.TestSupport.ClaudeEvent;

namespace NexLLM.Connectors.Tests.Chat.Claude;

/// <summary>How a Messages stream ends: complete, truncated, with an error, or restarted by a gateway failover (docs/protocols/gateway.md#sse-framing, docs/protocols/claude-messages.md, docs/protocols/gateway.md#gotchas).</summary>
public sealed class ClaudeStreamingEndTests
{
    public sealed class Truncation
    {
        [Fact]
        public async Task No_message_stop_after_content_is_a_TruncatedStream_and_is_not_retried()
        {
            using Harness harness = WithStream(ClaudeSse.Events(MessageStart(), TextStart(0), TextDelta(0, "Half an ans")));

            var (updates, error) = await harness.StreamClaudeAsync();

            Assert.Equal("Half an ans", UpdateText.AllText(updates));
            var truncated = Assert.IsType<NexLLMException>(error);
            Assert.Equal((NexLLMErrorKind.TruncatedStream, "rid-end"), (truncated.Kind, truncated.RequestId));
            Assert.Contains("message_stop", truncated.Message, StringComparison.Ordinal);
            Assert.Single(harness.Handler.Requests);
            Assert.True(harness.Handler.AllBodiesDisposed);
        }

        [Fact]
        public async Task No_message_stop_even_after_message_delta_is_a_TruncatedStream()
        {
            using Harness harness = WithStream(ClaudeSse.Events(MessageStart(), TextStart(0), TextDelta(0, "All"), BlockStop(0), MessageDelta("end_turn")));

            var (updates, error) = await harness.StreamClaudeAsync();

            Assert.Equal(ChatFinishReason.Stop, updates[^1].FinishReason);
            Assert.Equal(NexLLMErrorKind.TruncatedStream, Assert.IsType<NexLLMException>(error).Kind);
        }

        [Fact]
        public async Task AllowIncompleteStreams_ends_quietly_and_hands_out_a_pending_tool_call()
        {
            using Harness harness = WithStream(
                ClaudeSse.Events(MessageStart(), TextStart(0), TextDelta(0, "Partial"), BlockStop(0), ToolStart(1, "toolu_1", "get_time"), InputJsonDelta(1, "{}")),
                o => o.AllowIncompleteStreams = true);

            var (updates, error) = await harness.StreamClaudeAsync();

            Assert.Null(error);
            Assert.Equal("Partial", UpdateText.AllText(updates));
            var call = Assert.IsType<FunctionCallContent>(Assert.Single(updates[^1].Contents));
            Assert.Equal(("toolu_1", "get_time"), (call.CallId, call.Name));
        }

        [Fact]
        public async Task An_empty_200_stream_is_retried_then_succeeds()
        {
            using var harness = new Harness();
            harness.Handler.Enqueue(Reply.Sse(""), Reply.Sse(ClaudeSse.Events(TextAnswer("msg_1", "ok"))));

            Task<(List<ChatResponseUpdate> Updates, Exception? Error)> call = harness.StreamClaudeAsync();
            await harness.Clock.SkipRetryDelayAsync();
            var (updates, error) = await call;

            Assert.Null(error);
            Assert.Equal("ok", UpdateText.AllText(updates));
        }
    }

    public sealed class ErrorEvents
    {
        [Fact]
        public async Task An_overloaded_error_event_as_first_event_is_retried_like_a_status_error()
        {
            using var harness = new Harness();
            harness.Handler.Enqueue(Reply.Sse(ClaudeSse.Event(Error())), Reply.Sse(ClaudeSse.Events(TextAnswer("msg_2", "Hello"))));

            Task<(List<ChatResponseUpdate> Updates, Exception? Error)> call = harness.StreamClaudeAsync();
            await harness.Clock.SkipRetryDelayAsync();
            var (updates, error) = await call;

            Assert.Null(error);
            Assert.Equal("Hello", UpdateText.AllText(updates));
            Assert.Equal(2, harness.Handler.Requests.Count);
            Assert.True(harness.Handler.AllBodiesDisposed);
        }

        [Fact]
        public async Task An_overloaded_error_after_message_start_and_pings_but_before_any_content_is_retried()
        {
            using var harness = new Harness();
            harness.Handler.Enqueue(
                Reply.Sse(ClaudeSse.Events(MessageStart("msg_1"), Ping, TextStart(0), Ping, Error())),
                Reply.Sse(ClaudeSse.Events(TextAnswer("msg_2", "Hello"))));

            Task<(List<ChatResponseUpdate> Updates, Exception? Error)> call = harness.StreamClaudeAsync();
            await harness.Clock.SkipRetryDelayAsync();
            var (updates, error) = await call;

            Assert.Null(error);
            Assert.Equal("Hello", UpdateText.AllText(updates));
            Assert.All(updates, u => Assert.Equal("msg_2", u.ResponseId));
            Assert.Equal(2, harness.Handler.Requests.Count);
        }

        [Fact]
        public async Task A_non_transient_error_event_as_first_event_is_not_retried()
        {
            using Harness harness = WithStream(ClaudeSse.Event(Error("invalid_request_error", "prompt is too long")));

            var (_, error) = await harness.StreamClaudeAsync();

            var failure = Assert.IsType<NexLLMException>(error);
            Assert.Equal((NexLLMErrorKind.InStreamError, "invalid_request_error", false), (failure.Kind, failure.ErrorType, failure.IsTransient));
            Assert.Single(harness.Handler.Requests);
        }

        [Fact]
        public async Task An_error_event_after_content_is_an_InStreamError_not_retried_and_nothing_is_duplicated()
        {
            using var harness = new Harness();
            harness.Handler.Enqueue(
                Reply.Sse(ClaudeSse.Events(MessageStart(), TextStart(0), TextDelta(0, "Hel"), Error())).WithHeader("X-Oneapi-Request-Id", "rid-err"),
                Reply.Sse(ClaudeSse.Events(TextAnswer("msg_2", "Hello"))));

            var (updates, error) = await harness.StreamClaudeAsync();

            Assert.Equal("Hel", UpdateText.AllText(updates));
            var failure = Assert.IsType<NexLLMException>(error);
            Assert.Equal((NexLLMErrorKind.InStreamError, "overloaded_error", "rid-err", 200), (failure.Kind, failure.ErrorType, failure.RequestId, failure.StatusCode));
            Assert.Contains("Overloaded", failure.Message, StringComparison.Ordinal);
            Assert.Single(harness.Handler.Requests);
        }

        [Fact]
        public async Task A_raw_error_appended_without_a_prefix_is_raised_with_its_message()
        {
            // new-api's deferred error writer appends the error as raw JSON after the events already sent (docs/protocols/gateway.md#sse-framing).
            using Harness harness = WithStream(
                ClaudeSse.Events(MessageStart(), TextStart(0), TextDelta(0, "Par"))
                + """{"type":"error","error":{"type":"overloaded_error","message":"Overloaded (request id: 2026X)"}}""");

            var (updates, error) = await harness.StreamClaudeAsync();

            Assert.Equal("Par", UpdateText.AllText(updates));
            var failure = Assert.IsType<NexLLMException>(error);
            Assert.Equal((NexLLMErrorKind.InStreamError, "overloaded_error", "rid-end"), (failure.Kind, failure.ErrorType, failure.RequestId));
            Assert.Contains("Overloaded (request id: 2026X)", failure.Message, StringComparison.Ordinal);
        }

        [Fact]
        public async Task A_raw_overloaded_error_as_the_whole_200_body_is_retried()
        {
            // The gateway's pinger may commit 200 before the upstream fails; the error then comes as raw JSON (docs/protocols/gateway.md#sse-framing).
            using var harness = new Harness();
            harness.Handler.Enqueue(
                Reply.Sse(": PING\n\n" + """{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}"""),
                Reply.Sse(ClaudeSse.Events(TextAnswer("msg_2", "Hello"))));

            Task<(List<ChatResponseUpdate> Updates, Exception? Error)> call = harness.StreamClaudeAsync();
            await harness.Clock.SkipRetryDelayAsync();
            var (updates, error) = await call;

            Assert.Null(error);
            Assert.Equal("Hello", UpdateText.AllText(updates));
            Assert.Equal(2, harness.Handler.Requests.Count);
        }

        [Fact]
        public async Task A_raw_error_appended_without_a_prefix_is_raised_even_with_AllowIncompleteStreams()
        {
            using Harness harness = WithStream(
                ClaudeSse.Events(MessageStart(), TextStart(0), TextDelta(0, "Par")) + """{"type":"error","error":{"type":"api_error","message":"upstream died"}}""" + "\n",
                o => o.AllowIncompleteStreams = true);

            var (_, error) = await harness.StreamClaudeAsync();

            var failure = Assert.IsType<NexLLMException>(error);
            Assert.Equal(("api_error", NexLLMErrorKind.InStreamError), (failure.ErrorType, failure.Kind));
            Assert.Contains("upstream died", failure.Message, StringComparison.Ordinal);
        }

        [Fact]
        public async Task A_malformed_event_is_an_InvalidResponse_naming_the_event()
        {
            using Harness harness = WithStream(ClaudeSse.Events(MessageStart(), TextStart(0), TextDelta(0, "a")) + "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\n\n");

            var (updates, error) = await harness.StreamClaudeAsync();

            Assert.Equal("a", UpdateText.AllText(updates));
            var failure = Assert.IsType<NexLLMException>(error);
            Assert.Equal(NexLLMErrorKind.InvalidResponse, failure.Kind);
            Assert.Contains("event 4 ", failure.Message, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("""{"type":"content_block_delta","index":0,"delta":null}""")]
        [InlineData("""{"type":"content_block_start","index":5,"content_block":null}""")]
        [InlineData("""{"type":"content_block_stop","index":9}""")]
        [InlineData("""{"type":"message_delta","delta":null,"usage":null}""")]
        [InlineData("""{"type":"content_block_delta","index":7,"delta":{"type":"input_json_delta","partial_json":"{"}}""")]
        [InlineData("""{"type":"brand_new_event","payload":[1,2,3]}""")]
        public async Task An_event_that_carries_nothing_or_names_no_open_block_is_skipped(string odd)
        {
            using Harness harness = WithStream(OddEventInAnEmptyTextBlock(odd));

            var (updates, error) = await harness.StreamClaudeAsync();

            Assert.Null(error);
            AssertEmptyEndTurnOfMsg1(updates);
        }

        [Fact]
        public async Task A_message_start_without_a_message_is_skipped_and_the_first_start_stands()
        {
            // Not a failover restart: a restart starts a new message, with its id. Today the mapper takes it for one and
            // drops the first start's id, model and input tokens (ResponseId "", usage input and total unknown).
            using Harness harness = WithStream(OddEventInAnEmptyTextBlock("""{"type":"message_start","message":null}"""));

            var (updates, error) = await harness.StreamClaudeAsync();

            Assert.Null(error);
            AssertEmptyEndTurnOfMsg1(updates);
        }

        [Fact]
        public async Task A_citation_with_a_url_that_is_not_absolute_is_kept_without_its_url()
        {
            using Harness harness = WithStream(OddEventInAnEmptyTextBlock(
                """{"type":"content_block_delta","index":0,"delta":{"type":"citations_delta","citation":{"type":"x","url":"not a url","cited_text":"quoted"}}}"""));

            var (updates, error) = await harness.StreamClaudeAsync();

            Assert.Null(error);
            Assert.Equal(3, updates.Count);
            var text = Assert.IsType<TextContent>(Assert.Single(updates[0].Contents));
            Assert.Equal(string.Empty, text.Text);
            var citation = Assert.IsType<CitationAnnotation>(Assert.Single(text.Annotations!));
            Assert.Equal(("quoted", (Uri?)null), (citation.Snippet, citation.Url));
            Assert.Equal(ChatFinishReason.Stop, updates[1].FinishReason);
        }

        [Theory]
        [InlineData("""{"type":"content_block_delta","index":null,"delta":{"type":"text_delta","text":"x"}}""")]
        [InlineData("""[]""")]
        public async Task An_event_of_the_wrong_shape_is_an_InvalidResponse_naming_the_event(string odd)
        {
            using Harness harness = WithStream(OddEventInAnEmptyTextBlock(odd));

            var (updates, error) = await harness.StreamClaudeAsync();

            Assert.Empty(updates);
            var failure = Assert.IsType<NexLLMException>(error);
            Assert.Equal((NexLLMErrorKind.InvalidResponse, false, "rid-end"), (failure.Kind, failure.IsTransient, failure.RequestId));
            Assert.Contains("Claude message stream event 3 is not valid JSON", failure.Message, StringComparison.Ordinal);
            Assert.Single(harness.Handler.Requests);
        }

        /// <summary>message_start (msg_1, 25 input tokens), an empty text block 0, the odd event, then the block's end and end_turn (12 output tokens).</summary>
        private static string OddEventInAnEmptyTextBlock(string odd) =>
            ClaudeSse.DataOnly(MessageStart()) + ClaudeSse.DataOnly(TextStart(0)) + ClaudeSse.DataOnly(odd) + ClaudeSse.Events(BlockStop(0), MessageDelta("end_turn"), MessageStop);

        /// <summary>No text; the end_turn update, then the usage update (25 in, 12 out), both of msg_1 with the request id.</summary>
        private static void AssertEmptyEndTurnOfMsg1(List<ChatResponseUpdate> updates)
        {
            Assert.Equal(2, updates.Count);
            Assert.Equal(string.Empty, UpdateText.AllText(updates));
            Assert.Equal(ChatFinishReason.Stop, updates[0].FinishReason);
            Assert.All(updates, u => Assert.Equal(("msg_1", "claude-sonnet-4-5", "rid-end"), (u.ResponseId, u.ModelId, (string?)u.AdditionalProperties?["nexllm.request_id"])));
            UsageDetails usage = Assert.IsType<UsageContent>(Assert.Single(updates[1].Contents)).Details;
            Assert.Equal((25L, 12L, 37L), (usage.InputTokenCount, usage.OutputTokenCount, usage.TotalTokenCount));
        }
    }

    public sealed class Restarts
    {
        [Fact]
        public async Task A_second_message_start_before_any_content_replaces_the_first_and_nothing_is_duplicated()
        {
            using Harness harness = WithStream(ClaudeSse.Events(
                [MessageStart("msg_A"), Ping, TextStart(0), ToolStart(1, "toolu_lost", "f"), InputJsonDelta(1, "{\"a\":"), .. TextAnswer("msg_B", "Hello")]));

            var (updates, error) = await harness.StreamClaudeAsync();

            Assert.Null(error);
            Assert.Equal("Hello", UpdateText.AllText(updates));
            Assert.DoesNotContain(updates.SelectMany(u => u.Contents), c => c is FunctionCallContent);
            Assert.All(updates, u => Assert.Equal("msg_B", u.ResponseId));
            Assert.Single(updates.SelectMany(u => u.Contents).OfType<UsageContent>());
        }

        [Fact]
        public async Task A_second_message_start_after_content_is_an_InStreamError_and_nothing_is_duplicated()
        {
            using Harness harness = WithStream(ClaudeSse.Events([MessageStart("msg_A"), TextStart(0), TextDelta(0, "Hel"), .. TextAnswer("msg_B", "Hello")]));

            var (updates, error) = await harness.StreamClaudeAsync();

            Assert.Equal("Hel", UpdateText.AllText(updates));
            var failure = Assert.IsType<NexLLMException>(error);
            Assert.Equal((NexLLMErrorKind.InStreamError, "rid-end"), (failure.Kind, failure.RequestId));
            Assert.Single(harness.Handler.Requests);
        }

        [Fact]
        public async Task A_second_message_start_after_thinking_was_yielded_is_an_InStreamError()
        {
            using Harness harness = WithStream(ClaudeSse.Events([MessageStart("msg_A"), ThinkingStart(0), ThinkingDelta(0, "Hmm"), .. TextAnswer("msg_B", "Hello")]));

            var (updates, error) = await harness.StreamClaudeAsync();

            Assert.Equal("Hmm", Assert.IsType<TextReasoningContent>(Assert.Single(updates.SelectMany(u => u.Contents))).Text);
            Assert.Equal(NexLLMErrorKind.InStreamError, Assert.IsType<NexLLMException>(error).Kind);
        }
    }
}
