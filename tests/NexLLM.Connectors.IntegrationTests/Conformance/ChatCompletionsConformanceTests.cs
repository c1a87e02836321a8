using System.Text.Json;

namespace NexLLM.Connectors.IntegrationTests.Conformance;

/// <summary>The shared chat conformance suite over <c>POST /v1/chat/completions</c>.</summary>
public sealed class ChatCompletionsConformanceTests : ChatConformanceTests
{
    protected override NexLLMChatProtocol Protocol => NexLLMChatProtocol.ChatCompletions;

    protected override string ChatPath => "/v1/chat/completions";

    protected override void AssertReasoningSentBack(JsonElement requestBody, string reasoning)
    {
        JsonElement assistant = requestBody.GetProperty("messages").EnumerateArray().Single(m => m.GetProperty("role").GetString() == "assistant");
        Assert.Equal(reasoning, assistant.GetProperty("reasoning_content").GetString());
    }
}
