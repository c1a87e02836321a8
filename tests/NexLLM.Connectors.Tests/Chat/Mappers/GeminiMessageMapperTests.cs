using System.Text.Json;
using Microsoft.Extensions.AI;
using NexLLM.Connectors.Chat;
using NexLLM.Connectors.Chat.Gemini;
using NexLLM.Connectors.Tests.TestSupport;

namespace NexLLM.Connectors.Tests.Chat.Mappers;

/// <summary><see cref="GeminiMessageMapper"/> called directly: a conversation to Gemini's systemInstruction and contents, as JSON.</summary>
public sealed class GeminiMessageMapperTests
{
    private static readonly byte[] Png = [1, 2, 3];

    /// <summary>Maps the conversation and returns the systemInstruction and contents as JSON, and what was reported as ignored.</summary>
    private static (string System, string Contents, List<string> Ignored) Mapped(string? instructions, params ChatMessage[] messages)
    {
        var ignored = new List<string>();
        var (system, contents) = GeminiMessageMapper.Map(messages, instructions, ignored.Add);
        return (system is null ? "null" : WireJson.Write(system, GeminiJsonContext.Default.GeminiContent), WireJson.Write(contents, GeminiJsonContext.Default.ListGeminiContent), ignored);
    }

    private static string ContentsOf(params ChatMessage[] messages) => Mapped(null, messages).Contents;

    private static TContent Signed<TContent>(TContent content, object signature)
        where TContent : AIContent
    {
        (content.AdditionalProperties ??= [])[ChatOptionKeys.GeminiThoughtSignature] = signature;
        return content;
    }

    public sealed class Map
    {
        [Fact]
        public void Instructions_then_system_texts_are_the_systemInstruction_without_a_role()
        {
            var (system, contents, _) = Mapped(
                "Be brief.",
                new ChatMessage(ChatRole.System, [new TextContent("Rule 1"), new DataContent(Png, "image/png")]),
                new ChatMessage(ChatRole.User, "Hi"),
                new ChatMessage(ChatRole.System, "Rule 2"));

            Assert.Equal("""{"parts":[{"text":"Be brief."},{"text":"Rule 1"},{"text":"Rule 2"}]}""", system);
            Assert.Equal("""[{"role":"user","parts":[{"text":"Hi"}]}]""", contents);
            Assert.Equal("null", Mapped(string.Empty, new ChatMessage(ChatRole.User, "Hi")).System);
        }

        [Fact]
        public void Assistant_is_model_every_other_role_is_user_and_a_turn_with_nothing_to_send_neither_appears_nor_splits_its_neighbours()
        {
            string contents = ContentsOf(
                new ChatMessage(ChatRole.User, "a"),
                new ChatMessage(ChatRole.Assistant, [new TextReasoningContent(string.Empty)]),
                new ChatMessage(new ChatRole("critic"), "b"),
                new ChatMessage(ChatRole.Assistant, "c"),
                new ChatMessage(ChatRole.Assistant, "d"),
                new ChatMessage(ChatRole.Tool, [new FunctionResultContent("call_1", "r")]));

            Assert.Equal(
                """[{"role":"user","parts":[{"text":"a"},{"text":"b"}]},{"role":"model","parts":[{"text":"c"},{"text":"d"}]},"""
                + """{"role":"user","parts":[{"functionResponse":{"name":"call_1","response":{"result":"r"}}}]}]""",
                contents);
        }

        [Fact]
        public void A_signature_kept_on_a_text_or_a_call_goes_back_on_its_part_as_a_string_or_a_json_string()
        {
            string contents = ContentsOf(new ChatMessage(ChatRole.Assistant,
            [
                Signed(new TextContent("Hi"), "sig-t"),
                Signed(new FunctionCallContent("call_1", "get_weather", new Dictionary<string, object?> { ["city"] = "Paris" }), JsonSerializer.SerializeToElement("sig-c")),
                Signed(new TextContent("x"), 42),
            ]));

            Assert.Equal(
                """[{"role":"model","parts":[{"text":"Hi","thoughtSignature":"sig-t"},{"thoughtSignature":"sig-c","functionCall":{"name":"get_weather","args":{"city":"Paris"}}},{"text":"x"}]}]""",
                contents);
        }

