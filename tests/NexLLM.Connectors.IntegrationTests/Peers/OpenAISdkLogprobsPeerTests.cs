using System.ClientModel;
using System.Text.Json;
using NexLLM.Connectors.Emulator;
using NexLLM.Connectors.IntegrationTests.TestSupport;
using OpenAI;
using OpenAI.Chat;

namespace NexLLM.Connectors.IntegrationTests.Peers;

/// <summary>
/// The official OpenAI .NET SDK reads the emulator's <c>logprobs</c> and <c>n</c> answers (docs/emulator.md#honoured-in-both-modes),
/// against a strict emulator.
/// </summary>
public sealed class OpenAISdkLogprobsPeerTests : EmulatorTest
{
    protected override NexLLMEmulatorOptions ConfigureEmulator(NexLLMEmulatorOptions options)
    {
        options.Strict = true;
        return options;
    }

    private ChatClient CreateSdkClient() =>
        new("gpt-4o-mini", new ApiKeyCredential(Emulator.ApiKey), new OpenAIClientOptions { Endpoint = Emulator.Endpoint });

    [Fact]
    public async Task Logprobs_AreReadByTheSdk()
    {
        var options = new ChatCompletionOptions { IncludeLogProbabilities = true, TopLogProbabilityCount = 2 };

        ChatCompletion completion = await CreateSdkClient().CompleteChatAsync([new UserChatMessage("What is an LLM gateway?")], options, TestCancellation);

        Assert.NotEmpty(completion.ContentTokenLogProbabilities);
        Assert.Equal(completion.Content[0].Text, string.Concat(completion.ContentTokenLogProbabilities.Select(t => t.Token)));
        Assert.All(completion.ContentTokenLogProbabilities, t => Assert.Equal(2, t.TopLogProbabilities.Count));
        Assert.All(completion.ContentTokenLogProbabilities, t => Assert.Equal(t.Token, t.TopLogProbabilities[0].Token));
    }

    [Fact]
    public async Task StreamedLogprobs_AreReadByTheSdk()
    {
        var options = new ChatCompletionOptions { IncludeLogProbabilities = true, TopLogProbabilityCount = 1 };
        var text = new System.Text.StringBuilder();
        var tokens = new System.Text.StringBuilder();

        await foreach (StreamingChatCompletionUpdate update in CreateSdkClient().CompleteChatStreamingAsync([new UserChatMessage("What is an LLM gateway?")], options, TestCancellation))
        {
            text.AppendJoin("", update.ContentUpdate.Select(p => p.Text));
            tokens.AppendJoin("", update.ContentTokenLogProbabilities.Select(t => t.Token));
        }

        Assert.NotEqual(0, text.Length);
        Assert.Equal(text.ToString(), tokens.ToString());
    }

    [Fact]
    public async Task NChoices_AreAnsweredAndTheSdkReadsTheFirst()
    {
        // The SDK keeps n internal (its ChatCompletion exposes one choice); its JSON patch is the way to send it.
        var options = new ChatCompletionOptions();
#pragma warning disable SCME0001 // Patch is marked for evaluation; a test may use it.
        options.Patch.Set("$.n"u8, 2);
#pragma warning restore SCME0001

        ClientResult<ChatCompletion> result = await CreateSdkClient().CompleteChatAsync([new UserChatMessage("What is an LLM gateway?")], options, TestCancellation);

        using JsonDocument raw = JsonDocument.Parse(result.GetRawResponse().Content);
        JsonElement[] choices = [.. raw.RootElement.GetProperty("choices").EnumerateArray()];
        Assert.Equal(2, choices.Length);
        Assert.Equal(choices[0].GetProperty("message").GetProperty("content").GetString(), result.Value.Content[0].Text);
        Assert.Equal(2, RequestsTo("/v1/chat/completions")[0].ParseJson().GetProperty("n").GetInt32());
    }
}
