using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using NexLLM.Connectors.Tests.TestSupport;
using static NexLLM.Connectors.Tests.Chat.ChatRequestJsonTests;
using static NexLLM.Connectors.Tests.TestSupport.GeminiCalls;

namespace NexLLM.Connectors.Tests.Chat.Gemini;

/// <summary>
/// <see cref="ChatOptions"/> and the typed Gemini options as generateContent fields (docs/protocols/gemini.md; docs/architecture.md#conventions
/// "Reasoning", "AdditionalProperties"), byte for byte: tools and toolConfig, generationConfig, thinkingConfig,
/// safetySettings, cachedContent, extra top-level fields.
/// </summary>
public sealed class GeminiRequestOptionsTests
{
    private const string Contents = "\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"Hello\"}]}]";

    private const string WeatherDeclaration =
        """{"name":"get_weather","description":"Gets the weather","parameters":{"type":"OBJECT","properties":{"city":{"type":"STRING"}},"required":["city"]}}""";

    /// <summary>The expected body: the "Hello" contents, then the fields of <paramref name="fields"/> (a JSON object).</summary>
    private static string With(string fields) => "{" + Contents + "," + fields[1..];

    /// <summary>The expected body: the "Hello" contents, one tool with these declarations, then <c>toolConfig</c> if given.</summary>
    private static string WithTools(string declarations, string? toolConfig = null) =>
        "{" + Contents + ",\"tools\":[{\"functionDeclarations\":[" + declarations + "]}]" + (toolConfig is null ? string.Empty : ",\"toolConfig\":" + toolConfig) + "}";

    /// <summary>The expected body: the "Hello" contents and a generationConfig with only this thinkingConfig.</summary>
    private static string WithThinking(string thinkingConfig) => "{" + Contents + ",\"generationConfig\":{\"thinkingConfig\":" + thinkingConfig + "}}";

    public sealed class Tools
    {
        [Fact]
        public async Task Functions_are_functionDeclarations_with_parameters_in_the_OpenAPI_subset_and_no_toolConfig_by_default()
        {
            string body = await SentGeminiBodyAsync(new ChatOptions { Tools = [Weather] });

            Assert.Equal(WithTools(WeatherDeclaration), body);
        }

        [Fact]
        public async Task Several_functions_share_one_tool_and_an_empty_description_is_left_out()
        {
            AIFunctionDeclaration now = AIFunctionFactory.CreateDeclaration("now", null, JsonElementOf("""{"type":"object","properties":{}}"""));

            string body = await SentGeminiBodyAsync(new ChatOptions { Tools = [Weather, now] });

            Assert.Equal(
                WithTools(WeatherDeclaration + """,{"name":"now","parameters":{"type":"OBJECT","properties":{}}}"""),
                body);
        }

        public static TheoryData<string, string> ToolModes => new()
        {
            { "auto", """{"functionCallingConfig":{"mode":"AUTO"}}""" },
            { "none", """{"functionCallingConfig":{"mode":"NONE"}}""" },
            { "required", """{"functionCallingConfig":{"mode":"ANY"}}""" },
            { "specific", """{"functionCallingConfig":{"mode":"ANY","allowedFunctionNames":["get_weather"]}}""" },
        };

        [Theory]
        [MemberData(nameof(ToolModes))]
        public async Task Tool_modes_are_AUTO_NONE_ANY_and_ANY_with_allowedFunctionNames(string mode, string toolConfig)
        {
            ChatToolMode toolMode = mode switch
            {
                "auto" => ChatToolMode.Auto,
                "none" => ChatToolMode.None,
                "required" => ChatToolMode.RequireAny,
                _ => ChatToolMode.RequireSpecific("get_weather"),
            };

            string body = await SentGeminiBodyAsync(new ChatOptions { Tools = [Weather], ToolMode = toolMode });

            Assert.Equal(WithTools(WeatherDeclaration, toolConfig), body);
        }

        [Fact]
        public async Task A_tool_mode_without_tools_sends_neither_tools_nor_toolConfig()
        {
            Assert.Equal(HelloBody, await SentGeminiBodyAsync(new ChatOptions { ToolMode = ChatToolMode.RequireAny, Tools = [] }));
        }

