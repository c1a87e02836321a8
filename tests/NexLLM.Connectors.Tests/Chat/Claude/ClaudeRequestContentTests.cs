using Microsoft.Extensions.AI;
using NexLLM.Connectors.Tests.TestSupport;
using static NexLLM.Connectors.Tests.Chat.ChatRequestJsonTests;
using static NexLLM.Connectors.Tests.TestSupport.ClaudeCalls;

namespace NexLLM.Connectors.Tests.Chat.Claude;

/// <summary>Conversation content on the Claude wire (docs/protocols/claude-messages.md): system blocks, user media, assistant blocks, tool results, turn merging.</summary>
public sealed class ClaudeRequestContentTests
{
    private static readonly byte[] Png = [1, 2, 3];
    private static readonly byte[] Pdf = "%PDF"u8.ToArray();

    /// <summary>The body's <c>messages</c> (and <c>system</c>) after the fixed head.</summary>
    private static string Body(string rest) => """{"model":"claude-sonnet-4-5","max_tokens":4096,""" + OneLine(rest) + "}";

    public sealed class System
    {
        [Fact]
        public async Task Instructions_then_system_messages_become_text_blocks_wherever_the_messages_stand()
        {
            ChatMessage[] messages =
            [
                new(ChatRole.System, "You are helpful."),
                new(ChatRole.User, "Hello"),
                new(ChatRole.System, [new TextContent("Answer in French."), new TextContent("Be kind.")]),
            ];

            string body = await SentClaudeBodyAsync(messages, new ChatOptions { Instructions = "Be brief." });

            Assert.Equal(
                Body("""
                    "system":[{"type":"text","text":"Be brief."},{"type":"text","text":"You are helpful."},{"type":"text","text":"Answer in French."},{"type":"text","text":"Be kind."}],
                    "messages":[{"role":"user","content":[{"type":"text","text":"Hello"}]}]
                    """),
                body);
        }

        [Fact]
        public async Task WithClaudeSystemCaching_marks_the_last_system_block()
        {
            var options = new ChatOptions { Instructions = "Be brief." }.WithClaudeSystemCaching(NexLLMCacheTtl.OneHour);

            string body = await SentClaudeBodyAsync([new(ChatRole.System, "You are helpful."), new(ChatRole.User, "Hello")], options);

            Assert.Equal(
                Body("""
                    "system":[{"type":"text","text":"Be brief."},{"type":"text","text":"You are helpful.","cache_control":{"type":"ephemeral","ttl":"1h"}}],
                    "messages":[{"role":"user","content":[{"type":"text","text":"Hello"}]}]
                    """),
                body);
        }
    }

    public sealed class Breakpoints
    {
        [Fact]
        public async Task A_cache_breakpoint_on_a_system_message_marks_its_last_system_block()
        {
            ChatMessage[] messages = [new ChatMessage(ChatRole.System, [new TextContent("Rules."), new TextContent("More rules.")]).WithClaudeCacheBreakpoint(), new(ChatRole.User, "Hello")];

            string body = await SentClaudeBodyAsync(messages, new ChatOptions { Instructions = "Be brief." });

            Assert.Equal(
                Body("""
                    "system":[{"type":"text","text":"Be brief."},{"type":"text","text":"Rules."},{"type":"text","text":"More rules.","cache_control":{"type":"ephemeral"}}],
                    "messages":[{"role":"user","content":[{"type":"text","text":"Hello"}]}]
                    """),
                body);
        }
    }

