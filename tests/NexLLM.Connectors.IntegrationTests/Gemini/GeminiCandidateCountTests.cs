using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using NexLLM.Connectors.Emulator;
using NexLLM.Connectors.IntegrationTests.TestSupport;

namespace NexLLM.Connectors.IntegrationTests.Gemini;

/// <summary>
/// <c>generationConfig.candidateCount</c> is honoured in both modes, whole and streamed (docs/protocols/gemini.md#several-candidates):
/// that many candidates, indexed from 0, each its own answer, streamed one candidate per chunk in turns; our client answers
/// with candidate 0 either way.
/// </summary>
public sealed class GeminiCandidateCountTests
{
    private const string Question = """{"contents":[{"role":"user","parts":[{"text":"Tell me about the capital of France."}]}],"generationConfig":{"candidateCount":3}}""";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AWholeAnswer_HasOneCandidatePerCount_IndexedFromZero_EachFinished(bool strict)
    {
        await using var emulator = await NexLLMEmulator.StartAsync(new() { Strict = strict }, Cancellation);
        using var gateway = new RawGateway(emulator);

        RawAnswer answer = await gateway.PostAsync("/v1beta/models/gemini-2.5-flash:generateContent", Question, auth: "x-goog-api-key");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        JsonElement[] candidates = [.. answer.Json().GetProperty("candidates").EnumerateArray()];
        Assert.Equal([0, 1, 2], candidates.Select(c => c.GetProperty("index").GetInt32()));
        Assert.All(candidates, c => Assert.Equal("STOP", c.GetProperty("finishReason").GetString()));
        string[] texts = [.. candidates.Select(TextOf)];
        Assert.Equal(3, texts.Distinct().Count());
        Assert.Contains("capital of France", texts[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AStream_CarriesEveryCandidate_ItsPiecesAddingUpToTheWholeAnswers(bool strict)
    {
        await using var emulator = await NexLLMEmulator.StartAsync(new() { Strict = strict }, Cancellation);
        using var gateway = new RawGateway(emulator);

        RawAnswer whole = await gateway.PostAsync("/v1beta/models/gemini-2.5-flash:generateContent", Question, auth: "x-goog-api-key");
        RawAnswer streamed = await gateway.PostAsync("/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse", Question, auth: "x-goog-api-key");

        IReadOnlyList<JsonElement> chunks = streamed.DataEvents();
        var entries = chunks.SelectMany(chunk => chunk.GetProperty("candidates").EnumerateArray()).ToList();
        string[] wholeTexts = [.. whole.Json().GetProperty("candidates").EnumerateArray().Select(TextOf)];
        for (int index = 0; index < 3; index++)
        {
            var pieces = entries.Where(e => e.GetProperty("index").GetInt32() == index).ToList();
            Assert.Equal(wholeTexts[index], string.Concat(pieces.Select(TextOf)));
            Assert.Equal("STOP", pieces[^1].GetProperty("finishReason").GetString());
            Assert.All(pieces.SkipLast(1), p => Assert.False(p.TryGetProperty("finishReason", out _)));
        }

        // One candidate per chunk, taking turns: most chunks carry a candidate other than the answer, alone.
        Assert.All(chunks, chunk => Assert.Single(chunk.GetProperty("candidates").EnumerateArray()));
        Assert.Equal([0, 1, 2, 0, 1, 2], entries.Take(6).Select(e => e.GetProperty("index").GetInt32()));
        Assert.Equal(
            whole.Json().GetProperty("usageMetadata").GetProperty("candidatesTokenCount").GetInt32(),
            chunks[^1].GetProperty("usageMetadata").GetProperty("candidatesTokenCount").GetInt32());
    }

    [Fact]
    public async Task TheConvertedStream_HasEveryCandidate_ThenOneFinishChunkEach_TheLastWithTheUsage()
    {
        await using var emulator = await NexLLMEmulator.StartAsync(new() { GeminiConvertedStream = true }, Cancellation);
        using var gateway = new RawGateway(emulator);

        RawAnswer streamed = await gateway.PostAsync("/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse", Question, auth: "x-goog-api-key");

        JsonElement[] entries = [.. streamed.DataEvents().Select(chunk => chunk.GetProperty("candidates").EnumerateArray().Single())];
        JsonElement[] finishes = [.. entries.Where(e => e.GetProperty("finishReason").ValueKind == JsonValueKind.String)];
        Assert.Equal([0, 1, 2], finishes.Select(f => f.GetProperty("index").GetInt32()));
        Assert.All(finishes, f => Assert.Equal(("STOP", 0), (f.GetProperty("finishReason").GetString(), f.GetProperty("content").GetProperty("parts").GetArrayLength())));
        Assert.Equal([0, 1, 2], entries.Select(e => e.GetProperty("index").GetInt32()).Distinct().Order());
        JsonElement[] usages = [.. streamed.DataEvents().Select(chunk => chunk.GetProperty("usageMetadata"))];
        Assert.True(usages[^1].GetProperty("candidatesTokenCount").GetInt32() > 0);
        Assert.All(usages[..^1], u => Assert.Equal(0, u.GetProperty("candidatesTokenCount").GetInt32()));
    }

    [Fact]
    public async Task OneCandidate_IsTheDefault_AndZeroMeansNotSent()
    {
        await using var emulator = await NexLLMEmulator.StartAsync(cancellationToken: Cancellation);
        using var gateway = new RawGateway(emulator);

        RawAnswer zero = await gateway.PostAsync("/v1beta/models/gemini-2.5-flash:generateContent", Question.Replace("\"candidateCount\":3", "\"candidateCount\":0", StringComparison.Ordinal), auth: "x-goog-api-key");

        Assert.Single(zero.Json().GetProperty("candidates").EnumerateArray());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task OurClient_AnswersWithCandidateZero_WholeAndStreamed(bool streaming)
    {
        await using var emulator = await NexLLMEmulator.StartAsync(new() { Strict = true }, Cancellation);
        using var client = new NexLLMClient(new NexLLMClientOptions { Endpoint = emulator.Endpoint, ApiKey = emulator.ApiKey });
        IChatClient chat = client.GetChatClient("gemini-2.5-flash", NexLLMChatProtocol.GeminiGenerateContent);
        var options = new ChatOptions { AdditionalProperties = new() { ["generationConfig"] = new JsonObject { ["candidateCount"] = 2 } } };
        using var gateway = new RawGateway(emulator);
        RawAnswer raw = await gateway.PostAsync(
            "/v1beta/models/gemini-2.5-flash:generateContent",
            """{"contents":[{"role":"user","parts":[{"text":"Tell me about the capital of France."}]}],"generationConfig":{"candidateCount":2}}""",
            auth: "x-goog-api-key");

        ChatResponse response = streaming
            ? await chat.GetStreamingResponseAsync("Tell me about the capital of France.", options, Cancellation).ToChatResponseAsync(Cancellation)
            : await chat.GetResponseAsync("Tell me about the capital of France.", options, Cancellation);

        Assert.Equal(2, emulator.Requests[^1].ParseJson().GetProperty("generationConfig").GetProperty("candidateCount").GetInt32());
        Assert.Equal(TextOf(raw.Json().GetProperty("candidates")[0]), response.Text);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
    }

    private static string TextOf(JsonElement candidate) =>
        candidate.GetProperty("content").TryGetProperty("parts", out var parts)
            ? string.Concat(parts.EnumerateArray().Select(p => p.TryGetProperty("text", out var text) ? text.GetString() : ""))
            : "";
}
