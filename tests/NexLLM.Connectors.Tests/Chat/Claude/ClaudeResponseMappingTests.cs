using System.Text.Json;
using Microsoft.Extensions.AI;
using NexLLM.Connectors.Tests.TestSupport;

namespace NexLLM.Connectors.Tests.Chat.Claude;

/// <summary>Non-streamed Messages responses (docs/protocols/claude-messages.md), replayed from exact bodies, mapped to <see cref="ChatResponse"/>.</summary>
public sealed class ClaudeResponseMappingTests
{
    private static string Body(string contentJson, string stopReason = "end_turn", string usageJson = """{"input_tokens":10,"output_tokens":5}""") =>
        $$$"""{"id":"msg_01","type":"message","role":"assistant","model":"claude-sonnet-4-5-20250929","content":{{{contentJson}}},"stop_reason":"{{{stopReason}}}","stop_sequence":null,"usage":{{{usageJson}}}}""";

    private static async Task<ChatResponse> ReplayAsync(string body, params (string Name, string Value)[] headers)
    {
        using var harness = new Harness();
        Reply reply = Reply.Json(body);
        foreach (var (name, value) in headers)
        {
            reply.WithHeader(name, value);
        }

        harness.Handler.Enqueue(reply);
        return await harness.AskClaudeAsync();
    }

    public sealed class Content
    {
        [Fact]
        public async Task Text_ids_model_and_raw_representation_are_mapped()
        {
            string body = Body("""[{"type":"text","text":"Hello!"}]""");

            ChatResponse response = await ReplayAsync(body);

            ChatMessage message = Assert.Single(response.Messages);
            Assert.Equal(ChatRole.Assistant, message.Role);
            Assert.Equal("Hello!", Assert.IsType<TextContent>(Assert.Single(message.Contents)).Text);
            Assert.Equal(("msg_01", "msg_01", "claude-sonnet-4-5-20250929"), (response.ResponseId, message.MessageId, response.ModelId));
            Assert.Equal(body, Assert.IsType<JsonElement>(response.RawRepresentation).GetRawText());
        }

        [Fact]
        public async Task Thinking_redacted_thinking_text_and_tool_use_keep_their_order_and_payloads()
        {
            ChatResponse response = await ReplayAsync(Body(
                """
                [{"type":"thinking","thinking":"The user wants weather.","signature":"EqQBsig=="},
                {"type":"redacted_thinking","data":"EmwKAhgBEgy="},
                {"type":"text","text":"Let me check."},
                {"type":"tool_use","id":"toolu_01","name":"get_weather","input":{"city":"Paris","days":3,"units":{"temp":"C"}}}]
                """,
                "tool_use"));

            IList<AIContent> contents = response.Messages[0].Contents;
            Assert.Equal(4, contents.Count);
            var thinking = Assert.IsType<TextReasoningContent>(contents[0]);
            Assert.Equal(("The user wants weather.", "EqQBsig=="), (thinking.Text, thinking.ProtectedData));
            var redacted = Assert.IsType<TextReasoningContent>(contents[1]);
            Assert.Equal((string.Empty, "EmwKAhgBEgy="), (redacted.Text, redacted.ProtectedData));
            Assert.Equal(true, redacted.AdditionalProperties?["nexllm.claude.redacted_thinking"]);
            Assert.Equal("Let me check.", Assert.IsType<TextContent>(contents[2]).Text);
            var call = Assert.IsType<FunctionCallContent>(contents[3]);
            Assert.Equal(("toolu_01", "get_weather", "{city=\"Paris\",days=3,units={\"temp\":\"C\"}}"), (call.CallId, call.Name, UpdateText.Arguments(call)));
            Assert.Null(call.Exception);
            Assert.Equal("Let me check.", response.Text);
        }

        [Fact]
        public async Task Citations_become_annotations_with_title_url_and_snippet()
        {
            ChatResponse response = await ReplayAsync(Body(
                """
                [{"type":"text","text":"Paris is sunny.","citations":[
                {"type":"web_search_result_location","cited_text":"Sunny all day in Paris","url":"https://weather.test/paris","title":"Paris weather","encrypted_index":"Eo8B"},
                {"type":"char_location","cited_text":"Q3 revenue grew","document_index":0,"document_title":"Report","start_char_index":0,"end_char_index":15}]}]
                """));

            var text = Assert.IsType<TextContent>(Assert.Single(response.Messages[0].Contents));
            Assert.NotNull(text.Annotations);
            var web = Assert.IsType<CitationAnnotation>(text.Annotations[0]);
            Assert.Equal(("Paris weather", new Uri("https://weather.test/paris"), "Sunny all day in Paris"), (web.Title, web.Url, web.Snippet));
            var document = Assert.IsType<CitationAnnotation>(text.Annotations[1]);
            Assert.Equal(("Report", null, "Q3 revenue grew"), (document.Title, document.Url, document.Snippet));
        }

