using Microsoft.Extensions.AI;
using NexLLM.Connectors.Tests.TestSupport;
using static NexLLM.Connectors.Tests.Chat.ChatRequestJsonTests;
using static NexLLM.Connectors.Tests.TestSupport.ClaudeCalls;

namespace NexLLM.Connectors.Tests.Chat.Claude;

/// <summary>Tools, tool choice and structured output on the Claude wire (docs/protocols/claude-messages.md, "Options in detail").</summary>
public sealed class ClaudeRequestToolTests
{
    private const string Head = """{"model":"claude-sonnet-4-5","max_tokens":4096,"messages":[{"role":"user","content":[{"type":"text","text":"Hello"}]}]""";

    private const string WeatherTool =
        """{"name":"get_weather","description":"Gets the weather","input_schema":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}""";

    private static readonly AIFunctionDeclaration Time = AIFunctionFactory.CreateDeclaration("get_time", null, JsonElementOf("""{"type":"object","properties":{}}"""));

    public sealed class Tools
    {
        [Fact]
        public async Task Functions_are_sent_with_their_input_schema_and_no_empty_description()
        {
            string body = await SentClaudeBodyAsync(new ChatOptions { Tools = [Weather, Time] });

            Assert.Equal(
                Head + $$$$""","tools":[{{{{WeatherTool}}}},{"name":"get_time","input_schema":{"type":"object","properties":{}}}]}""",
                body);
        }

        [Fact]
        public async Task WithClaudeToolCaching_marks_only_the_last_tool()
        {
            string body = await SentClaudeBodyAsync(new ChatOptions { Tools = [Weather, Time] }.WithClaudeToolCaching(NexLLMCacheTtl.OneHour));

            Assert.Equal(
                Head + $$$""","tools":[{{{WeatherTool}}},{"name":"get_time","input_schema":{"type":"object","properties":{}},"cache_control":{"type":"ephemeral","ttl":"1h"}}]}""",
                body);
        }

        [Fact]
        public async Task A_hosted_tool_is_not_sent_and_is_logged_as_ignored()
        {
            using var harness = new Harness();
            harness.Handler.Enqueue(Reply.Json(ClaudeOkBody));

            await harness.AskClaudeAsync(new ChatOptions { Tools = [new HostedWebSearchTool(), Weather] });

            Assert.EndsWith($$$""","tools":[{{{WeatherTool}}}]}""", harness.Handler.SingleRequest.BodyText, StringComparison.Ordinal);
            Assert.Contains(harness.Logs.Entries, e => e.Message.Contains("HostedWebSearchTool", StringComparison.Ordinal));
        }

        [Fact]
        public async Task Only_hosted_tools_send_neither_tools_nor_tool_choice()
        {
            string body = await SentClaudeBodyAsync(new ChatOptions { Tools = [new HostedWebSearchTool()], ToolMode = ChatToolMode.RequireAny });

            Assert.Equal(Head + "}", body);
        }
    }

    public sealed class ToolChoice
    {
        public static TheoryData<string, bool?, string?> Modes => new()
        {
            { "unset", null, null },
            { "unset", true, null },
            { "unset", false, """{"type":"auto","disable_parallel_tool_use":true}""" },
            { "auto", null, """{"type":"auto"}""" },
            { "auto", false, """{"type":"auto","disable_parallel_tool_use":true}""" },
            { "required", true, """{"type":"any"}""" },
            { "required", false, """{"type":"any","disable_parallel_tool_use":true}""" },
            { "named", null, """{"type":"tool","name":"get_weather"}""" },
            { "named", false, """{"type":"tool","name":"get_weather","disable_parallel_tool_use":true}""" },
            { "none", null, """{"type":"none"}""" },
            { "none", false, """{"type":"none"}""" },
        };

        [Theory]
        [MemberData(nameof(Modes))]
        public async Task Tool_mode_and_AllowMultipleToolCalls_give_tool_choice(string mode, bool? allowMultiple, string? wire)
        {
            ChatToolMode? toolMode = mode switch
            {
                "auto" => ChatToolMode.Auto,
                "required" => ChatToolMode.RequireAny,
                "named" => ChatToolMode.RequireSpecific("get_weather"),
                "none" => ChatToolMode.None,
                _ => null,
            };

            string body = await SentClaudeBodyAsync(new ChatOptions { Tools = [Weather], ToolMode = toolMode, AllowMultipleToolCalls = allowMultiple });

            Assert.Equal(Head + $$$""","tools":[{{{WeatherTool}}}]{{{(wire is null ? "" : ",\"tool_choice\":" + wire)}}}}""", body);
        }
    }

