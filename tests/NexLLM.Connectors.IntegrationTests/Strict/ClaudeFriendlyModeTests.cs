using System.Net;
using NexLLM.Connectors.Emulator;
using NexLLM.Connectors.IntegrationTests.Rerank;
using NexLLM.Connectors.IntegrationTests.TestSupport;

namespace NexLLM.Connectors.IntegrationTests.Strict;

/// <summary>Friendly mode (the default) answers every <c>/v1/messages</c> request strict mode refuses (docs/emulator.md#friendly-mode-default).</summary>
public sealed class ClaudeFriendlyModeTests : EmulatorTest
{
    protected override NexLLMEmulatorOptions ConfigureEmulator(NexLLMEmulatorOptions options)
    {
        options.Strict = false;
        return options;
    }

    [Theory]
    [MemberData(nameof(ClaudeStrictCases.Refused), MemberType = typeof(ClaudeStrictCases))]
    public async Task WhatAnthropicRefuses_IsAnsweredAnyway(string name, string json, string message)
    {
        var (status, body) = await RerankEmulatorTests.PostAsync(Emulator, "/v1/messages", json);

        Assert.True(status == HttpStatusCode.OK, $"{name} ({message}): {body}");
        Assert.Equal("message", body.GetProperty("type").GetString());
    }

    [Theory]
    [MemberData(nameof(ClaudeStrictCases.Accepted), MemberType = typeof(ClaudeStrictCases))]
    public async Task WhatAnthropicAccepts_IsAnswered(string name, string json)
    {
        var (status, body) = await RerankEmulatorTests.PostAsync(Emulator, "/v1/messages", json);

        Assert.True(status == HttpStatusCode.OK, $"{name}: {body}");
    }

    [Fact]
    public async Task TheChecksBothModesMake_KeepTheRelayedShape()
    {
        var (status, body) = await RerankEmulatorTests.PostAsync(Emulator, "/v1/messages", """{"model":"claude-sonnet-4-5","max_tokens":1024,"messages":[{"role":"user","content":[{"type":"text","text":" "}]}]}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        ClaudeStrictModeTests.AssertRelayedAnthropicError(body, "messages.0.content.0: text content blocks must contain non-whitespace text");
    }
}
