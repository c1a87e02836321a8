using System.Net;
using System.Text;
using System.Text.Json;
using NexLLM.Connectors.Emulator;
using NexLLM.Connectors.IntegrationTests.Rerank;
using NexLLM.Connectors.IntegrationTests.TestSupport;

namespace NexLLM.Connectors.IntegrationTests.Strict;

/// <summary>
/// <c>n</c>, <c>logprobs</c> and <c>top_logprobs</c> on chat completions are honoured in both modes, streamed and not
/// (docs/emulator.md#honoured-in-both-modes): n choices, and log probabilities whose tokens make up the text.
/// </summary>
public sealed class ChatChoicesAndLogprobsTests
{
    private const string Question = """{"role":"user","content":"What is the capital of France?"}""";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<NexLLMEmulator> StartAsync(bool strict) => NexLLMEmulator.StartAsync(new NexLLMEmulatorOptions { Strict = strict }, Ct);

    private static async Task<JsonElement> PostAsync(NexLLMEmulator emulator, string json)
    {
        var (status, body) = await RerankEmulatorTests.PostAsync(emulator, "/v1/chat/completions", json);
        Assert.True(status == HttpStatusCode.OK, body.ToString());
        return body;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task N_GivesThatManyChoices_AndUsageCountsEachChoicesOutput(bool strict)
    {
        await using var emulator = await StartAsync(strict);

        JsonElement one = await PostAsync(emulator, $$"""{"model":"gpt-4o-mini","messages":[{{Question}}]}""");
        JsonElement three = await PostAsync(emulator, $$"""{"model":"gpt-4o-mini","messages":[{{Question}}],"n":3}""");

        JsonElement[] choices = [.. three.GetProperty("choices").EnumerateArray()];
        Assert.Equal([0, 1, 2], choices.Select(c => c.GetProperty("index").GetInt32()));
        string answer = one.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString()!;
        Assert.All(choices, c => Assert.Equal(answer, c.GetProperty("message").GetProperty("content").GetString()));
        Assert.All(choices, c => Assert.Equal("stop", c.GetProperty("finish_reason").GetString()));
        int oneOutput = one.GetProperty("usage").GetProperty("completion_tokens").GetInt32();
        Assert.Equal(3 * oneOutput, three.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
        Assert.Equal(one.GetProperty("usage").GetProperty("prompt_tokens").GetInt32(), three.GetProperty("usage").GetProperty("prompt_tokens").GetInt32());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task N_Streamed_InterleavesTheChoices_AndEachHasItsFinishReason(bool strict)
    {
        await using var emulator = await StartAsync(strict);

        JsonElement whole = await PostAsync(emulator, $$"""{"model":"gpt-4o-mini","messages":[{{Question}}]}""");
        List<JsonElement> events = await ChatChunkStream.PostAsync(emulator, $$"""{"model":"gpt-4o-mini","messages":[{{Question}}],"n":2,"stream":true}""", Ct);

        var chunks = events.Where(e => e.GetProperty("choices").GetArrayLength() == 1).Select(e => e.GetProperty("choices")[0]).ToList();
        Assert.Equal([0, 1, 0, 1], chunks.Take(4).Select(c => c.GetProperty("index").GetInt32()));
        string expected = whole.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString()!;
        foreach (int index in new[] { 0, 1 })
        {
            var mine = chunks.Where(c => c.GetProperty("index").GetInt32() == index).ToList();
            Assert.Equal(expected, string.Concat(mine.Select(c => c.GetProperty("delta").TryGetProperty("content", out var t) ? t.GetString() : "")));
            Assert.Equal("stop", Assert.Single(mine, c => c.GetProperty("finish_reason").ValueKind == JsonValueKind.String).GetProperty("finish_reason").GetString());
        }

        JsonElement usage = events[^1].GetProperty("usage");
        Assert.Equal(2 * whole.GetProperty("usage").GetProperty("completion_tokens").GetInt32(), usage.GetProperty("completion_tokens").GetInt32());
    }

    [Fact]
    public async Task N_WithToolCalls_GivesEveryCallAnIdOfItsOwn()
    {
        await using var emulator = await StartAsync(strict: true);

        JsonElement body = await PostAsync(emulator, """
            {"model":"gpt-4o-mini","n":3,"messages":[{"role":"user","content":"What is the weather in Paris?"}],
             "tools":[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}}]}
            """);

        var calls = body.GetProperty("choices").EnumerateArray().Select(c => c.GetProperty("message").GetProperty("tool_calls")[0]).ToList();
        Assert.Equal(3, calls.Select(c => c.GetProperty("id").GetString()).Distinct().Count());
        Assert.All(calls, c => Assert.Equal("""{"city":"Paris"}""", c.GetProperty("function").GetProperty("arguments").GetString()));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Logprobs_CoverTheText_WithTopLogprobsAlternatives(bool strict)
    {
        await using var emulator = await StartAsync(strict);

        JsonElement body = await PostAsync(emulator, $$"""{"model":"gpt-4o-mini","messages":[{{Question}}],"logprobs":true,"top_logprobs":3}""");

        JsonElement choice = body.GetProperty("choices")[0];
        JsonElement[] tokens = [.. choice.GetProperty("logprobs").GetProperty("content").EnumerateArray()];
        Assert.Equal(choice.GetProperty("message").GetProperty("content").GetString(), string.Concat(tokens.Select(t => t.GetProperty("token").GetString())));
        Assert.Equal(JsonValueKind.Null, choice.GetProperty("logprobs").GetProperty("refusal").ValueKind);
        foreach (JsonElement token in tokens)
        {
            string text = token.GetProperty("token").GetString()!;
            Assert.Equal(Encoding.UTF8.GetBytes(text), token.GetProperty("bytes").EnumerateArray().Select(b => (byte)b.GetInt32()));
            Assert.InRange(token.GetProperty("logprob").GetDouble(), -2.5, -0.01);
            JsonElement[] top = [.. token.GetProperty("top_logprobs").EnumerateArray()];
            Assert.Equal(3, top.Length);
            Assert.Equal(text, top[0].GetProperty("token").GetString());
            Assert.Equal(token.GetProperty("logprob").GetDouble(), top[0].GetProperty("logprob").GetDouble());
            Assert.True(top[0].GetProperty("logprob").GetDouble() > top[1].GetProperty("logprob").GetDouble());
            Assert.True(top[1].GetProperty("logprob").GetDouble() > top[2].GetProperty("logprob").GetDouble());
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Logprobs_Streamed_AreTheSameTokensAndNumbers_ChunkByChunk(bool strict)
    {
        await using var emulator = await StartAsync(strict);
        const string Body = $$"""{"model":"gpt-4o-mini","messages":[{{Question}}],"logprobs":true}""";

        JsonElement whole = await PostAsync(emulator, Body);
        List<JsonElement> events = await ChatChunkStream.PostAsync(emulator, Body.Replace("}]", "}],\"stream\":true", StringComparison.Ordinal), Ct);

        var textChunks = events.Select(e => e.GetProperty("choices")).Where(c => c.GetArrayLength() == 1 && c[0].GetProperty("delta").TryGetProperty("content", out var t) && t.GetString()!.Length > 0).Select(c => c[0]).ToList();
        Assert.NotEmpty(textChunks);
        Assert.All(textChunks, c => Assert.Equal(
            c.GetProperty("delta").GetProperty("content").GetString(),
            string.Concat(c.GetProperty("logprobs").GetProperty("content").EnumerateArray().Select(t => t.GetProperty("token").GetString()))));
        var streamed = textChunks.SelectMany(c => c.GetProperty("logprobs").GetProperty("content").EnumerateArray()).Select(t => (t.GetProperty("token").GetString(), t.GetProperty("logprob").GetDouble()));
        var complete = whole.GetProperty("choices")[0].GetProperty("logprobs").GetProperty("content").EnumerateArray().Select(t => (t.GetProperty("token").GetString(), t.GetProperty("logprob").GetDouble()));
        Assert.Equal(complete, streamed);
        Assert.All(whole.GetProperty("choices")[0].GetProperty("logprobs").GetProperty("content").EnumerateArray(), t => Assert.Equal(0, t.GetProperty("top_logprobs").GetArrayLength()));
        Assert.All(events.Where(e => e.GetProperty("choices").GetArrayLength() == 1 && e.GetProperty("choices")[0].GetProperty("delta").TryGetProperty("role", out _)),
            e => Assert.Equal(JsonValueKind.Null, e.GetProperty("choices")[0].GetProperty("logprobs").ValueKind));
    }

    [Fact]
    public async Task WithoutLogprobs_TheyAreNull()
    {
        await using var emulator = await StartAsync(strict: true);

        JsonElement body = await PostAsync(emulator, $$"""{"model":"gpt-4o-mini","messages":[{{Question}}],"top_logprobs":2}""");

        Assert.Equal(JsonValueKind.Null, body.GetProperty("choices")[0].GetProperty("logprobs").ValueKind);
    }
}