    public sealed class ToolChoiceAndThinking
    {
        [Theory]
        [InlineData("required", """{"type":"any"}""")]
        [InlineData("named", """{"type":"tool","name":"get_weather"}""")]
        public async Task A_tool_mode_that_forces_a_call_wins_over_reasoning_which_is_logged_as_ignored(string mode, string toolChoice)
        {
            // Anthropic refuses thinking with a forced tool choice (docs/protocols/claude-messages.md#thinking).
            using var harness = new Harness();
            harness.Handler.Enqueue(Reply.Json(ClaudeOkBody));
            var options = new ChatOptions
            {
                Tools = [Weather],
                ToolMode = mode == "required" ? ChatToolMode.RequireAny : ChatToolMode.RequireSpecific("get_weather"),
                Reasoning = new ReasoningOptions { Effort = ReasoningEffort.Medium },
                Temperature = 0.5f,
            };

            await harness.AskClaudeAsync(options);

            string body = harness.Handler.SingleRequest.BodyText;
            Assert.DoesNotContain("\"thinking\"", body, StringComparison.Ordinal);
            Assert.Contains("\"temperature\":0.5", body, StringComparison.Ordinal);   // without thinking, any temperature goes
            Assert.Contains($"\"tool_choice\":{toolChoice}", body, StringComparison.Ordinal);
            Assert.Contains(harness.Logs.Entries, e => e.Message.Contains("Reasoning with a tool mode that requires a tool call", StringComparison.Ordinal));
            Assert.Contains("\"max_tokens\":4096,", body, StringComparison.Ordinal);   // the caller's limit, not one raised for the budget
        }

        [Theory]
        [InlineData(false, false)]   // the calls were made without thinking (a forced call, another provider): thinking is left out
        [InlineData(true, true)]     // the calls came with signed thinking: thinking stays
        public async Task Extended_thinking_is_sent_only_when_the_tool_use_turn_in_progress_started_with_thinking(bool withSignedThinking, bool thinkingSent)
        {
            var call = new FunctionCallContent("toolu_1", "get_weather", new Dictionary<string, object?> { ["city"] = "Paris" });
            ChatMessage assistant = withSignedThinking
                ? new(ChatRole.Assistant, [new TextReasoningContent("I need the weather.") { ProtectedData = "sig" }, call])
                : new(ChatRole.Assistant, [call]);
            List<ChatMessage> history = [new(ChatRole.User, "Weather in Paris?"), assistant, new(ChatRole.Tool, [new FunctionResultContent("toolu_1", "18C")])];
            var options = new ChatOptions { Tools = [Weather], Reasoning = new ReasoningOptions { Effort = ReasoningEffort.Low } };

            string body = await SentClaudeBodyAsync(history, options);

            Assert.Equal(thinkingSent, body.Contains(""","thinking":{"type":"enabled","budget_tokens":1024}""", StringComparison.Ordinal));
        }

        [Fact]
        public async Task A_finished_tool_use_turn_without_thinking_does_not_stop_thinking_on_the_next_question()
        {
            List<ChatMessage> history =
            [
                new(ChatRole.User, "Weather in Paris?"),
                new(ChatRole.Assistant, [new FunctionCallContent("toolu_1", "get_weather", new Dictionary<string, object?> { ["city"] = "Paris" })]),
                new(ChatRole.Tool, [new FunctionResultContent("toolu_1", "18C")]),
                new(ChatRole.Assistant, "18C in Paris."),
                new(ChatRole.User, "Thanks! And why is the sky blue?"),
            ];

            string body = await SentClaudeBodyAsync(history, new ChatOptions { Reasoning = new ReasoningOptions { Effort = ReasoningEffort.Low } });

            Assert.EndsWith(""","thinking":{"type":"enabled","budget_tokens":1024}}""", body, StringComparison.Ordinal);
        }

        [Fact]
        public async Task Auto_tool_mode_keeps_thinking()
        {
            var options = new ChatOptions { Tools = [Weather], ToolMode = ChatToolMode.Auto, Reasoning = new ReasoningOptions { Effort = ReasoningEffort.Low } };

            string body = await SentClaudeBodyAsync(options);

            Assert.Contains(""","tool_choice":{"type":"auto"},"thinking":{"type":"enabled","budget_tokens":1024}""", body, StringComparison.Ordinal);
        }
    }

    public sealed class StructuredOutput
    {
        [Fact]
        public async Task A_json_schema_is_output_config_format()
        {
            var options = new ChatOptions
            {
                ResponseFormat = ChatResponseFormat.ForJsonSchema(JsonElementOf("""{"type":"object","properties":{"a":{"type":"integer"}},"required":["a"],"additionalProperties":false}"""), "answer"),
            };

            Assert.Equal(
                Head + ""","output_config":{"format":{"type":"json_schema","schema":{"type":"object","properties":{"a":{"type":"integer"}},"required":["a"],"additionalProperties":false}}}}""",
                await SentClaudeBodyAsync(options));
        }

        [Fact]
        public async Task Json_without_a_schema_is_not_sent_and_is_logged_as_ignored()
        {
            using var harness = new Harness();
            harness.Handler.Enqueue(Reply.Json(ClaudeOkBody));

            await harness.AskClaudeAsync(new ChatOptions { ResponseFormat = ChatResponseFormat.Json });

            Assert.Equal(
                """{"model":"claude-sonnet-4-5","max_tokens":4096,"messages":[{"role":"user","content":[{"type":"text","text":"Hi"}]}]}""",
                harness.Handler.SingleRequest.BodyText);
            Assert.Contains(harness.Logs.Entries, e => e.Message.Contains("without a schema", StringComparison.Ordinal));
        }

        [Fact]
        public async Task Text_format_sends_nothing()
        {
            Assert.Equal(Head + "}", await SentClaudeBodyAsync(new ChatOptions { ResponseFormat = ChatResponseFormat.Text }));
        }
    }
}
