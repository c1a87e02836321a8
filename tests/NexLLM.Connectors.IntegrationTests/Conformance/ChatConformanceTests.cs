using System.Text.Json;
using Microsoft.Extensions.AI;
using NexLLM.Connectors.Emulator;
using NexLLM.Connectors.IntegrationTests.TestSupport;

namespace NexLLM.Connectors.IntegrationTests.Conformance;

/// <summary>
/// What every chat protocol must do, end to end over loopback against the emulator. Each protocol subclasses this in a
/// few lines (protocol, model, path) and adds its own wire-specific tests beside it.
/// </summary>
public abstract partial class ChatConformanceTests : EmulatorTest
{
    protected const string WeatherQuestion = "What is the weather in Paris right now? Use the get_weather tool.";

    /// <summary>Gets the protocol under test.</summary>
    protected abstract NexLLMChatProtocol Protocol { get; }

    /// <summary>Gets the model the tests ask for.</summary>
    protected virtual string Model => "gpt-4o-mini";

    /// <summary>Gets a value indicating whether a recorded request is a chat request of this protocol.</summary>
    protected abstract bool IsChatRequest(EmulatorRequest request);

    /// <summary>
    /// Gets how many stream events precede the first content event (chat completions: the role chunk; Claude:
    /// message_start, ping and content_block_start). Stream faults count events, so tests add this to strike where they mean.
    /// </summary>
    protected virtual int PreludeEvents => 1;

    /// <summary>Gets the protocol's raw finish reason for an answer cut by the output token limit.</summary>
    protected abstract string RawLengthFinishReason { get; }

    /// <summary>Asserts that a recorded request body carries reasoning text back to the model.</summary>
    protected abstract void AssertReasoningSentBack(JsonElement requestBody, string reasoning);

    /// <summary>Asserts how the protocol surfaces a refusal.</summary>
    protected abstract void AssertRefusal(ChatResponse response, string refusal);

    protected IChatClient CreateChatClient(NexLLMClient? client = null) => (client ?? Client).GetChatClient(Model, Protocol);

    protected IChatClient CreateFunctionInvokingClient() => CreateChatClient().AsBuilder().UseFunctionInvocation().Build();

    protected IReadOnlyList<EmulatorRequest> ChatRequests() => Emulator.Requests.Where(IsChatRequest).ToList();

    protected JsonElement LastRequestBody() => ChatRequests()[^1].ParseJson();

    /// <summary>Asserts which model a recorded request asked for (in the body, or in the URL for Gemini).</summary>
    protected virtual void AssertModelRequested(EmulatorRequest request, string model) =>
        Assert.Equal(model, request.ParseJson().GetProperty("model").GetString());

    [Fact]
    public async Task GetResponse_ReturnsAnAnswerWithUsageIdsAndRequestId()
    {
        ChatResponse response = await CreateChatClient().GetResponseAsync("What is an LLM gateway?", cancellationToken: TestCancellation);

        Assert.False(string.IsNullOrWhiteSpace(response.Text));
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.NotNull(response.Usage);
        Assert.True(response.Usage.InputTokenCount > 0);
        Assert.True(response.Usage.OutputTokenCount > 0);
        Assert.False(string.IsNullOrEmpty(response.ResponseId));
        Assert.False(string.IsNullOrEmpty(response.ModelId));
        Assert.NotNull(response.RawRepresentation);
        Assert.Equal(Emulator.Requests[^1].RequestId, response.AdditionalProperties?["nexllm.request_id"]);
    }

