using Microsoft.Extensions.AI;
using NexLLM.Connectors.Tests.TestSupport;
using static NexLLM.Connectors.Tests.Chat.ChatRequestJsonTests;
using static NexLLM.Connectors.Tests.TestSupport.GeminiCalls;

namespace NexLLM.Connectors.Tests.Chat.Gemini;

/// <summary>
/// The conversation as generateContent <c>systemInstruction</c> and <c>contents</c> (docs/protocols/gemini.md), byte for byte: roles
/// user/model, merged turns, every part kind, thought signatures echoed on the part they came with, function responses
/// named after their call.
/// </summary>
public sealed class GeminiRequestContentTests
{
    private const string Signature = "nexllm.gemini.thought_signature";

    private static ChatMessage User(params AIContent[] contents) => new(ChatRole.User, contents);

    private static ChatMessage Model(params AIContent[] contents) => new(ChatRole.Assistant, contents);

    private static FunctionCallContent Call(string callId, string name, string? signature = null, IDictionary<string, object?>? args = null) =>
        new(callId, name, args ?? new Dictionary<string, object?> { ["city"] = "Paris" })
        {
            AdditionalProperties = signature is null ? null : new() { [Signature] = signature },
        };

    public sealed class SystemInstruction
    {
        [Fact]
        public async Task Instructions_become_the_systemInstruction_without_a_role()
        {
            string body = await SentGeminiBodyAsync(new ChatOptions { Instructions = "Be brief." });

            Assert.Equal("""{"contents":[{"role":"user","parts":[{"text":"Hello"}]}],"systemInstruction":{"parts":[{"text":"Be brief."}]}}""", body);
        }

        [Fact]
        public async Task System_messages_anywhere_join_it_after_the_instructions_one_part_each()
        {
            List<ChatMessage> messages =
            [
                new(ChatRole.System, "Use metric."),
                new(ChatRole.User, "Hello"),
                new(ChatRole.System, [new TextContent("Answer in French."), new TextContent("No emoji.")]),
            ];

            string body = await SentGeminiBodyAsync(messages, new ChatOptions { Instructions = "Be brief." });

            Assert.Equal(
                OneLine("""
                    {"contents":[{"role":"user","parts":[{"text":"Hello"}]}],
                    "systemInstruction":{"parts":[{"text":"Be brief."},{"text":"Use metric."},{"text":"Answer in French."},{"text":"No emoji."}]}}
                    """),
                body);
        }

        [Fact]
        public async Task Empty_instructions_send_no_systemInstruction()
        {
            Assert.Equal(HelloBody, await SentGeminiBodyAsync(new ChatOptions { Instructions = string.Empty }));
        }
    }

    public sealed class Turns
    {
        [Fact]
        public async Task Assistant_is_model_and_user_and_tool_are_user()
        {
            string body = await SentGeminiBodyAsync([new(ChatRole.User, "Hi"), new(ChatRole.Assistant, "Hello!"), new(ChatRole.User, "Weather?")]);

            Assert.Equal(
                """{"contents":[{"role":"user","parts":[{"text":"Hi"}]},{"role":"model","parts":[{"text":"Hello!"}]},{"role":"user","parts":[{"text":"Weather?"}]}]}""",
                body);
        }

        [Fact]
        public async Task Consecutive_messages_of_one_role_are_merged_into_one_turn()
        {
            List<ChatMessage> messages =
            [
                new(ChatRole.User, "a"), new(ChatRole.User, "b"), new(ChatRole.Assistant, "c"), new(ChatRole.Assistant, "d"), new(ChatRole.User, "e"),
            ];

            Assert.Equal(
                """{"contents":[{"role":"user","parts":[{"text":"a"},{"text":"b"}]},{"role":"model","parts":[{"text":"c"},{"text":"d"}]},{"role":"user","parts":[{"text":"e"}]}]}""",
                await SentGeminiBodyAsync(messages));
        }

