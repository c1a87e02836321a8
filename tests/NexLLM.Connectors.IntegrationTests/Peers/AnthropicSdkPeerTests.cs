using System.Net;
using System.Text;
using System.Text.Json;
using Anthropic;
using Anthropic.Core;
using Anthropic.Exceptions;
using Anthropic.Models.Messages;
using NexLLM.Connectors.Emulator;
using NexLLM.Connectors.IntegrationTests.TestSupport;

namespace NexLLM.Connectors.IntegrationTests.Peers;

/// <summary>
/// The official Anthropic .NET SDK drives the emulator's <c>POST /v1/messages</c>: proof that the emulator speaks the
/// real Messages protocol (docs/protocols/claude-messages.md) — whole and streamed messages, tool use, thinking signatures that survive the
/// round trip, and errors — not just what our own client expects.
/// </summary>
public sealed class AnthropicSdkPeerTests : EmulatorTest
{
    private const string Model = "claude-sonnet-4-5";
    private const string WeatherQuestion = "What is the weather in Paris? Use the get_weather tool.";

    // The SDK appends /v1/messages to its base URL; no retries, so every assertion sees the first answer.
    private AnthropicClient CreateSdkClient() =>
        new(new ClientOptions { ApiKey = Emulator.ApiKey, BaseUrl = Emulator.BaseAddress.ToString().TrimEnd('/'), MaxRetries = 0 });

    [Fact]
    public async Task PlainMessage()
    {
        using AnthropicClient client = CreateSdkClient();
        Message message = await client.Messages.Create(Params([new UserMessageParam("What is an LLM gateway?")]), TestCancellation);

        Assert.StartsWith("msg_", message.ID, StringComparison.Ordinal);
        Assert.Equal(Model, message.Model.Raw());
        Assert.Equal(StopReason.EndTurn, message.StopReason!.Value());
        Assert.Null(message.StopSequence);
        Assert.False(string.IsNullOrWhiteSpace(TextOf(message)));
        Assert.True(message.Usage.InputTokens > 0);
        Assert.True(message.Usage.OutputTokens > 0);
        Assert.Equal(0, message.Usage.CacheReadInputTokens);

        EmulatorRequest request = Assert.Single(RequestsTo("/v1/messages"));
        Assert.Equal(Model, request.ParseJson().GetProperty("model").GetString());
        Assert.Equal("Bearer " + Emulator.ApiKey, request.Headers["authorization"]); // this SDK version sends ApiKey as a Bearer token
        Assert.True(request.Headers.ContainsKey("anthropic-version")); // any version is accepted, as by new-api
    }

    [Fact]
    public async Task XApiKey_IsAcceptedAndWinsOverAuthorization()
    {
        // new-api copies x-api-key over Authorization on /v1/messages (docs/protocols/gateway.md#authentication): a wrong Bearer token does not matter.
        using var client = new AnthropicClient(new ClientOptions
        {
            ApiKey = "sk-notthekey",
            BaseUrl = Emulator.BaseAddress.ToString().TrimEnd('/'),
            MaxRetries = 0,
            ExtraHeaders = new Dictionary<string, string> { ["x-api-key"] = Emulator.ApiKey, ["anthropic-beta"] = "interleaved-thinking-2025-05-14" },
        });

        Message message = await client.Messages.Create(Params([new UserMessageParam("Hello")]), TestCancellation);

        Assert.Equal(StopReason.EndTurn, message.StopReason!.Value());
        Assert.Equal(Emulator.ApiKey, RequestsTo("/v1/messages")[^1].Headers["x-api-key"]);
    }

    [Fact]
    public async Task StreamedMessage_ArrivesInSeveralTextDeltasWithStopReasonAndUsage()
    {
        using AnthropicClient client = CreateSdkClient();
        const string Question = "Explain in two sentences what a connection pool is.";
        Message whole = await client.Messages.Create(Params([new UserMessageParam(Question)]), TestCancellation);

        var text = new StringBuilder();
        int textDeltas = 0;
        string? messageId = null;
        StopReason? stopReason = null;
        long outputTokens = 0;
        await foreach (RawMessageStreamEvent streamEvent in client.Messages.CreateStreaming(Params([new UserMessageParam(Question)]), TestCancellation))
        {
            if (streamEvent.TryPickStart(out RawMessageStartEvent? start))
            {
                messageId = start.Message.ID;
            }
            else if (streamEvent.TryPickContentBlockDelta(out RawContentBlockDeltaEvent? delta) && delta.Delta.TryPickText(out TextDelta? textDelta))
            {
                textDeltas++;
                text.Append(textDelta.Text);
            }
            else if (streamEvent.TryPickDelta(out RawMessageDeltaEvent? messageDelta))
            {
                stopReason = messageDelta.Delta.StopReason?.Value();
                outputTokens = messageDelta.Usage.OutputTokens;
            }
        }

        Assert.True(textDeltas > 2, $"the text should arrive in several deltas, got {textDeltas}");
        Assert.Equal(TextOf(whole), text.ToString());
        Assert.StartsWith("msg_", messageId, StringComparison.Ordinal);
        Assert.Equal(StopReason.EndTurn, stopReason);
        Assert.Equal(whole.Usage.OutputTokens, outputTokens);
    }

