using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using NexLLM.Connectors.Tests.TestSupport;
using static NexLLM.Connectors.Tests.Chat.ChatRequestJsonTests;
using static NexLLM.Connectors.Tests.TestSupport.ResponsesCalls;

namespace NexLLM.Connectors.Tests.Chat.Responses;

/// <summary>The conversation as Responses input items (docs/protocols/responses.md#request): messages and their parts, calls, outputs, reasoning, approvals.</summary>
public sealed class ResponsesRequestContentTests
{
    private static readonly byte[] Png = [1, 2, 3];
    private static readonly byte[] Pdf = "%PDF"u8.ToArray();

    /// <summary>The body of a request with these input items and no options.</summary>
    private static string Body(string items) => $$$"""{"model":"gpt-4.1","input":[{{{OneLine(items)}}}],"store":false}""";

    private static AdditionalPropertiesDictionary Detail(string detail) => new() { ["detail"] = detail };

    private static TextReasoningContent Reasoning(string text, string? encrypted, string? itemId = "rs_1") => new(text)
    {
        ProtectedData = encrypted,
        AdditionalProperties = itemId is null ? null : new() { ["nexllm.responses.item_id"] = itemId },
    };

    /// <summary>Sends the messages through a fresh harness and returns the body and the Debug lines about what was not sent.</summary>
    private static async Task<(string Body, List<string> Ignored)> SentWithLogsAsync(params ChatMessage[] messages)
    {
        using var harness = new Harness();
        harness.Handler.Enqueue(Reply.Json(ResponsesOkBody));
        await harness.Responses().GetResponseAsync(messages, cancellationToken: Harness.Ct);
        return (harness.Handler.SingleRequest.BodyText, [.. harness.Logs.Entries.Where(e => e.Level == LogLevel.Debug && e.Message.StartsWith("responses has no", StringComparison.Ordinal)).Select(e => e.Message)]);
    }

    public sealed class Messages
    {
        [Fact]
        public async Task System_developer_user_and_assistant_text_are_messages_with_string_content()
        {
            ChatMessage[] messages =
            [
                new(ChatRole.System, "You are helpful."),
                new(new ChatRole("developer"), "Use metric units."),
                new(ChatRole.User, [new TextContent("Weather "), new TextContent("in Paris?")]),
                new(ChatRole.Assistant, "It is 18 C."),
                new(ChatRole.User, "Thanks"),
            ];

            Assert.Equal(
                Body("""
                    {"type":"message","role":"system","content":"You are helpful."},
                    {"type":"message","role":"developer","content":"Use metric units."},
                    {"type":"message","role":"user","content":"Weather in Paris?"},
                    {"type":"message","role":"assistant","content":"It is 18 C."},
                    {"type":"message","role":"user","content":"Thanks"}
                    """),
                await SentResponsesBodyAsync(messages));
        }

        [Fact]
        public async Task Images_and_files_from_bytes_urls_and_hosted_ids_are_typed_parts()
        {
            ChatMessage message = new(ChatRole.User,
            [
                new TextContent("Describe these"),
                new DataContent(Png, "image/png") { AdditionalProperties = Detail("high") },
                new UriContent("https://img.test/cat.jpg", "image/jpeg") { AdditionalProperties = Detail("Low") },
                new UriContent("https://img.test/dog.webp", "image/webp"),
                new DataContent(Pdf, "application/pdf") { Name = "report.pdf" },
                new DataContent(Pdf, "application/pdf"),
                new UriContent("https://docs.test/paper.pdf", "application/pdf"),
                new HostedFileContent("file-abc") { Name = "notes.txt" },
                new HostedFileContent("file-img") { MediaType = "image/png", AdditionalProperties = Detail("auto") },
            ]);

            Assert.Equal(
                Body("""
                    {"type":"message","role":"user","content":[
                    {"type":"input_text","text":"Describe these"},
                    {"type":"input_image","image_url":"data:image/png;base64,AQID","detail":"high"},
                    {"type":"input_image","image_url":"https://img.test/cat.jpg","detail":"low"},
                    {"type":"input_image","image_url":"https://img.test/dog.webp"},
                    {"type":"input_file","file_data":"data:application/pdf;base64,JVBERg==","filename":"report.pdf"},
                    {"type":"input_file","file_data":"data:application/pdf;base64,JVBERg==","filename":"document.pdf"},
                    {"type":"input_file","file_url":"https://docs.test/paper.pdf"},
                    {"type":"input_file","file_id":"file-abc","filename":"notes.txt"},
                    {"type":"input_image","detail":"auto","file_id":"file-img"}]}
                    """),
                await SentResponsesBodyAsync([message]));
        }