        [Fact]
        public async Task A_message_with_nothing_to_send_is_left_out_and_does_not_split_a_turn()
        {
            List<ChatMessage> messages =
            [
                new(ChatRole.User, "a"),
                new(ChatRole.Assistant, [new UsageContent(new UsageDetails()), new TextContent(string.Empty)]),
                new(ChatRole.User, "b"),
            ];

            Assert.Equal("""{"contents":[{"role":"user","parts":[{"text":"a"},{"text":"b"}]}]}""", await SentGeminiBodyAsync(messages));
        }

        [Fact]
        public async Task A_null_message_is_an_ArgumentException()
        {
            await Assert.ThrowsAsync<ArgumentException>(() => SentGeminiBodyAsync([new ChatMessage(ChatRole.User, "a"), null!]));
        }
    }

    public sealed class Media
    {
        [Theory]
        [InlineData("image/png")]
        [InlineData("application/pdf")]
        [InlineData("audio/wav")]
        public async Task Bytes_are_inlineData_with_their_media_type_in_base64(string mediaType)
        {
            string body = await SentGeminiBodyAsync([User(new TextContent("What is this?"), new DataContent(new byte[] { 1, 2, 3, 250 }, mediaType))]);

            Assert.Equal(
                $$$"""{"contents":[{"role":"user","parts":[{"text":"What is this?"},{"inlineData":{"mimeType":"{{{mediaType}}}","data":"AQID+g=="}}]}]}""",
                body);
        }

        [Fact]
        public async Task A_data_URI_is_inlineData_too()
        {
            string body = await SentGeminiBodyAsync([User(new DataContent("data:image/jpeg;base64,/9j/4A=="))]);

            Assert.Equal("""{"contents":[{"role":"user","parts":[{"inlineData":{"mimeType":"image/jpeg","data":"/9j/4A=="}}]}]}""", body);
        }

        [Fact]
        public async Task A_URI_is_fileData_with_its_media_type()
        {
            string body = await SentGeminiBodyAsync([User(new UriContent("https://example.test/cat.png", "image/png"))]);

            Assert.Equal("""{"contents":[{"role":"user","parts":[{"fileData":{"mimeType":"image/png","fileUri":"https://example.test/cat.png"}}]}]}""", body);
        }

        [Fact]
        public async Task A_hosted_file_is_fileData_by_its_id_with_or_without_a_media_type()
        {
            string body = await SentGeminiBodyAsync([User(new HostedFileContent("files/abc123") { MediaType = "application/pdf" }, new HostedFileContent("files/def456"))]);

            Assert.Equal(
                """{"contents":[{"role":"user","parts":[{"fileData":{"mimeType":"application/pdf","fileUri":"files/abc123"}},{"fileData":{"fileUri":"files/def456"}}]}]}""",
                body);
        }
    }

    public sealed class FunctionCalls
    {
        [Fact]
        public async Task A_call_is_echoed_with_its_args_object_and_its_thought_signature_and_no_id()
        {
            string body = await SentGeminiBodyAsync([User(new TextContent("Weather?")), Model(Call("call_1", "get_weather", "sig-call=="))]);

            Assert.Equal(
                OneLine("""
                    {"contents":[{"role":"user","parts":[{"text":"Weather?"}]},
                    {"role":"model","parts":[{"thoughtSignature":"sig-call==","functionCall":{"name":"get_weather","args":{"city":"Paris"}}}]}]}
                    """),
                body);
        }

        [Fact]
        public async Task A_call_without_arguments_has_an_empty_args_object_and_nested_arguments_stay_objects()
        {
            var nested = new Dictionary<string, object?> { ["where"] = JsonElementOf("""{"city":"Paris","days":[1,2]}"""), ["metric"] = true };

            string body = await SentGeminiBodyAsync([User(new TextContent("?")), Model(new FunctionCallContent("c1", "now"), Call("c2", "forecast", args: nested))]);

            Assert.Contains(
                """{"role":"model","parts":[{"functionCall":{"name":"now","args":{}}},{"functionCall":{"name":"forecast","args":{"where":{"city":"Paris","days":[1,2]},"metric":true}}}]}""",
                body,
                StringComparison.Ordinal);
        }

