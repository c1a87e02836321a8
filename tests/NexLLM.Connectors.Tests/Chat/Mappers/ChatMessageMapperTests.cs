using Microsoft.Extensions.AI;
using NexLLM.Connectors.Chat.ChatCompletions;
using NexLLM.Connectors.Tests.TestSupport;

namespace NexLLM.Connectors.Tests.Chat.Mappers;

/// <summary><see cref="ChatMessageMapper"/> called directly: one M.E.AI message to chat-completions messages, as JSON.</summary>
public sealed class ChatMessageMapperTests
{
    private static readonly byte[] Png = [1, 2, 3];

    /// <summary>Appends each message in turn and returns the wire messages as JSON, and what the mapper reported as ignored.</summary>
    private static (string Json, List<string> Ignored) Mapped(params ChatMessage[] messages)
    {
        var result = new List<ChatRequestMessage>();
        var ignored = new List<string>();
        foreach (ChatMessage message in messages)
        {
            ChatMessageMapper.Append(message, result, ignored.Add);
        }

        return (WireJson.Write(result, ChatCompletionsJsonContext.Default.ListChatRequestMessage), ignored);
    }

    public sealed class Append
    {
        [Theory]
        [InlineData("system")]
        [InlineData("user")]
        [InlineData("assistant")]
        public void A_text_message_keeps_its_role_and_author_and_its_texts_are_one_plain_string(string role)
        {
            var (json, ignored) = Mapped(new ChatMessage(new ChatRole(role), [new TextContent("Hel"), new TextContent("lo")]) { AuthorName = "ada" });

            Assert.Equal($$"""[{"role":"{{role}}","content":"Hello","name":"ada"}]""", json);
            Assert.Empty(ignored);
        }

        [Fact]
        public void User_media_become_typed_parts_with_detail_audio_format_and_default_file_names()
        {
            var (json, _) = Mapped(new ChatMessage(ChatRole.User,
            [
                new TextContent("Look"),
                new DataContent(Png, "image/png") { AdditionalProperties = new() { ["detail"] = "High" } },
                new DataContent(Png, "audio/x-wav"),
                new DataContent(Png, "audio/ogg"),
                new DataContent("hi"u8.ToArray(), "text/plain"),
                new DataContent(Png, "application/zip"),
                new HostedFileContent("file-1") { Name = "a.pdf" },
            ]));

            Assert.Equal(
                """[{"role":"user","content":[{"type":"text","text":"Look"},"""
                + """{"type":"image_url","image_url":{"url":"data:image/png;base64,AQID","detail":"high"}},"""
                + """{"type":"input_audio","input_audio":{"data":"AQID","format":"wav"}},"""
                + """{"type":"input_audio","input_audio":{"data":"AQID","format":"ogg"}},"""
                + """{"type":"file","file":{"file_data":"data:text/plain;base64,aGk=","filename":"document.txt"}},"""
                + """{"type":"file","file":{"file_data":"data:application/zip;base64,AQID","filename":"file"}},"""
                + """{"type":"file","file":{"file_id":"file-1","filename":"a.pdf"}}]}]""",
                json);
        }

        [Fact]
        public void Media_outside_a_user_message_are_not_sent_and_its_text_stays_a_plain_string()
        {
            var (json, _) = Mapped(new ChatMessage(ChatRole.Assistant, [new TextContent("See"), new DataContent(Png, "image/png")]));

            Assert.Equal("""[{"role":"assistant","content":"See"}]""", json);
        }

