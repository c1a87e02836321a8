using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;
using NexLLM.Connectors.Tests.TestSupport;
using static NexLLM.Connectors.Tests.Chat.ChatRequestJsonTests;
using static NexLLM.Connectors.Tests.TestSupport.ResponsesCalls;

namespace NexLLM.Connectors.Tests.Chat.Responses;

/// <summary>Non-streamed Responses answers (docs/protocols/responses.md#response), replayed from exact bodies, mapped to <see cref="ChatResponse"/>.</summary>
public sealed class ResponsesResponseMappingTests
{
    /// <summary>A response object as OpenAI writes it, with these output items.</summary>
    internal static string Body(string output, string status = "completed", string incompleteDetails = "null", string usage = ResponsesEvent.Usage, bool store = false, string error = "null") =>
        OneLine($$$"""
            {"id":"resp_01","object":"response","created_at":1741290958,"status":"{{{status}}}","background":false,"error":{{{error}}},"incomplete_details":{{{incompleteDetails}}},
            "instructions":null,"max_output_tokens":null,"model":"gpt-4.1-2025-04-14","output":{{{OneLine(output)}}},"parallel_tool_calls":true,"previous_response_id":null,
            "reasoning":{"effort":null,"summary":null},"service_tier":"default","store":{{{(store ? "true" : "false")}}},"temperature":1.0,"text":{"format":{"type":"text"},"verbosity":"medium"},
            "tool_choice":"auto","tools":[],"top_p":1.0,"truncation":"disabled","usage":{{{usage}}},"user":null,"metadata":{}}
            """);

    internal static string Message(string contentParts, string id = "msg_01") =>
        $$$"""{"id":"{{{id}}}","type":"message","status":"completed","content":{{{contentParts}}},"role":"assistant"}""";

    internal static string Text(string text, string annotations = "[]") =>
        $$$"""{"type":"output_text","annotations":{{{annotations}}},"logprobs":[],"text":{{{Json.Quote(text, asciiOnly: false)}}}}""";

    private static async Task<IList<AIContent>> ContentsOfAsync(string output) => Assert.Single((await ReplayResponseAsync(Body(output))).Messages).Contents;

    public sealed class Content
    {
        [Fact]
        public async Task Text_ids_model_creation_time_and_raw_representation_are_mapped()
        {
            string body = Body($"[{Message($"[{Text("Hello!")}]")}]");

            ChatResponse response = await ReplayResponseAsync(body);

            ChatMessage message = Assert.Single(response.Messages);
            Assert.Equal(ChatRole.Assistant, message.Role);
            Assert.Equal("Hello!", Assert.IsType<TextContent>(Assert.Single(message.Contents)).Text);
            Assert.Equal(("resp_01", "msg_01", "gpt-4.1-2025-04-14"), (response.ResponseId, message.MessageId, response.ModelId));
            Assert.Equal((DateTimeOffset.FromUnixTimeSeconds(1741290958), DateTimeOffset.FromUnixTimeSeconds(1741290958)), (response.CreatedAt, message.CreatedAt));
            Assert.Equal(body, Assert.IsType<JsonElement>(response.RawRepresentation).GetRawText());
        }

        [Fact]
        public async Task Url_and_file_citations_are_annotations_of_their_text()
        {
            const string annotations = """
                [{"type":"url_citation","start_index":15,"end_index":18,"title":"Paris weather","url":"https://weather.test/paris"},
                {"type":"file_citation","file_id":"file-1","filename":"report.pdf","index":20}]
                """;

            IList<AIContent> contents = await ContentsOfAsync($"[{Message($"[{Text("Paris is sunny [1]. See the report.", annotations)}]")}]");

            var text = Assert.IsType<TextContent>(Assert.Single(contents));
            Assert.Equal("Paris is sunny [1]. See the report.", text.Text);
            var url = Assert.IsType<CitationAnnotation>(text.Annotations![0]);
            Assert.Equal(("Paris weather", new Uri("https://weather.test/paris"), null), (url.Title, url.Url, url.FileId));
            var region = Assert.IsType<TextSpanAnnotatedRegion>(Assert.Single(url.AnnotatedRegions!));
            Assert.Equal((15, 18), (region.StartIndex, region.EndIndex));
            var file = Assert.IsType<CitationAnnotation>(text.Annotations[1]);
            Assert.Equal(("report.pdf", null, "file-1"), (file.Title, file.Url, file.FileId));
            Assert.Null(file.AnnotatedRegions);
        }