    public sealed class UserContent
    {
        [Fact]
        public async Task Text_images_pdfs_and_plain_text_documents_become_typed_blocks()
        {
            ChatMessage message = new(ChatRole.User,
            [
                new TextContent("Describe these"),
                new DataContent(Png, "image/png"),
                new UriContent("https://img.test/cat.jpg", "image/jpeg"),
                new DataContent(Pdf, "application/pdf") { Name = "report.pdf" },
                new UriContent("https://docs.test/paper.pdf", "application/pdf"),
                new DataContent("Plain notes"u8.ToArray(), "text/plain") { Name = "notes.txt" },
                new TextContent(string.Empty),
            ]);

            string body = await SentClaudeBodyAsync([message]);

            Assert.Equal(
                Body("""
                    "messages":[{"role":"user","content":[
                    {"type":"text","text":"Describe these"},
                    {"type":"image","source":{"type":"base64","media_type":"image/png","data":"AQID"}},
                    {"type":"image","source":{"type":"url","url":"https://img.test/cat.jpg"}},
                    {"type":"document","source":{"type":"base64","media_type":"application/pdf","data":"JVBERg=="},"title":"report.pdf"},
                    {"type":"document","source":{"type":"url","url":"https://docs.test/paper.pdf"}},
                    {"type":"document","source":{"type":"text","media_type":"text/plain","data":"Plain notes"},"title":"notes.txt"}]}]
                    """),
                body);
        }

        public static TheoryData<string> Unsupported => ["audio/wav bytes", "video/mp4 bytes", "text/plain url", "audio/mpeg url"];

        [Theory]
        [MemberData(nameof(Unsupported))]
        public async Task Unsupported_media_is_an_ArgumentException_and_nothing_is_sent(string kind)
        {
            AIContent content = kind switch
            {
                "audio/wav bytes" => new DataContent(new byte[] { 1 }, "audio/wav"),
                "video/mp4 bytes" => new DataContent(new byte[] { 1 }, "video/mp4"),
                "text/plain url" => new UriContent("https://docs.test/a.txt", "text/plain"),
                _ => new UriContent("https://audio.test/a.mp3", "audio/mpeg"),
            };
            using var harness = new Harness();

            await Assert.ThrowsAsync<ArgumentException>(() => harness.Claude().GetResponseAsync([new ChatMessage(ChatRole.User, [content])], cancellationToken: Harness.Ct));

            Assert.Empty(harness.Handler.Requests);
        }

        [Fact]
        public async Task WithClaudeCacheControl_marks_its_block_and_WithClaudeCacheBreakpoint_marks_the_last_block_of_its_message()
        {
            ChatMessage[] messages =
            [
                new ChatMessage(ChatRole.User, [new TextContent("Long document").WithClaudeCacheControl(NexLLMCacheTtl.OneHour), new TextContent("Question one")]),
                new ChatMessage(ChatRole.Assistant, "Answer one"),
                new ChatMessage(ChatRole.User, [new TextContent("Question two"), new DataContent(Png, "image/png")]).WithClaudeCacheBreakpoint(),
            ];

            string body = await SentClaudeBodyAsync(messages);

            Assert.Equal(
                Body("""
                    "messages":[{"role":"user","content":[{"type":"text","text":"Long document","cache_control":{"type":"ephemeral","ttl":"1h"}},{"type":"text","text":"Question one"}]},
                    {"role":"assistant","content":[{"type":"text","text":"Answer one"}]},
                    {"role":"user","content":[{"type":"text","text":"Question two"},{"type":"image","source":{"type":"base64","media_type":"image/png","data":"AQID"},"cache_control":{"type":"ephemeral"}}]}]
                    """),
                body);
        }
    }

