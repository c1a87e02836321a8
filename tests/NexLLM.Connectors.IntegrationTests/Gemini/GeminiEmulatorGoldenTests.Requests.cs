using System.Net;
using System.Text.Json;
using NexLLM.Connectors.Emulator;

namespace NexLLM.Connectors.IntegrationTests.Gemini;

/// <summary>This part: request fields (snake_case, tool config, limits), validation errors and scripted finishes.</summary>
public sealed partial class GeminiEmulatorGoldenTests
{
    [Theory]
    [InlineData("""{"contents":[]}""", "contents is required")]
    [InlineData("""{"contents":"hello"}""", "json: cannot unmarshal string into Go struct field GeminiChatRequest.contents of type []dto.GeminiChatContent")]
    [InlineData("""{"contents":[{"role":"user","parts":[{"text":"Hi"}]}],"generationConfig":{"maxOutputTokens":"ten"}}""",
        "json: cannot unmarshal string into Go struct field GeminiChatRequest.generationConfig.maxOutputTokens of type uint")]
    [InlineData("""{"contents":[{"role":"user","parts":[{"functionResponse":{"name":"f","response":"sunny"}}]}]}""",
        "json: cannot unmarshal string into Go struct field GeminiChatRequest.contents.parts.functionResponse.response of type map[string]interface {}")]
    public async Task NewApiValidationErrors_Are500InvalidRequest_OpenAIShaped(string body, string message)
    {
        using HttpResponseMessage response = await PostAsync(Generate, body);

        JsonElement error = await AssertOpenAIErrorAsync(response, HttpStatusCode.InternalServerError, "new_api_error");
        Assert.Equal("invalid_request", error.GetProperty("code").GetString());
        Assert.StartsWith(message + " (request id: ", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"contents":[{"role":"assistant","parts":[{"text":"Hi"}]}]}""", "Please use a valid role: user, model.")]
    [InlineData("""{"contents":[{"role":"user","parts":[]}]}""", "* GenerateContentRequest.contents[0].parts: contents.parts must not be empty.")]
    [InlineData("""{"contents":[{"role":"user","parts":[{"functionResponse":{"name":"get_weather","response":{"t":1}}}]}]}""",
        "Please ensure that function response turn comes immediately after a function call turn.")]
    [InlineData("""{"contents":[{"role":"model","parts":[{"functionCall":{"name":"get_weather","args":{}}}]}]}""",
        "Please ensure that function call turn comes immediately after a user turn or after a function response turn.")]
    public async Task GoogleValidationErrors_Are400_OpenAIShapedWithNumericCode(string body, string message)
    {
        using HttpResponseMessage response = await PostAsync(Generate, body);

        JsonElement error = await AssertOpenAIErrorAsync(response, HttpStatusCode.BadRequest, "upstream_error");
        Assert.Equal(400, error.GetProperty("code").GetInt32());
        Assert.StartsWith(message + " (request id: ", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SnakeCaseVariants_NewApiAccepts_AreHonoured()
    {
        const string Body = """
            {"system_instruction":{"parts":[{"text":"Be brief."}]},
             "contents":[{"role":"user","parts":[{"text":"Describe this picture of a cat"},{"inline_data":{"mime_type":"image/jpeg","data":"/9j/4AAQ"}}]}],
             "generationConfig":{"max_output_tokens":5,"thinking_config":{"include_thoughts":true,"thinking_budget":-1}}}
            """;

        JsonElement body = await GenerateAsync(Body);

        JsonElement candidate = body.GetProperty("candidates")[0];
        Assert.Equal("MAX_TOKENS", candidate.GetProperty("finishReason").GetString());
        Assert.True(candidate.GetProperty("content").GetProperty("parts")[0].GetProperty("thought").GetBoolean());
        Assert.Contains(body.GetProperty("usageMetadata").GetProperty("promptTokensDetails").EnumerateArray(), d => d.GetProperty("modality").GetString() == "IMAGE");
    }

    [Theory]
    [InlineData("ANY", "[\"get_time\"]", "get_time")]
    [InlineData("ANY", "[]", "get_weather")]
    [InlineData("NONE", "[]", null)]
    public async Task FunctionCallingConfig_ModeAndAllowedNames_DecideTheCall(string mode, string allowed, string? expected)
    {
        const string Tools = """
            "tools":[{"functionDeclarations":[
              {"name":"get_weather","description":"Gets the current weather for a city.","parametersJsonSchema":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}},
              {"name":"get_time","description":"Gets the current time."}]}]
            """;
        string toolConfig = $"\"toolConfig\":{{\"functionCallingConfig\":{{\"mode\":\"{mode}\",\"allowedFunctionNames\":{allowed}}}}}";
        string request = Body("""{"role":"user","parts":[{"text":"Tell me a story about the weather."}]}""", Tools, toolConfig);

        JsonElement parts = (await GenerateAsync(request)).GetProperty("candidates")[0].GetProperty("content").GetProperty("parts");

        string? called = parts[0].TryGetProperty("functionCall", out JsonElement call) ? call.GetProperty("name").GetString() : null;
        Assert.Equal(expected, called);
    }

    [Fact]
    public async Task StopSequences_CutTheText_AndTheAnswerStillStops()
    {
        JsonElement body = await GenerateAsync("""
            {"contents":[{"role":"user","parts":[{"text":"What is the capital of France?"}]}],"generationConfig":{"stopSequences":["deterministic"]}}
            """);

        JsonElement candidate = body.GetProperty("candidates")[0];
        Assert.Equal("STOP", candidate.GetProperty("finishReason").GetString());
        Assert.EndsWith("This is a ", candidate.GetProperty("content").GetProperty("parts")[0].GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("length", "MAX_TOKENS")]
    [InlineData("tool_calls", "STOP")]
    [InlineData("content_filter", "SAFETY")]
    [InlineData("RECITATION", "RECITATION")]
    [InlineData("MALFORMED_FUNCTION_CALL", "MALFORMED_FUNCTION_CALL")]
    public async Task ScriptedFinishReasons_UseGeminiNames(string scripted, string expected)
    {
        Emulator.Enqueue(EmulatorReply.FromText("Scripted.") with { FinishReason = scripted });

        JsonElement candidate = (await GenerateAsync(Body(WeatherQuestion))).GetProperty("candidates")[0];

        Assert.Equal(expected, candidate.GetProperty("finishReason").GetString());
        bool blocked = candidate.GetProperty("safetyRatings").EnumerateArray().Any(r => r.TryGetProperty("blocked", out _));
        Assert.Equal(expected == "SAFETY", blocked);
    }

    [Fact]
    public async Task ScriptedUsage_FollowsGeminiArithmetic()
    {
        Emulator.Enqueue(EmulatorReply.FromText("Cached.") with
        {
            Reasoning = "Think.",
            Usage = new EmulatorUsage { PromptTokens = 1200, CachedTokens = 1024, CompletionTokens = 50, ReasoningTokens = 30 },
        });

        JsonElement usage = (await GenerateAsync(Body(WeatherQuestion))).GetProperty("usageMetadata");

        Assert.Equal(1200, usage.GetProperty("promptTokenCount").GetInt32());
        Assert.Equal(1024, usage.GetProperty("cachedContentTokenCount").GetInt32());
        Assert.Equal(20, usage.GetProperty("candidatesTokenCount").GetInt32());
        Assert.Equal(30, usage.GetProperty("thoughtsTokenCount").GetInt32());
        Assert.Equal(1250, usage.GetProperty("totalTokenCount").GetInt32());
    }
}