        [Fact]
        public async Task A_result_is_a_functionResponse_in_a_user_turn_named_after_its_call_found_by_id()
        {
            List<ChatMessage> messages =
            [
                User(new TextContent("Weather and time?")),
                Model(Call("call_1", "get_weather"), Call("call_2", "get_time")),
                new(ChatRole.Tool, [new FunctionResultContent("call_2", "12:00"), new FunctionResultContent("call_1", "18 C")]),
            ];

            string body = await SentGeminiBodyAsync(messages);

            Assert.EndsWith(
                """{"role":"user","parts":[{"functionResponse":{"name":"get_time","response":{"result":"12:00"}}},{"functionResponse":{"name":"get_weather","response":{"result":"18 C"}}}]}]}""",
                body,
                StringComparison.Ordinal);
        }

        [Fact]
        public async Task A_result_whose_call_is_not_in_the_history_is_named_by_its_call_id()
        {
            string body = await SentGeminiBodyAsync([new(ChatRole.Tool, [new FunctionResultContent("get_weather", "18 C")])]);

            Assert.Equal("""{"contents":[{"role":"user","parts":[{"functionResponse":{"name":"get_weather","response":{"result":"18 C"}}}]}]}""", body);
        }

        [Theory]
        [InlineData("object element", """{"temp":18,"unit":"C"}""")]
        [InlineData("object text", """{"temp":18,"unit":"C"}""")]
        [InlineData("dictionary", """{"temp":18,"unit":"C"}""")]
        [InlineData("plain text", """{"result":"18 C"}""")]
        [InlineData("text that only looks like an object", """{"result":"{18 C"}""")]
        [InlineData("string element", """{"result":"sunny"}""")]
        [InlineData("exception", """{"error":"Weather service down"}""")]
        public async Task Object_results_go_as_they_are_and_others_are_wrapped(string kind, string response)
        {
            FunctionResultContent result = kind switch
            {
                "object element" => new("call_1", JsonElementOf("""{"temp":18,"unit":"C"}""")),
                "object text" => new("call_1", """{"temp":18,"unit":"C"}"""),
                "dictionary" => new("call_1", new Dictionary<string, object?> { ["temp"] = 18, ["unit"] = "C" }),
                "plain text" => new("call_1", "18 C"),
                "text that only looks like an object" => new("call_1", "{18 C"),
                "string element" => new("call_1", JsonElementOf("\"sunny\"")),
                _ => new("call_1", null) { Exception = new InvalidOperationException("Weather service down") },
            };

            string body = await SentGeminiBodyAsync([User(new TextContent("?")), Model(Call("call_1", "get_weather")), new(ChatRole.Tool, [result])]);

            Assert.EndsWith($$$"""{"role":"user","parts":[{"functionResponse":{"name":"get_weather","response":{{{response}}}}}]}]}""", body, StringComparison.Ordinal);
        }

        [Fact]
        public async Task A_result_after_a_user_text_in_the_same_role_is_merged_into_that_user_turn()
        {
            List<ChatMessage> messages =
            [
                User(new TextContent("?")), Model(Call("call_1", "get_weather")),
                new(ChatRole.Tool, [new FunctionResultContent("call_1", "18 C")]), User(new TextContent("And tomorrow?")),
            ];

            Assert.EndsWith(
                """{"role":"user","parts":[{"functionResponse":{"name":"get_weather","response":{"result":"18 C"}}},{"text":"And tomorrow?"}]}]}""",
                await SentGeminiBodyAsync(messages),
                StringComparison.Ordinal);
        }
    }

    public sealed class Thoughts
    {
        [Fact]
        public async Task A_thought_is_echoed_as_a_thought_part_with_its_signature_before_the_answer()
        {
            string body = await SentGeminiBodyAsync([User(new TextContent("?")), Model(new TextReasoningContent("Let me think.") { ProtectedData = "sig-t==" }, new TextContent("Paris."))]);

            Assert.EndsWith("""{"role":"model","parts":[{"text":"Let me think.","thought":true,"thoughtSignature":"sig-t=="},{"text":"Paris."}]}]}""", body, StringComparison.Ordinal);
        }

