using Microsoft.Extensions.AI;
using NexLLM.Connectors.Chat;
using NexLLM.Connectors.Chat.Claude;
using NexLLM.Connectors.Tests.TestSupport;

namespace NexLLM.Connectors.Tests.Chat.Mappers;

/// <summary><see cref="ClaudeMessageMapper"/> called directly: a conversation to Claude's system blocks and turns, as JSON.</summary>
public sealed class ClaudeMessageMapperTests
{
    private static readonly byte[] Png = [1, 2, 3];

    /// <summary>Maps the conversation and returns the system blocks and turns as JSON, and what was reported as ignored.</summary>
    private static (string System, string Turns, List<string> Ignored) Mapped(string? instructions, params ChatMessage[] messages)
    {
        var ignored = new List<string>();
        var (system, turns) = ClaudeMessageMapper.Map(messages, instructions, ignored.Add);
        return (system is null ? "null" : WireJson.Write(system, ClaudeJsonContext.Default.ListClaudeContentBlock), WireJson.Write(turns, ClaudeJsonContext.Default.ListClaudeMessage), ignored);
    }

    private static string TurnsOf(params ChatMessage[] messages) => Mapped(null, messages).Turns;

    public sealed class Map
    {
        [Fact]
        public void Instructions_then_every_system_text_are_system_blocks_and_empty_or_non_text_system_content_is_dropped()
        {
            var (system, turns, _) = Mapped(
                "Be brief.",
                new ChatMessage(ChatRole.System, [new TextContent("Rule 1"), new TextContent(string.Empty), new DataContent(Png, "image/png")]),
                new ChatMessage(ChatRole.User, "Hi"),
                new ChatMessage(ChatRole.System, "Rule 2"));

            Assert.Equal("""[{"type":"text","text":"Be brief."},{"type":"text","text":"Rule 1"},{"type":"text","text":"Rule 2"}]""", system);
            Assert.Equal("""[{"role":"user","content":[{"type":"text","text":"Hi"}]}]""", turns);
        }

        [Fact]
        public void Without_instructions_or_system_messages_there_is_no_system()
        {
            Assert.Equal("null", Mapped(string.Empty, new ChatMessage(ChatRole.User, "Hi")).System);
        }

        [Fact]
        public void Tool_and_other_roles_are_user_turns_and_consecutive_turns_of_one_role_merge_and_empty_messages_vanish()
        {
            string turns = TurnsOf(
                new ChatMessage(ChatRole.User, "a"),
                new ChatMessage(new ChatRole("critic"), "b"),
                new ChatMessage(ChatRole.Assistant, [new TextContent(string.Empty)]),
                new ChatMessage(ChatRole.Tool, [new FunctionResultContent("toolu_1", "r")]),
                new ChatMessage(ChatRole.Assistant, "c"),
                new ChatMessage(ChatRole.Assistant, "d"));

            Assert.Equal(
                """[{"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":[{"type":"text","text":"r"}]},{"type":"text","text":"a"},{"type":"text","text":"b"}]},"""
                + """{"role":"assistant","content":[{"type":"text","text":"c"},{"type":"text","text":"d"}]}]""",
                turns);
        }

        [Fact]
        public void Media_become_image_and_document_blocks_from_bytes_or_urls()
        {
            string turns = TurnsOf(new ChatMessage(ChatRole.User,
            [
                new DataContent(Png, "image/png"),
                new DataContent("%PDF"u8.ToArray(), "application/pdf") { Name = "r.pdf" },
                new DataContent("plain words"u8.ToArray(), "text/plain"),
                new UriContent("https://a.test/cat.jpg", "image/jpeg"),
                new UriContent("https://a.test/r.pdf", "application/pdf"),
            ]));

            Assert.Equal(
                """[{"role":"user","content":[{"type":"image","source":{"type":"base64","media_type":"image/png","data":"AQID"}},"""
                + """{"type":"document","source":{"type":"base64","media_type":"application/pdf","data":"JVBERg=="},"title":"r.pdf"},"""
                + """{"type":"document","source":{"type":"text","media_type":"text/plain","data":"plain words"}},"""
                + """{"type":"image","source":{"type":"url","url":"https://a.test/cat.jpg"}},"""
                + """{"type":"document","source":{"type":"url","url":"https://a.test/r.pdf"}}]}]""",
                turns);
        }

