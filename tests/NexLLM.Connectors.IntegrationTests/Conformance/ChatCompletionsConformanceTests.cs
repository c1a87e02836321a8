using System.Text.Json;
using Microsoft.Extensions.AI;
using NexLLM.Connectors.Emulator;

namespace NexLLM.Connectors.IntegrationTests.Conformance;

/// <summary>The shared chat conformance suite over <c>POST /v1/chat/completions</c>.</summary>
public sealed class ChatCompletionsConformanceTests : ChatConformanceTests
{
    protected override NexLLMChatProtocol Protocol => NexLLMChatProtocol.ChatCompletions;

    protected override bool IsChatRequest(EmulatorRequest request) => request.Path == "/v1/chat/completions";

    protected override string RawLengthFinishReason => "length";

    /// <summary>Chat completions carry a refusal in its own field, next to a normal finish reason.</summary>
    protected override void AssertRefusal(ChatResponse response, string refusal)
    {
        ErrorContent error = Assert.Single(response.Messages.SelectMany(m => m.Contents).OfType<ErrorContent>());
        Assert.Equal(refusal, error.Message);
        Assert.Equal("Refusal", error.ErrorCode);
        Assert.Equal(string.Empty, response.Text);
    }

    protected override void AssertReasoningSentBack(JsonElement requestBody, string reasoning)
    {
        JsonElement assistant = requestBody.GetProperty("messages").EnumerateArray().Single(m => m.GetProperty("role").GetString() == "assistant");
        Assert.Equal(reasoning, assistant.GetProperty("reasoning_content").GetString());
    }
}
