using Microsoft.Extensions.AI;
using NexLLM.Connectors.Tests.TestSupport;

namespace NexLLM.Connectors.Tests.Chat;

/// <summary>Streamed chat completions replayed from exact SSE bytes (docs/protocols/chat-completions.md, "Streaming"; docs/protocols/chat-completions.md#gotchas).</summary>
public sealed class ChatStreamingTests
{
    /// <summary>Starts a streamed call on a body the test drives, and returns the enumerator.</summary>
    internal static IAsyncEnumerator<ChatResponseUpdate> Open(Harness harness, ScriptedStream body, ChatOptions? options = null)
    {
        harness.Handler.Enqueue(Reply.Sse(body).WithHeader("X-Oneapi-Request-Id", "rid-stream"));
        return harness.Chat().GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "Hi")], options, Harness.Ct).GetAsyncEnumerator(Harness.Ct);
    }

    internal static async Task<ChatResponseUpdate> NextAsync(IAsyncEnumerator<ChatResponseUpdate> updates)
    {
        Assert.True(await updates.MoveNextAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5)), "The stream ended early.");
        return updates.Current;
    }

    public sealed class Incremental
    {
        [Fact]
        public async Task Each_chunk_becomes_an_update_before_the_next_chunk_is_sent()
        {
            using var harness = new Harness();
            var body = new ScriptedStream().Then(Sse.Data(Chunk.Role()) + Sse.Data(Chunk.Text("Hel")));
            await using var updates = Open(harness, body);

            Assert.Equal("Hel", (await NextAsync(updates)).Text);

            body.Then(Sse.Data(Chunk.Text("lo")));
            Assert.Equal("lo", (await NextAsync(updates)).Text);

            body.Then(Sse.Data(Chunk.Finish("stop")) + Sse.Data(Chunk.Usage()) + Sse.Done).End();
            Assert.Equal(ChatFinishReason.Stop, (await NextAsync(updates)).FinishReason);
            Assert.IsType<UsageContent>(Assert.Single((await NextAsync(updates)).Contents));
            Assert.False(await updates.MoveNextAsync());
        }

        [Fact]
        public async Task A_whole_stream_maps_text_reasoning_finish_and_usage_and_only_the_end_carries_the_request_id()
        {
            using var harness = new Harness();
            harness.Handler.Enqueue(Reply.Sse(Sse.Stream(
                Chunk.Role(), Chunk.ReasoningContent("Hmm."), Chunk.Text("Hi"), Chunk.Text(" there"), Chunk.Finish("stop"), Chunk.Usage(5, 7)))
                .WithHeader("X-Oneapi-Request-Id", "rid-1"));

            List<ChatResponseUpdate> updates = await harness.StreamAsync();

            Assert.Equal(
                """
                [assistant|chatcmpl-1|chatcmpl-1|gpt-4o-mini|2024-03-09T16:00:00.0000000+00:00|] reasoning:"Hmm."
                [assistant|chatcmpl-1|chatcmpl-1|gpt-4o-mini|2024-03-09T16:00:00.0000000+00:00|] text:"Hi"
                [assistant|chatcmpl-1|chatcmpl-1|gpt-4o-mini|2024-03-09T16:00:00.0000000+00:00|] text:" there"
                [assistant|chatcmpl-1|chatcmpl-1|gpt-4o-mini|2024-03-09T16:00:00.0000000+00:00|stop] nexllm.request_id=rid-1 nexllm.finish_reason=stop
                [assistant|chatcmpl-1|chatcmpl-1|gpt-4o-mini|2024-03-09T16:00:00.0000000+00:00|] usage:5/7/12 nexllm.request_id=rid-1

                """,
                UpdateText.Render(updates));
            ChatResponse merged = updates.ToChatResponse();
            Assert.Equal("Hi there", merged.Text);
            Assert.Equal(ChatFinishReason.Stop, merged.FinishReason);
            Assert.Equal(12, merged.Usage?.TotalTokenCount);
        }

        [Fact]
        public async Task Text_cut_between_the_two_halves_of_an_emoji_reassembles()
        {
            // Each half arrives as a lone \uD83D / \uDE00 escape in its own chunk.
            using var harness = new Harness();
            harness.Handler.Enqueue(Reply.Sse(Sse.Stream(Chunk.Text("smile \ud83d"), Chunk.Text("\ude00!"), Chunk.Finish("stop"))));

            List<ChatResponseUpdate> updates = await harness.StreamAsync();

            Assert.Contains("\\ud83d\"", Chunk.Text("\ud83d"), StringComparison.Ordinal);
            Assert.Equal("smile 😀!", updates.ToChatResponse().Text);
        }

        [Fact]
        public async Task A_refusal_spelled_over_deltas_is_one_ErrorContent_at_the_finish()
        {
            using var harness = new Harness();
            harness.Handler.Enqueue(Reply.Sse(Sse.Stream(Chunk.Role(), Chunk.Refusal("I can't "), Chunk.Refusal("do that."), Chunk.Finish("content_filter"))));

            List<ChatResponseUpdate> updates = await harness.StreamAsync();

            ChatResponseUpdate last = Assert.Single(updates);
            var error = Assert.IsType<ErrorContent>(Assert.Single(last.Contents));
            Assert.Equal("Refusal", error.ErrorCode);
            Assert.Equal("I can't do that.", error.Message);
            Assert.Equal(ChatFinishReason.ContentFilter, last.FinishReason);
        }

        [Fact]
        public async Task The_usage_only_chunk_with_empty_choices_is_a_UsageContent()
        {
            using var harness = new Harness();
            harness.Handler.Enqueue(Reply.Sse(Sse.Stream(Chunk.Text("x"), Chunk.Finish("stop"),
                Chunk.Of("[]", usageJson: """{"prompt_tokens":50,"completion_tokens":17,"total_tokens":67,"prompt_tokens_details":{"cached_tokens":40},"completion_tokens_details":{"reasoning_tokens":9}}"""))));

            List<ChatResponseUpdate> updates = await harness.StreamAsync();

            UsageDetails usage = Assert.IsType<UsageContent>(Assert.Single(updates[^1].Contents)).Details;
            Assert.Equal((50, 17, 67, 40, 9), (usage.InputTokenCount, usage.OutputTokenCount, usage.TotalTokenCount, usage.CachedInputTokenCount, usage.ReasoningTokenCount));
        }
    }

    public sealed class ToolCalls
    {
        [Fact]
        public async Task A_call_is_emitted_when_its_arguments_close_before_the_finish_chunk_is_sent()
        {
            using var harness = new Harness();
            var body = new ScriptedStream().Then(Sse.Data(Chunk.Role()) + Sse.Data(Chunk.Tool(0, "call_abc", "get_weather", "")) + Sse.Data(Chunk.Tool(0, null, null, "{\"ci")));
            await using var updates = Open(harness, body);

            body.Then(Sse.Data(Chunk.Tool(0, null, null, "ty\":\"Paris\"}")));
            ChatResponseUpdate update = await NextAsync(updates);

            var call = Assert.IsType<FunctionCallContent>(Assert.Single(update.Contents));
            Assert.Equal(("call_abc", "get_weather", "{city=\"Paris\"}"), (call.CallId, call.Name, UpdateText.Arguments(call)));

            body.Then(Sse.Data(Chunk.Finish("tool_calls")) + Sse.Done).End();
            ChatResponseUpdate finish = await NextAsync(updates);
            Assert.Empty(finish.Contents);
            Assert.Equal(ChatFinishReason.ToolCalls, finish.FinishReason);
            Assert.False(await updates.MoveNextAsync());
        }

        [Fact]
        public async Task A_call_without_arguments_is_emitted_when_the_next_call_starts_with_empty_arguments_as_an_empty_object()
        {
            using var harness = new Harness();
            var body = new ScriptedStream().Then(Sse.Data(Chunk.Tool(0, "call_1", "get_time", "")));
            await using var updates = Open(harness, body);

            body.Then(Sse.Data(Chunk.Tool(1, "call_2", "get_date", "")));
            var first = Assert.IsType<FunctionCallContent>(Assert.Single((await NextAsync(updates)).Contents));
            Assert.Equal("call_1", first.CallId);
            Assert.Empty(first.Arguments!);

            body.Then(Sse.Data(Chunk.Finish("tool_calls")) + Sse.Done).End();
            ChatResponseUpdate finish = await NextAsync(updates);
            var second = Assert.IsType<FunctionCallContent>(Assert.Single(finish.Contents));
            Assert.Equal(("call_2", "get_date"), (second.CallId, second.Name));
            Assert.Empty(second.Arguments!);
            Assert.Null(second.Exception);
        }

        [Fact]
        public async Task Indices_may_start_at_1_and_have_gaps_and_text_may_come_first()
        {
            using var harness = new Harness();
            harness.Handler.Enqueue(Reply.Sse(Sse.Stream(
                Chunk.Role(),
                Chunk.Text("Let me check."),
                Chunk.Tool(1, "toolu_1", "get_weather", ""),
                Chunk.Tool(1, null, null, "{\"city\":"),
                Chunk.Tool(1, null, null, "\"Paris\"}"),
                Chunk.Tool(3, "toolu_2", "get_weather", ""),
                Chunk.Tool(3, null, null, "{\"city\":\"Rome\"}"),
                Chunk.Finish("tool_calls"))));

            List<ChatResponseUpdate> updates = await harness.StreamAsync();

            var calls = updates.SelectMany(u => u.Contents).OfType<FunctionCallContent>().ToList();
            Assert.Equal(["toolu_1/get_weather/{city=\"Paris\"}", "toolu_2/get_weather/{city=\"Rome\"}"], calls.Select(c => $"{c.CallId}/{c.Name}/{UpdateText.Arguments(c)}"));
            Assert.Equal("Let me check.", UpdateText.AllText(updates));
        }

        [Fact]
        public async Task A_whole_call_in_one_fragment_is_emitted_with_that_chunk()
        {
            using var harness = new Harness();
            harness.Handler.Enqueue(Reply.Sse(Sse.Stream(
                Chunk.Role(),
                Chunk.Tool(0, "call_7f3a", "get_weather", "{\"city\":\"Oslo\",\"days\":2}"),
                Chunk.Finish("tool_calls"))));

            List<ChatResponseUpdate> updates = await harness.StreamAsync();

            Assert.Equal(2, updates.Count);
            var call = Assert.IsType<FunctionCallContent>(Assert.Single(updates[0].Contents));
            Assert.Equal("{city=\"Oslo\",days=2}", UpdateText.Arguments(call));
            Assert.Empty(updates[1].Contents);
        }

        [Fact]
        public async Task Two_choices_keep_their_calls_apart()
        {
            using var harness = new Harness();
            harness.Handler.Enqueue(Reply.Sse(Sse.Stream(
                Chunk.Delta("""{"tool_calls":[{"index":0,"id":"c0","function":{"name":"a","arguments":"{\"x\":"}}]}""", choice: 0),
                Chunk.Delta("""{"tool_calls":[{"index":0,"id":"c1","function":{"name":"b","arguments":"{\"y\":"}}]}""", choice: 1),
                Chunk.Delta("""{"tool_calls":[{"index":0,"function":{"arguments":"1}"}}]}""", choice: 0),
                Chunk.Delta("""{"tool_calls":[{"index":0,"function":{"arguments":"2}"}}]}""", choice: 1),
                Chunk.Finish("tool_calls"))));

            List<ChatResponseUpdate> updates = await harness.StreamAsync();

            var calls = updates.SelectMany(u => u.Contents).OfType<FunctionCallContent>().Select(c => $"{c.CallId}:{UpdateText.Arguments(c)}");
            Assert.Equal(["c0:{x=1}", "c1:{y=2}"], calls.Order());
        }

        [Fact]
        public async Task One_choice_finishing_does_not_cut_off_another_choice_call()
        {
            using var harness = new Harness();
            harness.Handler.Enqueue(Reply.Sse(Sse.Stream(
                Chunk.Delta("""{"tool_calls":[{"index":0,"id":"c1","function":{"name":"b","arguments":"{\"y\":"}}]}""", choice: 1),
                Chunk.Delta("{}", "stop", choice: 0),
                Chunk.Delta("""{"tool_calls":[{"index":0,"function":{"arguments":"2}"}}]}""", choice: 1),
                Chunk.Delta("{}", "tool_calls", choice: 1))));

            List<ChatResponseUpdate> updates = await harness.StreamAsync();

            var call = Assert.IsType<FunctionCallContent>(Assert.Single(updates.SelectMany(u => u.Contents)));
            Assert.Equal("c1:{y=2}", $"{call.CallId}:{UpdateText.Arguments(call)}");
            Assert.Null(call.Exception);
        }

        [Fact]
        public async Task Malformed_streamed_arguments_are_kept_as_the_call_exception()
        {
            using var harness = new Harness();
            harness.Handler.Enqueue(Reply.Sse(Sse.Stream(Chunk.Tool(0, "call_1", "f", "{\"a\":"), Chunk.Finish("tool_calls"))));

            List<ChatResponseUpdate> updates = await harness.StreamAsync();

            var call = Assert.IsType<FunctionCallContent>(Assert.Single(updates.SelectMany(u => u.Contents)));
            Assert.NotNull(call.Exception);
        }
    }
}
