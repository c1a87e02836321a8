using System.Text;
using Microsoft.Extensions.AI;
using NexLLM.Connectors.Tests.TestSupport;
using static NexLLM.Connectors.Tests.Completions.CompletionTestData;

namespace NexLLM.Connectors.Tests.Completions;

/// <summary>Streamed legacy completions replayed from exact SSE bytes (docs/protocols/completions.md#streaming).</summary>
public sealed class CompletionStreamingTests
{
    private static readonly string TwoChoices = Sse.Stream(
        Text("Hello", 0),
        Text("Bonjour", 1),
        Text(" world", 0),
        Text(" le monde", 1, finishReason: "length"),
        Text("", 0, finishReason: "stop"),
        UsageChunk());

    private static async Task<string> RenderAsync(ScriptedStream body)
    {
        using var harness = new Harness();
        harness.Handler.Enqueue(Reply.Sse(body).WithHeader("X-Oneapi-Request-Id", "rid-s"));
        var (updates, error) = await CollectAsync(harness);
        Assert.Null(error);
        return Render(updates);
    }

    [Fact]
    public async Task Each_choice_gets_its_own_updates_and_only_the_ending_ones_carry_the_request_id()
    {
        string rendered = await RenderAsync(ScriptedStream.Of(Encoding.UTF8.GetBytes(TwoChoices)));

        Assert.Equal(
            """
            [cmpl-1|gpt-3.5-turbo-instruct|2024-03-09T16:00:00.0000000+00:00|0||] "Hello"
            [cmpl-1|gpt-3.5-turbo-instruct|2024-03-09T16:00:00.0000000+00:00|1||] "Bonjour"
            [cmpl-1|gpt-3.5-turbo-instruct|2024-03-09T16:00:00.0000000+00:00|0||] " world"
            [cmpl-1|gpt-3.5-turbo-instruct|2024-03-09T16:00:00.0000000+00:00|1|length|length] " le monde" rid:rid-s
            [cmpl-1|gpt-3.5-turbo-instruct|2024-03-09T16:00:00.0000000+00:00|0|stop|stop] "" rid:rid-s
            [cmpl-1|gpt-3.5-turbo-instruct|2024-03-09T16:00:00.0000000+00:00|0||] "" usage:5/7/12 rid:rid-s

            """,
            rendered);
    }

    [Fact]
    public async Task Splitting_the_bytes_at_any_position_gives_identical_updates()
    {
        byte[] body = Encoding.UTF8.GetBytes(TwoChoices);
        string whole = await RenderAsync(ScriptedStream.Of(body));

        for (int at = 1; at < body.Length; at++)
        {
            Assert.Equal(whole, await RenderAsync(ScriptedStream.OfChunks([body[..at], body[at..]])));
        }
    }

    [Fact]
    public async Task Logprobs_and_text_in_one_chunk_with_the_usage_go_on_one_update()
    {
        using var harness = new Harness();
        harness.Handler.Enqueue(Reply.Sse(Sse.Stream(
            """{"id":"cmpl-9","choices":[{"text":"Hi","index":0,"logprobs":{"tokens":["Hi"],"token_logprobs":[-0.1]},"finish_reason":"stop"}],"usage":{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2}}""")));

        var (updates, error) = await CollectAsync(harness);

        Assert.Null(error);
        NexLLMCompletionUpdate update = Assert.Single(updates);
        Assert.Equal(("Hi", ChatFinishReason.Stop, 2L), (update.Text, update.FinishReason, update.Usage?.TotalTokenCount));
        Assert.Equal(-0.1, update.Logprobs?.GetProperty("token_logprobs")[0].GetDouble());
        Assert.Equal("Hi", update.ToString());
    }

    [Fact]
    public async Task Chunks_with_nothing_in_them_give_no_update()
    {
        using var harness = new Harness();
        harness.Handler.Enqueue(Reply.Sse(Sse.Stream(Text(""), """{"id":"cmpl-1","choices":[null]}""", Text("ok", finishReason: "stop"))));

        var (updates, error) = await CollectAsync(harness);

        Assert.Null(error);
        Assert.Equal(["ok"], updates.Select(u => u.Text));
    }

