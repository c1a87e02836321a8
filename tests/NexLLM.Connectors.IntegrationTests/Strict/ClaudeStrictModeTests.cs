using System.Net;
using System.Text.Json;
using NexLLM.Connectors.Emulator;
using NexLLM.Connectors.IntegrationTests.Rerank;
using NexLLM.Connectors.IntegrationTests.TestSupport;

namespace NexLLM.Connectors.IntegrationTests.Strict;

/// <summary>
/// Strict mode on <c>POST /v1/messages</c>, over a real socket: Anthropic's 400s as new-api relays them, in the Claude shape
/// with the type new-api writes for them, <c>&lt;nil&gt;</c> (docs/emulator.md#error-shapes).
/// </summary>
public sealed class ClaudeStrictModeTests : EmulatorTest
{
    protected override NexLLMEmulatorOptions ConfigureEmulator(NexLLMEmulatorOptions options)
    {
        options.Strict = true;
        return options;
    }

    [Theory]
    [MemberData(nameof(ClaudeStrictCases.Refused), MemberType = typeof(ClaudeStrictCases))]
    public async Task WhatAnthropicRefuses_Is400InTheClaudeShape(string name, string json, string message)
    {
        var (status, body) = await RerankEmulatorTests.PostAsync(Emulator, "/v1/messages", json);

        Assert.True(status == HttpStatusCode.BadRequest, $"{name}: {status} {body}");
        AssertRelayedAnthropicError(body, message);
    }

    [Theory]
    [MemberData(nameof(ClaudeStrictCases.Accepted), MemberType = typeof(ClaudeStrictCases))]
    public async Task WhatAnthropicAccepts_IsAnswered(string name, string json)
    {
        var (status, body) = await RerankEmulatorTests.PostAsync(Emulator, "/v1/messages", json);

        Assert.True(status == HttpStatusCode.OK, $"{name}: {body}");
        Assert.Equal("message", body.GetProperty("type").GetString());
    }

    [Fact]
    public async Task AToolUseTurnSentBackWithItsThinking_IsAnswered()
    {
        const string Ask = """{"role":"user","content":"What is the weather in Paris? Use get_weather."}""";
        const string Settings = """{"model":"claude-sonnet-4-5","max_tokens":2048,"thinking":{"type":"enabled","budget_tokens":1024},"tools":[{"name":"get_weather","input_schema":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}]""";
        var (_, first) = await RerankEmulatorTests.PostAsync(Emulator, "/v1/messages", $$"""{{Settings}},"messages":[{{Ask}}]}""");
        JsonElement content = first.GetProperty("content");
        string toolUseId = content.EnumerateArray().Single(b => b.GetProperty("type").GetString() == "tool_use").GetProperty("id").GetString()!;

        string history = $$"""[{{Ask}},{"role":"assistant","content":{{content.GetRawText()}}},{"role":"user","content":[{"type":"tool_result","tool_use_id":"{{toolUseId}}","content":"21C"}]}]""";
        var (status, second) = await RerankEmulatorTests.PostAsync(Emulator, "/v1/messages", $$"""{{Settings}},"messages":{{history}}}""");

        Assert.Equal("thinking", content[0].GetProperty("type").GetString());
        Assert.True(status == HttpStatusCode.OK, second.ToString());
        Assert.Contains("21C", second.GetProperty("content").EnumerateArray().Last().GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/v1/messages", """{"model":"claude-sonnet-4-5","max_tokens":64001,"messages":[{"role":"user","content":"hi"}]}""", """{"type":"error","error":{"type":"\u003cnil\u003e","message":"max_tokens: 64001 \u003e 64000, which""")]
    [InlineData("/v1/chat/completions", """{"model":"gpt-4o-mini","messages":[{"role":"user","content":"hi"}],"temperature":3}""", """{"error":{"message":"Invalid 'temperature': decimal above maximum value. Expected a value \u003c= 2, but got 3 instead. (request id: """)]
    public async Task ErrorBodies_AreEscapedAsGinWritesThem(string path, string json, string rawStart)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Emulator.BaseAddress, path.TrimStart('/'))) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add("Authorization", "Bearer " + Emulator.ApiKey);
        using HttpResponseMessage response = await http.SendAsync(request, TestCancellation);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith(rawStart, await response.Content.ReadAsStringAsync(TestCancellation), StringComparison.Ordinal);
    }

    /// <summary>new-api's relay of an Anthropic 400 on <c>/v1/messages</c>: <c>{"type":"error","error":{"type":"&lt;nil&gt;","message":"… (request id: …)"}}</c>.</summary>
    internal static void AssertRelayedAnthropicError(JsonElement body, string message)
    {
        Assert.Equal(["type", "error"], body.EnumerateObject().Select(p => p.Name));
        Assert.Equal("error", body.GetProperty("type").GetString());
        JsonElement error = body.GetProperty("error");
        Assert.Equal(["type", "message"], error.EnumerateObject().Select(p => p.Name));
        Assert.Equal("<nil>", error.GetProperty("type").GetString());
        Assert.StartsWith(message, error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Matches(@" \(request id: [0-9A-Za-z]+\)$", error.GetProperty("message").GetString());
    }
}
