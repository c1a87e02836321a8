using System.ComponentModel;
using System.Text.Json;
using Microsoft.Extensions.AI;
using NexLLM.Connectors.Emulator;
using NexLLM.Connectors.IntegrationTests.TestSupport;

namespace NexLLM.Connectors.IntegrationTests.Strict;

/// <summary>
/// What our library sends where the real services are strict (docs/emulator.md#strict-mode), end to end against a strict
/// emulator: strict schemas, tool results, thinking with sampling options, with a forced tool choice and with tools, a raised
/// <c>max_tokens</c>. The tool-result order, the sampling options, the forced tool choice and <c>max_tokens</c> were library
/// bugs the strict emulator found.
/// </summary>
public sealed class LibraryOnStrictEmulatorTests : EmulatorTest
{
    protected override NexLLMEmulatorOptions ConfigureEmulator(NexLLMEmulatorOptions options)
    {
        options.Strict = true;
        return options;
    }

    public enum Kind
    {
        Capital,
        Town,
    }

    public sealed record Spot(string Name, [property: Description("Stars, when rated")] int? Stars);

    public sealed record Address(string Street, string? Zip);

    public sealed record City(string Name, Address Address, List<Spot> Spots, Kind Kind, double? Population, string[] Tags);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AStrictSchemaOfNestedTypes_IsAccepted(bool streaming)
    {
        IChatClient chat = Client.GetChatClient("gpt-4o-mini");
        var options = new ChatOptions { ResponseFormat = ChatResponseFormat.ForJsonSchema<City>() }.WithStrictJsonSchema();
        List<ChatMessage> question = [new(ChatRole.User, "Describe Paris.")];

        ChatResponse response = streaming
            ? await chat.GetStreamingResponseAsync(question, options, TestCancellation).ToChatResponseAsync(TestCancellation)
            : await chat.GetResponseAsync(question, options, TestCancellation);

        JsonElement format = RequestsTo("/v1/chat/completions")[0].ParseJson().GetProperty("response_format").GetProperty("json_schema");
        Assert.True(format.GetProperty("strict").GetBoolean());
        Assert.NotNull(JsonSerializer.Deserialize<City>(response.Text, AIJsonUtilities.DefaultOptions));
    }

    [Fact]
    public async Task AStrictFunctionOfNestedTypes_IsAcceptedAndCalled()
    {
        City? saved = null;
        AIFunction save = AIFunctionFactory.Create((City city) => saved = city, "save_city", "Saves a city.");
        IChatClient chat = Client.GetChatClient("gpt-4o-mini").AsBuilder().UseFunctionInvocation().Build();
        var options = new ChatOptions { Tools = [save], ToolMode = ChatToolMode.RequireSpecific("save_city") }.WithStrictJsonSchema();

        await chat.GetResponseAsync([new(ChatRole.User, "Save Paris.")], options, TestCancellation);

        Assert.NotNull(saved);
        Assert.True(RequestsTo("/v1/chat/completions")[0].ParseJson().GetProperty("tools")[0].GetProperty("function").GetProperty("strict").GetBoolean());
    }