        [Fact]
        public async Task A_hosted_tool_the_format_cannot_express_is_left_out_and_logged()
        {
            using var harness = new Harness();
            harness.Handler.Enqueue(Reply.Json(GeminiCalls.OkBody));

            await harness.Gemini().GetResponseAsync(
                [new ChatMessage(ChatRole.User, "Hello")], new ChatOptions { Tools = [new HostedWebSearchTool()], ToolMode = ChatToolMode.Auto }, Harness.Ct);

            Assert.Equal(HelloBody, harness.Handler.SingleRequest.BodyText);
            Assert.Contains(harness.Logs.Entries, e => e.Message.Contains("HostedWebSearchTool", StringComparison.Ordinal));
        }

        [Fact]
        public async Task WithGeminiJsonSchema_sends_the_JSON_schema_raw_as_parametersJsonSchema()
        {
            AIFunctionDeclaration tool = AIFunctionFactory.CreateDeclaration(
                "find",
                "Finds",
                JsonElementOf("""{"type":"object","properties":{"q":{"type":["string","null"]}},"additionalProperties":false,"$schema":"https://json-schema.org/draft/2020-12/schema"}"""));

            string body = await SentGeminiBodyAsync(new ChatOptions { Tools = [tool] }.WithGeminiJsonSchema());

            Assert.Equal(
                With("""{"tools":[{"functionDeclarations":[{"name":"find","description":"Finds","parametersJsonSchema":{"type":"object","properties":{"q":{"type":["string","null"]}},"additionalProperties":false,"$schema":"https://json-schema.org/draft/2020-12/schema"}}]}]}"""),
                body);
        }

        [Fact]
        public async Task AllowMultipleToolCalls_and_ConversationId_have_no_field_and_are_logged_not_sent()
        {
            using var harness = new Harness();
            harness.Handler.Enqueue(Reply.Json(GeminiCalls.OkBody));

            await harness.Gemini().GetResponseAsync(
                [new ChatMessage(ChatRole.User, "Hello")], new ChatOptions { Tools = [Weather], AllowMultipleToolCalls = false, ConversationId = "conv_1" }, Harness.Ct);

            Assert.Equal(WithTools(WeatherDeclaration), harness.Handler.SingleRequest.BodyText);
            Assert.Contains(harness.Logs.Entries, e => e.Message.Contains("AllowMultipleToolCalls", StringComparison.Ordinal));
            Assert.Contains(harness.Logs.Entries, e => e.Message.Contains("ConversationId", StringComparison.Ordinal));
        }
    }

    public sealed class GenerationConfig
    {
        [Fact]
        public async Task No_option_sends_no_generationConfig()
        {
            Assert.Equal(HelloBody, await SentGeminiBodyAsync(new ChatOptions()));
            Assert.Equal(HelloBody, await SentGeminiBodyAsync(new ChatOptions { StopSequences = [], ResponseFormat = ChatResponseFormat.Text }));
        }

        [Fact]
        public async Task Every_sampling_option_has_its_field()
        {
            var options = new ChatOptions
            {
                Temperature = 0.7f, TopP = 0.95f, TopK = 40, MaxOutputTokens = 1024, StopSequences = ["END", "STOP"], Seed = 42,
                PresencePenalty = 0.5f, FrequencyPenalty = -0.25f,
            };

            Assert.Equal(
                With("""{"generationConfig":{"temperature":0.7,"topP":0.95,"topK":40,"maxOutputTokens":1024,"stopSequences":["END","STOP"],"seed":42,"presencePenalty":0.5,"frequencyPenalty":-0.25}}"""),
                await SentGeminiBodyAsync(options));
        }

        [Fact]
        public async Task A_zero_temperature_is_sent()
        {
            Assert.Equal(With("""{"generationConfig":{"temperature":0}}"""), await SentGeminiBodyAsync(new ChatOptions { Temperature = 0 }));
        }

        [Fact]
        public async Task Json_without_a_schema_is_responseMimeType_only()
        {
            Assert.Equal(
                With("""{"generationConfig":{"responseMimeType":"application/json"}}"""),
                await SentGeminiBodyAsync(new ChatOptions { ResponseFormat = ChatResponseFormat.Json }));
        }

