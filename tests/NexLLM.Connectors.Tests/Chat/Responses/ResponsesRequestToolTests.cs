using System.Drawing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using NexLLM.Connectors.Tests.TestSupport;
using static NexLLM.Connectors.Tests.Chat.ChatRequestJsonTests;
using static NexLLM.Connectors.Tests.Chat.Responses.ResponsesRequestJsonTests;
using static NexLLM.Connectors.Tests.TestSupport.ResponsesCalls;

namespace NexLLM.Connectors.Tests.Chat.Responses;

/// <summary>Function tools (flat, <c>strict</c> always written), tool choice, and the hosted tools the Responses API has (docs/protocols/responses.md#request).</summary>
public sealed class ResponsesRequestToolTests
{
    private const string WeatherTool =
        """{"type":"function","name":"get_weather","description":"Gets the weather","parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]},"strict":false}""";

    /// <summary>The body of a "Hello" request with these tools and the fields after them.</summary>
    private static string Body(string toolsAndAfter) => HelloBody(""","tools":[""" + OneLine(toolsAndAfter));

    private static Task<string> SentToolsAsync(params AITool[] tools) => SentResponsesBodyAsync(new ChatOptions { Tools = tools });

    public sealed class Functions
    {
        [Fact]
        public async Task A_function_is_flat_and_strict_false_by_default()
        {
            // The Responses API takes a function as strict unless told otherwise (docs/protocols/responses.md#request).
            Assert.Equal(Body($"{WeatherTool}]"), await SentToolsAsync(Weather));
        }

        [Fact]
        public async Task WithStrictJsonSchema_sends_the_strict_transform_and_strict_true()
        {
            AIFunctionDeclaration loose = AIFunctionFactory.CreateDeclaration(
                "search", string.Empty, JsonElementOf("""{"type":"object","properties":{"q":{"type":"string"},"n":{"type":"integer","default":5}}}"""));

            string body = await SentResponsesBodyAsync(new ChatOptions { Tools = [loose] }.WithStrictJsonSchema());

            Assert.Equal(
                Body("""
                    {"type":"function","name":"search","parameters":{"type":"object","properties":{"q":{"type":"string"},"n":{"type":"integer","description":"Default value: 5"}},
                    "additionalProperties":false,"required":["q","n"]},"strict":true}]
                    """),
                body);
        }

        [Theory]
        [InlineData("none", "\"none\"")]
        [InlineData("auto", "\"auto\"")]
        [InlineData("required", "\"required\"")]
        [InlineData("named", "{\"type\":\"function\",\"name\":\"get_weather\"}")]
        public async Task Tool_mode_is_tool_choice_after_the_tools(string mode, string choice)
        {
            var options = new ChatOptions
            {
                Tools = [Weather],
                ToolMode = mode switch
                {
                    "none" => ChatToolMode.None,
                    "auto" => ChatToolMode.Auto,
                    "required" => ChatToolMode.RequireAny,
                    _ => ChatToolMode.RequireSpecific("get_weather"),
                },
            };

            Assert.Equal(Body($"{WeatherTool}],\"tool_choice\":{choice}"), await SentResponsesBodyAsync(options));
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public async Task AllowMultipleToolCalls_is_parallel_tool_calls(bool allow)
        {
            var options = new ChatOptions { Tools = [Weather], ToolMode = ChatToolMode.Auto, AllowMultipleToolCalls = allow };

            Assert.Equal(
                Body($"{WeatherTool}],\"tool_choice\":\"auto\",\"parallel_tool_calls\":{(allow ? "true" : "false")}"),
                await SentResponsesBodyAsync(options));
        }

        [Fact]
        public async Task Tool_mode_and_parallel_calls_without_tools_send_nothing()
        {
            var options = new ChatOptions { ToolMode = ChatToolMode.RequireAny, AllowMultipleToolCalls = false };

            Assert.Equal(HelloBody(), await SentResponsesBodyAsync(options));
        }

        [Fact]
        public async Task A_tool_the_format_does_not_have_is_not_sent_and_is_logged()
        {
            using var harness = new Harness();
            harness.Handler.Enqueue(Reply.Json(ResponsesOkBody));

            await harness.AskResponsesAsync(new ChatOptions { Tools = [new OtherTool(), Weather] });

            Assert.Equal(
                $$$"""{"model":"gpt-4.1","input":[{"type":"message","role":"user","content":"Hi"}],"store":false,"tools":[{{{WeatherTool}}}]}""",
                harness.Handler.SingleRequest.BodyText);
            Assert.Contains(harness.Logs.Entries, e => e.Level == LogLevel.Debug && e.Message == "responses has no equivalent of tool other (OtherTool); it was not sent.");
        }

        private sealed class OtherTool : AITool
        {
            public override string Name => "other";
        }
    }