        [Fact]
        public async Task A_refusal_is_an_ErrorContent_with_code_Refusal()
        {
            ChatResponse response = await ReplayResponseAsync(Body($$$"""[{{{Message("""[{"type":"refusal","refusal":"I can't help with that."}]""")}}}]"""));

            var refusal = Assert.IsType<ErrorContent>(Assert.Single(response.Messages[0].Contents));
            Assert.Equal(("I can't help with that.", "Refusal"), (refusal.Message, refusal.ErrorCode));
            Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        }

        [Fact]
        public async Task A_function_call_is_a_FunctionCallContent_by_its_call_id_and_the_finish_is_ToolCalls()
        {
            ChatResponse response = await ReplayResponseAsync(Body(
                """[{"id":"fc_01","type":"function_call","status":"completed","arguments":"{\"city\":\"Paris\",\"days\":3}","call_id":"call_01","name":"get_weather"}]"""));

            var call = Assert.IsType<FunctionCallContent>(Assert.Single(response.Messages[0].Contents));
            Assert.Equal(("call_01", "get_weather", "{city=\"Paris\",days=3}"), (call.CallId, call.Name, UpdateText.Arguments(call)));
            Assert.Null(call.Exception);
            Assert.Equal(ChatFinishReason.ToolCalls, response.FinishReason);
            Assert.Equal("completed", response.AdditionalProperties?["nexllm.finish_reason"]);
            Assert.Equal("resp_01", response.Messages[0].MessageId);
        }

        [Fact]
        public async Task Reasoning_is_reasoning_content_with_its_summary_its_encrypted_content_and_its_item_id()
        {
            IList<AIContent> contents = await ContentsOfAsync($$$"""
                [{"id":"rs_01","type":"reasoning","encrypted_content":"gAAAAABenc==","summary":[{"type":"summary_text","text":"**Weighing options**"},{"type":"summary_text","text":"Paris it is."}]},
                {{{Message($"[{Text("Paris.")}]")}}}]
                """);

            Assert.Equal(2, contents.Count);
            var reasoning = Assert.IsType<TextReasoningContent>(contents[0]);
            Assert.Equal(("**Weighing options**\n\nParis it is.", "gAAAAABenc=="), (reasoning.Text, reasoning.ProtectedData));
            Assert.Equal("rs_01", reasoning.AdditionalProperties?["nexllm.responses.item_id"]);
            Assert.Equal("Paris.", Assert.IsType<TextContent>(contents[1]).Text);
        }

        [Fact]
        public async Task Reasoning_without_a_summary_takes_its_reasoning_text()
        {
            IList<AIContent> contents = await ContentsOfAsync(
                """[{"id":"rs_01","type":"reasoning","summary":[],"content":[{"type":"reasoning_text","text":"Step 1."},{"type":"reasoning_text","text":"Step 2."}]}]""");

            var reasoning = Assert.IsType<TextReasoningContent>(Assert.Single(contents));
            Assert.Equal(("Step 1.\n\nStep 2.", null), (reasoning.Text, reasoning.ProtectedData));
        }
    }

    public sealed class HostedItems
    {
        [Fact]
        public async Task A_web_search_is_a_call_with_its_query_and_a_result_holding_the_item()
        {
            IList<AIContent> contents = await ContentsOfAsync("""[{"id":"ws_01","type":"web_search_call","status":"completed","action":{"type":"search","query":"weather paris"}}]""");

            Assert.Equal(2, contents.Count);
            var call = Assert.IsType<WebSearchToolCallContent>(contents[0]);
            Assert.Equal("ws_01", call.CallId);
            Assert.Equal(["weather paris"], call.Queries);
            var result = Assert.IsType<WebSearchToolResultContent>(contents[1]);
            Assert.Equal("ws_01", result.CallId);
            Assert.Equal(
                """{"id":"ws_01","type":"web_search_call","status":"completed","action":{"type":"search","query":"weather paris"}}""",
                Assert.IsType<JsonElement>(result.RawRepresentation).GetRawText());
        }