        [Fact]
        public async Task A_json_schema_is_responseMimeType_and_responseSchema_converted_to_the_OpenAPI_subset()
        {
            var format = ChatResponseFormat.ForJsonSchema(
                JsonElementOf("""{"type":"object","properties":{"name":{"type":"string"},"age":{"type":["integer","null"]}},"required":["name"],"additionalProperties":false}"""),
                "person");

            Assert.Equal(
                With("""{"generationConfig":{"responseMimeType":"application/json","responseSchema":{"type":"OBJECT","properties":{"name":{"type":"STRING"},"age":{"type":"INTEGER","nullable":true}},"required":["name"]}}}"""),
                await SentGeminiBodyAsync(new ChatOptions { ResponseFormat = format }));
        }

        [Fact]
        public async Task WithGeminiJsonSchema_sends_the_response_schema_raw_as_responseJsonSchema()
        {
            var format = ChatResponseFormat.ForJsonSchema(JsonElementOf("""{"type":"object","properties":{"age":{"type":["integer","null"]}},"additionalProperties":false}"""));

            Assert.Equal(
                With("""{"generationConfig":{"responseMimeType":"application/json","responseJsonSchema":{"type":"object","properties":{"age":{"type":["integer","null"]}},"additionalProperties":false}}}"""),
                await SentGeminiBodyAsync(new ChatOptions { ResponseFormat = format }.WithGeminiJsonSchema()));
        }
    }

    public sealed class Thinking
    {
        /// <summary>Gemini 2.5 takes <c>thinkingBudget</c> (docs/protocols/gemini.md#thinking-levels), inside the range of every 2.5 model.</summary>
        [Theory]
        [InlineData("gemini-2.5-flash", ReasoningEffort.None, """{"includeThoughts":false,"thinkingBudget":0}""")]
        [InlineData("gemini-2.5-flash", ReasoningEffort.Low, """{"includeThoughts":true,"thinkingBudget":1024}""")]
        [InlineData("gemini-2.5-flash", ReasoningEffort.Medium, """{"includeThoughts":true,"thinkingBudget":8192}""")]
        [InlineData("gemini-2.5-flash", ReasoningEffort.High, """{"includeThoughts":true,"thinkingBudget":24576}""")]
        [InlineData("gemini-2.5-flash", ReasoningEffort.ExtraHigh, """{"includeThoughts":true,"thinkingBudget":24576}""")]
        [InlineData("gemini-2.5-flash-lite", ReasoningEffort.None, """{"includeThoughts":false,"thinkingBudget":0}""")]
        [InlineData("gemini-2.5-flash-lite", ReasoningEffort.Low, """{"includeThoughts":true,"thinkingBudget":1024}""")]
        [InlineData("gemini-2.5-flash-lite", ReasoningEffort.ExtraHigh, """{"includeThoughts":true,"thinkingBudget":24576}""")]
        [InlineData("gemini-2.5-pro", ReasoningEffort.None, """{"includeThoughts":false,"thinkingBudget":128}""")]
        [InlineData("gemini-2.5-pro", ReasoningEffort.Low, """{"includeThoughts":true,"thinkingBudget":1024}""")]
        [InlineData("gemini-2.5-pro", ReasoningEffort.Medium, """{"includeThoughts":true,"thinkingBudget":8192}""")]
        [InlineData("gemini-2.5-pro", ReasoningEffort.High, """{"includeThoughts":true,"thinkingBudget":24576}""")]
        [InlineData("gemini-2.5-pro", ReasoningEffort.ExtraHigh, """{"includeThoughts":true,"thinkingBudget":24576}""")]
        [InlineData("models/gemini-2.5-pro-preview-06-05", ReasoningEffort.None, """{"includeThoughts":false,"thinkingBudget":128}""")]
        [InlineData("Gemini-2.5-Flash-Preview-09-2025", ReasoningEffort.Medium, """{"includeThoughts":true,"thinkingBudget":8192}""")]
        public async Task On_Gemini_2_5_effort_is_a_budget_and_None_on_Pro_its_smallest(string model, ReasoningEffort effort, string thinking)
        {
            string body = await SentBodyAsync(model, new ChatOptions { Reasoning = new ReasoningOptions { Effort = effort } });

            Assert.Equal(WithThinking(thinking), body);
        }

