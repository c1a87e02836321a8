using Microsoft.Extensions.AI;
using NexLLM.Connectors.Tests.TestSupport;

namespace NexLLM.Connectors.Tests.Chat;

/// <summary>How a stream ends: complete, truncated, restarted by a gateway failover, or with an error (docs/protocols/gateway.md#sse-framing, docs/protocols/chat-completions.md#gotchas, docs/protocols/gateway.md#gotchas).</summary>
public sealed class ChatStreamingEndTests
{
    /// <summary>Streams to the end and returns the updates read before any exception, and that exception.</summary>
    internal static async Task<(List<ChatResponseUpdate> Updates, Exception? Error)> CollectAsync(Harness harness)
    {
        var updates = new List<ChatResponseUpdate>();
        try
        {
            await foreach (ChatResponseUpdate update in harness.Chat().GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "Hi")], cancellationToken: Harness.Ct))
            {
                updates.Add(update);
            }

            return (updates, null);
        }
        catch (Exception ex)
        {
            return (updates, ex);
        }
    }

    public sealed class Truncation
    {
        [Fact]
        public async Task A_stream_without_DONE_is_a_TruncatedStream_after_its_content_and_is_not_retried()
        {
            using var harness = new Harness();
            harness.Handler.Enqueue(Reply.Sse(Sse.Events(Chunk.Role(), Chunk.Text("Half an ans"))));

            var (updates, error) = await CollectAsync(harness);

            Assert.Equal("Half an ans", UpdateText.AllText(updates));
            var truncated = Assert.IsType<NexLLMException>(error);
            Assert.Equal(NexLLMErrorKind.TruncatedStream, truncated.Kind);
            Assert.Single(harness.Handler.Requests);
            Assert.True(harness.Handler.AllBodiesDisposed);
        }

        [Fact]
        public async Task DONE_without_a_finish_reason_is_a_TruncatedStream()
        {
            // new-api sends [DONE] after an upstream timeout too (docs/protocols/gateway.md#sse-framing).
            using var harness = new Harness();
            harness.Handler.Enqueue(Reply.Sse(Sse.Stream(Chunk.Role(), Chunk.Text("Half"), Chunk.Usage())));

            var (_, error) = await CollectAsync(harness);

            var truncated = Assert.IsType<NexLLMException>(error);
            Assert.Equal(NexLLMErrorKind.TruncatedStream, truncated.Kind);
            Assert.Contains("finish_reason", truncated.Message, StringComparison.Ordinal);
        }

        [Fact]
        public async Task An_empty_200_stream_is_retried_then_succeeds()
        {
            using var harness = new Harness();
            harness.Handler.Enqueue(Reply.Sse(""), Reply.Sse(Sse.Stream(Chunk.Text("ok"), Chunk.Finish("stop"))));

            Assert.Equal("ok", (await harness.CallWithOneRetryAsync(stream: true)).Text);
        }

        [Fact]
        public async Task AllowIncompleteStreams_ends_quietly_and_hands_out_pending_tool_calls()
        {
            using var harness = new Harness(o => o.AllowIncompleteStreams = true);
            harness.Handler.Enqueue(Reply.Sse(Sse.Events(Chunk.Text("Partial"), Chunk.Tool(0, "call_1", "get_time", ""))));

            var (updates, error) = await CollectAsync(harness);

            Assert.Null(error);
            Assert.Equal("Partial", UpdateText.AllText(updates));
            var call = Assert.IsType<FunctionCallContent>(Assert.Single(updates[^1].Contents));
            Assert.Equal("call_1", call.CallId);
        }

        [Fact]
        public async Task A_reset_after_content_is_a_Connection_error_that_is_not_retried()
        {
            using var harness = new Harness();
            harness.Handler.Enqueue(Reply.Sse(new ScriptedStream().Then(Sse.Data(Chunk.Text("Hel"))).ThenFail(new IOException("connection reset"))));

            var (updates, error) = await CollectAsync(harness);

            Assert.Equal("Hel", UpdateText.AllText(updates));
            var reset = Assert.IsType<NexLLMException>(error);
            Assert.Equal(NexLLMErrorKind.Connection, reset.Kind);
            Assert.IsType<IOException>(reset.InnerException);
            Assert.Single(harness.Handler.Requests);
        }

        [Fact]
        public async Task A_200_json_answer_where_a_stream_was_asked_is_an_InvalidResponse()
        {
            using var harness = new Harness();
            harness.Handler.Enqueue(Reply.Json("""{"error":{"message":"Streaming is disabled","type":"new_api_error","code":"stream_disabled"}}""")
                .WithHeader("X-Oneapi-Request-Id", "rid-json"));

            var (_, error) = await CollectAsync(harness);

            var invalid = Assert.IsType<NexLLMException>(error);
            Assert.Equal(NexLLMErrorKind.InvalidResponse, invalid.Kind);
            Assert.Equal((200, "new_api_error", "stream_disabled", "rid-json"), (invalid.StatusCode, invalid.ErrorType, invalid.ErrorCode, invalid.RequestId));
            Assert.Contains("Streaming is disabled", invalid.Message, StringComparison.Ordinal);
            Assert.Contains("application/json", invalid.Message, StringComparison.Ordinal);
        }
    }

    public sealed class Restarts
    {
        [Fact]
        public async Task A_second_answer_before_anything_was_yielded_replaces_the_first()
        {
            using var harness = new Harness();
            harness.Handler.Enqueue(Reply.Sse(Sse.Stream(
                Chunk.Role("chatcmpl-A"),
                Chunk.Delta("""{"tool_calls":[{"index":0,"id":"call_lost","function":{"name":"f","arguments":"{\"a\":"}}]}"""),
                Chunk.Role("chatcmpl-B"),
                Chunk.Text("Hello", "chatcmpl-B"),
                Chunk.Finish("stop", "chatcmpl-B"))));

            var (updates, error) = await CollectAsync(harness);

            Assert.Null(error);
            Assert.Equal("Hello", UpdateText.AllText(updates));
            Assert.DoesNotContain(updates.SelectMany(u => u.Contents), c => c is FunctionCallContent);
            Assert.All(updates, u => Assert.Equal("chatcmpl-B", u.ResponseId));
        }

        [Fact]
        public async Task A_second_answer_after_content_was_yielded_is_an_InStreamError_and_nothing_is_duplicated()
        {
            using var harness = new Harness();
            harness.Handler.Enqueue(Reply.Sse(Sse.Stream(
                Chunk.Role("chatcmpl-A"), Chunk.Text("Hel", "chatcmpl-A"),
                Chunk.Role("chatcmpl-B"), Chunk.Text("Hello", "chatcmpl-B"), Chunk.Finish("stop", "chatcmpl-B"))));

            var (updates, error) = await CollectAsync(harness);

            Assert.Equal("Hel", UpdateText.AllText(updates));
            Assert.Equal(NexLLMErrorKind.InStreamError, Assert.IsType<NexLLMException>(error).Kind);
            Assert.Single(harness.Handler.Requests);
        }
    }

    public sealed class InStreamErrors
    {
        private const string Overloaded = """{"error":{"message":"Upstream overloaded","type":"overloaded_error","code":null}}""";

        [Fact]
        public async Task An_error_as_first_event_is_retried_like_a_status_error()
        {
            using var harness = new Harness();
            harness.Handler.Enqueue(Reply.Sse(Sse.Data(Overloaded)), Reply.Sse(Sse.Stream(Chunk.Text("ok"), Chunk.Finish("stop"))));

            Assert.Equal("ok", (await harness.CallWithOneRetryAsync(stream: true)).Text);
        }

        [Fact]
        public async Task A_first_event_error_on_every_attempt_ends_typed_with_the_attempt_count()
        {
            using var harness = new Harness(o => o.MaxRetries = 1);
            harness.Handler.EnqueueRepeated(2, () => Reply.Sse(Sse.Data(Overloaded)).WithHeader("X-Oneapi-Request-Id", "rid-err"));
            Task<(List<ChatResponseUpdate>, Exception?)> call = CollectAsync(harness);

            await harness.Clock.SkipRetryDelayAsync();
            var (_, error) = await call;

            var failure = Assert.IsType<NexLLMException>(error);
            Assert.Equal(NexLLMErrorKind.InStreamError, failure.Kind);
            Assert.Equal(("overloaded_error", "rid-err", 2, true), (failure.ErrorType, failure.RequestId, failure.Attempts, failure.IsTransient));
            Assert.Contains("Upstream overloaded", failure.Message, StringComparison.Ordinal);
            Assert.True(harness.Handler.AllBodiesDisposed);
        }

        [Fact]
        public async Task A_non_transient_first_event_error_is_not_retried()
        {
            using var harness = new Harness();
            harness.Handler.Enqueue(Reply.Sse(Sse.Data("""{"error":{"message":"Bad tools","type":"invalid_request_error","code":"invalid_value"}}""")));

            var (_, error) = await CollectAsync(harness);

            var failure = Assert.IsType<NexLLMException>(error);
            Assert.Equal((NexLLMErrorKind.InStreamError, "invalid_value", false), (failure.Kind, failure.ErrorCode, failure.IsTransient));
            Assert.Single(harness.Handler.Requests);
        }

        [Fact]
        public async Task An_error_after_content_is_typed_not_retried_and_nothing_is_duplicated()
        {
            using var harness = new Harness();
            harness.Handler.Enqueue(Reply.Sse(Sse.Events(Chunk.Role(), Chunk.Text("Hel"), Overloaded)), Reply.Sse(Sse.Stream(Chunk.Text("Hello"), Chunk.Finish("stop"))));

            var (updates, error) = await CollectAsync(harness);

            Assert.Equal("Hel", UpdateText.AllText(updates));
            Assert.Equal(NexLLMErrorKind.InStreamError, Assert.IsType<NexLLMException>(error).Kind);
            Assert.Single(harness.Handler.Requests);
        }

        [Fact]
        public async Task A_raw_json_error_appended_after_the_events_is_raised_with_its_message_and_type()
        {
            // new-api's deferred error writer appends the error as raw JSON, with no data: prefix (docs/protocols/gateway.md#sse-framing).
            using var harness = new Harness();
            harness.Handler.Enqueue(Reply.Sse(Sse.Events(Chunk.Role(), Chunk.Text("Par")) + """{"type":"error","error":{"type":"overloaded_error","message":"Overloaded (request id: 2026X)"}}"""));

            var (updates, error) = await CollectAsync(harness);

            Assert.Equal("Par", UpdateText.AllText(updates));
            var failure = Assert.IsType<NexLLMException>(error);
            Assert.Equal("overloaded_error", failure.ErrorType);
            Assert.Contains("Overloaded (request id: 2026X)", failure.Message, StringComparison.Ordinal);
        }

        [Fact]
        public async Task A_pretty_printed_raw_json_error_over_several_lines_is_raised_too()
        {
            using var harness = new Harness();
            harness.Handler.Enqueue(Reply.Sse(Sse.Events(Chunk.Text("x")) + "{\n  \"error\": {\n    \"code\": 429,\n    \"message\": \"Quota\",\n    \"status\": \"RESOURCE_EXHAUSTED\"\n  }\n}\n"));

            var (_, error) = await CollectAsync(harness);

            var failure = Assert.IsType<NexLLMException>(error);
            Assert.Equal(("RESOURCE_EXHAUSTED", "429"), (failure.ErrorType, failure.ErrorCode));
        }

        [Fact]
        public async Task A_malformed_chunk_is_an_InvalidResponse_naming_the_event()
        {
            using var harness = new Harness();
            harness.Handler.Enqueue(Reply.Sse(Sse.Stream(Chunk.Text("a"), Chunk.Text("b"), """{"id":"chatcmpl-1","choices":[{"delta":{"content":"c"}""", Chunk.Finish("stop"))));

            var (updates, error) = await CollectAsync(harness);

            Assert.Equal("ab", UpdateText.AllText(updates));
            var failure = Assert.IsType<NexLLMException>(error);
            Assert.Equal(NexLLMErrorKind.InvalidResponse, failure.Kind);
            Assert.Contains("event 3 ", failure.Message, StringComparison.Ordinal);
            Assert.Contains("\"content\":\"c\"", failure.ResponseExcerpt, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("""{"id":"c","choices":[null]}""")]
        [InlineData("""{"id":"c","choices":[{"index":0,"delta":{"tool_calls":[null]}}]}""")]
        [InlineData("""{"id":"c","choices":[{"index":0,"delta":null,"finish_reason":null}]}""")]
        public async Task A_chunk_whose_entries_are_null_is_skipped(string chunk)
        {
            using var harness = new Harness();
            harness.Handler.Enqueue(Reply.Sse(Sse.Stream(Chunk.Text("a"), chunk, Chunk.Finish("stop"))));

            var (updates, error) = await CollectAsync(harness);

            Assert.Null(error);
            Assert.Equal(2, updates.Count);
            Assert.Equal("a", UpdateText.AllText(updates));
            Assert.Equal(ChatFinishReason.Stop, updates[1].FinishReason);
            Assert.Empty(updates[1].Contents);
        }

        [Fact]
        public async Task A_tool_call_fragment_without_id_or_function_is_handed_out_at_the_finish_as_a_nameless_call()
        {
            // As in a non-streamed answer: the call is kept, and function invocation reports its unknown name to the model.
            using var harness = new Harness();
            harness.Handler.Enqueue(Reply.Sse(Sse.Stream(Chunk.Text("a"), """{"id":"c","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":null}]}}]}""", Chunk.Finish("stop"))));

            var (updates, error) = await CollectAsync(harness);

            Assert.Null(error);
            Assert.Equal("a", UpdateText.AllText(updates));
            Assert.Equal(ChatFinishReason.Stop, updates[^1].FinishReason);
            var call = Assert.IsType<FunctionCallContent>(Assert.Single(updates[^1].Contents));
            Assert.Equal(string.Empty, call.Name);
            Assert.Matches("^call_[0-9a-f]{24}$", call.CallId);
            Assert.Empty(call.Arguments!);
        }

        [Theory]
        [InlineData("""{"id":"c","choices":"none"}""")]
        [InlineData("""[]""")]
        public async Task A_chunk_of_the_wrong_shape_is_an_InvalidResponse_naming_the_event_after_the_text_before_it(string chunk)
        {
            using var harness = new Harness();
            harness.Handler.Enqueue(Reply.Sse(Sse.Stream(Chunk.Text("a"), chunk, Chunk.Finish("stop"))));

            var (updates, error) = await CollectAsync(harness);

            Assert.Equal("a", UpdateText.AllText(updates));
            var failure = Assert.IsType<NexLLMException>(error);
            Assert.Equal((NexLLMErrorKind.InvalidResponse, false), (failure.Kind, failure.IsTransient));
            Assert.Contains("chat completion stream event 2 is not valid JSON", failure.Message, StringComparison.Ordinal);
            Assert.Single(harness.Handler.Requests);
        }

        [Fact]
        public async Task A_second_line_of_an_event_without_a_data_prefix_is_an_unknown_field_and_ignored()
        {
            // "{"trailing":true}" is read as the field "{"trailing"" with the value "true}": unknown fields are ignored.
            using var harness = new Harness();
            harness.Handler.Enqueue(Reply.Sse(Sse.Stream(Chunk.Text("a"), """{"id":"c","choices":[{"index":0,"delta":{"content":"x"}}]}""" + "\n" + """{"trailing":true}""", Chunk.Finish("stop"))));

            var (updates, error) = await CollectAsync(harness);

            Assert.Null(error);
            Assert.Equal("ax", UpdateText.AllText(updates));
            Assert.Equal(ChatFinishReason.Stop, updates[^1].FinishReason);
        }
    }
}
