using Microsoft.Extensions.AI;
using NexLLM.Connectors.Tests.TestSupport;
using static NexLLM.Connectors.Tests.TestSupport.ClaudeEvent;

namespace NexLLM.Connectors.Tests.Chat.Claude;

/// <summary>Streamed Messages replayed from exact <c>event:</c>/<c>data:</c> transcripts (docs/protocols/claude-messages.md "Streaming events", docs/protocols/claude-messages.md#gotchas).</summary>
public sealed class ClaudeStreamingTests
{
    /// <summary>The transcript of docs/protocols/claude-messages.md, verbatim but for the model name.</summary>
    internal const string WireTranscript = """
        event: message_start
        data: {"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","model":"claude-sonnet-4-5","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":25,"output_tokens":1,"cache_creation_input_tokens":0,"cache_read_input_tokens":0}}}

        event: ping
        data: {"type":"ping"}

        event: content_block_start
        data: {"type":"content_block_start","index":0,"content_block":{"type":"thinking","thinking":""}}

        event: content_block_delta
        data: {"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"Let me…"}}

        event: content_block_delta
        data: {"type":"content_block_delta","index":0,"delta":{"type":"signature_delta","signature":"EqQB…"}}

        event: content_block_stop
        data: {"type":"content_block_stop","index":0}

        event: content_block_start
        data: {"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"toolu_1","name":"get_weather","input":{}}}

        event: content_block_delta
        data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{\"city\": \"Pa"}}

        event: content_block_delta
        data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"ris\"}"}}

        event: content_block_stop
        data: {"type":"content_block_stop","index":1}

        event: message_delta
        data: {"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"output_tokens":89}}

        event: message_stop
        data: {"type":"message_stop"}


        """;

