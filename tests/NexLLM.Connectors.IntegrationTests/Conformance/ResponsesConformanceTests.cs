using System.Text.Json;
using Microsoft.Extensions.AI;
using NexLLM.Connectors.Emulator;

namespace NexLLM.Connectors.IntegrationTests.Conformance;

/// <summary>The shared chat conformance suite over the Responses API, <c>POST /v1/responses</c> (stateless, the default).</summary>
public sealed class ResponsesConformanceTests : ChatConformanceTests
{
    protected override NexLLMChatProtocol Protocol => NexLLMChatProtocol.Responses;

    /// <summary>A reasoning model: the suite asks for reasoning, which a model without it refuses over this API (docs/protocols/responses.md#gotchas).</summary>
    protected override string Model => "o4-mini";

    protected override bool IsChatRequest(EmulatorRequest request) => request.Path == "/v1/responses";

    protected override string RawLengthFinishReason => "max_output_tokens";

    /// <summary>
    /// response.created, response.in_progress, the reasoning item added and done (encrypted content, no summary), then the
    /// message item and its text part announced.
    /// </summary>
    protected override int PreludeEvents => 6;

    /// <summary>A Responses refusal is a part of the message of its own, beside a normal status.</summary>
    protected override void AssertRefusal(ChatResponse response, string refusal)
    {
        ErrorContent error = Assert.Single(response.Messages.SelectMany(m => m.Contents).OfType<ErrorContent>());
        Assert.Equal(refusal, error.Message);
        Assert.Equal("Refusal", error.ErrorCode);
        Assert.Equal(string.Empty, response.Text);
    }

    /// <summary>Stateless reasoning goes back as the reasoning item: its id, its summary and its encrypted content.</summary>
    protected override void AssertReasoningSentBack(JsonElement requestBody, string reasoning)
    {
        JsonElement item = requestBody.GetProperty("input").EnumerateArray().Single(i => i.TryGetProperty("type", out JsonElement type) && type.GetString() == "reasoning");
        Assert.StartsWith("rs_", item.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.Equal(reasoning, item.GetProperty("summary")[0].GetProperty("text").GetString());
        Assert.False(string.IsNullOrEmpty(item.GetProperty("encrypted_content").GetString()));
        Assert.False(requestBody.GetProperty("store").GetBoolean());
    }
}