        [Fact]
        public async Task Code_interpreter_is_a_call_with_its_code_and_a_result_with_logs_and_images()
        {
            IList<AIContent> contents = await ContentsOfAsync(
                """[{"id":"ci_01","type":"code_interpreter_call","status":"completed","code":"print(1+1)","container_id":"cntr_1","outputs":[{"type":"logs","logs":"2\n"},{"type":"image","url":"https://files.test/plot.png"}]}]""");

            var call = Assert.IsType<CodeInterpreterToolCallContent>(contents[0]);
            var code = Assert.IsType<DataContent>(Assert.Single(call.Inputs!));
            Assert.Equal(("ci_01", "text/x-python", "print(1+1)"), (call.CallId, code.MediaType, Encoding.UTF8.GetString(code.Data.Span)));
            var result = Assert.IsType<CodeInterpreterToolResultContent>(contents[1]);
            Assert.Equal("2\n", Assert.IsType<TextContent>(result.Outputs![0]).Text);
            Assert.Equal(new Uri("https://files.test/plot.png"), Assert.IsType<UriContent>(result.Outputs[1]).Uri);
            Assert.IsType<JsonElement>(result.RawRepresentation);
        }

        [Theory]
        [InlineData("png", "image/png")]
        [InlineData("jpeg", "image/jpeg")]
        [InlineData("webp", "image/webp")]
        public async Task An_image_generation_is_a_call_and_a_result_with_the_decoded_image(string format, string mediaType)
        {
            IList<AIContent> contents = await ContentsOfAsync(
                $$$"""[{"id":"ig_01","type":"image_generation_call","status":"completed","background":"opaque","output_format":"{{{format}}}","quality":"high","result":"AQID","revised_prompt":"A cat","size":"1024x1024"}]""");

            Assert.Equal("ig_01", Assert.IsType<ImageGenerationToolCallContent>(contents[0]).CallId);
            var result = Assert.IsType<ImageGenerationToolResultContent>(contents[1]);
            var image = Assert.IsType<DataContent>(Assert.Single(result.Outputs!));
            Assert.Equal(mediaType, image.MediaType);
            Assert.Equal([1, 2, 3], image.Data.ToArray());
        }

        [Fact]
        public async Task An_image_that_is_not_base64_is_an_InvalidResponse()
        {
            using var harness = new Harness();
            harness.Handler.Enqueue(Reply.Json(Body("""[{"id":"ig_01","type":"image_generation_call","status":"completed","result":"not base64!"}]""")));

            var error = await Assert.ThrowsAsync<NexLLMException>(() => harness.AskResponsesAsync());

            Assert.Equal(NexLLMErrorKind.InvalidResponse, error.Kind);
            Assert.Contains("image_generation_call is not base64", error.Message, StringComparison.Ordinal);
        }

        [Fact]
        public async Task An_MCP_call_is_a_call_with_its_arguments_and_a_result_with_its_output_or_error()
        {
            IList<AIContent> contents = await ContentsOfAsync("""
                [{"id":"mcp_01","type":"mcp_call","approval_request_id":null,"arguments":"{\"sides\":6}","error":null,"name":"roll","output":"4","server_label":"dmcp"},
                {"id":"mcp_02","type":"mcp_call","arguments":"","error":{"type":"tool_execution_error","message":"dice lost"},"name":"roll","output":null,"server_label":"dmcp"}]
                """);

            Assert.Equal(4, contents.Count);
            var call = Assert.IsType<McpServerToolCallContent>(contents[0]);
            Assert.Equal(("mcp_01", "roll", "dmcp"), (call.CallId, call.Name, call.ServerName));
            Assert.Equal("6", Assert.IsType<JsonElement>(call.Arguments!["sides"]).GetRawText());
            Assert.Equal("4", Assert.IsType<TextContent>(Assert.Single(Assert.IsType<McpServerToolResultContent>(contents[1]).Outputs!)).Text);
            Assert.Null(Assert.IsType<McpServerToolCallContent>(contents[2]).Arguments);
            var failed = Assert.IsType<ErrorContent>(Assert.Single(Assert.IsType<McpServerToolResultContent>(contents[3]).Outputs!));
            Assert.Equal("""{"type":"tool_execution_error","message":"dice lost"}""", failed.Message);
        }