    internal static IAsyncEnumerator<ChatResponseUpdate> Open(Harness harness, ScriptedStream body)
    {
        harness.Handler.Enqueue(Reply.Sse(body).WithHeader("X-Oneapi-Request-Id", "rid-stream"));
        return harness.Claude().GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "Hi")], cancellationToken: Harness.Ct).GetAsyncEnumerator(Harness.Ct);
    }

    public sealed class Transcript
    {
        [Fact]
        public async Task The_WIRE_transcript_maps_to_reasoning_its_signature_one_call_the_finish_and_usage_once()
        {
            List<ChatResponseUpdate> updates = await ClaudeCalls.ReplayStreamAsync(WireTranscript, requestId: "rid-1");

            Assert.Equal(
                """
                [assistant|msg_1|msg_1|claude-sonnet-4-5||] reasoning:"Let me\u2026"
                [assistant|msg_1|msg_1|claude-sonnet-4-5||] reasoning:""
                [assistant|msg_1|msg_1|claude-sonnet-4-5||] call:toolu_1/get_weather/{city="Paris"}
                [assistant|msg_1|msg_1|claude-sonnet-4-5||tool_calls] nexllm.request_id=rid-1 nexllm.finish_reason=tool_use
                [assistant|msg_1|msg_1|claude-sonnet-4-5||] usage:25/89/114 nexllm.request_id=rid-1 nexllm.finish_reason=tool_use

                """,
                UpdateText.Render(updates));
            Assert.Equal("EqQB…", Assert.IsType<TextReasoningContent>(updates[1].Contents[0]).ProtectedData);
            Assert.Null(updates[0].AdditionalProperties);
        }

        [Fact]
        public async Task ToChatResponse_gives_one_signed_reasoning_one_call_the_finish_and_the_usage()
        {
            ChatResponse response = (await ClaudeCalls.ReplayStreamAsync(WireTranscript, requestId: "rid-1")).ToChatResponse();

            ChatMessage message = Assert.Single(response.Messages);
            Assert.Equal(2, message.Contents.Count);
            var reasoning = Assert.IsType<TextReasoningContent>(message.Contents[0]);
            Assert.Equal(("Let me…", "EqQB…"), (reasoning.Text, reasoning.ProtectedData));
            Assert.IsType<FunctionCallContent>(message.Contents[1]);
            Assert.Equal(ChatFinishReason.ToolCalls, response.FinishReason);
            Assert.Equal((25L, 89L, 114L), (response.Usage?.InputTokenCount, response.Usage?.OutputTokenCount, response.Usage?.TotalTokenCount));

            // M.E.AI scopes an update's AdditionalProperties to its message when the update has a MessageId.
            Assert.Equal("rid-1", message.AdditionalProperties?["nexllm.request_id"]);
            Assert.Equal("tool_use", message.AdditionalProperties?["nexllm.finish_reason"]);
        }
    }

    public sealed class Incremental
    {
        [Fact]
        public async Task Each_text_delta_is_an_update_before_the_next_event_is_sent()
        {
            using var harness = new Harness();
            var body = new ScriptedStream().Then(ClaudeSse.Events(MessageStart(), Ping, TextStart(0), TextDelta(0, "Hel")));
            await using var updates = Open(harness, body);

            Assert.Equal("Hel", (await ChatStreamingTests.NextAsync(updates)).Text);

            body.Then(ClaudeSse.Event(TextDelta(0, "lo")));
            Assert.Equal("lo", (await ChatStreamingTests.NextAsync(updates)).Text);

            body.Then(ClaudeSse.Events(BlockStop(0), MessageDelta("end_turn"), MessageStop)).End();
            Assert.Equal(ChatFinishReason.Stop, (await ChatStreamingTests.NextAsync(updates)).FinishReason);
            ChatResponseUpdate last = await ChatStreamingTests.NextAsync(updates);
            Assert.IsType<UsageContent>(Assert.Single(last.Contents));
            Assert.Equal("rid-stream", last.AdditionalProperties?["nexllm.request_id"]);
            Assert.False(await updates.MoveNextAsync());
        }

        [Fact]
        public async Task A_tool_call_is_emitted_at_its_content_block_stop_and_not_before()
        {
            using var harness = new Harness();
            var body = new ScriptedStream().Then(ClaudeSse.Events(
                MessageStart(), ToolStart(0, "toolu_1", "get_weather"), InputJsonDelta(0, "{\"city\":"), InputJsonDelta(0, "\"Paris\"}")));
            await using var updates = Open(harness, body);

            Task<bool> next = updates.MoveNextAsync().AsTask();
            await body.WaitForBlockedReadAsync();
            Assert.False(next.IsCompleted, "An update was yielded before content_block_stop.");

            body.Then(ClaudeSse.Event(BlockStop(0)));
            Assert.True(await next.WaitAsync(TimeSpan.FromSeconds(5), Harness.Ct));
            var call = Assert.IsType<FunctionCallContent>(Assert.Single(updates.Current.Contents));
            Assert.Equal("toolu_1/get_weather/{city=\"Paris\"}", $"{call.CallId}/{call.Name}/{UpdateText.Arguments(call)}");
            body.End();
        }
    }

    public sealed class ToolInput
    {
        [Fact]
        public async Task Fragments_split_inside_escapes_reassemble_exactly_as_the_non_streamed_call()
        {
            const string input = """{"q":"caf\u00e9 \"quoted\" \\ \ud83d\ude00","n":[1,2.5e3,null,true],"o":{}}""";
            string[] fragments = ["", "{\"q\":\"caf\\u0", "0e9 \\", "\"quoted\\\" \\\\ \\ud83d", "\\ude00\",\"n\":[1,2.5e", "3,null,true],\"o\":{}}", ""];
            Assert.Equal(input, string.Concat(fragments));

            List<ChatResponseUpdate> updates = await ClaudeCalls.ReplayStreamAsync(ClaudeSse.Events(
                [MessageStart(), ToolStart(0, "toolu_1", "lookup"), .. fragments.Select(f => InputJsonDelta(0, f)), BlockStop(0), MessageDelta("tool_use"), MessageStop]));

            using var harness = new Harness();
            harness.Handler.Enqueue(Reply.Json($$$"""{"id":"msg_1","type":"message","role":"assistant","model":"m","content":[{"type":"tool_use","id":"toolu_1","name":"lookup","input":{{{input}}}}],"stop_reason":"tool_use","usage":{"input_tokens":1,"output_tokens":1}}"""));
            var whole = Assert.IsType<FunctionCallContent>(Assert.Single((await harness.AskClaudeAsync()).Messages[0].Contents));

            var streamed = Assert.IsType<FunctionCallContent>(Assert.Single(updates.SelectMany(u => u.Contents).OfType<FunctionCallContent>()));
            Assert.Null(streamed.Exception);
            Assert.Equal(UpdateText.Arguments(whole), UpdateText.Arguments(streamed));
            Assert.Equal("café \"quoted\" \\ 😀", ((System.Text.Json.JsonElement)streamed.Arguments!["q"]!).GetString());
        }

        [Fact]
        public async Task A_tool_without_input_fragments_has_empty_arguments_and_malformed_input_is_the_call_exception()
        {
            List<ChatResponseUpdate> updates = await ClaudeCalls.ReplayStreamAsync(ClaudeSse.Events(
                MessageStart(), ToolStart(0, "t0", "get_time"), BlockStop(0), ToolStart(1, "t1", "broken"), InputJsonDelta(1, "{\"a\":"), BlockStop(1), MessageDelta("tool_use"), MessageStop));

            var calls = updates.SelectMany(u => u.Contents).OfType<FunctionCallContent>().ToList();
            Assert.Equal(2, calls.Count);
            Assert.Empty(calls[0].Arguments!);
            Assert.Null(calls[0].Exception);
            Assert.NotNull(calls[1].Exception);
        }
    }

    public sealed class OtherBlocks
    {
        [Fact]
        public async Task A_tool_use_whose_start_carries_the_whole_input_and_no_fragments_keeps_that_input()
        {
            // The Anthropic SDK keeps content_block_start's input when no input_json_delta follows (AN lib/streaming accumulate).
            List<ChatResponseUpdate> updates = await ClaudeCalls.ReplayStreamAsync(ClaudeSse.Events(
                MessageStart(),
                """{"type":"content_block_start","index":0,"content_block":{"type":"tool_use","id":"toolu_1","name":"get_weather","input":{"city":"Paris"}}}""",
                BlockStop(0), MessageDelta("tool_use"), MessageStop));

            var call = Assert.IsType<FunctionCallContent>(Assert.Single(updates.SelectMany(u => u.Contents).OfType<FunctionCallContent>()));
            Assert.Equal("{city=\"Paris\"}", UpdateText.Arguments(call));
        }

        [Fact]
        public async Task A_redacted_thinking_block_is_one_update_at_its_start_with_its_data()
        {
            List<ChatResponseUpdate> updates = await ClaudeCalls.ReplayStreamAsync(ClaudeSse.Events(
                MessageStart(), RedactedThinkingStart(0, "EmwKAhgBEgy="), BlockStop(0), TextStart(1), TextDelta(1, "Hi"), BlockStop(1), MessageDelta("end_turn"), MessageStop));

            var redacted = Assert.IsType<TextReasoningContent>(Assert.Single(updates[0].Contents));
            Assert.Equal((string.Empty, "EmwKAhgBEgy="), (redacted.Text, redacted.ProtectedData));
            Assert.Equal(true, redacted.AdditionalProperties?["nexllm.claude.redacted_thinking"]);
            Assert.Equal("Hi", updates[1].Text);
        }

        [Fact]
        public async Task A_citations_delta_is_an_annotation_with_title_url_and_snippet_that_survives_ToChatResponse()
        {
            List<ChatResponseUpdate> updates = await ClaudeCalls.ReplayStreamAsync(ClaudeSse.Events(
                MessageStart(), TextStart(0),
                """{"type":"content_block_delta","index":0,"delta":{"type":"citations_delta","citation":{"type":"web_search_result_location","cited_text":"Sunny in Paris","url":"https://weather.test/paris","title":"Paris weather","encrypted_index":"Eo8B"}}}""",
                TextDelta(0, "Paris is sunny."), BlockStop(0), MessageDelta("end_turn"), MessageStop));

            var cited = Assert.IsType<CitationAnnotation>(Assert.Single(updates.SelectMany(u => u.Contents).SelectMany(c => c.Annotations ?? [])));
            Assert.Equal(("Paris weather", new Uri("https://weather.test/paris"), "Sunny in Paris"), (cited.Title, cited.Url, cited.Snippet));
            ChatResponse response = updates.ToChatResponse();
            Assert.Equal("Paris is sunny.", response.Text);
            Assert.Single(response.Messages[0].Contents.SelectMany(c => c.Annotations ?? []));
        }
    }

    public sealed class UsageAndFinish
    {
        [Fact]
        public async Task Message_delta_usage_is_cumulative_so_the_response_usage_is_the_last_values_never_a_sum()
        {
            List<ChatResponseUpdate> updates = await ClaudeCalls.ReplayStreamAsync(ClaudeSse.Events(
                MessageStart(usageJson: """{"input_tokens":25,"output_tokens":1,"cache_creation_input_tokens":50,"cache_read_input_tokens":100,"cache_creation":{"ephemeral_5m_input_tokens":50,"ephemeral_1h_input_tokens":0}}"""),
                TextStart(0), TextDelta(0, "Hi"), BlockStop(0),
                MessageDelta("end_turn", """{"output_tokens":40}"""),
                MessageDelta("end_turn", """{"input_tokens":25,"cache_creation_input_tokens":50,"cache_read_input_tokens":100,"output_tokens":89,"server_tool_use":{"web_search_requests":1}}"""),
                MessageStop));

            Assert.Single(updates.SelectMany(u => u.Contents).OfType<UsageContent>());
            UsageDetails usage = Assert.IsType<UsageDetails>(updates.ToChatResponse().Usage);
            Assert.Equal((175L, 89L, 264L, 100L), (usage.InputTokenCount, usage.OutputTokenCount, usage.TotalTokenCount, usage.CachedInputTokenCount));
            Assert.Equal(50, usage.AdditionalCounts![NexLLMUsageCounts.CacheCreationInputTokens]);
            Assert.Equal(50, usage.AdditionalCounts[NexLLMUsageCounts.CacheCreation5mInputTokens]);
            Assert.Equal(1, usage.AdditionalCounts[NexLLMUsageCounts.WebSearchRequests]);
        }

        [Theory]
        [InlineData("end_turn", "stop")]
        [InlineData("stop_sequence", "stop")]
        [InlineData("max_tokens", "length")]
        [InlineData("model_context_window_exceeded", "length")]
        [InlineData("tool_use", "tool_calls")]
        [InlineData("refusal", "content_filter")]
        [InlineData("pause_turn", "pause_turn")]
        public async Task The_finish_reason_comes_from_message_delta_with_the_raw_value(string raw, string expected)
        {
            List<ChatResponseUpdate> updates = await ClaudeCalls.ReplayStreamAsync(ClaudeSse.Events(
                MessageStart(), TextStart(0), TextDelta(0, "x"), BlockStop(0), MessageDelta(raw), MessageStop));

            ChatResponseUpdate finish = Assert.Single(updates, u => u.FinishReason is not null);
            Assert.Equal(new ChatFinishReason(expected), finish.FinishReason);
            Assert.Equal(raw, finish.AdditionalProperties?["nexllm.finish_reason"]);
            Assert.Equal(new ChatFinishReason(expected), updates.ToChatResponse().FinishReason);
        }

        [Fact]
        public async Task Only_the_finish_and_last_updates_carry_the_request_id()
        {
            List<ChatResponseUpdate> updates = await ClaudeCalls.ReplayStreamAsync(ClaudeSse.Events(ClaudeEvent.TextAnswer("msg_1", "a", "b")), requestId: "rid-9");

            Assert.Equal(4, updates.Count);
            Assert.All(updates.Take(2), u => Assert.Null(u.AdditionalProperties));
            Assert.Equal("rid-9", updates[^1].AdditionalProperties?["nexllm.request_id"]);
            Assert.Equal("rid-9", updates.ToChatResponse().Messages[^1].AdditionalProperties?["nexllm.request_id"]);
        }
    }
}