        [Theory]
        [InlineData("audio/wav", false, "'audio/wav' content cannot be sent")]
        [InlineData("text/html", true, "'text/html' content at a URL cannot be sent")]
        public void Other_media_are_an_ArgumentException_naming_the_media_type(string mediaType, bool atUrl, string fragment)
        {
            AIContent content = atUrl ? new UriContent("https://a.test/x", mediaType) : new DataContent(Png, mediaType);

            var error = Assert.Throws<ArgumentException>(() => TurnsOf(new ChatMessage(ChatRole.User, [content])));

            Assert.Contains(fragment, error.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void Signed_thinking_redacted_thinking_and_tool_use_go_back_as_they_came_and_unsigned_reasoning_is_reported()
        {
            var (_, turns, ignored) = Mapped(null, new ChatMessage(ChatRole.Assistant,
            [
                new TextReasoningContent("Let me think.") { ProtectedData = "sig-1" },
                new TextReasoningContent(string.Empty) { ProtectedData = "opaque", AdditionalProperties = new() { [ChatOptionKeys.ClaudeRedactedThinking] = true } },
                new TextReasoningContent("From another model."),
                new TextContent("Checking."),
                new FunctionCallContent("toolu_1", "get_weather", new Dictionary<string, object?> { ["city"] = "Paris" }),
                new FunctionCallContent("toolu_2", "get_time"),
            ]));

            Assert.Equal(
                """[{"role":"assistant","content":[{"type":"thinking","thinking":"Let me think.","signature":"sig-1"},{"type":"redacted_thinking","data":"opaque"},"""
                + """{"type":"text","text":"Checking."},{"type":"tool_use","id":"toolu_1","name":"get_weather","input":{"city":"Paris"}},"""
                + """{"type":"tool_use","id":"toolu_2","name":"get_time","input":{}}]}]""",
                turns);
            Assert.Equal(["reasoning without a Claude signature"], ignored);
        }

        [Fact]
        public void Reasoning_in_a_user_turn_is_dropped_quietly_even_when_signed()
        {
            var (_, turns, ignored) = Mapped(null, new ChatMessage(ChatRole.User, [new TextReasoningContent("hidden") { ProtectedData = "sig" }, new TextContent("Hi")]));

            Assert.Equal("""[{"role":"user","content":[{"type":"text","text":"Hi"}]}]""", turns);
            Assert.Empty(ignored);
        }

        [Fact]
        public void Tool_results_carry_text_json_images_and_errors_and_come_first_in_their_user_turn()
        {
            string turns = TurnsOf(
                new ChatMessage(ChatRole.User, "Weather?"),
                new ChatMessage(ChatRole.Tool,
                [
                    new FunctionResultContent("toolu_t", "18 C"),
                    new FunctionResultContent("toolu_j", new Dictionary<string, int> { ["temp"] = 18 }),
                    new FunctionResultContent("toolu_i", new List<AIContent> { new TextContent("chart:"), new DataContent(Png, "image/png") }),
                    new FunctionResultContent("toolu_e", null) { Exception = new InvalidOperationException("Service down") },
                    new FunctionResultContent("toolu_n", string.Empty),
                ]));

            Assert.Equal(
                """[{"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_t","content":[{"type":"text","text":"18 C"}]},"""
                + """{"type":"tool_result","tool_use_id":"toolu_j","content":[{"type":"text","text":"{\"temp\":18}"}]},"""
                + """{"type":"tool_result","tool_use_id":"toolu_i","content":[{"type":"text","text":"chart:"},{"type":"image","source":{"type":"base64","media_type":"image/png","data":"AQID"}}]},"""
                + """{"type":"tool_result","tool_use_id":"toolu_e","content":[{"type":"text","text":"Error: Service down"}],"is_error":true},"""
                + """{"type":"tool_result","tool_use_id":"toolu_n"},{"type":"text","text":"Weather?"}]}]""",
                turns);
        }

        [Fact]
        public void Cache_control_on_a_content_marks_its_block_and_on_a_message_marks_its_last_block()
        {
            string turns = TurnsOf(
                new ChatMessage(ChatRole.User, [new TextContent("doc").WithClaudeCacheControl(NexLLMCacheTtl.OneHour), new TextContent("q1")]),
                new ChatMessage(ChatRole.Assistant, [new TextContent("a"), new TextContent("b")]).WithClaudeCacheBreakpoint());

            Assert.Equal(
                """[{"role":"user","content":[{"type":"text","text":"doc","cache_control":{"type":"ephemeral","ttl":"1h"}},{"type":"text","text":"q1"}]},"""
                + """{"role":"assistant","content":[{"type":"text","text":"a"},{"type":"text","text":"b","cache_control":{"type":"ephemeral"}}]}]""",
                turns);
        }

        [Fact]
        public void Usage_and_error_contents_are_skipped_quietly_and_unknown_contents_are_reported()
        {
            var (_, turns, ignored) = Mapped(null, new ChatMessage(ChatRole.User,
            [
                new TextContent("Hi"),
                new UsageContent(new UsageDetails()),
                new ErrorContent("earlier"),
                new HostedFileContent("file-1"),
            ]));

            Assert.Equal("""[{"role":"user","content":[{"type":"text","text":"Hi"}]}]""", turns);
            Assert.Equal(["content HostedFileContent"], ignored);
        }

        [Fact]
        public void A_null_message_is_an_ArgumentException()
        {
            Assert.Throws<ArgumentException>(() => ClaudeMessageMapper.Map([new ChatMessage(ChatRole.User, "Hi"), null!], null, _ => { }));
        }
    }
}