    public sealed class HowItEnds
    {
        [Fact]
        public async Task A_stream_without_DONE_is_a_TruncatedStream_after_its_content_and_is_not_retried()
        {
            using var harness = new Harness();
            harness.Handler.Enqueue(Reply.Sse(Sse.Events(Text("Half an ans"))));

            var (updates, error) = await CollectAsync(harness);

            Assert.Equal("Half an ans", string.Concat(updates.Select(u => u.Text)));
            var truncated = Assert.IsType<NexLLMException>(error);
            Assert.Equal(NexLLMErrorKind.TruncatedStream, truncated.Kind);
            Assert.Contains("without a finish_reason and [DONE]", truncated.Message, StringComparison.Ordinal);
            Assert.Single(harness.Handler.Requests);
            Assert.True(harness.Handler.AllBodiesDisposed);
        }

        [Fact]
        public async Task DONE_without_a_finish_reason_is_a_TruncatedStream()
        {
            // new-api writes the usage chunk and [DONE] after an upstream timeout too (docs/protocols/gateway.md#sse-framing).
            using var harness = new Harness();
            harness.Handler.Enqueue(Reply.Sse(Sse.Stream(Text("Half"), UsageChunk())));

            var (_, error) = await CollectAsync(harness);

            var truncated = Assert.IsType<NexLLMException>(error);
            Assert.Equal(NexLLMErrorKind.TruncatedStream, truncated.Kind);
            Assert.Contains("without a finish_reason before [DONE]", truncated.Message, StringComparison.Ordinal);
        }

        [Fact]
        public async Task A_choice_that_never_finished_is_a_TruncatedStream_even_when_another_did()
        {
            using var harness = new Harness();
            harness.Handler.Enqueue(Reply.Sse(Sse.Stream(Text("A", 0), Text("B", 1), Text("", 0, finishReason: "stop"), UsageChunk())));

            var (updates, error) = await CollectAsync(harness, new() { N = 2 });

            Assert.Equal(NexLLMErrorKind.TruncatedStream, Assert.IsType<NexLLMException>(error).Kind);
            Assert.Equal(4, updates.Count);
        }

        [Fact]
        public async Task AllowIncompleteStreams_ends_quietly_with_the_request_id_on_a_last_update()
        {
            using var harness = new Harness(o => o.AllowIncompleteStreams = true);
            harness.Handler.Enqueue(Reply.Sse(Sse.Events(Text("Partial"))).WithHeader("X-Oneapi-Request-Id", "rid-p"));

            var (updates, error) = await CollectAsync(harness);

            Assert.Null(error);
            Assert.Equal(["Partial", ""], updates.Select(u => u.Text));
            Assert.Equal(("cmpl-1", Model, "rid-p"), (updates[^1].Id, updates[^1].ModelId, updates[^1].RequestId));
            Assert.Null(updates[0].RequestId);
        }

        [Fact]
        public async Task An_error_event_is_an_InStreamError_after_the_text_before_it()
        {
            using var harness = new Harness();
            harness.Handler.Enqueue(Reply.Sse(Sse.Stream(
                Text("Hel"), """{"error":{"message":"upstream overloaded","type":"server_error","code":"overloaded"}}""")).WithHeader("X-Oneapi-Request-Id", "rid-e"));

            var (updates, error) = await CollectAsync(harness);

            Assert.Equal("Hel", Assert.Single(updates).Text);
            var inStream = Assert.IsType<NexLLMException>(error);
            Assert.Equal((NexLLMErrorKind.InStreamError, "server_error", "overloaded", "rid-e"), (inStream.Kind, inStream.ErrorType, inStream.ErrorCode, inStream.RequestId));
            Assert.Contains("upstream overloaded", inStream.Message, StringComparison.Ordinal);
        }

