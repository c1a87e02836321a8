using System.Text.Json;
using Microsoft.Extensions.AI;
using NexLLM.Connectors.Emulator;
using NexLLM.Connectors.IntegrationTests.TestSupport;

namespace NexLLM.Connectors.IntegrationTests.Gemini;

/// <summary>What only the Gemini protocol has: thought signatures on parts, the schema subset, the key header, prompt blocks.</summary>
public sealed class GeminiGenerateContentTests : EmulatorTest
{
    private IChatClient Chat => Client.GetChatClient("gemini-2.5-flash", NexLLMChatProtocol.GeminiGenerateContent);

    private List<EmulatorRequest> GeminiRequests => Emulator.Requests.Where(r => r.Path.StartsWith("/v1beta/models/", StringComparison.Ordinal)).ToList();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ThoughtSignatures_GoBackOnTheirParts_AndTheEmulatorAcceptsThem(bool streaming)
    {
        var weather = new Weather();
        IChatClient chat = Chat.AsBuilder().UseFunctionInvocation().Build();
        var options = new ChatOptions { Tools = [weather.Function], Reasoning = new() { Effort = ReasoningEffort.Low } };
        List<ChatMessage> question = [new(ChatRole.User, "What is the weather in Paris? Use the get_weather tool.")];

        ChatResponse response = streaming
            ? await chat.GetStreamingResponseAsync(question, options, TestCancellation).ToChatResponseAsync(TestCancellation)
            : await chat.GetResponseAsync(question, options, TestCancellation);

        Assert.Equal(["Paris"], weather.Cities);
        Assert.Contains("18 degrees and sunny in Paris", response.Text, StringComparison.Ordinal);
        FunctionCallContent call = response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().Single();
        string signature = Assert.IsType<string>(call.AdditionalProperties?["nexllm.gemini.thought_signature"]);
        JsonElement second = GeminiRequests[1].ParseJson();
        JsonElement modelTurn = second.GetProperty("contents").EnumerateArray().Single(c => c.GetProperty("role").GetString() == "model");
        JsonElement callPart = modelTurn.GetProperty("parts").EnumerateArray().Single(p => p.TryGetProperty("functionCall", out _));
        Assert.Equal(signature, callPart.GetProperty("thoughtSignature").GetString());
        JsonElement responsePart = second.GetProperty("contents").EnumerateArray().Last().GetProperty("parts")[0];
        Assert.Equal("get_weather", responsePart.GetProperty("functionResponse").GetProperty("name").GetString());
    }

    [Fact]
    public async Task ForgedThoughtSignature_IsRejected_AndNotRetried()
    {
        var call = new FunctionCallContent("call_1", "get_weather", new Dictionary<string, object?> { ["city"] = "Paris" })
        {
            AdditionalProperties = new() { ["nexllm.gemini.thought_signature"] = "Zm9yZ2Vk" },
        };
        List<ChatMessage> history =
        [
            new(ChatRole.User, "Weather in Paris?"),
            new(ChatRole.Assistant, [call]),
            new(ChatRole.Tool, [new FunctionResultContent("call_1", "18 degrees")]),
        ];

        var error = await Assert.ThrowsAsync<NexLLMException>(() => Chat.GetResponseAsync(history, cancellationToken: TestCancellation));

        Assert.Equal(400, error.StatusCode);
        Assert.Equal(1, error.Attempts);
    }

    [Fact]
    public async Task TheKey_TravelsOnlyInTheGoogleHeader()
    {
        await Chat.GetResponseAsync("Hi.", cancellationToken: TestCancellation);
        await Chat.GetStreamingResponseAsync("Hi.", cancellationToken: TestCancellation).ToChatResponseAsync(TestCancellation);

        Assert.Equal(2, GeminiRequests.Count);
        Assert.All(GeminiRequests, request =>
        {
            Assert.Equal(Emulator.ApiKey, request.Headers["x-goog-api-key"]);
            Assert.False(request.Headers.ContainsKey("authorization"));
            Assert.DoesNotContain(Emulator.ApiKey, request.Path + request.QueryString, StringComparison.Ordinal);
        });
        Assert.Equal("?alt=sse", GeminiRequests[1].QueryString);
    }

    [Fact]
    public async Task ToolSchemas_AreConvertedToGeminisSubset_AndUnderstood()
    {
        JsonElement schema = JsonDocument.Parse("""
            {"type":"object","$defs":{"unit":{"type":"string","enum":["celsius","fahrenheit"]}},
             "properties":{"city":{"type":"string"},"unit":{"$ref":"#/$defs/unit"},"days":{"type":["integer","null"]}},
             "required":["city"],"additionalProperties":false}
            """).RootElement;
        AIFunctionDeclaration forecast = AIFunctionFactory.CreateDeclaration("get_forecast", "Gets the weather forecast for a city.", schema);

        ChatResponse response = await Chat.GetResponseAsync("Use get_forecast for the forecast in Lyon.", new ChatOptions { Tools = [forecast] }, TestCancellation);

        JsonElement parameters = GeminiRequests[^1].ParseJson().GetProperty("tools")[0].GetProperty("functionDeclarations")[0].GetProperty("parameters");
        Assert.Equal("OBJECT", parameters.GetProperty("type").GetString());
        Assert.False(parameters.TryGetProperty("additionalProperties", out _));
        Assert.Equal("STRING", parameters.GetProperty("properties").GetProperty("unit").GetProperty("type").GetString());
        Assert.True(parameters.GetProperty("properties").GetProperty("days").GetProperty("nullable").GetBoolean());
        FunctionCallContent call = Assert.Single(response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
        Assert.Equal("Lyon", call.Arguments?["city"]?.ToString());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Usage_CountsThoughtsAsOutput(bool streaming)
    {
        Emulator.Enqueue(new EmulatorReply
        {
            Text = "Done.",
            Reasoning = "Thinking it over.",
            Usage = new EmulatorUsage { PromptTokens = 100, CompletionTokens = 40, ReasoningTokens = 25, CachedTokens = 60 },
        });
        var options = new ChatOptions { Reasoning = new() { Effort = ReasoningEffort.Medium } };

        ChatResponse response = streaming
            ? await Chat.GetStreamingResponseAsync("Hi.", options, TestCancellation).ToChatResponseAsync(TestCancellation)
            : await Chat.GetResponseAsync("Hi.", options, TestCancellation);

        UsageDetails usage = Assert.IsType<UsageDetails>(response.Usage);
        Assert.Equal(100, usage.InputTokenCount);
        Assert.Equal(40, usage.OutputTokenCount);
        Assert.Equal(25, usage.ReasoningTokenCount);
        Assert.Equal(60, usage.CachedInputTokenCount);
    }

    [Fact]
    public async Task Auto_PicksTheNativeProtocolOfTheModelFamily()
    {
        await Client.GetChatClient("gemini-2.5-flash", NexLLMChatProtocol.Auto).GetResponseAsync("Hi.", cancellationToken: TestCancellation);
        await Client.GetChatClient("claude-sonnet-4-5", NexLLMChatProtocol.Auto).GetResponseAsync("Hi.", cancellationToken: TestCancellation);
        await Client.GetChatClient("gpt-4o-mini", NexLLMChatProtocol.Auto).GetResponseAsync("Hi.", cancellationToken: TestCancellation);

        Assert.Equal(
            ["/v1beta/models/gemini-2.5-flash:generateContent", "/v1/messages", "/v1/chat/completions"],
            Emulator.Requests.Select(r => r.Path));
    }
}