    [Fact]
    public async Task ResultsInAUserMessage_GoRightAfterTheCallsTheyAnswer()
    {
        List<ChatMessage> history =
        [
            new(ChatRole.User, "Weather in Paris?"),
            new(ChatRole.Assistant, [new FunctionCallContent("call_1", "get_weather", new Dictionary<string, object?> { ["city"] = "Paris" })]),
            new(ChatRole.User, [new TextContent("Here is the result."), new FunctionResultContent("call_1", "18C")]),
        ];

        ChatResponse response = await Client.GetChatClient("gpt-4o-mini").GetResponseAsync(history, cancellationToken: TestCancellation);

        JsonElement messages = RequestsTo("/v1/chat/completions")[0].ParseJson().GetProperty("messages");
        Assert.Equal(["user", "assistant", "tool", "user"], messages.EnumerateArray().Select(m => m.GetProperty("role").GetString()));
        Assert.False(string.IsNullOrEmpty(response.Text));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ClaudeThinking_WithTemperatureAndTopK_SendsNeither(bool streaming)
    {
        IChatClient chat = Client.GetChatClient("claude-sonnet-4-5", NexLLMChatProtocol.ClaudeMessages);
        var options = new ChatOptions { Temperature = 0.3f, TopK = 5, Reasoning = new() { Effort = ReasoningEffort.Low } };
        List<ChatMessage> question = [new(ChatRole.User, "Why is the sky blue?")];

        ChatResponse response = streaming
            ? await chat.GetStreamingResponseAsync(question, options, TestCancellation).ToChatResponseAsync(TestCancellation)
            : await chat.GetResponseAsync(question, options, TestCancellation);

        JsonElement body = RequestsTo("/v1/messages")[0].ParseJson();
        Assert.False(body.TryGetProperty("temperature", out _));
        Assert.False(body.TryGetProperty("top_k", out _));
        Assert.Equal("enabled", body.GetProperty("thinking").GetProperty("type").GetString());
        Assert.NotEmpty(response.Messages.SelectMany(m => m.Contents).OfType<TextReasoningContent>());
    }

    [Fact]
    public async Task ClaudeThinking_WithAToolModeThatForcesACall_SendsTheCallNotTheThinking()
    {
        var weather = new Weather();
        IChatClient chat = Client.GetChatClient("claude-sonnet-4-5", NexLLMChatProtocol.ClaudeMessages).AsBuilder().UseFunctionInvocation().Build();
        var options = new ChatOptions { Tools = [weather.Function], ToolMode = ChatToolMode.RequireAny, Reasoning = new() { Effort = ReasoningEffort.Low } };

        ChatResponse response = await chat.GetResponseAsync([new(ChatRole.User, "What is the weather in Paris?")], options, TestCancellation);

        JsonElement first = RequestsTo("/v1/messages")[0].ParseJson();
        Assert.Equal("any", first.GetProperty("tool_choice").GetProperty("type").GetString());
        Assert.False(first.TryGetProperty("thinking", out _));
        Assert.Equal(["Paris"], weather.Cities);
        Assert.Contains("18 degrees", response.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(32_000, 64_000)]
    [InlineData(64_000, 64_000)]
    public async Task ClaudeMaxTokens_RaisedAboveTheLargestBudget_StaysWithinTheModelsLimit(int maxOutputTokens, int sent)
    {
        IChatClient chat = Client.GetChatClient("claude-sonnet-4-5", NexLLMChatProtocol.ClaudeMessages);
        var options = new ChatOptions { MaxOutputTokens = maxOutputTokens, Reasoning = new() { Effort = ReasoningEffort.ExtraHigh } };

        await chat.GetResponseAsync([new(ChatRole.User, "hi")], options, TestCancellation);

        Assert.Equal(sent, RequestsTo("/v1/messages")[0].ParseJson().GetProperty("max_tokens").GetInt32());
    }

    [Fact]
    public async Task ClaudeThinking_InAStreamedToolLoop_SendsEachToolTurnBackWithItsThinking()
    {
        var weather = new Weather();
        IChatClient chat = Client.GetChatClient("claude-sonnet-4-5", NexLLMChatProtocol.ClaudeMessages).AsBuilder().UseFunctionInvocation().Build();
        var options = new ChatOptions { Tools = [weather.Function, weather.Time], Reasoning = new() { Effort = ReasoningEffort.Medium } };
        List<ChatMessage> conversation = [new(ChatRole.User, "What is the weather in Paris and the time? Use get_weather and get_time.")];

        ChatResponse first = await chat.GetStreamingResponseAsync(conversation, options, TestCancellation).ToChatResponseAsync(TestCancellation);
        conversation.AddRange(first.Messages);
        conversation.Add(new(ChatRole.User, "And in Rome? Use get_weather."));
        ChatResponse second = await chat.GetResponseAsync(conversation, options, TestCancellation);

        var requests = RequestsTo("/v1/messages");
        Assert.Equal(4, requests.Count); // per question: the tool calls, then the answer from their results
        foreach (var request in new[] { requests[1], requests[3] })
        {
            JsonElement lastAssistant = request.ParseJson().GetProperty("messages").EnumerateArray().Last(m => m.GetProperty("role").GetString() == "assistant");
            Assert.Equal("thinking", lastAssistant.GetProperty("content")[0].GetProperty("type").GetString());
        }

        Assert.Contains("Rome", second.Text, StringComparison.Ordinal);
    }
}
