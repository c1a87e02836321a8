using System.Net;
using NexLLM.Connectors.Emulator;
using NexLLM.Connectors.IntegrationTests.Rerank;
using NexLLM.Connectors.IntegrationTests.TestSupport;

namespace NexLLM.Connectors.IntegrationTests.Strict;

/// <summary>Friendly mode (the default) answers every request strict mode refuses (docs/emulator.md#friendly-mode-default).</summary>
public sealed class ChatCompletionsFriendlyModeTests : EmulatorTest
{
    protected override NexLLMEmulatorOptions ConfigureEmulator(NexLLMEmulatorOptions options)
    {
        options.Strict = false;
        return options;
    }

    [Theory]
    [MemberData(nameof(ChatCompletionsStrictCases.Refused), MemberType = typeof(ChatCompletionsStrictCases))]
    public async Task WhatOpenAIRefuses_IsAnsweredAnyway(string name, string json, string message, string param, string? code)
    {
        var (status, body) = await RerankEmulatorTests.PostAsync(Emulator, "/v1/chat/completions", json);

        Assert.True(status == HttpStatusCode.OK, $"{name} ({message}, {param}, {code}): {body}");
        Assert.Equal("chat.completion", body.GetProperty("object").GetString());
    }

    [Theory]
    [MemberData(nameof(ChatCompletionsStrictCases.Accepted), MemberType = typeof(ChatCompletionsStrictCases))]
    public async Task WhatOpenAIAccepts_IsAnswered(string name, string json)
    {
        var (status, body) = await RerankEmulatorTests.PostAsync(Emulator, "/v1/chat/completions", json);

        Assert.True(status == HttpStatusCode.OK, $"{name}: {body}");
    }
}