        [Fact]
        public async Task An_assistant_refusal_goes_back_as_the_text_the_model_said()
        {
            ChatMessage[] messages = [new(ChatRole.User, "Do it"), new(ChatRole.Assistant, [new ErrorContent("I can't help with that.") { ErrorCode = "Refusal" }])];

            Assert.Equal(
                Body("""
                    {"type":"message","role":"user","content":"Do it"},
                    {"type":"message","role":"assistant","content":"I can't help with that."}
                    """),
                await SentResponsesBodyAsync(messages));
        }

        [Fact]
        public async Task Media_in_an_assistant_message_and_text_in_a_tool_message_are_not_sent_and_are_logged()
        {
            var (body, ignored) = await SentWithLogsAsync(
                new ChatMessage(ChatRole.Assistant, [new DataContent(Png, "image/png"), new TextContent("Look.")]),
                new ChatMessage(ChatRole.Tool, [new TextContent("stray text"), new FunctionResultContent("call_1", "18 C")]));

            Assert.Equal(
                Body("""
                    {"type":"message","role":"assistant","content":"Look."},
                    {"type":"function_call_output","call_id":"call_1","output":"18 C"}
                    """),
                body);
            Assert.Equal(
                ["responses has no equivalent of content DataContent in a message of role assistant; it was not sent.",
                 "responses has no equivalent of text in a tool message without a function result; it was not sent."],
                ignored);
        }

        [Fact]
        public async Task A_null_message_is_an_ArgumentException()
        {
            using var harness = new Harness();

            await Assert.ThrowsAsync<ArgumentException>(() => harness.Responses().GetResponseAsync([null!], cancellationToken: Harness.Ct));
        }
    }

    public sealed class Functions
    {
        [Fact]
        public async Task Calls_and_outputs_are_items_of_their_own_in_conversation_order()
        {
            ChatMessage[] messages =
            [
                new(ChatRole.User, "Weather in Paris?"),
                new(ChatRole.Assistant, [new TextContent("Let me check."), new FunctionCallContent("call_1", "get_weather", new Dictionary<string, object?> { ["city"] = "Paris" })]),
                new(ChatRole.Tool, [new FunctionResultContent("call_1", "18 C")]),
                new(ChatRole.Assistant, "It is 18 C."),
            ];

            Assert.Equal(
                Body("""
                    {"type":"message","role":"user","content":"Weather in Paris?"},
                    {"type":"message","role":"assistant","content":"Let me check."},
                    {"type":"function_call","call_id":"call_1","name":"get_weather","arguments":"{\"city\":\"Paris\"}"},
                    {"type":"function_call_output","call_id":"call_1","output":"18 C"},
                    {"type":"message","role":"assistant","content":"It is 18 C."}
                    """),
                await SentResponsesBodyAsync(messages));
        }