        [Fact]
        public async Task An_MCP_approval_request_is_a_ToolApprovalRequestContent_for_the_MCP_call()
        {
            IList<AIContent> contents = await ContentsOfAsync(
                """[{"id":"mcpr_01","type":"mcp_approval_request","arguments":"{\"sides\":6}","name":"roll","server_label":"dmcp"}]""");

            var request = Assert.IsType<ToolApprovalRequestContent>(Assert.Single(contents));
            var call = Assert.IsType<McpServerToolCallContent>(request.ToolCall);
            Assert.Equal(("mcpr_01", "mcpr_01", "roll", "dmcp"), (request.RequestId, call.CallId, call.Name, call.ServerName));
            Assert.IsType<JsonElement>(request.RawRepresentation);
        }

        [Fact]
        public async Task An_unknown_item_is_kept_as_content_holding_its_JSON_as_it_came()
        {
            IList<AIContent> contents = await ContentsOfAsync(
                """[{"id":"bn_01","type":"brand_new_call","payload":{"a":[1,2.5,null]},"status":"completed","note":"x"},{"id":"fs_01","type":"file_search_call","status":"completed","queries":["q"],"results":null}]""");

            Assert.Equal(2, contents.Count);
            Assert.All(contents, c => Assert.Equal(typeof(AIContent), c.GetType()));
            Assert.Equal(
                """{"id":"bn_01","type":"brand_new_call","payload":{"a":[1,2.5,null]},"status":"completed","note":"x"}""",
                Assert.IsType<JsonElement>(contents[0].RawRepresentation).GetRawText());
            Assert.Equal(
                """{"id":"fs_01","type":"file_search_call","status":"completed","queries":["q"],"results":null}""",
                Assert.IsType<JsonElement>(contents[1].RawRepresentation).GetRawText());
        }
    }

    public sealed class NextTurn
    {
        [Fact]
        public async Task Hosted_results_and_unknown_items_are_sent_back_as_they_came_nulls_included_and_their_call_twins_not_at_all()
        {
            using var harness = new Harness();
            harness.Handler.Enqueue(
                Reply.Json(Body("""
                    [{"id":"ws_01","type":"web_search_call","status":"completed","action":{"type":"search","query":"q"}},
                    {"id":"bn_01","type":"brand_new_call","payload":{"a":1},"status":"completed"},
                    {"id":"mcp_01","type":"mcp_call","approval_request_id":null,"arguments":"{}","error":null,"name":"roll","output":"4","server_label":"dmcp"},
                    {"id":"msg_01","type":"message","status":"completed","content":[{"type":"output_text","annotations":[],"text":"Done."}],"role":"assistant"}]
                    """)),
                Reply.Json(ResponsesOkBody));
            List<ChatMessage> history = [new(ChatRole.User, "Go")];
            history.AddRange((await harness.Responses().GetResponseAsync(history, cancellationToken: Harness.Ct)).Messages);
            history.Add(new ChatMessage(ChatRole.User, "Next"));

            await harness.Responses().GetResponseAsync(history, cancellationToken: Harness.Ct);

            Assert.Equal(
                OneLine("""
                    {"model":"gpt-4.1","input":[{"type":"message","role":"user","content":"Go"},
                    {"id":"ws_01","type":"web_search_call","status":"completed","action":{"type":"search","query":"q"}},
                    {"id":"bn_01","type":"brand_new_call","payload":{"a":1},"status":"completed"},
                    {"id":"mcp_01","type":"mcp_call","approval_request_id":null,"arguments":"{}","error":null,"name":"roll","output":"4","server_label":"dmcp"},
                    {"type":"message","role":"assistant","content":"Done."},
                    {"type":"message","role":"user","content":"Next"}],"store":false}
                    """),
                harness.Handler.Requests[1].BodyText);
            Assert.DoesNotContain(harness.Logs.Entries, e => e.Message.StartsWith("responses has no", StringComparison.Ordinal));
        }

