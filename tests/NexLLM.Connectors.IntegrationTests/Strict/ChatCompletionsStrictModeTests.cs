using System.Net;
using NexLLM.Connectors.Emulator;
using NexLLM.Connectors.IntegrationTests.Rerank;
using NexLLM.Connectors.IntegrationTests.TestSupport;

namespace NexLLM.Connectors.IntegrationTests.Strict;

/// <summary>Strict mode on <c>POST /v1/chat/completions</c>, over a real socket: OpenAI's 400s as new-api relays them.</summary>
public sealed class ChatCompletionsStrictModeTests : EmulatorTest
{
    protected override NexLLMEmulatorOptions ConfigureEmulator(NexLLMEmulatorOptions options)
    {
        options.Strict = true;
        return options;
    }

    [Theory]
    [MemberData(nameof(ChatCompletionsStrictCases.Refused), MemberType = typeof(ChatCompletionsStrictCases))]
    public async Task WhatOpenAIRefuses_Is400InOpenAIsShape(string name, string json, string message, string param, string? code)
    {
        var (status, body) = await RerankEmulatorTests.PostAsync(Emulator, "/v1/chat/completions", json);

        Assert.False(string.IsNullOrEmpty(name));
        GatewayAssert.OpenAIRefusal(status, body, message + " (request id: ", param, code);
    }

    [Theory]
    [MemberData(nameof(ChatCompletionsStrictCases.Accepted), MemberType = typeof(ChatCompletionsStrictCases))]
    public async Task WhatOpenAIAccepts_IsAnswered(string name, string json)
    {
        var (status, body) = await RerankEmulatorTests.PostAsync(Emulator, "/v1/chat/completions", json);

        Assert.True(status == HttpStatusCode.OK, $"{name}: {body}");
        Assert.Equal("chat.completion", body.GetProperty("object").GetString());
    }

    [Fact]
    public async Task TheRefusedRequest_IsRecorded_AndTakesNoScriptedReply()
    {
        Emulator.Enqueue(EmulatorReply.FromText("scripted"));
        var (status, _) = await RerankEmulatorTests.PostAsync(Emulator, "/v1/chat/completions", """{"model":"gpt-4o-mini","messages":[{"role":"user","content":"hi"}],"temperature":9}""");
        var (_, answer) = await RerankEmulatorTests.PostAsync(Emulator, "/v1/chat/completions", """{"model":"gpt-4o-mini","messages":[{"role":"user","content":"hi"}]}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(2, RequestsTo("/v1/chat/completions").Count);
        Assert.Equal("scripted", answer.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString());
    }
}
