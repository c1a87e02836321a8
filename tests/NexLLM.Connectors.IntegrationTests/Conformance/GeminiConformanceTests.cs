using System.Text.Json;
using Microsoft.Extensions.AI;
using NexLLM.Connectors.Emulator;

namespace NexLLM.Connectors.IntegrationTests.Conformance;

/// <summary>The shared chat conformance suite over Gemini's native <c>generateContent</c> / <c>streamGenerateContent</c>.</summary>
public sealed class GeminiConformanceTests : ChatConformanceTests
{
    protected override NexLLMChatProtocol Protocol => NexLLMChatProtocol.GeminiGenerateContent;

    protected override string Model => "gemini-2.5-flash";

    protected override string RawLengthFinishReason => "MAX_TOKENS";

    protected override int PreludeEvents => 0;

    protected override bool IsChatRequest(EmulatorRequest request) =>
        request.Path.StartsWith("/v1beta/models/", StringComparison.Ordinal) && request.Path.Contains("enerateContent", StringComparison.Ordinal);

    /// <summary>The model is part of the URL, never of the body.</summary>
    protected override void AssertModelRequested(EmulatorRequest request, string model)
    {
        Assert.StartsWith($"/v1beta/models/{model}:", request.Path, StringComparison.Ordinal);
        Assert.False(request.ParseJson().TryGetProperty("model", out _));
    }

    /// <summary>Gemini echoes thoughts as thought parts of the model turn, each with its signature.</summary>
    protected override void AssertReasoningSentBack(JsonElement requestBody, string reasoning)
    {
        JsonElement model = requestBody.GetProperty("contents").EnumerateArray().Single(c => c.GetProperty("role").GetString() == "model");
        JsonElement thought = model.GetProperty("parts").EnumerateArray().First(p => p.TryGetProperty("thought", out JsonElement t) && t.GetBoolean());
        Assert.Equal(reasoning, thought.GetProperty("text").GetString());
        Assert.False(string.IsNullOrEmpty(thought.GetProperty("thoughtSignature").GetString()));
    }

    /// <summary>Gemini has no refusal field: the model declines in text, and a safety stop is a content filter.</summary>
    protected override void AssertRefusal(ChatResponse response, string refusal)
    {
        Assert.Contains(refusal, response.Text, StringComparison.Ordinal);
        Assert.Equal(ChatFinishReason.ContentFilter, response.FinishReason);
    }
}