        [Fact]
        public async Task A_call_without_arguments_sends_an_empty_object_and_a_JSON_result_its_text()
        {
            ChatMessage[] messages =
            [
                new(ChatRole.Assistant, [new FunctionCallContent("call_1", "get_time")]),
                new(ChatRole.Tool, [new FunctionResultContent("call_1", JsonElementOf("""{"utc":"12:00"}"""))]),
            ];

            Assert.Equal(
                Body("""
                    {"type":"function_call","call_id":"call_1","name":"get_time","arguments":"{}"},
                    {"type":"function_call_output","call_id":"call_1","output":"{\"utc\":\"12:00\"}"}
                    """),
                await SentResponsesBodyAsync(messages));
        }

        [Fact]
        public async Task Results_that_carry_images_or_files_are_output_parts()
        {
            ChatMessage[] messages =
            [
                new(ChatRole.Tool,
                [
                    new FunctionResultContent("call_1", new DataContent(Png, "image/png")),
                    new FunctionResultContent("call_2", new AIContent[] { new TextContent("The chart:"), new UriContent("https://img.test/chart.png", "image/png"), new HostedFileContent("file-1") }),
                ]),
            ];

            Assert.Equal(
                Body("""
                    {"type":"function_call_output","call_id":"call_1","output":[{"type":"input_image","image_url":"data:image/png;base64,AQID"}]},
                    {"type":"function_call_output","call_id":"call_2","output":[{"type":"input_text","text":"The chart:"},{"type":"input_image","image_url":"https://img.test/chart.png"},{"type":"input_file","file_id":"file-1"}]}
                    """),
                await SentResponsesBodyAsync(messages));
        }

        [Fact]
        public async Task A_text_only_list_result_is_its_text_and_an_exception_its_message()
        {
            ChatMessage[] messages =
            [
                new(ChatRole.Tool,
                [
                    new FunctionResultContent("call_1", new AIContent[] { new TextContent("a"), new TextContent("b") }),
                    new FunctionResultContent("call_2", null) { Exception = new InvalidOperationException("boom") },
                ]),
            ];

            Assert.Equal(
                Body("""
                    {"type":"function_call_output","call_id":"call_1","output":"ab"},
                    {"type":"function_call_output","call_id":"call_2","output":"Error: boom"}
                    """),
                await SentResponsesBodyAsync(messages));
        }
    }

    public sealed class ReasoningItems
    {
        [Fact]
        public async Task Reasoning_goes_back_with_its_id_summary_and_encrypted_content_before_the_text()
        {
            ChatMessage[] messages =
            [
                new(ChatRole.User, "Capital of France?"),
                new(ChatRole.Assistant, [Reasoning("The user asks for a capital.", "gAAAAABenc=="), new TextContent("Paris.")]),
                new(ChatRole.User, "And Spain?"),
            ];

            Assert.Equal(
                Body("""
                    {"type":"message","role":"user","content":"Capital of France?"},
                    {"type":"reasoning","id":"rs_1","summary":[{"type":"summary_text","text":"The user asks for a capital."}],"encrypted_content":"gAAAAABenc=="},
                    {"type":"message","role":"assistant","content":"Paris."},
                    {"type":"message","role":"user","content":"And Spain?"}
                    """),
                await SentResponsesBodyAsync(messages));
        }

        [Fact]
        public async Task Reasoning_without_text_has_an_empty_summary()
        {
            ChatMessage[] messages = [new(ChatRole.Assistant, [Reasoning(string.Empty, "gAAA")])];

            Assert.Equal(Body("""{"type":"reasoning","id":"rs_1","summary":[],"encrypted_content":"gAAA"}"""), await SentResponsesBodyAsync(messages));
        }

        [Fact]
        public async Task Reasoning_without_a_Responses_item_id_is_another_protocols_signature_and_is_not_sent()
        {
            // A Claude thinking signature in ProtectedData: OpenAI would refuse it as encrypted content.
            var (body, ignored) = await SentWithLogsAsync(new ChatMessage(ChatRole.Assistant, [Reasoning("Claude thought.", "EqQBClaudeSig", itemId: null), new TextContent("Hi.")]));

            Assert.Equal(Body("""{"type":"message","role":"assistant","content":"Hi."}"""), body);
            Assert.Equal(["responses has no equivalent of reasoning of another protocol (no Responses item id); it was not sent."], ignored);
        }