        /// <summary>Gemini 3 and any other model take <c>thinkingLevel</c>; None is still budget 0.</summary>
        [Theory]
        [InlineData("gemini-3-pro-preview", ReasoningEffort.None, """{"includeThoughts":false,"thinkingBudget":0}""")]
        [InlineData("gemini-3-pro-preview", ReasoningEffort.Low, """{"includeThoughts":true,"thinkingLevel":"LOW"}""")]
        [InlineData("gemini-3-pro-preview", ReasoningEffort.Medium, """{"includeThoughts":true,"thinkingLevel":"MEDIUM"}""")]
        [InlineData("gemini-3-pro-preview", ReasoningEffort.High, """{"includeThoughts":true,"thinkingLevel":"HIGH"}""")]
        [InlineData("gemini-3-pro-preview", ReasoningEffort.ExtraHigh, """{"includeThoughts":true,"thinkingLevel":"HIGH"}""")]
        [InlineData("gemini-3-flash-preview", ReasoningEffort.Low, """{"includeThoughts":true,"thinkingLevel":"LOW"}""")]
        [InlineData("models/gemini-3-flash-preview", ReasoningEffort.High, """{"includeThoughts":true,"thinkingLevel":"HIGH"}""")]
        public async Task On_other_models_effort_is_a_level(string model, ReasoningEffort effort, string thinking)
        {
            string body = await SentBodyAsync(model, new ChatOptions { Reasoning = new ReasoningOptions { Effort = effort } });

            Assert.Equal(WithThinking(thinking), body);
        }

        [Fact]
        public async Task The_request_ModelId_decides_the_family()
        {
            var options = new ChatOptions { ModelId = "gemini-2.5-flash", Reasoning = new ReasoningOptions { Effort = ReasoningEffort.Low } };

            Assert.Equal(WithThinking("""{"includeThoughts":true,"thinkingBudget":1024}"""), await SentBodyAsync("gemini-3-pro-preview", options));
        }

        [Fact]
        public async Task None_on_Gemini_2_5_Pro_is_logged_with_the_budget_sent_instead()
        {
            using var harness = new Harness();
            harness.Handler.Enqueue(Reply.Json(GeminiCalls.OkBody));

            await harness.Gemini("gemini-2.5-pro").GetResponseAsync(
                [new ChatMessage(ChatRole.User, "Hello")], new ChatOptions { Reasoning = new ReasoningOptions { Effort = ReasoningEffort.None } }, Harness.Ct);

            Assert.Contains(harness.Logs.Entries, e => e.Message ==
                "Gemini generateContent has no equivalent of ReasoningEffort.None on Gemini 2.5 Pro, which always thinks (its smallest budget, 128, is sent instead); it was not sent.");
        }

        [Theory]
        [InlineData(ReasoningOutput.None, """{"includeThoughts":false,"thinkingLevel":"HIGH"}""")]
        [InlineData(ReasoningOutput.Summary, """{"includeThoughts":true,"thinkingLevel":"HIGH"}""")]
        [InlineData(ReasoningOutput.Full, """{"includeThoughts":true,"thinkingLevel":"HIGH"}""")]
        public async Task Output_None_hides_thoughts_and_any_other_output_asks_for_them(ReasoningOutput output, string thinking)
        {
            string body = await SentBodyAsync("gemini-3-pro-preview", new ChatOptions { Reasoning = new ReasoningOptions { Effort = ReasoningEffort.High, Output = output } });

            Assert.Equal(WithThinking(thinking), body);
        }

        [Fact]
        public async Task Output_None_hides_thoughts_on_Gemini_2_5_too()
        {
            var options = new ChatOptions { Reasoning = new ReasoningOptions { Effort = ReasoningEffort.High, Output = ReasoningOutput.None } };

            Assert.Equal(WithThinking("""{"includeThoughts":false,"thinkingBudget":24576}"""), await SentGeminiBodyAsync(options));
        }

