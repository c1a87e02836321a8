using System.ClientModel;
using NexLLM.Connectors.IntegrationTests.TestSupport;
using OpenAI;
using OpenAI.Chat;

namespace NexLLM.Connectors.IntegrationTests.Peers;

/// <summary>
/// The official OpenAI .NET SDK drives the emulator: proof that the emulator speaks the real chat-completions protocol,
/// not just what our own client expects.
/// </summary>
public sealed class OpenAISdkPeerTests : EmulatorTest
{
    private ChatClient CreateSdkClient() =>
        new("gpt-4o-mini", new ApiKeyCredential(Emulator.ApiKey), new OpenAIClientOptions { Endpoint = Emulator.Endpoint });

    [Fact]
    public async Task PlainCompletion()
    {
        ChatCompletion completion = await CreateSdkClient().CompleteChatAsync([new UserChatMessage("What is an LLM gateway?")], cancellationToken: TestCancellation);

        Assert.Equal(ChatFinishReason.Stop, completion.FinishReason);
        Assert.False(string.IsNullOrWhiteSpace(completion.Content[0].Text));
        Assert.True(completion.Usage.InputTokenCount > 0);
        Assert.True(completion.Usage.OutputTokenCount > 0);
        Assert.StartsWith("chatcmpl-", completion.Id, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StreamingCompletion()
    {
        var text = new System.Text.StringBuilder();
        ChatFinishReason? finish = null;
        ChatTokenUsage? usage = null;
        int updates = 0;
        await foreach (StreamingChatCompletionUpdate update in CreateSdkClient().CompleteChatStreamingAsync(
            [new UserChatMessage("Explain streaming in two sentences.")],
            new ChatCompletionOptions(),
            TestCancellation))
        {
            updates++;
            foreach (ChatMessageContentPart part in update.ContentUpdate)
            {
                text.Append(part.Text);
            }

            finish ??= update.FinishReason;
            usage ??= update.Usage;
        }

        Assert.True(updates > 2);
        Assert.False(string.IsNullOrWhiteSpace(text.ToString()));
        Assert.Equal(ChatFinishReason.Stop, finish);
        Assert.NotNull(usage);
    }

    [Fact]
    public async Task ToolCallRoundTrip()
    {
        ChatTool weather = ChatTool.CreateFunctionTool(
            "get_weather",
            "Gets the current weather for a city.",
            BinaryData.FromString("""{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}"""));
        var options = new ChatCompletionOptions { Tools = { weather } };
        List<ChatMessage> messages = [new UserChatMessage("What is the weather in Paris? Use the get_weather tool.")];

        ChatCompletion first = await CreateSdkClient().CompleteChatAsync(messages, options, TestCancellation);

        Assert.Equal(ChatFinishReason.ToolCalls, first.FinishReason);
        ChatToolCall call = Assert.Single(first.ToolCalls);
        Assert.Equal("get_weather", call.FunctionName);
        using (var arguments = System.Text.Json.JsonDocument.Parse(call.FunctionArguments))
        {
            Assert.Equal("Paris", arguments.RootElement.GetProperty("city").GetString());
        }

        messages.Add(new AssistantChatMessage(first));
        messages.Add(new ToolChatMessage(call.Id, "18 degrees and sunny"));
        ChatCompletion second = await CreateSdkClient().CompleteChatAsync(messages, options, TestCancellation);

        Assert.Equal(ChatFinishReason.Stop, second.FinishReason);
        Assert.Contains("18 degrees and sunny", second.Content[0].Text, StringComparison.Ordinal);
    }
}