        [Fact]
        public async Task Raw_JSON_after_the_events_is_the_gateways_deferred_error_also_for_a_lenient_caller()
        {
            using var harness = new Harness(o => o.AllowIncompleteStreams = true);
            harness.Handler.Enqueue(Reply.Sse(Sse.Events(Text("Hel"))
                + """{"error":{"message":"bad upstream (request id: r9)","type":"new_api_error","param":"","code":"bad_response_status_code"}}"""));

            var (_, error) = await CollectAsync(harness);

            var deferred = Assert.IsType<NexLLMException>(error);
            Assert.Equal((NexLLMErrorKind.InStreamError, "bad_response_status_code"), (deferred.Kind, deferred.ErrorCode));
        }

        [Fact]
        public async Task An_error_before_any_text_is_retried_like_an_error_status()
        {
            using var harness = new Harness();
            harness.Handler.Enqueue(
                Reply.Sse(Sse.Stream("""{"error":{"message":"overloaded","type":"server_error","code":null}}""")),
                Reply.Sse(Sse.Stream(Text("ok", finishReason: "stop"))));

            Task<(List<NexLLMCompletionUpdate> Updates, Exception? Error)> call = CollectAsync(harness);
            await harness.Clock.SkipRetryDelayAsync();
            var (updates, error) = await call;

            Assert.Null(error);
            Assert.Equal("ok", Assert.Single(updates).Text);
            Assert.Equal(2, harness.Handler.Requests.Count);
        }

        [Fact]
        public async Task A_second_answer_after_text_is_an_InStreamError()
        {
            // The gateway failed over mid-stream: a new completion id starts the answer again (docs/protocols/gateway.md#gotchas).
            using var harness = new Harness();
            harness.Handler.Enqueue(Reply.Sse(Sse.Stream(Text("Hel"), Text("Hello", id: "cmpl-2"), Text("", finishReason: "stop", id: "cmpl-2"))));

            var (updates, error) = await CollectAsync(harness);

            Assert.Equal("Hel", Assert.Single(updates).Text);
            var restarted = Assert.IsType<NexLLMException>(error);
            Assert.Equal(NexLLMErrorKind.InStreamError, restarted.Kind);
            Assert.Contains("restarted", restarted.Message, StringComparison.Ordinal);
        }

        [Fact]
        public async Task A_second_answer_before_any_text_is_read_on_with_its_own_choices()
        {
            using var harness = new Harness();
            harness.Handler.Enqueue(Reply.Sse(Sse.Stream(
                Text("", 1), Text("Hello", 0, id: "cmpl-2"), Text("", 0, finishReason: "stop", id: "cmpl-2"), UsageChunk("cmpl-2"))));

            var (updates, error) = await CollectAsync(harness);

            Assert.Null(error); // choice 1 of the first answer, which never finished, was dropped with it
            Assert.Equal("Hello", string.Concat(updates.Select(u => u.Text)));
            Assert.All(updates, u => Assert.Equal("cmpl-2", u.Id));
        }

        [Fact]
        public async Task A_malformed_chunk_is_an_InvalidResponse()
        {
            using var harness = new Harness();
            harness.Handler.Enqueue(Reply.Sse(Sse.Stream(Text("Hel"), "{not json")));

            var (_, error) = await CollectAsync(harness);

            Assert.Equal(NexLLMErrorKind.InvalidResponse, Assert.IsType<NexLLMException>(error).Kind);
        }

        [Fact]
        public async Task A_lone_surrogate_half_in_a_fragment_is_kept_so_the_halves_rebuild_the_character()
        {
            using var harness = new Harness();
            harness.Handler.Enqueue(Reply.Sse(Sse.Stream(Text("Hi \ud83d"), Text("\ude00!", finishReason: "stop"))));

            var (updates, error) = await CollectAsync(harness);

            Assert.Null(error);
            Assert.Equal("Hi 😀!", string.Concat(updates.Select(u => u.Text)));
        }
    }
}