    public sealed class AssistantContent
    {
        [Fact]
        public async Task Text_tool_use_with_an_input_object_and_signed_thinking_are_echoed_and_unsigned_reasoning_is_dropped()
        {
            ChatMessage[] messages =
            [
                new(ChatRole.User, "Weather in Paris?"),
                new(ChatRole.Assistant,
                [
                    new TextReasoningContent("Let me think.") { ProtectedData = "EqQBsig==" },
                    new TextReasoningContent(string.Empty) { ProtectedData = "EmwKdata==", AdditionalProperties = new() { ["nexllm.claude.redacted_thinking"] = true } },
                    new TextReasoningContent("Unsigned, from another provider."),
                    new TextContent("Checking."),
                    new FunctionCallContent("toolu_1", "get_weather", new Dictionary<string, object?> { ["city"] = "Paris", ["days"] = 3 }),
                    new FunctionCallContent("toolu_2", "get_time"),
                ]),
            ];

            string body = await SentClaudeBodyAsync(messages);

            Assert.Equal(
                Body("""
                    "messages":[{"role":"user","content":[{"type":"text","text":"Weather in Paris?"}]},
                    {"role":"assistant","content":[{"type":"thinking","thinking":"Let me think.","signature":"EqQBsig=="},{"type":"redacted_thinking","data":"EmwKdata=="},
                    {"type":"text","text":"Checking."},
                    {"type":"tool_use","id":"toolu_1","name":"get_weather","input":{"city":"Paris","days":3}},
                    {"type":"tool_use","id":"toolu_2","name":"get_time","input":{}}]}]
                    """),
                body);
        }

        [Fact]
        public async Task Reasoning_in_a_user_message_is_never_sent()
        {
            string body = await SentClaudeBodyAsync([new ChatMessage(ChatRole.User, [new TextReasoningContent("x") { ProtectedData = "sig" }, new TextContent("Hello")])]);

            Assert.Equal(
                Body("""
                    "messages":[{"role":"user","content":[{"type":"text","text":"Hello"}]}]
                    """),
                body);
        }
    }

    public sealed class ToolResults
    {
        [Fact]
        public async Task Results_become_tool_result_blocks_of_a_user_turn_as_text_json_images_and_errors()
        {
            ChatMessage[] messages =
            [
                new(ChatRole.User, "Go"),
                new(ChatRole.Assistant, [new FunctionCallContent("t1", "a"), new FunctionCallContent("t2", "b"), new FunctionCallContent("t3", "c"), new FunctionCallContent("t4", "d")]),
                new(ChatRole.Tool, [new FunctionResultContent("t1", "18 C")]),
                new(ChatRole.Tool, [new FunctionResultContent("t2", JsonElementOf("""{"temp":18,"unit":"C"}"""))]),
                new(ChatRole.Tool, [new FunctionResultContent("t3", new AIContent[] { new TextContent("Here:"), new DataContent(Png, "image/png"), new UriContent("https://img.test/map.png", "image/png") })]),
                new(ChatRole.Tool, [new FunctionResultContent("t4", "Error: Function failed.") { Exception = new InvalidOperationException("City not found") }]),
            ];

            string body = await SentClaudeBodyAsync(messages);

            Assert.Equal(
                Body("""
                    "messages":[{"role":"user","content":[{"type":"text","text":"Go"}]},
                    {"role":"assistant","content":[{"type":"tool_use","id":"t1","name":"a","input":{}},{"type":"tool_use","id":"t2","name":"b","input":{}},{"type":"tool_use","id":"t3","name":"c","input":{}},{"type":"tool_use","id":"t4","name":"d","input":{}}]},
                    {"role":"user","content":[
                    {"type":"tool_result","tool_use_id":"t1","content":[{"type":"text","text":"18 C"}]},
                    {"type":"tool_result","tool_use_id":"t2","content":[{"type":"text","text":"{\"temp\":18,\"unit\":\"C\"}"}]},
                    {"type":"tool_result","tool_use_id":"t3","content":[{"type":"text","text":"Here:"},{"type":"image","source":{"type":"base64","media_type":"image/png","data":"AQID"}},{"type":"image","source":{"type":"url","url":"https://img.test/map.png"}}]},
                    {"type":"tool_result","tool_use_id":"t4","content":[{"type":"text","text":"Error: Function failed."}],"is_error":true}]}]
                    """),
                body);
        }