    public sealed class Hosted
    {
        [Fact]
        public async Task Web_search_is_a_bare_web_search_tool()
        {
            Assert.Equal(Body("""{"type":"web_search"}]"""), await SentToolsAsync(new HostedWebSearchTool()));
        }

        [Fact]
        public async Task File_search_carries_its_vector_stores_and_maximum_results()
        {
            var search = new HostedFileSearchTool { Inputs = [new HostedVectorStoreContent("vs_1"), new HostedVectorStoreContent("vs_2")], MaximumResultCount = 5 };

            Assert.Equal(Body("""{"type":"file_search","vector_store_ids":["vs_1","vs_2"],"max_num_results":5}]"""), await SentToolsAsync(search));
        }

        [Fact]
        public async Task Code_interpreter_runs_in_an_auto_container_with_the_given_files()
        {
            Assert.Equal(
                Body("""{"type":"code_interpreter","container":{"type":"auto","file_ids":["file-1","file-2"]}},{"type":"code_interpreter","container":{"type":"auto"}}]"""),
                await SentToolsAsync(new HostedCodeInterpreterTool { Inputs = [new HostedFileContent("file-1"), new HostedFileContent("file-2")] }, new HostedCodeInterpreterTool()));
        }

        [Fact]
        public async Task Image_generation_carries_model_size_format_and_partial_images()
        {
            var image = new HostedImageGenerationTool
            {
                Options = new ImageGenerationOptions { ModelId = "gpt-image-1", ImageSize = new Size(1024, 1536), MediaType = "image/webp", StreamingCount = 2 },
            };

            Assert.Equal(
                Body("""{"type":"image_generation","model":"gpt-image-1","size":"1024x1536","output_format":"webp","partial_images":2},{"type":"image_generation"}]"""),
                await SentToolsAsync(image, new HostedImageGenerationTool()));
        }

        [Fact]
        public async Task An_MCP_server_url_carries_label_description_allowed_tools_approval_and_headers()
        {
            var mcp = new HostedMcpServerTool("dmcp", "https://dmcp.test/sse")
            {
                ServerDescription = "Dice rolling",
                AllowedTools = ["roll"],
                ApprovalMode = HostedMcpServerToolApprovalMode.NeverRequire,
                Headers = new Dictionary<string, string> { ["Authorization"] = "Bearer mcp-token" },
            };

            Assert.Equal(
                Body("""
                    {"type":"mcp","server_label":"dmcp","server_url":"https://dmcp.test/sse","server_description":"Dice rolling","allowed_tools":["roll"],
                    "require_approval":"never","headers":{"Authorization":"Bearer mcp-token"}}]
                    """),
                await SentToolsAsync(mcp));
        }

        [Fact]
        public async Task An_MCP_address_that_is_no_URL_names_a_connector()
        {
            var connector = new HostedMcpServerTool("drive", "connector_googledrive") { ApprovalMode = HostedMcpServerToolApprovalMode.AlwaysRequire };

            Assert.Equal(
                Body("""{"type":"mcp","server_label":"drive","connector_id":"connector_googledrive","require_approval":"always"}]"""),
                await SentToolsAsync(connector));
        }

        [Fact]
        public async Task Specific_approval_lists_the_tools_that_always_and_never_need_it()
        {
            var both = new HostedMcpServerTool("a", "https://a.test/mcp") { ApprovalMode = HostedMcpServerToolApprovalMode.RequireSpecific(["delete"], ["read", "list"]) };
            var alwaysOnly = new HostedMcpServerTool("b", "https://b.test/mcp") { ApprovalMode = HostedMcpServerToolApprovalMode.RequireSpecific(["delete"], null) };

            Assert.Equal(
                Body("""
                    {"type":"mcp","server_label":"a","server_url":"https://a.test/mcp","require_approval":{"always":{"tool_names":["delete"]},"never":{"tool_names":["read","list"]}}},
                    {"type":"mcp","server_label":"b","server_url":"https://b.test/mcp","require_approval":{"always":{"tool_names":["delete"]}}}]
                    """),
                await SentToolsAsync(both, alwaysOnly));
        }
    }
}
