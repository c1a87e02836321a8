using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Services;
using NexLLM.Connectors.SemanticKernel.Tests.TestSupport;

namespace NexLLM.Connectors.SemanticKernel.Tests;

/// <summary>A kernel built with each registration, on each protocol, runs prompts streamed and not.</summary>
public sealed class KernelPromptTests : EmulatorKernelTest
{
    public static TheoryData<Registration, NexLLMChatProtocol> EveryRegistrationAndProtocol()
    {
        var data = new TheoryData<Registration, NexLLMChatProtocol>();
        foreach (Registration registration in Enum.GetValues<Registration>())
        {
            foreach (NexLLMChatProtocol protocol in Enum.GetValues<NexLLMChatProtocol>())
            {
                data.Add(registration, protocol);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryRegistrationAndProtocol))]
    public async Task A_prompt_runs(Registration registration, NexLLMChatProtocol protocol)
    {
        Kernel kernel = Register(KernelBuilder(), registration, protocol).Build();

        FunctionResult result = await kernel.InvokePromptAsync("What is the capital of France?", cancellationToken: Ct);

        Assert.StartsWith("You asked about the capital of France.", result.ToString(), StringComparison.Ordinal);
        var request = Assert.Single(ChatRequests(protocol));
        Assert.Contains("What is the capital of France?", request.BodyText, StringComparison.Ordinal);
        Assert.Contains(ModelFor(protocol), request.Path + request.BodyText, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(EveryRegistrationAndProtocol))]
    public async Task A_prompt_streams_in_several_chunks(Registration registration, NexLLMChatProtocol protocol)
    {
        Kernel kernel = Register(KernelBuilder(), registration, protocol).Build();
        var chunks = new List<string>();

        await foreach (StreamingKernelContent chunk in kernel.InvokePromptStreamingAsync("What is the capital of France?", cancellationToken: Ct))
        {
            if (chunk.ToString() is { Length: > 0 } text)
            {
                chunks.Add(text);
            }
        }

        Assert.True(chunks.Count > 3, $"Expected several chunks, got {chunks.Count}.");
        Assert.StartsWith("You asked about the capital of France.", string.Concat(chunks), StringComparison.Ordinal);
        var request = Assert.Single(ChatRequests(protocol));
        Assert.True(
            request.Path.EndsWith(":streamGenerateContent", StringComparison.Ordinal) || request.BodyText.Contains("\"stream\":true", StringComparison.Ordinal),
            $"Not a streamed request: {request}");
    }

    [Theory]
    [InlineData(NexLLMChatProtocol.ChatCompletions)]
    [InlineData(NexLLMChatProtocol.ClaudeMessages)]
    [InlineData(NexLLMChatProtocol.GeminiGenerateContent)]
    public async Task The_chat_completion_service_keeps_a_chat_history(NexLLMChatProtocol protocol)
    {
        Kernel kernel = KernelBuilder().AddNexLLMChatCompletion(ModelFor(protocol), protocol).Build();
        IChatCompletionService chat = kernel.GetRequiredService<IChatCompletionService>();
        var history = new ChatHistory("You are terse.");
        history.AddUserMessage("Hello there!");

        ChatMessageContent first = await chat.GetChatMessageContentAsync(history, kernel: kernel, cancellationToken: Ct);
        history.Add(first);
        history.AddUserMessage("What is the capital of Italy?");
        var streamed = new List<string>();
        await foreach (StreamingChatMessageContent update in chat.GetStreamingChatMessageContentsAsync(history, kernel: kernel, cancellationToken: Ct))
        {
            streamed.Add(update.Content ?? "");
        }

        Assert.Equal(AuthorRole.Assistant, first.Role);
        Assert.False(string.IsNullOrWhiteSpace(first.Content));
        Assert.Contains("capital of Italy", string.Concat(streamed), StringComparison.Ordinal);
        Assert.Equal(ModelFor(protocol), chat.GetModelId());
        string second = ChatRequests(protocol)[1].BodyText;
        Assert.Contains("You are terse.", second, StringComparison.Ordinal);
        Assert.Contains(JsonText(first.Content!), second, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_chat_client_registration_answers_as_an_IChatClient_too()
    {
        Kernel kernel = KernelBuilder().AddNexLLMChatClient("gpt-4o-mini").Build();
        IChatClient chat = kernel.GetRequiredService<IChatClient>();

        ChatResponse response = await chat.GetResponseAsync("What is the capital of Spain?", cancellationToken: Ct);

        Assert.Contains("capital of Spain", response.Text, StringComparison.Ordinal);
        Assert.NotNull(chat.GetService<FunctionInvokingChatClient>());
        Assert.Equal("gpt-4o-mini", chat.GetService<ChatClientMetadata>()?.DefaultModelId);
    }

    /// <summary>How a string appears inside a JSON body (the emulator's replies hold no characters that need escaping beyond these).</summary>
    private static string JsonText(string text) => text.Replace("\"", "\\\"", StringComparison.Ordinal);
}