    [Fact]
    public async Task GetStreamingResponse_YieldsSeveralUpdatesThatAddUpToTheNonStreamedAnswer()
    {
        IChatClient chat = CreateChatClient();
        const string Question = "Explain in two sentences what a connection pool is.";
        ChatResponse whole = await chat.GetResponseAsync(Question, cancellationToken: TestCancellation);

        List<ChatResponseUpdate> updates = await chat.GetStreamingResponseAsync(Question, cancellationToken: TestCancellation).ToListAsync(TestCancellation);

        Assert.True(updates.Count(u => u.Text.Length > 0) > 1, "the answer should arrive in several updates");
        Assert.Equal(whole.Text, string.Concat(updates.Select(u => u.Text)));
        ChatResponse combined = updates.ToChatResponse();
        Assert.Equal(ChatFinishReason.Stop, combined.FinishReason);
        Assert.NotNull(combined.Usage);
        Assert.True(combined.Usage.OutputTokenCount > 0);
        Assert.Equal(Emulator.Requests[^1].RequestId, updates[^1].AdditionalProperties?["nexllm.request_id"]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ScriptedReply_ArrivesExactlyWithItsReasoning(bool streaming)
    {
        Emulator.Enqueue(new EmulatorReply { Text = "Exactly this text, with ünïcödé and \"quotes\".", Reasoning = "First I think, then I answer." });

        ChatResponse response = await GetAsync(CreateChatClient(), [new(ChatRole.User, "Say it.")], new ChatOptions { Reasoning = new() { Effort = ReasoningEffort.Medium, Output = ReasoningOutput.Summary } }, streaming);

        Assert.Equal("Exactly this text, with ünïcödé and \"quotes\".", response.Text);
        string reasoning = string.Concat(response.Messages.SelectMany(m => m.Contents).OfType<TextReasoningContent>().Select(r => r.Text));
        Assert.Equal("First I think, then I answer.", reasoning);
    }

    [Fact]
    public async Task Reasoning_IsSentBackOnTheNextTurn()
    {
        Emulator.Enqueue(new EmulatorReply { Text = "Four.", Reasoning = "Two plus two is four." });
        IChatClient chat = CreateChatClient();
        List<ChatMessage> history = [new(ChatRole.User, "What is 2+2?")];
        ChatResponse first = await chat.GetResponseAsync(history, new ChatOptions { Reasoning = new() { Effort = ReasoningEffort.Low, Output = ReasoningOutput.Summary } }, TestCancellation);
        history.AddMessages(first);
        history.Add(new ChatMessage(ChatRole.User, "And times two?"));

        await chat.GetResponseAsync(history, new ChatOptions { Reasoning = new() { Effort = ReasoningEffort.Low, Output = ReasoningOutput.Summary } }, TestCancellation);

        AssertReasoningSentBack(LastRequestBody(), "Two plus two is four.");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task FunctionInvocation_RunsTheToolAndAnswersWithItsResult(bool streaming)
    {
        var weather = new Weather();

        ChatResponse response = await GetAsync(CreateFunctionInvokingClient(), [new(ChatRole.User, WeatherQuestion)], new ChatOptions { Tools = [weather.Function] }, streaming);

        Assert.Equal(["Paris"], weather.Cities);
        Assert.Contains("18 degrees and sunny in Paris", response.Text, StringComparison.Ordinal);
        Assert.Equal(2, ChatRequests().Count);
        Assert.Contains(response.Messages, m => m.Contents.OfType<FunctionCallContent>().Any(c => c.Name == "get_weather"));
        Assert.Contains(response.Messages, m => m.Contents.OfType<FunctionResultContent>().Any());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ToolCall_IsReturnedWithParsedArgumentsAndFinishReason(bool streaming)
    {
        var weather = new Weather();

        ChatResponse response = await GetAsync(CreateChatClient(), [new(ChatRole.User, WeatherQuestion)], new ChatOptions { Tools = [weather.Function] }, streaming);

        FunctionCallContent call = Assert.Single(response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
        Assert.Equal("get_weather", call.Name);
        Assert.False(string.IsNullOrEmpty(call.CallId));
        Assert.Equal("Paris", call.Arguments?["city"]?.ToString());
        Assert.Equal(ChatFinishReason.ToolCalls, response.FinishReason);
    }

    [Fact]
    public async Task ParallelToolCalls_AreAllInvoked()
    {
        var tools = new Weather();

        ChatResponse response = await CreateFunctionInvokingClient().GetResponseAsync(
            "Use get_weather for the weather in Paris and get_time for the current time.",
            new ChatOptions { Tools = [tools.Function, tools.Time] },
            TestCancellation);

        Assert.Equal(["Paris"], tools.Cities);
        List<FunctionCallContent> calls = response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().ToList();
        Assert.Equal(["get_time", "get_weather"], calls.Select(c => c.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ToolModeNone_PreventsACall()
    {
        var weather = new Weather();

        ChatResponse response = await CreateFunctionInvokingClient().GetResponseAsync(
            WeatherQuestion, new ChatOptions { Tools = [weather.Function], ToolMode = ChatToolMode.None }, TestCancellation);

        Assert.Empty(weather.Cities);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
    }

    [Fact]
    public async Task ToolModeRequireSpecific_ForcesThatCall()
    {
        var tools = new Weather();

        ChatResponse response = await CreateChatClient().GetResponseAsync(
            "Hello there.", new ChatOptions { Tools = [tools.Function, tools.Time], ToolMode = ChatToolMode.RequireSpecific("get_time") }, TestCancellation);

        FunctionCallContent call = Assert.Single(response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
        Assert.Equal("get_time", call.Name);
    }

    [Fact]
    public async Task MaxOutputTokens_EndsWithLength()
    {
        ChatResponse response = await CreateChatClient().GetResponseAsync(
            "Write a long essay about the history of computing.", new ChatOptions { MaxOutputTokens = 5 }, TestCancellation);

        Assert.Equal(ChatFinishReason.Length, response.FinishReason);
        Assert.Equal(RawLengthFinishReason, response.AdditionalProperties?["nexllm.finish_reason"]);
        Assert.True(response.Usage?.OutputTokenCount <= 5);
    }

    [Fact]
    public async Task MaxOutputTokens_EndsWithLength_InAStream()
    {
        List<ChatResponseUpdate> updates = await CreateChatClient()
            .GetStreamingResponseAsync("Write a long essay about the history of computing.", new ChatOptions { MaxOutputTokens = 5 }, TestCancellation)
            .ToListAsync(TestCancellation);

        ChatResponseUpdate finish = Assert.Single(updates, u => u.FinishReason is not null);
        Assert.Equal(ChatFinishReason.Length, finish.FinishReason);
        Assert.Equal(RawLengthFinishReason, finish.AdditionalProperties?["nexllm.finish_reason"]);
        Assert.True(updates.ToChatResponse().Usage?.OutputTokenCount <= 5);
    }

    [Fact]
    public async Task JsonSchemaOutput_IsValidJsonOfThatShape()
    {
        JsonElement schema = JsonDocument.Parse("""{"type":"object","properties":{"city":{"type":"string"},"temperature":{"type":"number"}},"required":["city","temperature"]}""").RootElement;

        ChatResponse response = await CreateChatClient().GetResponseAsync(
            "Give me the weather in Paris as JSON.",
            new ChatOptions { ResponseFormat = ChatResponseFormat.ForJsonSchema(schema, "weather") },
            TestCancellation);

        using JsonDocument answer = JsonDocument.Parse(response.Text);
        Assert.Equal(JsonValueKind.String, answer.RootElement.GetProperty("city").ValueKind);
        Assert.Equal(JsonValueKind.Number, answer.RootElement.GetProperty("temperature").ValueKind);
    }

    [Fact]
    public async Task AdditionalProperties_ReachTheWireAsTopLevelFields()
    {
        var options = new ChatOptions { AdditionalProperties = new() { ["user"] = "user-42", ["nexllm.reserved"] = "never sent" } };

        await CreateChatClient().GetResponseAsync("Hi.", options, TestCancellation);

        JsonElement body = LastRequestBody();
        Assert.Equal("user-42", body.GetProperty("user").GetString());
        Assert.False(body.TryGetProperty("nexllm.reserved", out _));
    }

    [Fact]
    public async Task ModelIdInOptions_OverridesTheClientsModel()
    {
        ChatResponse response = await CreateChatClient().GetResponseAsync("Hi.", new ChatOptions { ModelId = "gpt-4.1" }, TestCancellation);

        AssertModelRequested(ChatRequests()[^1], "gpt-4.1");
        Assert.Equal("gpt-4.1", response.ModelId);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Refusal_IsSurfacedAsTheProtocolDefines(bool streaming)
    {
        Emulator.Enqueue(new EmulatorReply { Refusal = "I can't help with that." });

        ChatResponse response = await GetAsync(CreateChatClient(), [new(ChatRole.User, "Something bad.")], null, streaming);

        AssertRefusal(response, "I can't help with that.");
    }

    [Fact]
    public async Task ScriptedUsage_IsNormalised()
    {
        Emulator.Enqueue(new EmulatorReply
        {
            Text = "Cached answer.",
            Reasoning = "thinking",
            Usage = new EmulatorUsage { PromptTokens = 100, CompletionTokens = 40, CachedTokens = 60, ReasoningTokens = 25 },
        });

        ChatResponse response = await CreateChatClient().GetResponseAsync("Hi.", new ChatOptions { Reasoning = new() { Effort = ReasoningEffort.High, Output = ReasoningOutput.Summary } }, TestCancellation);

        UsageDetails usage = Assert.IsType<UsageDetails>(response.Usage);
        Assert.Equal(100, usage.InputTokenCount);
        Assert.Equal(40, usage.OutputTokenCount);
        Assert.Equal(60, usage.CachedInputTokenCount);
        Assert.Equal(25, usage.ReasoningTokenCount);
        Assert.Equal(140, usage.TotalTokenCount);
    }

    protected static async Task<ChatResponse> GetAsync(IChatClient chat, IList<ChatMessage> messages, ChatOptions? options, bool streaming) =>
        streaming
            ? await chat.GetStreamingResponseAsync(messages, options, TestCancellation).ToChatResponseAsync(TestCancellation)
            : await chat.GetResponseAsync(messages, options, TestCancellation);
}