        [Theory]
        [InlineData("gemini-2.5-pro")]
        [InlineData("gemini-3-pro-preview")]
        public async Task WithThinkingBudget_wins_over_the_effort_on_every_family(string model)
        {
            var options = new ChatOptions { Reasoning = new ReasoningOptions { Effort = ReasoningEffort.None } }.WithThinkingBudget(2048);

            Assert.Equal(WithThinking("""{"includeThoughts":true,"thinkingBudget":2048}"""), await SentBodyAsync(model, options));
        }

        private static async Task<string> SentBodyAsync(string model, ChatOptions options) =>
            (await SentGeminiRequestAsync([new ChatMessage(ChatRole.User, "Hello")], options, model)).BodyText;

        [Fact]
        public async Task WithThinkingBudget_wins_over_the_effort()
        {
            var options = new ChatOptions { Reasoning = new ReasoningOptions { Effort = ReasoningEffort.Low } }.WithThinkingBudget(2048);

            Assert.Equal(WithThinking("""{"includeThoughts":true,"thinkingBudget":2048}"""), await SentGeminiBodyAsync(options));
        }

        [Fact]
        public async Task WithThinkingBudget_alone_asks_for_thoughts_and_keeps_other_fields()
        {
            var options = new ChatOptions { MaxOutputTokens = 500 }.WithThinkingBudget(1024);

            Assert.Equal(
                With("""{"generationConfig":{"maxOutputTokens":500,"thinkingConfig":{"includeThoughts":true,"thinkingBudget":1024}}}"""),
                await SentGeminiBodyAsync(options));
        }

        [Fact]
        public async Task WithThinkingBudget_zero_turns_thinking_off_and_asks_for_no_thoughts()
        {
            var options = new ChatOptions { Reasoning = new ReasoningOptions { Effort = ReasoningEffort.High } }.WithThinkingBudget(0);

            Assert.Equal(WithThinking("""{"includeThoughts":false,"thinkingBudget":0}"""), await SentGeminiBodyAsync(options));
        }

        [Fact]
        public async Task Reasoning_output_without_an_effort_only_asks_for_thoughts()
        {
            Assert.Equal(
                WithThinking("""{"includeThoughts":true}"""),
                await SentGeminiBodyAsync(new ChatOptions { Reasoning = new ReasoningOptions { Output = ReasoningOutput.Full } }));
        }
    }

    public sealed class TypedOptions
    {
        [Fact]
        public async Task WithGeminiSafetySettings_is_safetySettings_in_order()
        {
            var options = new ChatOptions().WithGeminiSafetySettings(
                new NexLLMGeminiSafetySetting("HARM_CATEGORY_DANGEROUS_CONTENT", "BLOCK_ONLY_HIGH"),
                new NexLLMGeminiSafetySetting("HARM_CATEGORY_HARASSMENT", "BLOCK_NONE"));

            Assert.Equal(
                With("""{"safetySettings":[{"category":"HARM_CATEGORY_DANGEROUS_CONTENT","threshold":"BLOCK_ONLY_HIGH"},{"category":"HARM_CATEGORY_HARASSMENT","threshold":"BLOCK_NONE"}]}"""),
                await SentGeminiBodyAsync(options));
        }

        [Fact]
        public async Task No_safety_settings_send_no_field()
        {
            Assert.Equal(HelloBody, await SentGeminiBodyAsync(new ChatOptions().WithGeminiSafetySettings()));
        }

        [Fact]
        public void Safety_settings_are_validated_and_copied()
        {
            Assert.Throws<ArgumentException>(() => new NexLLMGeminiSafetySetting("HARM_CATEGORY_HARASSMENT\r\nx: 1", "BLOCK_NONE"));
            Assert.Throws<ArgumentException>(() => new NexLLMGeminiSafetySetting("HARM_CATEGORY_HARASSMENT", " "));
            Assert.Throws<ArgumentNullException>(() => new ChatOptions().WithGeminiSafetySettings(null!));
            Assert.Throws<ArgumentNullException>(() => ((ChatOptions)null!).WithGeminiSafetySettings());

            NexLLMGeminiSafetySetting[] settings = [new("HARM_CATEGORY_HARASSMENT", "BLOCK_NONE")];
            var options = new ChatOptions().WithGeminiSafetySettings(settings);
            settings[0] = new("HARM_CATEGORY_HATE_SPEECH", "BLOCK_LOW_AND_ABOVE");

            var stored = Assert.IsType<NexLLMGeminiSafetySetting[]>(options.AdditionalProperties!["nexllm.gemini.safety_settings"]);
            Assert.Equal("HARM_CATEGORY_HARASSMENT: BLOCK_NONE", Assert.Single(stored).ToString());
        }