        [Fact]
        public async Task An_approved_MCP_request_goes_back_as_the_request_item_and_the_approval()
        {
            using var harness = new Harness();
            harness.Handler.Enqueue(
                Reply.Json(Body("""[{"id":"mcpr_01","type":"mcp_approval_request","arguments":"{\"sides\":6}","name":"roll","server_label":"dmcp"}]""")),
                Reply.Json(ResponsesOkBody));
            List<ChatMessage> history = [new(ChatRole.User, "Roll")];
            ChatResponse first = await harness.Responses().GetResponseAsync(history, cancellationToken: Harness.Ct);
            history.AddRange(first.Messages);
            history.Add(new ChatMessage(ChatRole.User, [Assert.IsType<ToolApprovalRequestContent>(first.Messages[0].Contents[0]).CreateResponse(approved: true)]));

            await harness.Responses().GetResponseAsync(history, cancellationToken: Harness.Ct);

            Assert.Equal(
                OneLine("""
                    {"model":"gpt-4.1","input":[{"type":"message","role":"user","content":"Roll"},
                    {"id":"mcpr_01","type":"mcp_approval_request","arguments":"{\"sides\":6}","name":"roll","server_label":"dmcp"},
                    {"type":"mcp_approval_response","approval_request_id":"mcpr_01","approve":true}],"store":false}
                    """),
                harness.Handler.Requests[1].BodyText);
        }

        [Fact]
        public async Task Reasoning_goes_back_with_its_item_id_and_encrypted_content()
        {
            using var harness = new Harness();
            harness.Handler.Enqueue(
                Reply.Json(Body($$$"""[{"id":"rs_01","type":"reasoning","encrypted_content":"gAAA","summary":[{"type":"summary_text","text":"Hmm."}]},{{{Message($"[{Text("Hi.")}]")}}}]""")),
                Reply.Json(ResponsesOkBody));
            List<ChatMessage> history = [new(ChatRole.User, "Hi")];
            history.AddRange((await harness.Responses("o4-mini").GetResponseAsync(history, cancellationToken: Harness.Ct)).Messages);

            await harness.Responses("o4-mini").GetResponseAsync(history, cancellationToken: Harness.Ct);

            Assert.Equal(
                OneLine("""
                    {"model":"o4-mini","input":[{"type":"message","role":"user","content":"Hi"},
                    {"type":"reasoning","id":"rs_01","summary":[{"type":"summary_text","text":"Hmm."}],"encrypted_content":"gAAA"},
                    {"type":"message","role":"assistant","content":"Hi."}],"store":false,"include":["reasoning.encrypted_content"]}
                    """),
                harness.Handler.Requests[1].BodyText);
        }
    }

    public sealed class Status
    {
        [Theory]
        [InlineData("completed", "null", "stop", "completed")]
        [InlineData("incomplete", """{"reason":"max_output_tokens"}""", "length", "max_output_tokens")]
        [InlineData("incomplete", """{"reason":"content_filter"}""", "content_filter", "content_filter")]
        [InlineData("incomplete", "null", "incomplete", "incomplete")]
        [InlineData("cancelled", "null", "cancelled", "cancelled")]
        public async Task The_status_and_incomplete_reason_are_the_finish_reason_and_the_raw_value_is_kept(string status, string details, string finish, string raw)
        {
            ChatResponse response = await ReplayResponseAsync(Body($"[{Message($"[{Text("x")}]")}]", status, details));

            Assert.Equal(new ChatFinishReason(finish), response.FinishReason);
            Assert.Equal(raw, response.AdditionalProperties?["nexllm.finish_reason"]);
        }

        [Fact]
        public async Task A_failed_response_is_an_InStreamError_with_its_code_message_and_request_id()
        {
            using var harness = new Harness();
            harness.Handler.Enqueue(Reply.Json(Body("[]", "failed", error: """{"code":"server_error","message":"The model had an error."}""")).WithHeader("X-Oneapi-Request-Id", "rid-failed"));

            var error = await Assert.ThrowsAsync<NexLLMException>(() => harness.AskResponsesAsync());

            Assert.Equal((NexLLMErrorKind.InStreamError, "server_error", 200, "rid-failed"), (error.Kind, error.ErrorCode, error.StatusCode, error.RequestId));
            Assert.Equal("NexLLM response failed: The model had an error. (server_error).", error.Message);
            Assert.Single(harness.Handler.Requests);
        }
    }

