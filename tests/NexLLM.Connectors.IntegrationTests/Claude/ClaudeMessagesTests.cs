using System.Text.Json;
using Microsoft.Extensions.AI;
using NexLLM.Connectors.Emulator;
using NexLLM.Connectors.IntegrationTests.TestSupport;

namespace NexLLM.Connectors.IntegrationTests.Claude;

/// <summary>What only the Claude protocol has: signed thinking round trips, prompt caching, pause_turn, its usage arithmetic.</summary>
public sealed class ClaudeMessagesTests : EmulatorTest
{
    private const string Path = "/v1/messages";

    private IChatClient Chat => Client.GetChatClient("claude-sonnet-4-5", NexLLMChatProtocol.ClaudeMessages);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ThinkingWithToolUse_IsEchoedWithItsSignature_AndTheEmulatorAcceptsIt(bool streaming)
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
        JsonElement second = RequestsTo(Path)[1].ParseJson();
        JsonElement assistant = second.GetProperty("messages").EnumerateArray().Single(m => m.GetProperty("role").GetString() == "assistant");
        JsonElement[] blocks = [.. assistant.GetProperty("content").EnumerateArray()];
        Assert.Equal("thinking", blocks[0].GetProperty("type").GetString());
        Assert.Equal("tool_use", blocks[^1].GetProperty("type").GetString());
        TextReasoningContent thought = response.Messages.SelectMany(m => m.Contents).OfType<TextReasoningContent>().First();
        Assert.Equal(thought.Text, blocks[0].GetProperty("thinking").GetString());
        Assert.Equal(thought.ProtectedData, blocks[0].GetProperty("signature").GetString());
    }

    [Fact]
    public async Task TamperedThinkingSignature_IsRejectedByTheEmulator_AndNotRetried()
    {
        List<ChatMessage> history =
        [
            new(ChatRole.User, "What is 2+2?"),
            new(ChatRole.Assistant, [new TextReasoningContent("It is four.") { ProtectedData = "forged-signature" }, new TextContent("4")]),
            new(ChatRole.User, "Thanks."),
        ];

        var error = await Assert.ThrowsAsync<NexLLMException>(() => Chat.GetResponseAsync(history, cancellationToken: TestCancellation));

        Assert.Equal(400, error.StatusCode);
        Assert.Equal("<nil>", error.ErrorType); // new-api's type for a relayed Anthropic error (docs/emulator.md#error-shapes)
        Assert.Equal(1, error.Attempts);
    }

    [Fact]
    public async Task PromptCaching_PutsCacheControlOnTheWire()
    {
        var weather = new Weather();
        var options = new ChatOptions { Instructions = "You are a weather assistant.", Tools = [weather.Function, weather.Time] }
            .WithClaudeSystemCaching()
            .WithClaudeToolCaching(NexLLMCacheTtl.OneHour)
            .WithClaudePromptCaching();
        ChatMessage longContext = new ChatMessage(ChatRole.User, "Here is a long document about weather stations.").WithClaudeCacheBreakpoint();

        await Chat.GetResponseAsync([longContext, new ChatMessage(ChatRole.User, "Summarise it.")], options, TestCancellation);

        JsonElement body = RequestsTo(Path)[^1].ParseJson();
        Assert.Equal("ephemeral", body.GetProperty("cache_control").GetProperty("type").GetString());
        Assert.Equal("ephemeral", body.GetProperty("system")[0].GetProperty("cache_control").GetProperty("type").GetString());
        JsonElement lastTool = body.GetProperty("tools").EnumerateArray().Last();
        Assert.Equal("1h", lastTool.GetProperty("cache_control").GetProperty("ttl").GetString());
        Assert.False(body.GetProperty("tools")[0].TryGetProperty("cache_control", out _));
        JsonElement userBlocks = body.GetProperty("messages")[0].GetProperty("content");
        Assert.Equal("ephemeral", userBlocks[0].GetProperty("cache_control").GetProperty("type").GetString());
        Assert.False(userBlocks[1].TryGetProperty("cache_control", out _));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task PauseTurn_IsItsOwnFinishReasonWithTheRawValueKept(bool streaming)
    {
        Emulator.Enqueue(new EmulatorReply { Text = "Still searching…", FinishReason = "pause_turn" });

        ChatResponse response = streaming
            ? await Chat.GetStreamingResponseAsync("Research this.", cancellationToken: TestCancellation).ToChatResponseAsync(TestCancellation)
            : await Chat.GetResponseAsync("Research this.", cancellationToken: TestCancellation);

        Assert.Equal(new ChatFinishReason("pause_turn"), response.FinishReason);
        Assert.Equal("Still searching…", response.Text);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Usage_CountsCacheReadsAndWritesAsInput(bool streaming)
    {
        Emulator.Enqueue(new EmulatorReply
        {
            Text = "Cached.",
            Usage = new EmulatorUsage { PromptTokens = 100, CompletionTokens = 12, CachedTokens = 60, CacheWriteTokens = 20 },
        });

        ChatResponse response = streaming
            ? await Chat.GetStreamingResponseAsync("Hi.", cancellationToken: TestCancellation).ToChatResponseAsync(TestCancellation)
            : await Chat.GetResponseAsync("Hi.", cancellationToken: TestCancellation);

        UsageDetails usage = Assert.IsType<UsageDetails>(response.Usage);
        Assert.Equal(100, usage.InputTokenCount);
        Assert.Equal(12, usage.OutputTokenCount);
        Assert.Equal(60, usage.CachedInputTokenCount);
        Assert.Equal(20, usage.AdditionalCounts?[NexLLMUsageCounts.CacheCreationInputTokens]);
        Assert.Equal(112, usage.TotalTokenCount);
    }

    [Fact]
    public async Task Overloaded529_IsRetried()
    {
        Emulator.Enqueue(EmulatorFault.ClaudeError(529, "overloaded_error", "Overloaded"));

        ChatResponse response = await Chat.GetResponseAsync("Hi.", cancellationToken: TestCancellation);

        Assert.False(string.IsNullOrEmpty(response.Text));
        Assert.Equal(2, RequestsTo(Path).Count);
    }

    [Fact]
    public async Task Headers_CarryTheKeyAsXApiKey_TheVersionAndTheBeta()
    {
        await Chat.GetResponseAsync("Hi.", new ChatOptions().WithClaudeBeta("context-1m-2025-08-07"), TestCancellation);

        EmulatorRequest request = RequestsTo(Path)[^1];
        Assert.Equal(Emulator.ApiKey, request.Headers["x-api-key"]);
        Assert.False(request.Headers.ContainsKey("authorization"));
        Assert.Equal("2023-06-01", request.Headers["anthropic-version"]);
        Assert.Equal("context-1m-2025-08-07", request.Headers["anthropic-beta"]);
    }
}
