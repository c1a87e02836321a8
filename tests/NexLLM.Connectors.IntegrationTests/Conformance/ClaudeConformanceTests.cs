using System.Text.Json;
using Microsoft.Extensions.AI;
using NexLLM.Connectors.Emulator;

namespace NexLLM.Connectors.IntegrationTests.Conformance;

/// <summary>The shared chat conformance suite over the Claude Messages format, <c>POST /v1/messages</c>.</summary>
public sealed class ClaudeConformanceTests : ChatConformanceTests
{
    protected override NexLLMChatProtocol Protocol => NexLLMChatProtocol.ClaudeMessages;

    protected override string Model => "claude-sonnet-4-5";

    protected override bool IsChatRequest(EmulatorRequest request) => request.Path == "/v1/messages";

    protected override string RawLengthFinishReason => "max_tokens";

    protected override int PreludeEvents => 3;

    /// <summary>Claude echoes thinking as a thinking block that keeps its signature.</summary>
    protected override void AssertReasoningSentBack(JsonElement requestBody, string reasoning)
    {
        JsonElement assistant = requestBody.GetProperty("messages").EnumerateArray().Single(m => m.GetProperty("role").GetString() == "assistant");
        JsonElement thinking = assistant.GetProperty("content").EnumerateArray().First();
        Assert.Equal("thinking", thinking.GetProperty("type").GetString());
        Assert.Equal(reasoning, thinking.GetProperty("thinking").GetString());
        Assert.False(string.IsNullOrEmpty(thinking.GetProperty("signature").GetString()));
    }

    /// <summary>Claude refuses in the text itself, with the stop reason <c>refusal</c>.</summary>
    protected override void AssertRefusal(ChatResponse response, string refusal)
    {
        Assert.Equal(ChatFinishReason.ContentFilter, response.FinishReason);
        Assert.Contains(refusal, response.Text, StringComparison.Ordinal);
    }
}