    public sealed class Usage
    {
        [Fact]
        public async Task Input_includes_cached_tokens_output_includes_reasoning_and_cache_writes_land_in_their_count()
        {
            ChatResponse response = await ReplayResponseAsync(Body(
                "[]",
                usage: """{"input_tokens":120,"input_tokens_details":{"cached_tokens":100,"cache_write_tokens":20},"output_tokens":50,"output_tokens_details":{"reasoning_tokens":30},"total_tokens":170}"""));

            UsageDetails usage = Assert.IsType<UsageDetails>(response.Usage);
            Assert.Equal((120L, 50L, 170L, 100L, 30L), (usage.InputTokenCount, usage.OutputTokenCount, usage.TotalTokenCount, usage.CachedInputTokenCount, usage.ReasoningTokenCount));
            Assert.Equal(new Dictionary<string, long> { [NexLLMUsageCounts.CacheCreationInputTokens] = 20 }, usage.AdditionalCounts);
        }

        [Fact]
        public async Task No_cache_writes_allocate_no_additional_counts_and_a_missing_total_is_the_sum()
        {
            ChatResponse response = await ReplayResponseAsync(Body("[]", usage: """{"input_tokens":12,"input_tokens_details":{"cached_tokens":0,"cache_write_tokens":0},"output_tokens":5}"""));

            UsageDetails usage = Assert.IsType<UsageDetails>(response.Usage);
            Assert.Equal((12L, 5L, 17L, 0L, null), (usage.InputTokenCount, usage.OutputTokenCount, usage.TotalTokenCount, usage.CachedInputTokenCount, usage.ReasoningTokenCount));
            Assert.Null(usage.AdditionalCounts);
        }

        [Fact]
        public async Task No_usage_is_null_usage()
        {
            Assert.Null((await ReplayResponseAsync(Body("[]", usage: "null"))).Usage);
        }
    }

    public sealed class Ids
    {
        [Fact]
        public async Task The_gateway_request_id_is_in_AdditionalProperties()
        {
            ChatResponse response = await ReplayResponseAsync(Body("[]"), requestId: "rid-resp");

            Assert.Equal("rid-resp", response.AdditionalProperties?["nexllm.request_id"]);
        }

        [Fact]
        public async Task A_stored_response_is_the_conversation_and_an_unstored_one_is_not()
        {
            Assert.Equal("resp_01", (await ReplayResponseAsync(Body("[]", store: true))).ConversationId);
            Assert.Null((await ReplayResponseAsync(Body("[]", store: false))).ConversationId);
        }
    }

    public sealed class Errors
    {
        [Fact]
        public async Task A_gateway_error_object_in_a_200_body_is_a_NexLLMException()
        {
            using var harness = new Harness();
            harness.Handler.Enqueue(Reply.Json(
                """{"error":{"message":"No available channel for model gpt-4.1 under group default (distributor)","type":"new_api_error","param":"","code":"model_not_found"}}"""));

            var error = await Assert.ThrowsAsync<NexLLMException>(() => harness.AskResponsesAsync());

            Assert.Equal((NexLLMErrorKind.HttpStatus, "model_not_found", "new_api_error", 200), (error.Kind, error.ErrorCode, error.ErrorType, error.StatusCode));
            Assert.Contains("No available channel", error.Message, StringComparison.Ordinal);
        }

        [Fact]
        public async Task A_body_without_output_is_an_InvalidResponse()
        {
            using var harness = new Harness();
            harness.Handler.Enqueue(Reply.Json("""{"id":"resp_01","object":"response","status":"completed"}"""));

            var error = await Assert.ThrowsAsync<NexLLMException>(() => harness.AskResponsesAsync());

            Assert.Equal(NexLLMErrorKind.InvalidResponse, error.Kind);
            Assert.Equal("NexLLM Responses API response has no output.", error.Message);
        }

        [Fact]
        public async Task A_body_of_the_wrong_shape_is_an_InvalidResponse()
        {
            using var harness = new Harness();
            harness.Handler.Enqueue(Reply.Json("""{"id":"resp_01","output":{"type":"message"}}"""));

            var error = await Assert.ThrowsAsync<NexLLMException>(() => harness.AskResponsesAsync());

            Assert.Equal(NexLLMErrorKind.InvalidResponse, error.Kind);
        }
    }
}