        [Fact]
        public void Thoughts_go_back_as_thought_parts_and_a_lone_signature_rides_on_the_free_part_before_it()
        {
            string contents = ContentsOf(new ChatMessage(ChatRole.Assistant,
            [
                new TextReasoningContent(string.Empty) { ProtectedData = "sig-0" },
                new TextReasoningContent("Hmm") { ProtectedData = "sig-1" },
                new TextReasoningContent("Unsigned"),
                new TextContent("Answer"),
                new TextReasoningContent(string.Empty) { ProtectedData = "sig-2" },
                new TextReasoningContent(string.Empty),
            ]));

            Assert.Equal(
                """[{"role":"model","parts":[{"text":"","thought":true,"thoughtSignature":"sig-0"},{"text":"Hmm","thought":true,"thoughtSignature":"sig-1"},"""
                + """{"text":"Unsigned","thought":true},{"text":"Answer","thoughtSignature":"sig-2"}]}]""",
                contents);
        }

        [Fact]
        public void Reasoning_in_a_user_turn_is_dropped_quietly()
        {
            var (_, contents, ignored) = Mapped(null, new ChatMessage(ChatRole.User, [new TextReasoningContent("hidden") { ProtectedData = "sig" }, new TextContent("Hi")]));

            Assert.Equal("""[{"role":"user","parts":[{"text":"Hi"}]}]""", contents);
            Assert.Empty(ignored);
        }

        [Fact]
        public void A_result_is_named_after_its_call_and_objects_go_as_they_are_while_other_results_are_wrapped()
        {
            string contents = ContentsOf(
                new ChatMessage(ChatRole.Assistant, [new FunctionCallContent("call_1", "get_weather")]),
                new ChatMessage(ChatRole.Tool,
                [
                    new FunctionResultContent("call_1", JsonSerializer.SerializeToElement(new Dictionary<string, int> { ["temp"] = 18 })),
                    new FunctionResultContent("call_9", "18 C"),
                    new FunctionResultContent("call_8", "{not json"),
                    new FunctionResultContent("call_7", null) { Exception = new InvalidOperationException("Service down") },
                ]));

            Assert.Equal(
                """[{"role":"model","parts":[{"functionCall":{"name":"get_weather","args":{}}}]},{"role":"user","parts":["""
                + """{"functionResponse":{"name":"get_weather","response":{"temp":18}}},{"functionResponse":{"name":"call_9","response":{"result":"18 C"}}},"""
                + """{"functionResponse":{"name":"call_8","response":{"result":"{not json"}}},{"functionResponse":{"name":"call_7","response":{"error":"Service down"}}}]}]""",
                contents);
        }

        [Fact]
        public void Bytes_are_inlineData_and_urls_and_hosted_files_are_fileData()
        {
            string contents = ContentsOf(new ChatMessage(ChatRole.User,
            [
                new DataContent(Png, "image/png"),
                new UriContent("https://a.test/clip.mp4", "video/mp4"),
                new HostedFileContent("files/abc") { MediaType = "application/pdf" },
            ]));

            Assert.Equal(
                """[{"role":"user","parts":[{"inlineData":{"mimeType":"image/png","data":"AQID"}},{"fileData":{"mimeType":"video/mp4","fileUri":"https://a.test/clip.mp4"}},"""
                + """{"fileData":{"mimeType":"application/pdf","fileUri":"files/abc"}}]}]""",
                contents);
        }

        [Fact]
        public void Empty_text_usage_and_error_contents_are_skipped_quietly_and_unknown_contents_are_reported()
        {
            var (_, contents, ignored) = Mapped(null, new ChatMessage(ChatRole.User,
            [
                new TextContent(string.Empty),
                new TextContent("Hi"),
                new UsageContent(new UsageDetails()),
                new ErrorContent("earlier"),
                new CustomContent(),
            ]));

            Assert.Equal("""[{"role":"user","parts":[{"text":"Hi"}]}]""", contents);
            Assert.Equal(["content CustomContent"], ignored);
        }

        [Fact]
        public void A_null_message_is_an_ArgumentException()
        {
            Assert.Throws<ArgumentException>(() => GeminiMessageMapper.Map([new ChatMessage(ChatRole.User, "Hi"), null!], null, _ => { }));
        }

        [Fact]
        public void Empty_system_text_is_not_sent()
        {
            var (system, _, _) = Mapped(null, new ChatMessage(ChatRole.System, [new TextContent(string.Empty), new TextContent("Be brief.")]), new ChatMessage(ChatRole.User, "Hi"));

            Assert.Equal("""{"parts":[{"text":"Be brief."}]}""", system);
        }
    }

    private sealed class CustomContent : AIContent;
}