        [Fact]
        public async Task Unknown_block_types_are_skipped_and_unknown_fields_tolerated()
        {
            ChatResponse response = await ReplayAsync(Body(
                """[{"type":"server_tool_use","id":"srvtoolu_1","name":"web_search","input":{"query":"x"}},{"type":"text","text":"Done.","extra":1}]"""));

            Assert.Equal("Done.", Assert.IsType<TextContent>(Assert.Single(response.Messages[0].Contents)).Text);
        }
    }

    public sealed class StopReasons
    {
        public static TheoryData<string, string> All => new()
        {
            { "end_turn", "stop" },
            { "stop_sequence", "stop" },
            { "max_tokens", "length" },
            { "model_context_window_exceeded", "length" },
            { "tool_use", "tool_calls" },
            { "refusal", "content_filter" },
            { "pause_turn", "pause_turn" },
        };

        [Theory]
        [MemberData(nameof(All))]
        public async Task Every_stop_reason_is_mapped_and_the_raw_value_kept(string raw, string expected)
        {
            ChatResponse response = await ReplayAsync(Body("""[{"type":"text","text":"x"}]""", raw));

            Assert.Equal(new ChatFinishReason(expected), response.FinishReason);
            Assert.Equal(raw, response.AdditionalProperties?["nexllm.finish_reason"]);
        }

        [Fact]
        public async Task The_four_known_values_are_the_MEAI_constants()
        {
            Assert.Equal(ChatFinishReason.Stop, (await ReplayAsync(Body("""[]""", "end_turn"))).FinishReason);
            Assert.Equal(ChatFinishReason.Length, (await ReplayAsync(Body("""[]""", "model_context_window_exceeded"))).FinishReason);
            Assert.Equal(ChatFinishReason.ToolCalls, (await ReplayAsync(Body("""[]""", "tool_use"))).FinishReason);
            Assert.Equal(ChatFinishReason.ContentFilter, (await ReplayAsync(Body("""[]""", "refusal"))).FinishReason);
        }
    }

    public sealed class Usage
    {
        [Fact]
        public async Task Input_adds_cache_reads_and_writes_and_the_details_land_in_their_counts()
        {
            ChatResponse response = await ReplayAsync(Body(
                """[{"type":"text","text":"x"}]""",
                usageJson: """{"input_tokens":100,"output_tokens":50,"cache_creation_input_tokens":30,"cache_read_input_tokens":200,"cache_creation":{"ephemeral_5m_input_tokens":10,"ephemeral_1h_input_tokens":20},"server_tool_use":{"web_search_requests":2},"output_tokens_details":{"thinking_tokens":40},"service_tier":"standard"}"""));

            UsageDetails usage = Assert.IsType<UsageDetails>(response.Usage);
            Assert.Equal((330L, 50L, 380L, 200L, 40L), (usage.InputTokenCount, usage.OutputTokenCount, usage.TotalTokenCount, usage.CachedInputTokenCount, usage.ReasoningTokenCount));
            Assert.Equal(
                new Dictionary<string, long>
                {
                    [NexLLMUsageCounts.CacheCreationInputTokens] = 30,
                    [NexLLMUsageCounts.CacheCreation5mInputTokens] = 10,
                    [NexLLMUsageCounts.CacheCreation1hInputTokens] = 20,
                    [NexLLMUsageCounts.WebSearchRequests] = 2,
                },
                usage.AdditionalCounts);
        }

        [Fact]
        public async Task Zero_cache_counts_allocate_no_additional_counts()
        {
            ChatResponse response = await ReplayAsync(Body(
                """[{"type":"text","text":"x"}]""",
                usageJson: """{"input_tokens":120,"output_tokens":40,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"cache_creation":{"ephemeral_5m_input_tokens":0,"ephemeral_1h_input_tokens":0},"server_tool_use":{"web_search_requests":0}}"""));

            UsageDetails usage = Assert.IsType<UsageDetails>(response.Usage);
            Assert.Equal((120L, 40L, 160L, 0L, null), (usage.InputTokenCount, usage.OutputTokenCount, usage.TotalTokenCount, usage.CachedInputTokenCount, usage.ReasoningTokenCount));
            Assert.Null(usage.AdditionalCounts);
        }
    }

    public sealed class RequestIds
    {
        [Fact]
        public async Task The_gateway_request_id_is_in_AdditionalProperties()
        {
            ChatResponse response = await ReplayAsync(Body("""[{"type":"text","text":"x"}]"""), ("X-Oneapi-Request-Id", "rid-claude"), ("request-id", "req_upstream"));

            Assert.Equal("rid-claude", response.AdditionalProperties?["nexllm.request_id"]);
        }

        [Fact]
        public async Task Anthropic_request_id_header_is_the_fallback()
        {
            ChatResponse response = await ReplayAsync(Body("""[{"type":"text","text":"x"}]"""), ("request-id", "req_011CX"));

            Assert.Equal("req_011CX", response.AdditionalProperties?["nexllm.request_id"]);
        }
    }
}