    [Fact]
    public async Task ToolUseRoundTrip_StreamedToolInputThenAnAnswerThatUsesTheResult()
    {
        using AnthropicClient client = CreateSdkClient();
        List<MessageParam> history = [new UserMessageParam(WeatherQuestion)];

        // The SDK's own aggregator rebuilds the tool input from the input_json_delta fragments.
        Message first = await client.Messages.CreateStreaming(Params(history, withTools: true), TestCancellation).Aggregate();

        Assert.Equal(StopReason.ToolUse, first.StopReason!.Value());
        ToolUseBlock toolUse = Assert.Single(first.Content.Select(b => b.Value).OfType<ToolUseBlock>());
        Assert.StartsWith("toolu_", toolUse.ID, StringComparison.Ordinal);
        Assert.Equal("get_weather", toolUse.Name);
        Assert.Equal("Paris", toolUse.Input["city"].GetString());

        history.Add(new AssistantMessageParam(first.Content.Select(ToParam).ToList()));
        history.Add(new UserMessageParam(new List<ContentBlockParam> { new ToolResultBlockParam(toolUse.ID) { Content = "18 degrees and sunny" } }));
        Message second = await client.Messages.Create(Params(history, withTools: true), TestCancellation);

        Assert.Equal(StopReason.EndTurn, second.StopReason!.Value());
        Assert.Contains("get_weather returned: 18 degrees and sunny", TextOf(second), StringComparison.Ordinal);
        JsonElement sentBack = RequestsTo("/v1/messages")[^1].ParseJson().GetProperty("messages")[2].GetProperty("content")[0];
        Assert.Equal(toolUse.ID, sentBack.GetProperty("tool_use_id").GetString());
    }

    [Fact]
    public async Task Thinking_IsSignedEchoedBackByTheSdkAndAccepted()
    {
        using AnthropicClient client = CreateSdkClient();
        List<MessageParam> history = [new UserMessageParam(WeatherQuestion)];

        Message first = await client.Messages.Create(Params(history, withTools: true, thinking: true), TestCancellation);

        Assert.Equal(StopReason.ToolUse, first.StopReason!.Value());
        ThinkingBlock thinking = Assert.IsType<ThinkingBlock>(first.Content[0].Value);
        Assert.Contains("get_weather", thinking.Thinking, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(thinking.Signature));
        Assert.True(first.Usage.OutputTokensDetails?.ThinkingTokens > 0);

        history.Add(new AssistantMessageParam(first.Content.Select(ToParam).ToList()));
        ToolUseBlock toolUse = Assert.Single(first.Content.Select(b => b.Value).OfType<ToolUseBlock>());
        history.Add(new UserMessageParam(new List<ContentBlockParam> { new ToolResultBlockParam(toolUse.ID) { Content = "18 degrees and sunny" } }));
        Message second = await client.Messages.Create(Params(history, withTools: true, thinking: true), TestCancellation);

        Assert.Contains("18 degrees and sunny", TextOf(second), StringComparison.Ordinal);
        JsonElement echoed = RequestsTo("/v1/messages")[^1].ParseJson().GetProperty("messages")[1].GetProperty("content")[0];
        Assert.Equal("thinking", echoed.GetProperty("type").GetString());
        Assert.Equal(thinking.Thinking, echoed.GetProperty("thinking").GetString());
        Assert.Equal(thinking.Signature, echoed.GetProperty("signature").GetString());
    }

    [Fact]
    public async Task StreamedThinking_EndsWithASignatureDeltaThatTheNextTurnAccepts()
    {
        using AnthropicClient client = CreateSdkClient();
        List<MessageParam> history = [new UserMessageParam("Why is the sky blue?")];
        var thinkingDeltas = 0;
        string? streamedSignature = null;
        var events = new List<RawMessageStreamEvent>();
        await foreach (RawMessageStreamEvent streamEvent in client.Messages.CreateStreaming(Params(history, thinking: true), TestCancellation))
        {
            events.Add(streamEvent);
            if (streamEvent.TryPickContentBlockDelta(out RawContentBlockDeltaEvent? delta))
            {
                thinkingDeltas += delta.Delta.TryPickThinking(out _) ? 1 : 0;
                streamedSignature = delta.Delta.TryPickSignature(out SignatureDelta? signature) ? signature.Signature : streamedSignature;
            }
        }

        Message first = await events.ToAsyncEnumerable().Aggregate();
        ThinkingBlock thinking = Assert.IsType<ThinkingBlock>(first.Content[0].Value);
        Assert.True(thinkingDeltas > 1, $"thinking should arrive in several deltas, got {thinkingDeltas}");
        Assert.Equal(streamedSignature, thinking.Signature);

        history.Add(new AssistantMessageParam(first.Content.Select(ToParam).ToList()));
        history.Add(new UserMessageParam("And at sunset?"));
        Message second = await client.Messages.Create(Params(history, thinking: true), TestCancellation);

        Assert.Equal(StopReason.EndTurn, second.StopReason!.Value());
    }