        [Fact]
        public async Task WithGeminiCachedContent_is_cachedContent()
        {
            Assert.Equal(
                With("""{"cachedContent":"cachedContents/abc123"}"""),
                await SentGeminiBodyAsync(new ChatOptions().WithGeminiCachedContent("cachedContents/abc123")));
        }

        [Fact]
        public void WithGeminiCachedContent_rejects_an_empty_or_control_character_name()
        {
            Assert.Throws<ArgumentException>(() => new ChatOptions().WithGeminiCachedContent(string.Empty));
            Assert.Throws<ArgumentException>(() => new ChatOptions().WithGeminiCachedContent("cachedContents/a\nb"));
            Assert.Throws<ArgumentNullException>(() => ((ChatOptions)null!).WithGeminiCachedContent("cachedContents/abc"));
        }

        [Fact]
        public async Task Every_typed_option_together_in_field_order()
        {
            var options = new ChatOptions { Instructions = "Be brief.", Tools = [Weather], ToolMode = ChatToolMode.Auto, Temperature = 0.5f }
                .WithGeminiSafetySettings(new NexLLMGeminiSafetySetting("HARM_CATEGORY_HARASSMENT", "BLOCK_NONE"))
                .WithGeminiCachedContent("cachedContents/c1");

            Assert.Equal(
                "{" + Contents + OneLine("""
                    ,"systemInstruction":{"parts":[{"text":"Be brief."}]},"tools":[{"functionDeclarations":[
                    """) + WeatherDeclaration + OneLine("""
                    ]}],"toolConfig":{"functionCallingConfig":{"mode":"AUTO"}},"generationConfig":{"temperature":0.5},
                    "safetySettings":[{"category":"HARM_CATEGORY_HARASSMENT","threshold":"BLOCK_NONE"}],"cachedContent":"cachedContents/c1"}
                    """),
                await SentGeminiBodyAsync(options));
        }
    }

    public sealed class ExtraFields
    {
        [Fact]
        public async Task AdditionalProperties_are_extra_top_level_fields_and_nexllm_keys_are_never_sent()
        {
            var options = new ChatOptions
            {
                AdditionalProperties = new()
                {
                    ["labels"] = JsonElementOf("""{"team":"search"}"""),
                    ["nexllm.anything"] = "secret",
                },
            }.WithThinkingBudget(512).WithGeminiJsonSchema().WithGeminiCachedContent("cachedContents/c1");

            string body = await SentGeminiBodyAsync(options);

            Assert.Equal(
                With("""{"generationConfig":{"thinkingConfig":{"includeThoughts":true,"thinkingBudget":512}},"cachedContent":"cachedContents/c1","labels":{"team":"search"}}"""),
                body);
            Assert.DoesNotContain("nexllm", body, StringComparison.Ordinal);
        }

        [Fact]
        public async Task An_extra_field_replaces_a_mapped_one_of_the_same_name()
        {
            var options = new ChatOptions { Temperature = 0.5f, AdditionalProperties = new() { ["generationConfig"] = JsonElementOf("""{"candidateCount":1}""") } };

            Assert.Equal(With("""{"generationConfig":{"candidateCount":1}}"""), await SentGeminiBodyAsync(options));
        }

        [Fact]
        public async Task A_raw_representation_wins_over_mapped_fields_and_extras()
        {
            var options = new ChatOptions
            {
                Temperature = 0.5f,
                AdditionalProperties = new() { ["labels"] = "a" },
                RawRepresentationFactory = _ => new JsonObject { ["labels"] = "b", ["tools"] = new JsonArray(new JsonObject { ["googleSearch"] = new JsonObject() }) },
            };

            Assert.Equal(
                With("""{"generationConfig":{"temperature":0.5},"labels":"b","tools":[{"googleSearch":{}}]}"""),
                await SentGeminiBodyAsync(options));
        }
    }
}