        [Fact]
        public void A_remote_url_that_is_not_an_image_is_an_ArgumentException_naming_its_media_type()
        {
            var error = Assert.Throws<ArgumentException>(() => Mapped(new ChatMessage(ChatRole.User, [new TextContent("Hear"), new UriContent("https://a.test/x.mp3", "audio/mpeg")])));

            Assert.Contains("'audio/mpeg' content at a URL", error.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void Function_calls_are_tool_calls_with_compact_arguments_and_no_content_without_text()
        {
            var (json, _) = Mapped(new ChatMessage(ChatRole.Assistant,
            [
                new FunctionCallContent("call_1", "get_weather", new Dictionary<string, object?> { ["city"] = "Paris", ["days"] = 3 }),
                new FunctionCallContent("call_2", "get_time"),
            ]));

            Assert.Equal(
                """[{"role":"assistant","tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\",\"days\":3}"}},"""
                + """{"id":"call_2","type":"function","function":{"name":"get_time","arguments":"{}"}}]}]""",
                json);
        }

        [Fact]
        public void Function_results_are_tool_messages_after_the_message_that_holds_them()
        {
            var (json, ignored) = Mapped(new ChatMessage(ChatRole.Assistant,
            [
                new FunctionResultContent("call_1", "18 C"),
                new FunctionCallContent("call_1", "get_weather"),
                new FunctionResultContent("call_2", null) { Exception = new InvalidOperationException("Service down") },
            ]));

            Assert.Equal(
                """[{"role":"assistant","tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{}"}}]},"""
                + """{"role":"tool","content":"18 C","tool_call_id":"call_1"},{"role":"tool","content":"Error: Service down","tool_call_id":"call_2"}]""",
                json);
            Assert.Empty(ignored);
        }

        [Fact]
        public void Results_in_a_user_message_come_before_its_text_right_after_the_calls_they_answer()
        {
            // OpenAI refuses any message between an assistant's tool_calls and the tool messages answering them.
            var (json, ignored) = Mapped(
                new ChatMessage(ChatRole.Assistant, [new FunctionCallContent("call_1", "get_weather")]),
                new ChatMessage(ChatRole.User, [new TextContent("Here is the result."), new FunctionResultContent("call_1", "18 C")]));

            Assert.Equal(
                """[{"role":"assistant","tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{}"}}]},"""
                + """{"role":"tool","content":"18 C","tool_call_id":"call_1"},{"role":"user","content":"Here is the result."}]""",
                json);
            Assert.Empty(ignored);
        }

        [Fact]
        public void Text_in_a_tool_message_is_not_sent_and_is_reported_as_ignored()
        {
            var (json, ignored) = Mapped(
                new ChatMessage(ChatRole.Tool, [new TextContent("stray")]),
                new ChatMessage(ChatRole.Tool, [new TextContent("stray"), new FunctionResultContent("call_1", "ok")]));

            Assert.Equal("""[{"role":"tool","content":"ok","tool_call_id":"call_1"}]""", json);
            Assert.Equal(["text in a tool message without a function result", "text in a tool message without a function result"], ignored);
        }

        [Fact]
        public void Assistant_reasoning_is_joined_into_reasoning_content_even_without_text()
        {
            var (json, _) = Mapped(
                new ChatMessage(ChatRole.Assistant, [new TextReasoningContent("The user "), new TextReasoningContent("asks."), new TextContent("Hi")]),
                new ChatMessage(ChatRole.Assistant, [new TextReasoningContent("Only thought.")]));

            Assert.Equal(
                """[{"role":"assistant","content":"Hi","reasoning_content":"The user asks."},{"role":"assistant","reasoning_content":"Only thought."}]""",
                json);
        }

        [Fact]
        public void Reasoning_in_a_user_message_is_not_sent()
        {
            var (json, _) = Mapped(new ChatMessage(ChatRole.User, [new TextReasoningContent("hidden"), new TextContent("Hi")]));

            Assert.Equal("""[{"role":"user","content":"Hi"}]""", json);
        }

        [Fact]
        public void A_user_message_holding_only_reasoning_has_nothing_to_send_and_is_left_out()
        {
            var (json, _) = Mapped(new ChatMessage(ChatRole.User, [new TextReasoningContent("hidden")]));

            Assert.Equal("[]", json);
        }

        [Fact]
        public void Usage_and_error_contents_are_skipped_quietly_and_unknown_contents_are_reported()
        {
            var (json, ignored) = Mapped(new ChatMessage(ChatRole.User,
            [
                new TextContent("Hi"),
                new UsageContent(new UsageDetails { InputTokenCount = 1 }),
                new ErrorContent("earlier failure"),
                new CustomContent(),
            ]));

            Assert.Equal("""[{"role":"user","content":"Hi"}]""", json);
            Assert.Equal(["content CustomContent"], ignored);
        }

        [Fact]
        public void An_image_in_an_assistant_message_is_reported_as_ignored_and_its_text_is_sent()
        {
            var (json, ignored) = Mapped(new ChatMessage(ChatRole.Assistant, [new TextContent("See:"), new DataContent(new byte[] { 1, 2, 3 }, "image/png")]));

            Assert.Equal("""[{"role":"assistant","content":"See:"}]""", json);
            Assert.Equal(["content DataContent in a message of role assistant"], ignored);
        }
    }

    private sealed class CustomContent : AIContent;
}
