using Microsoft.Extensions.AI;
using NexLLM.Connectors.Tests.TestSupport;
using static NexLLM.Connectors.Tests.Chat.ChatRequestJsonTests;

namespace NexLLM.Connectors.Tests.Chat;

/// <summary>Message content on the wire: parts, tool calls and results, reasoning written back (docs/protocols/chat-completions.md).</summary>
public sealed class ChatRequestContentTests
{
    private static readonly byte[] Png = [1, 2, 3];
    private static readonly byte[] Wav = [4, 5, 6];
    private static readonly byte[] Mp3 = [7, 8, 9];
    private static readonly byte[] Pdf = "%PDF"u8.ToArray();

    public sealed class UserParts
    {
        [Fact]
        public async Task Text_images_audio_files_and_hosted_files_become_typed_parts()
        {
            ChatMessage message = new(ChatRole.User,
            [
                new TextContent("Describe these"),
                new DataContent(Png, "image/png") { AdditionalProperties = new() { ["detail"] = "High" } },
                new UriContent("https://img.test/cat.jpg", "image/jpeg") { AdditionalProperties = new() { ["detail"] = "low" } },
                new UriContent("https://img.test/dog.png", "image/png"),
                new DataContent(Wav, "audio/wav"),
                new DataContent(Mp3, "audio/mpeg"),
                new DataContent(Pdf, "application/pdf") { Name = "report.pdf" },
                new DataContent(Pdf, "application/pdf"),
                new HostedFileContent("file-abc123"),
            ]);

            string body = await SentBodyAsync([message]);

            Assert.Equal(
                OneLine("""
                    {"model":"gpt-4o-mini","messages":[{"role":"user","content":[
                    {"type":"text","text":"Describe these"},
                    {"type":"image_url","image_url":{"url":"data:image/png;base64,AQID","detail":"high"}},
                    {"type":"image_url","image_url":{"url":"https://img.test/cat.jpg","detail":"low"}},
                    {"type":"image_url","image_url":{"url":"https://img.test/dog.png"}},
                    {"type":"input_audio","input_audio":{"data":"BAUG","format":"wav"}},
                    {"type":"input_audio","input_audio":{"data":"BwgJ","format":"mp3"}},
                    {"type":"file","file":{"file_data":"data:application/pdf;base64,JVBERg==","filename":"report.pdf"}},
                    {"type":"file","file":{"file_data":"data:application/pdf;base64,JVBERg==","filename":"document.pdf"}},
                    {"type":"file","file":{"file_id":"file-abc123"}}]}]}
                    """),
                body);
        }

        [Fact]
        public async Task Several_texts_without_media_stay_one_plain_string()
        {
            string body = await SentBodyAsync([new ChatMessage(ChatRole.User, [new TextContent("Hello, "), new TextContent("world")])]);

            Assert.Equal("""{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Hello, world"}]}""", body);
        }

        [Fact]
        public async Task A_pdf_at_a_url_is_an_ArgumentException_and_nothing_is_sent()
        {
            using var harness = new Harness();
            ChatMessage message = new(ChatRole.User, [new TextContent("Read"), new UriContent("https://files.test/report.pdf", "application/pdf")]);

            var error = await Assert.ThrowsAsync<ArgumentException>(() => harness.Chat().GetResponseAsync([message], cancellationToken: Harness.Ct));

            Assert.Contains("application/pdf", error.Message, StringComparison.Ordinal);
            Assert.Empty(harness.Handler.Requests);
        }
    }

    public sealed class ToolTurns
    {
        [Fact]
        public async Task Assistant_tool_calls_carry_their_reasoning_back_as_reasoning_content()
        {
            ChatMessage[] messages =
            [
                new(ChatRole.User, "Weather?"),
                new(ChatRole.Assistant,
                [
                    new TextReasoningContent("The user wants "),
                    new TextReasoningContent("the weather."),
                    new TextContent("Checking."),
                    new FunctionCallContent("call_1", "get_weather", new Dictionary<string, object?> { ["city"] = "Paris" }),
                    new FunctionCallContent("call_2", "get_time"),
                ]),
            ];

            string body = await SentBodyAsync(messages);

            Assert.Equal(
                OneLine("""
                    {"model":"gpt-4o-mini","messages":[{"role":"user","content":"Weather?"},
                    {"role":"assistant","content":"Checking.","reasoning_content":"The user wants the weather.","tool_calls":[
                    {"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}},
                    {"id":"call_2","type":"function","function":{"name":"get_time","arguments":"{}"}}]}]}
                    """),
                body);
        }

        [Fact]
        public async Task Reasoning_in_a_user_message_is_not_sent()
        {
            string body = await SentBodyAsync([new ChatMessage(ChatRole.User, [new TextReasoningContent("hidden"), new TextContent("Hi")])]);

            Assert.Equal("""{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Hi"}]}""", body);
        }

        [Fact]
        public async Task Function_results_become_tool_messages_whatever_the_result_type()
        {
            ChatMessage results = new(ChatRole.Tool,
            [
                new FunctionResultContent("call_s", "18 C"),
                new FunctionResultContent("call_j", JsonElementOf("""{"temp":18,"unit":"C"}""")),
                new FunctionResultContent("call_q", JsonElementOf("\"quoted\"")),
                new FunctionResultContent("call_o", new Forecast(18, "C")),
                new FunctionResultContent("call_e", null) { Exception = new InvalidOperationException("Service down") },
                new FunctionResultContent("call_n", null),
            ]);

            string body = await SentBodyAsync([new ChatMessage(ChatRole.User, "Weather?"), results]);

            Assert.Equal(
                OneLine("""
                    {"model":"gpt-4o-mini","messages":[{"role":"user","content":"Weather?"},
                    {"role":"tool","content":"18 C","tool_call_id":"call_s"},
                    {"role":"tool","content":"{\"temp\":18,\"unit\":\"C\"}","tool_call_id":"call_j"},
                    {"role":"tool","content":"quoted","tool_call_id":"call_q"},
                    {"role":"tool","content":"{\"temp\":18,\"unit\":\"C\"}","tool_call_id":"call_o"},
                    {"role":"tool","content":"Error: Service down","tool_call_id":"call_e"},
                    {"role":"tool","content":"","tool_call_id":"call_n"}]}
                    """),
                body);
        }

        [Fact]
        public async Task An_unserializable_tool_result_is_an_ArgumentException_naming_the_call()
        {
            using var harness = new Harness();
            ChatMessage results = new(ChatRole.Tool, [new FunctionResultContent("call_cycle", SelfReferencing.Create())]);

            var error = await Assert.ThrowsAsync<ArgumentException>(() => harness.Chat().GetResponseAsync([results], cancellationToken: Harness.Ct));

            Assert.Contains("call_cycle", error.Message, StringComparison.Ordinal);
            Assert.Empty(harness.Handler.Requests);
        }

        [Fact]
        public async Task A_null_message_in_the_conversation_is_an_ArgumentException()
        {
            using var harness = new Harness();

            await Assert.ThrowsAsync<ArgumentException>(() => harness.Chat().GetResponseAsync([new ChatMessage(ChatRole.User, "Hi"), null!], cancellationToken: Harness.Ct));
            Assert.Empty(harness.Handler.Requests);
        }
    }

    /// <summary>A tool's structured result (serialized with M.E.AI's default options, camelCase).</summary>
    public sealed record Forecast(int Temp, string Unit);
}
