using System.Net;
using System.Text.Json;
using NexLLM.Connectors.Emulator;
using NexLLM.Connectors.IntegrationTests.Rerank;
using NexLLM.Connectors.IntegrationTests.TestSupport;

namespace NexLLM.Connectors.IntegrationTests.Strict;

/// <summary>
/// new-api's rewrite for o-series and gpt-5 models (docs/protocols/chat-completions.md#through-the-gateway): <c>max_tokens</c>
/// becomes <c>max_completion_tokens</c>, <c>temperature</c> (and for gpt-5 <c>top_p</c> and <c>logprobs</c>) are dropped, so
/// the emulator answers, in strict mode too, as if they had never been sent. The recording keeps what the client sent.
/// </summary>
public sealed class ReasoningModelRewriteTests : EmulatorTest
{
    private const string Question = """[{"role":"user","content":"Explain how a gateway routes a request to a channel, in detail please."}]""";

    protected override NexLLMEmulatorOptions ConfigureEmulator(NexLLMEmulatorOptions options)
    {
        options.Strict = true;
        return options;
    }

    private async Task<JsonElement> PostAsync(string json)
    {
        var (status, body) = await RerankEmulatorTests.PostAsync(Emulator, "/v1/chat/completions", json);
        Assert.True(status == HttpStatusCode.OK, body.ToString());
        return body;
    }

    [Theory]
    [InlineData("o4-mini")]
    [InlineData("gpt-5-mini")]
    public async Task MaxTokens_OfAReasoningModel_LimitsTheAnswer_AsMaxCompletionTokens(string model)
    {
        JsonElement body = await PostAsync($$"""{"model":"{{model}}","messages":{{Question}},"max_tokens":5,"temperature":0.2}""");

        Assert.Equal("length", body.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.Equal(5, body.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
        JsonElement recorded = RequestsTo("/v1/chat/completions")[^1].ParseJson();
        Assert.Equal(5, recorded.GetProperty("max_tokens").GetInt32());
        Assert.False(recorded.TryGetProperty("max_completion_tokens", out _));
    }

    [Fact]
    public async Task MaxCompletionTokens_WinsOverMaxTokens()
    {
        JsonElement body = await PostAsync($$"""{"model":"o4-mini","messages":{{Question}},"max_tokens":5,"max_completion_tokens":8}""");

        Assert.Equal(8, body.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
    }

    [Theory]
    [InlineData("gpt-5-mini", false)]
    [InlineData("o4-mini", true)]
    [InlineData("gpt-4o-mini", true)]
    public async Task Logprobs_AreDroppedForGpt5Only(string model, bool answered)
    {
        JsonElement body = await PostAsync($$"""{"model":"{{model}}","messages":{{Question}},"logprobs":true,"top_logprobs":1}""");

        Assert.Equal(answered, body.GetProperty("choices")[0].GetProperty("logprobs").ValueKind == JsonValueKind.Object);
    }

    [Theory]
    [InlineData("gpt-4o-mini", HttpStatusCode.BadRequest)]
    [InlineData("o4-mini", HttpStatusCode.OK)]
    [InlineData("gpt-5-mini", HttpStatusCode.OK)]
    public async Task AnOutOfRangeTemperature_IsRefusedOnlyWhereItReachesOpenAI(string model, HttpStatusCode expected)
    {
        var (status, _) = await RerankEmulatorTests.PostAsync(Emulator, "/v1/chat/completions", $$"""{"model":"{{model}}","messages":{{Question}},"temperature":2.7}""");

        Assert.Equal(expected, status);
    }
}
