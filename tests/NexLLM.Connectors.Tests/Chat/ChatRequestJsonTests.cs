using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using NexLLM.Connectors.Tests.TestSupport;

namespace NexLLM.Connectors.Tests.Chat;

/// <summary>The exact request JSON of the chat-completions adapter (docs/protocols/chat-completions.md), compared byte for byte.</summary>
public sealed class ChatRequestJsonTests
{
    internal const string OkBody =
        """{"id":"chatcmpl-1","object":"chat.completion","created":1710000000,"model":"gpt-4o-mini","choices":[{"index":0,"message":{"role":"assistant","content":"ok"},"finish_reason":"stop"}]}""";

    internal static readonly AIFunctionDeclaration Weather = AIFunctionFactory.CreateDeclaration(
        "get_weather",
        "Gets the weather",
        JsonElementOf("""{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}"""));

    /// <summary>Joins the lines of a multi-line literal: expected JSON is written one field group per line.</summary>
    internal static string OneLine(string text) => text.ReplaceLineEndings(string.Empty);

    internal static JsonElement JsonElementOf(string json) => JsonDocument.Parse(json).RootElement.Clone();

    /// <summary>Sends the messages through a fresh client and returns the body the handler received.</summary>
    internal static async Task<string> SentBodyAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, string model = "gpt-4o-mini")
    {
        using var harness = new Harness();
        harness.Handler.Enqueue(Reply.Json(OkBody));
        await harness.Client.GetChatClient(model).GetResponseAsync(messages, options, Harness.Ct);
        return harness.Handler.SingleRequest.BodyText;
    }

    internal static Task<string> SentBodyAsync(ChatOptions? options, string model = "gpt-4o-mini") =>
        SentBodyAsync([new ChatMessage(ChatRole.User, "Hello")], options, model);

    public sealed class Minimal
    {
        [Fact]
        public async Task Is_model_and_messages_only()
        {
            Assert.Equal("""{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Hello"}]}""", await SentBodyAsync(options: null));
        }

        [Fact]
        public async Task Keeps_quotes_markup_and_non_latin_text_unescaped()
        {
            string body = await SentBodyAsync([new ChatMessage(ChatRole.User, "Say \"<b>héllo</b>\" & 你好 😀")], options: null);

            Assert.Equal("""{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Say \"<b>héllo</b>\" & 你好 \uD83D\uDE00"}]}""", body); // outside the BMP: escaped as a surrogate pair, still valid
        }

        [Fact]
        public async Task Is_posted_to_chat_completions_with_bearer_auth_and_json_headers()
        {
            using var harness = new Harness();
            harness.Handler.Enqueue(Reply.Json(OkBody));

            await harness.AskAsync();

            RecordedRequest request = harness.Handler.SingleRequest;
            Assert.Equal(HttpMethod.Post, request.Method);
            Assert.Equal("https://gateway.test/v1/chat/completions", request.Uri.AbsoluteUri);
            Assert.Equal("Bearer " + Harness.ApiKey, request.Header("Authorization"));
            Assert.Equal("application/json", request.Header("Accept"));
            Assert.Equal("application/json", request.Header("Content-Type"));
            Assert.StartsWith("NexLLM.Connectors/", request.Header("User-Agent"));
        }

        [Fact]
        public async Task Empty_options_send_nothing_more()
        {
            Assert.Equal("""{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Hello"}]}""", await SentBodyAsync(new ChatOptions()));
        }

        [Fact]
        public async Task TopK_is_not_sent_and_is_logged_as_ignored()
        {
            using var harness = new Harness();
            harness.Handler.Enqueue(Reply.Json(OkBody));

            await harness.AskAsync("Hello", new ChatOptions { TopK = 40 });

            Assert.Equal("""{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Hello"}]}""", harness.Handler.SingleRequest.BodyText);
            Assert.Contains(harness.Logs.Entries, e => e.Message.Contains("TopK", StringComparison.Ordinal));
        }
    }

    public sealed class Everything
    {
        [Fact]
        public async Task Maps_history_sampling_format_tools_and_reasoning_in_wire_order()
        {
            ChatMessage[] messages =
            [
                new(ChatRole.System, "You are helpful."),
                new(ChatRole.User, "Weather in Paris?") { AuthorName = "ana" },
                new(ChatRole.Assistant, [new FunctionCallContent("call_1", "get_weather", new Dictionary<string, object?> { ["city"] = "Paris" })]),
                new(ChatRole.Tool, [new FunctionResultContent("call_1", "18 C")]),
                new(ChatRole.Assistant, "It is 18 C."),
                new(ChatRole.User, "Thanks"),
            ];
            var options = new ChatOptions
            {
                Instructions = "Be brief.",
                Temperature = 0.5f,
                TopP = 0.25f,
                FrequencyPenalty = 0.5f,
                PresencePenalty = -0.5f,
                Seed = 42,
                StopSequences = ["END", "STOP"],
                MaxOutputTokens = 256,
                Reasoning = new ReasoningOptions { Effort = ReasoningEffort.Low },
                ResponseFormat = ChatResponseFormat.Json,
                Tools = [Weather],
                ToolMode = ChatToolMode.Auto,
                AllowMultipleToolCalls = false,
            };

            string body = await SentBodyAsync(messages, options);

            Assert.Equal(
                OneLine("""
                    {"model":"gpt-4o-mini","messages":[{"role":"system","content":"Be brief."},{"role":"system","content":"You are helpful."},
                    {"role":"user","content":"Weather in Paris?","name":"ana"},
                    {"role":"assistant","tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}}]},
                    {"role":"tool","content":"18 C","tool_call_id":"call_1"},{"role":"assistant","content":"It is 18 C."},{"role":"user","content":"Thanks"}],
                    "max_tokens":256,"temperature":0.5,"top_p":0.25,"frequency_penalty":0.5,"presence_penalty":-0.5,"seed":42,"stop":["END","STOP"],
                    "response_format":{"type":"json_object"},
                    "tools":[{"type":"function","function":{"name":"get_weather","description":"Gets the weather","parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}}],
                    "tool_choice":"auto","parallel_tool_calls":false,"reasoning_effort":"low"}
                    """),
                body);
        }

        [Theory]
        [InlineData("o1", "max_completion_tokens")]
        [InlineData("o3-mini", "max_completion_tokens")]
        [InlineData("o4-mini", "max_completion_tokens")]
        [InlineData("gpt-5", "max_completion_tokens")]
        [InlineData("GPT-5-mini", "max_completion_tokens")]
        [InlineData("gpt-4o", "max_tokens")]
        [InlineData("claude-sonnet-4-5", "max_tokens")]
        [InlineData("deepseek-r1", "max_tokens")]
        public async Task MaxOutputTokens_uses_the_field_the_model_family_accepts(string model, string field)
        {
            string body = await SentBodyAsync(new ChatOptions { MaxOutputTokens = 100 }, model);

            Assert.Equal($$"""{"model":"{{model}}","messages":[{"role":"user","content":"Hello"}],"{{field}}":100}""", body);
        }

        [Theory]
        [InlineData(ReasoningEffort.None, "none")]
        [InlineData(ReasoningEffort.Low, "low")]
        [InlineData(ReasoningEffort.Medium, "medium")]
        [InlineData(ReasoningEffort.High, "high")]
        [InlineData(ReasoningEffort.ExtraHigh, "xhigh")]
        public async Task Reasoning_effort_is_sent_by_name(ReasoningEffort effort, string wire)
        {
            string body = await SentBodyAsync(new ChatOptions { Reasoning = new ReasoningOptions { Effort = effort } });

            Assert.Equal($$"""{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Hello"}],"reasoning_effort":"{{wire}}"}""", body);
        }

        [Fact]
        public async Task Json_schema_with_name_description_and_strict_applies_strict_to_tools_too()
        {
            var options = new ChatOptions
            {
                ResponseFormat = ChatResponseFormat.ForJsonSchema(JsonElementOf("""{"type":"object","properties":{"a":{"type":"integer"}},"required":["a"],"additionalProperties":false}"""), "answer", "The answer"),
                Tools = [Weather],
            }.WithStrictJsonSchema();

            string body = await SentBodyAsync(options);

            Assert.Equal(
                OneLine("""
                    {"model":"gpt-4o-mini","messages":[{"role":"user","content":"Hello"}],
                    "response_format":{"type":"json_schema","json_schema":{"name":"answer","description":"The answer","schema":{"type":"object","properties":{"a":{"type":"integer"}},"required":["a"],"additionalProperties":false},"strict":true}},
                    "tools":[{"type":"function","function":{"name":"get_weather","description":"Gets the weather","parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"],"additionalProperties":false},"strict":true}}]}
                    """),
                body);
        }

        [Fact]
        public async Task Strict_mode_adapts_tool_schemas_to_what_strict_accepts()
        {
            AIFunctionDeclaration optional = AIFunctionFactory.CreateDeclaration(
                "forecast",
                "Forecast",
                JsonElementOf("""{"type":"object","properties":{"city":{"type":"string"},"days":{"type":"integer"}},"required":["city"]}"""));

            using JsonDocument sent = JsonDocument.Parse(await SentBodyAsync(new ChatOptions { Tools = [optional] }.WithStrictJsonSchema()));

            JsonElement parameters = sent.RootElement.GetProperty("tools")[0].GetProperty("function").GetProperty("parameters");
            Assert.Equal(["city", "days"], parameters.GetProperty("required").EnumerateArray().Select(e => e.GetString()).Order(StringComparer.Ordinal));
            Assert.False(parameters.GetProperty("additionalProperties").GetBoolean());
        }

        public static TheoryData<string, string> ToolModes => new()
        {
            { "none", "\"none\"" },
            { "auto", "\"auto\"" },
            { "required", "\"required\"" },
            { "named", """{"type":"function","function":{"name":"get_weather"}}""" },
        };

        [Theory]
        [MemberData(nameof(ToolModes))]
        public async Task Tool_choice_is_a_mode_or_a_named_function(string mode, string wire)
        {
            ChatToolMode toolMode = mode switch
            {
                "none" => ChatToolMode.None,
                "auto" => ChatToolMode.Auto,
                "required" => ChatToolMode.RequireAny,
                _ => ChatToolMode.RequireSpecific("get_weather"),
            };

            string body = await SentBodyAsync(new ChatOptions { Tools = [Weather], ToolMode = toolMode, AllowMultipleToolCalls = true });

            Assert.Equal(
                OneLine("""
                    {"model":"gpt-4o-mini","messages":[{"role":"user","content":"Hello"}],
                    "tools":[{"type":"function","function":{"name":"get_weather","description":"Gets the weather","parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}}],
                    "tool_choice":WIRE,"parallel_tool_calls":true}
                    """).Replace("WIRE", wire, StringComparison.Ordinal),
                body);
        }
    }

    public sealed class Extras
    {
        [Fact]
        public async Task AdditionalProperties_are_sent_as_top_level_fields_except_reserved_keys()
        {
            var options = new ChatOptions
            {
                Temperature = 0.5f,
                AdditionalProperties = new()
                {
                    ["user"] = "user-42",
                    ["nexllm.private"] = "never sent",
                    ["logprobs"] = true,
                    ["metadata"] = JsonElementOf("""{"team":"blue"}"""),
                    ["top_logprobs"] = 3,
                },
            };

            string body = await SentBodyAsync(options);

            Assert.Equal(
                OneLine("""
                    {"model":"gpt-4o-mini","messages":[{"role":"user","content":"Hello"}],"temperature":0.5,"user":"user-42","logprobs":true,"metadata":{"team":"blue"},"top_logprobs":3}
                    """),
                body);
        }

        [Fact]
        public async Task RawRepresentationFactory_fields_win_over_mapped_fields_and_extras()
        {
            var options = new ChatOptions
            {
                Temperature = 0.5f,
                AdditionalProperties = new() { ["user"] = "from-extras" },
                RawRepresentationFactory = _ => JsonNode.Parse("""{"temperature":1.0,"user":"from-raw","n":1}"""),
            };

            string body = await SentBodyAsync(options);

            Assert.Equal("""{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Hello"}],"temperature":1.0,"user":"from-raw","n":1}""", body);
        }

        [Fact]
        public async Task Per_request_ModelId_replaces_the_client_model_and_picks_the_token_field()
        {
            string body = await SentBodyAsync(new ChatOptions { ModelId = "o3", MaxOutputTokens = 10 }, model: "gpt-4o-mini");

            Assert.Equal("""{"model":"o3","messages":[{"role":"user","content":"Hello"}],"max_completion_tokens":10}""", body);
        }

        [Fact]
        public async Task Streaming_adds_stream_and_include_usage_and_accepts_an_event_stream()
        {
            using var harness = new Harness();
            harness.Handler.Enqueue(Reply.Sse(Sse.Stream(Chunk.Text("ok"), Chunk.Finish("stop"))));

            await harness.StreamAsync("Hello");

            RecordedRequest request = harness.Handler.SingleRequest;
            Assert.Equal("""{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Hello"}],"stream":true,"stream_options":{"include_usage":true}}""", request.BodyText);
            Assert.Equal("text/event-stream", request.Header("Accept"));
        }

        [Theory]
        [InlineData("delegate")]
        [InlineData("cycle")]
        public async Task An_unserializable_extra_is_an_ArgumentException_naming_the_key_and_nothing_is_sent(string kind)
        {
            using var harness = new Harness();
            object value = kind == "delegate" ? new Action(() => { }) : SelfReferencing.Create();
            var options = new ChatOptions { AdditionalProperties = new() { ["bad_field"] = value } };

            var error = await Assert.ThrowsAsync<ArgumentException>(() => harness.AskAsync("Hello", options));

            Assert.Contains("bad_field", error.Message, StringComparison.Ordinal);
            Assert.Empty(harness.Handler.Requests);
        }
    }

    /// <summary>An object graph with a cycle: System.Text.Json cannot serialize it.</summary>
    public sealed class SelfReferencing
    {
        public SelfReferencing? Next { get; set; }

        public static SelfReferencing Create()
        {
            var node = new SelfReferencing();
            node.Next = node;
            return node;
        }
    }
}