        [Fact]
        public async Task A_single_image_result_and_an_exception_without_a_result()
        {
            ChatMessage[] messages =
            [
                new(ChatRole.Tool, [new FunctionResultContent("t1", new DataContent(Png, "image/png"))]),
                new(ChatRole.Tool, [new FunctionResultContent("t2", null) { Exception = new InvalidOperationException("City not found") }]),
            ];

            string body = await SentClaudeBodyAsync(messages);

            Assert.Equal(
                Body("""
                    "messages":[{"role":"user","content":[
                    {"type":"tool_result","tool_use_id":"t1","content":[{"type":"image","source":{"type":"base64","media_type":"image/png","data":"AQID"}}]},
                    {"type":"tool_result","tool_use_id":"t2","content":[{"type":"text","text":"Error: City not found"}],"is_error":true}]}]
                    """),
                body);
        }

        [Fact]
        public async Task WithClaudeCacheControl_on_a_result_marks_its_tool_result_block()
        {
            string body = await SentClaudeBodyAsync([new ChatMessage(ChatRole.Tool, [new FunctionResultContent("t1", "big result").WithClaudeCacheControl()])]);

            Assert.Equal(
                Body("""
                    "messages":[{"role":"user","content":[{"type":"tool_result","tool_use_id":"t1","content":[{"type":"text","text":"big result"}],"cache_control":{"type":"ephemeral"}}]}]
                    """),
                body);
        }

        [Fact]
        public async Task Tool_results_then_user_text_are_one_user_turn_with_the_tool_result_first()
        {
            ChatMessage[] messages =
            [
                new(ChatRole.User, "Weather?"),
                new(ChatRole.Assistant, [new FunctionCallContent("toolu_1", "get_weather", new Dictionary<string, object?> { ["city"] = "Paris" })]),
                new(ChatRole.Tool, [new FunctionResultContent("toolu_1", "18 C")]),
                new(ChatRole.User, "Thanks. And tomorrow?"),
                new(ChatRole.User, "In Celsius."),
            ];

            string body = await SentClaudeBodyAsync(messages);

            Assert.Equal(
                Body("""
                    "messages":[{"role":"user","content":[{"type":"text","text":"Weather?"}]},
                    {"role":"assistant","content":[{"type":"tool_use","id":"toolu_1","name":"get_weather","input":{"city":"Paris"}}]},
                    {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":[{"type":"text","text":"18 C"}]},{"type":"text","text":"Thanks. And tomorrow?"},{"type":"text","text":"In Celsius."}]}]
                    """),
                body);
        }

        [Fact]
        public async Task Tool_results_after_user_text_still_come_first_in_the_merged_turn()
        {
            ChatMessage[] messages =
            [
                new(ChatRole.User, "Weather?"),
                new(ChatRole.Assistant, [new FunctionCallContent("toolu_1", "get_weather", new Dictionary<string, object?> { ["city"] = "Paris" })]),
                new(ChatRole.User, "While you look:"),
                new(ChatRole.Tool, [new FunctionResultContent("toolu_1", "18 C")]),
            ];

            string body = await SentClaudeBodyAsync(messages);

            Assert.Equal(
                Body("""
                    "messages":[{"role":"user","content":[{"type":"text","text":"Weather?"}]},
                    {"role":"assistant","content":[{"type":"tool_use","id":"toolu_1","name":"get_weather","input":{"city":"Paris"}}]},
                    {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":[{"type":"text","text":"18 C"}]},{"type":"text","text":"While you look:"}]}]
                    """),
                body);
        }

        [Fact]
        public async Task Consecutive_assistant_messages_are_merged_and_empty_messages_vanish()
        {
            ChatMessage[] messages =
            [
                new(ChatRole.User, "Hi"),
                new(ChatRole.Assistant, "Hello."),
                new(ChatRole.Assistant, [new TextReasoningContent("unsigned")]),
                new(ChatRole.Assistant, "How can I help?"),
            ];

            string body = await SentClaudeBodyAsync(messages);

            Assert.Equal(
                Body("""
                    "messages":[{"role":"user","content":[{"type":"text","text":"Hi"}]},
                    {"role":"assistant","content":[{"type":"text","text":"Hello."},{"type":"text","text":"How can I help?"}]}]
                    """),
                body);
        }
    }
}