        [Fact]
        public async Task A_reasoning_item_id_loaded_back_from_saved_JSON_is_still_sent()
        {
            TextReasoningContent reasoning = Reasoning("Thought.", "gAAA", itemId: null);
            reasoning.AdditionalProperties = new() { ["nexllm.responses.item_id"] = JsonSerializer.SerializeToElement("rs_7") };

            Assert.Equal(
                Body("""{"type":"reasoning","id":"rs_7","summary":[{"type":"summary_text","text":"Thought."}],"encrypted_content":"gAAA"}"""),
                await SentResponsesBodyAsync([new ChatMessage(ChatRole.Assistant, [reasoning])]));
        }

        [Fact]
        public async Task Reasoning_without_encrypted_content_or_outside_an_assistant_message_is_not_sent_and_is_logged()
        {
            var (body, ignored) = await SentWithLogsAsync(
                new ChatMessage(ChatRole.Assistant, [Reasoning("Thought from another protocol.", null), new TextContent("Hi.")]),
                new ChatMessage(ChatRole.User, [Reasoning("Pasted thought.", "gAAA"), new TextContent("Go on.")]));

            Assert.Equal(
                Body("""
                    {"type":"message","role":"assistant","content":"Hi."},
                    {"type":"message","role":"user","content":"Go on."}
                    """),
                body);
            Assert.Equal(
                ["responses has no equivalent of reasoning without encrypted content; it was not sent.", "responses has no equivalent of reasoning outside an assistant message; it was not sent."],
                ignored);
        }
    }

    public sealed class Approvals
    {
        [Fact]
        public async Task An_MCP_approval_response_is_an_mcp_approval_response_item()
        {
            var call = new McpServerToolCallContent("mcpr_1", "roll", "dmcp");
            ChatMessage[] messages =
            [
                new(ChatRole.User, [new ToolApprovalResponseContent("mcpr_1", true, call)]),
                new(ChatRole.User, [new ToolApprovalResponseContent("mcpr_2", false, call) { Reason = "Not now." }]),
            ];

            Assert.Equal(
                Body("""
                    {"type":"mcp_approval_response","approval_request_id":"mcpr_1","approve":true},
                    {"type":"mcp_approval_response","approval_request_id":"mcpr_2","approve":false,"reason":"Not now."}
                    """),
                await SentResponsesBodyAsync(messages));
        }

        [Fact]
        public async Task An_approval_request_built_by_hand_is_an_mcp_approval_request_item()
        {
            var call = new McpServerToolCallContent("mcp_1", "roll", "dmcp") { Arguments = new Dictionary<string, object?> { ["dice"] = "2d4" } };

            Assert.Equal(
                Body("""{"type":"mcp_approval_request","id":"mcpr_1","name":"roll","arguments":"{\"dice\":\"2d4\"}","server_label":"dmcp"}"""),
                await SentResponsesBodyAsync([new ChatMessage(ChatRole.Assistant, [new ToolApprovalRequestContent("mcpr_1", call)])]));
        }

        [Fact]
        public async Task A_function_approval_response_is_not_an_MCP_item_and_is_logged()
        {
            // Function approvals are for M.E.AI's function invocation to resolve; the Responses API has no item for them.
            var (body, ignored) = await SentWithLogsAsync(
                new ChatMessage(ChatRole.User, [new ToolApprovalResponseContent("a_1", true, new FunctionCallContent("call_1", "f")), new TextContent("ok")]));

            Assert.Equal(Body("""{"type":"message","role":"user","content":"ok"}"""), body);
            Assert.Equal(["responses has no equivalent of content ToolApprovalResponseContent; it was not sent."], ignored);
        }
    }
}