    [Fact]
    public async Task AlteredThinking_IsRejectedWith400InvalidSignature()
    {
        using AnthropicClient client = CreateSdkClient();
        List<MessageParam> history = [new UserMessageParam("Why is the sky blue?")];
        Message first = await client.Messages.Create(Params(history, thinking: true), TestCancellation);
        ThinkingBlock thinking = Assert.IsType<ThinkingBlock>(first.Content[0].Value);

        var altered = new List<ContentBlockParam> { new ThinkingBlockParam { Thinking = thinking.Thinking + " (edited)", Signature = thinking.Signature } };
        altered.AddRange(first.Content.Skip(1).Select(ToParam));
        history.Add(new AssistantMessageParam(altered));
        history.Add(new UserMessageParam("And at sunset?"));
        var error = await Assert.ThrowsAnyAsync<AnthropicApiException>(() => client.Messages.Create(Params(history, thinking: true), TestCancellation));

        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Contains("Invalid `signature` in `thinking` block", error.ResponseBody, StringComparison.Ordinal);
        Assert.Contains("""{"type":"error","error":{"type":"\u003cnil\u003e",""", error.ResponseBody, StringComparison.Ordinal); // as new-api relays it (docs/emulator.md#error-shapes)
    }

    [Fact]
    public async Task ScriptedUsageAndStopReason_AreClaudeShaped()
    {
        Emulator.Enqueue(EmulatorReply.FromText("Paused.") with
        {
            FinishReason = "pause_turn",
            Usage = new EmulatorUsage { PromptTokens = 100, CachedTokens = 60, CacheWriteTokens = 10, CompletionTokens = 40 },
        });
        using AnthropicClient client = CreateSdkClient();

        Message message = await client.Messages.Create(Params([new UserMessageParam("Hello")]), TestCancellation);

        Assert.Equal(StopReason.PauseTurn, message.StopReason!.Value());
        Assert.Equal(30, message.Usage.InputTokens); // input_tokens excludes cache reads and writes (docs/protocols/claude-messages.md)
        Assert.Equal(60, message.Usage.CacheReadInputTokens);
        Assert.Equal(10, message.Usage.CacheCreationInputTokens);
        Assert.Equal(10, message.Usage.CacheCreation?.Ephemeral5mInputTokens);
        Assert.Equal(40, message.Usage.OutputTokens);
    }

    [Fact]
    public async Task Overloaded529_IsTheSdksOverloadedError()
    {
        Emulator.Enqueue(EmulatorFault.ClaudeError(529, "overloaded_error", "Overloaded"));

        using AnthropicClient client = CreateSdkClient();
        var error = await Assert.ThrowsAnyAsync<AnthropicOverloadedException>(() => client.Messages.Create(Params([new UserMessageParam("Hello")]), TestCancellation));

        Assert.Contains("overloaded_error", error.ResponseBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ErrorEventMidStream_IsRaisedByTheSdk()
    {
        Emulator.Enqueue(EmulatorReply.FromText("one two three four five six seven eight nine ten"), EmulatorFault.StreamError(4));

        using AnthropicClient client = CreateSdkClient();
        var error = await Assert.ThrowsAsync<AnthropicSseException>(async () =>
        {
            await foreach (RawMessageStreamEvent _ in client.Messages.CreateStreaming(Params([new UserMessageParam("Count.")]), TestCancellation))
            {
            }
        });

        Assert.Contains("overloaded_error", error.Message, StringComparison.Ordinal);
    }

    private static MessageCreateParams Params(IReadOnlyList<MessageParam> messages, bool withTools = false, bool thinking = false)
    {
        var parameters = new MessageCreateParams { Model = Model, MaxTokens = 2048, Messages = messages };
        if (withTools)
        {
            parameters = parameters with { Tools = [WeatherTool()] };
        }

        return thinking ? parameters with { Thinking = new ThinkingConfigEnabled(1024) } : parameters;
    }

    private static Tool WeatherTool() => new()
    {
        Name = "get_weather",
        Description = "Gets the current weather for a city.",
        InputSchema = new InputSchema
        {
            Properties = new Dictionary<string, JsonElement> { ["city"] = JsonSerializer.SerializeToElement(new { type = "string" }) },
            Required = ["city"],
        },
    };

    private static string TextOf(Message message) => string.Concat(message.Content.Select(b => b.Value).OfType<TextBlock>().Select(t => t.Text));

    // A response block sent back unchanged on the next turn, as Anthropic requires for thinking and tool use.
    private static ContentBlockParam ToParam(ContentBlock block) => block.Value switch
    {
        ThinkingBlock thinking => new ThinkingBlockParam { Thinking = thinking.Thinking, Signature = thinking.Signature },
        ToolUseBlock toolUse => new ToolUseBlockParam { ID = toolUse.ID, Name = toolUse.Name, Input = toolUse.Input },
        TextBlock text => new TextBlockParam { Text = text.Text },
        var other => throw new InvalidOperationException($"Unexpected block {other?.GetType().Name}."),
    };
}