        [Fact]
        public async Task A_thought_without_a_signature_is_echoed_without_one()
        {
            string body = await SentGeminiBodyAsync([User(new TextContent("?")), Model(new TextReasoningContent("Hmm."), new TextContent("Paris."))]);

            Assert.EndsWith("""{"role":"model","parts":[{"text":"Hmm.","thought":true},{"text":"Paris."}]}]}""", body, StringComparison.Ordinal);
        }

        [Fact]
        public async Task A_lone_signature_after_a_text_goes_back_on_that_text_part()
        {
            string body = await SentGeminiBodyAsync([User(new TextContent("?")), Model(new TextContent("Paris."), new TextReasoningContent(string.Empty) { ProtectedData = "sig-x==" })]);

            Assert.EndsWith("""{"role":"model","parts":[{"text":"Paris.","thoughtSignature":"sig-x=="}]}]}""", body, StringComparison.Ordinal);
        }

        [Fact]
        public async Task A_lone_signature_with_no_free_part_before_it_becomes_an_empty_signed_thought_part()
        {
            string body = await SentGeminiBodyAsync(
                [User(new TextContent("?")), Model(new TextReasoningContent(string.Empty) { ProtectedData = "sig-a" }, Call("c1", "get_weather", "sig-b"), new TextReasoningContent(string.Empty) { ProtectedData = "sig-c" })]);

            Assert.EndsWith(
                """{"role":"model","parts":[{"text":"","thought":true,"thoughtSignature":"sig-a"},{"thoughtSignature":"sig-b","functionCall":{"name":"get_weather","args":{"city":"Paris"}}},{"text":"","thought":true,"thoughtSignature":"sig-c"}]}]}""",
                body,
                StringComparison.Ordinal);
        }

        [Fact]
        public async Task A_text_signature_kept_in_AdditionalProperties_is_echoed_on_the_text_part()
        {
            var text = new TextContent("Paris.") { AdditionalProperties = new() { [Signature] = "sig-p" } };

            string body = await SentGeminiBodyAsync([User(new TextContent("?")), Model(text)]);

            Assert.EndsWith("""{"role":"model","parts":[{"text":"Paris.","thoughtSignature":"sig-p"}]}]}""", body, StringComparison.Ordinal);
        }

        [Fact]
        public async Task Reasoning_or_an_empty_reasoning_in_a_user_message_is_not_sent()
        {
            string body = await SentGeminiBodyAsync([User(new TextReasoningContent("secret") { ProtectedData = "sig" }, new TextContent("Hello"))]);

            Assert.Equal(HelloBody, body);
        }
    }

    public sealed class Unsupported
    {
        [Fact]
        public async Task Contents_the_format_has_no_part_for_are_left_out_and_logged()
        {
            using var harness = new Harness();
            harness.Handler.Enqueue(Reply.Json(GeminiCalls.OkBody));

            await harness.Gemini().GetResponseAsync([User(new TextContent("Hello"), new HostedVectorStoreContent("vs_1"))], cancellationToken: Harness.Ct);

            Assert.Equal(HelloBody, harness.Handler.SingleRequest.BodyText);
            Assert.Contains(harness.Logs.Entries, e => e.Message.Contains("HostedVectorStoreContent", StringComparison.Ordinal));
        }

        [Fact]
        public async Task Function_call_arguments_that_cannot_be_serialized_are_an_ArgumentException_naming_the_call()
        {
            var call = new FunctionCallContent("c1", "get_weather", new Dictionary<string, object?> { ["bad"] = new Action(() => { }) });

            var error = await Assert.ThrowsAsync<ArgumentException>(() => SentGeminiBodyAsync([User(new TextContent("?")), Model(call)]));

            Assert.Contains("get_weather", error.Message, StringComparison.Ordinal);
        }
    }
}
