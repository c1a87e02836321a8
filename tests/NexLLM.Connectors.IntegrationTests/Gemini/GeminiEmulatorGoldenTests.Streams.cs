using System.Net;
using System.Text.Json;
using NexLLM.Connectors.Emulator;

namespace NexLLM.Connectors.IntegrationTests.Gemini;

/// <summary>This part: <c>:streamGenerateContent</c> chunks, stream faults and the converted-stream option.</summary>
public sealed partial class GeminiEmulatorGoldenTests
{
    [Theory]
    [InlineData(StreamGenerate)]
    [InlineData($"/v1beta/models/{Model}:streamGenerateContent")] // new-api answers SSE even without alt=sse
    public async Task Stream_IsDataOnlySse_PartialPartsThatAddUp_UsageOnEveryChunk_FinishOnlyOnTheLast(string path)
    {
        JsonElement whole = await GenerateAsync(WireRequest);

        using HttpResponseMessage response = await PostAsync(path, WireRequest);
        List<JsonElement> chunks = await ReadStreamAsync(response);

        Assert.True(chunks.Count > 3);
        string responseId = chunks[0].GetProperty("responseId").GetString()!;
        int previousTotal = 0;
        for (int i = 0; i < chunks.Count; i++)
        {
            JsonElement candidate = Assert.Single(chunks[i].GetProperty("candidates").EnumerateArray());
            Assert.Equal(0, candidate.GetProperty("index").GetInt32());
            Assert.Equal(i == chunks.Count - 1, candidate.TryGetProperty("finishReason", out _));
            Assert.Equal("model", candidate.GetProperty("content").GetProperty("role").GetString());
            Assert.Equal(responseId, chunks[i].GetProperty("responseId").GetString());
            Assert.Equal(Model, chunks[i].GetProperty("modelVersion").GetString());
            int total = chunks[i].GetProperty("usageMetadata").GetProperty("totalTokenCount").GetInt32();
            Assert.True(total >= previousTotal);
            previousTotal = total;
        }

        Assert.Equal("STOP", chunks[^1].GetProperty("candidates")[0].GetProperty("finishReason").GetString());
        Assert.Equal(whole.GetProperty("usageMetadata").GetRawText(), chunks[^1].GetProperty("usageMetadata").GetRawText());
        JsonElement[] parts = [.. chunks.SelectMany(c => c.GetProperty("candidates")[0].GetProperty("content").GetProperty("parts").EnumerateArray())];
        JsonElement[] wholeParts = [.. whole.GetProperty("candidates")[0].GetProperty("content").GetProperty("parts").EnumerateArray()];
        Assert.Equal(wholeParts[0].GetProperty("text").GetString(), string.Concat(parts.Where(IsThought).Select(p => p.GetProperty("text").GetString())));
        Assert.Equal(wholeParts[1].GetProperty("text").GetString(), string.Concat(parts.Where(p => !IsThought(p)).Select(p => p.GetProperty("text").GetString())));

        // The thought's signature comes once, on its last piece, and is the signature of the whole thought.
        JsonElement signed = Assert.Single(parts, p => p.TryGetProperty("thoughtSignature", out _));
        Assert.Equal(wholeParts[0].GetProperty("thoughtSignature").GetString(), signed.GetProperty("thoughtSignature").GetString());
    }

    [Fact]
    public async Task StreamedFunctionCalls_ComeWhole_EachWithItsSignature()
    {
        string request = Body("""{"role":"user","parts":[{"text":"What is the weather in Paris and London?"}]}""", WeatherTools);

        using HttpResponseMessage response = await PostAsync(StreamGenerate, request);
        List<JsonElement> chunks = await ReadStreamAsync(response);

        JsonElement[] calls = [.. chunks.SelectMany(c => c.GetProperty("candidates")[0].GetProperty("content").GetProperty("parts").EnumerateArray())];
        Assert.Equal(["Paris", "London"], calls.Select(p => p.GetProperty("functionCall").GetProperty("args").GetProperty("city").GetString()));
        Assert.All(calls, p => Assert.False(string.IsNullOrEmpty(p.GetProperty("thoughtSignature").GetString())));
        Assert.Equal("STOP", chunks[^1].GetProperty("candidates")[0].GetProperty("finishReason").GetString());
    }

    [Fact]
    public async Task StreamedThoughtPieces_EchoedSeparatelyOrJoined_Verify()
    {
        string first = Body(WeatherQuestion, WeatherTools, IncludeThoughts);
        using HttpResponseMessage streamed = await PostAsync(StreamGenerate, first);
        JsonElement[] pieces = [.. (await ReadStreamAsync(streamed)).SelectMany(c => c.GetProperty("candidates")[0].GetProperty("content").GetProperty("parts").EnumerateArray())];
        JsonElement lastThought = pieces.Last(IsThought);
        string joined = JsonSerializer.Serialize(new
        {
            text = string.Concat(pieces.Where(IsThought).Select(p => p.GetProperty("text").GetString())),
            thought = true,
            thoughtSignature = lastThought.GetProperty("thoughtSignature").GetString(),
        });

        using var joinedThought = JsonDocument.Parse(joined);
        foreach (JsonElement[] modelParts in new[] { pieces, [joinedThought.RootElement, pieces[^1]] })
        {
            string second = Body($"{WeatherQuestion},{ModelTurn(modelParts)},{WeatherResult}", WeatherTools);
            using HttpResponseMessage response = await PostAsync(Generate, second);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task StreamError_IsAGoogleErrorChunkWithHttp200()
    {
        Emulator.Enqueue(EmulatorReply.FromText("one two three four five six seven eight nine"), EmulatorFault.StreamError(2));

        using HttpResponseMessage response = await PostAsync(StreamGenerate, Body(WeatherQuestion));
        List<JsonElement> chunks = await ReadStreamAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, chunks.Count);
        JsonElement error = chunks[2].GetProperty("error");
        Assert.Equal(503, error.GetProperty("code").GetInt32());
        Assert.Equal("UNAVAILABLE", error.GetProperty("status").GetString());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
    }

    [Fact]
    public async Task RawStreamError_IsAnIndentedOpenAIShapedBodyAfterTheEvents()
    {
        Emulator.Enqueue(EmulatorReply.FromText("one two three four five six seven eight nine"), EmulatorFault.RawStreamError(1));

        using HttpResponseMessage response = await PostAsync(StreamGenerate, Body(WeatherQuestion));
        string text = await response.Content.ReadAsStringAsync(TestCancellation);

        int raw = text.IndexOf("\n{", StringComparison.Ordinal) + 1;
        Assert.StartsWith("data: {", text, StringComparison.Ordinal);
        Assert.True(raw > 0);
        string errorBody = text[raw..];
        Assert.True(errorBody.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length > 3); // over several lines, no "data:"
        Assert.DoesNotContain("data:", errorBody, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(errorBody);
        JsonElement error = document.RootElement.GetProperty("error");
        Assert.Equal(["message", "type", "param", "code"], error.EnumerateObject().Select(p => p.Name));
        Assert.Contains("(request id: ", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Truncate_EndsWithoutAFinishReason_AndFailover_StartsAgainUnderANewResponseId()
    {
        Emulator.Enqueue(EmulatorReply.FromText("one two three four five six seven eight nine"), EmulatorFault.Truncate(100));
        Emulator.Enqueue(EmulatorReply.FromText("one two three four five six seven eight nine"), EmulatorFault.Failover(2));
        string request = Body(WeatherQuestion);

        using HttpResponseMessage truncated = await PostAsync(StreamGenerate, request);
        List<JsonElement> cut = await ReadStreamAsync(truncated);
        using HttpResponseMessage failedOver = await PostAsync(StreamGenerate, request);
        List<JsonElement> twice = await ReadStreamAsync(failedOver);

        Assert.Equal(2, cut.Count);
        Assert.DoesNotContain(cut, c => c.GetProperty("candidates")[0].TryGetProperty("finishReason", out _));
        Assert.Equal(5, twice.Count);
        Assert.Equal(2, twice.Select(c => c.GetProperty("responseId").GetString()).Distinct().Count());
        Assert.Equal("STOP", twice[^1].GetProperty("candidates")[0].GetProperty("finishReason").GetString());
    }

    [Fact]
    public async Task ConvertedStreamOption_EndsWithEmptyPartsAndStop_TextChunksHaveNullFinishReason()
    {
        await using NexLLMEmulator converted = await NexLLMEmulator.StartAsync(new NexLLMEmulatorOptions { GeminiConvertedStream = true }, TestCancellation);
        using var http = new HttpClient { BaseAddress = converted.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, StreamGenerate) { Content = Json(WireRequest) };
        request.Headers.Add("x-goog-api-key", converted.ApiKey);

        using HttpResponseMessage response = await http.SendAsync(request, TestCancellation);
        List<JsonElement> chunks = await ReadStreamAsync(response);

        JsonElement last = chunks[^1].GetProperty("candidates")[0];
        Assert.Equal(0, last.GetProperty("content").GetProperty("parts").GetArrayLength());
        Assert.Equal("STOP", last.GetProperty("finishReason").GetString());
        Assert.True(chunks[^1].GetProperty("usageMetadata").GetProperty("candidatesTokenCount").GetInt32() > 0);
        foreach (JsonElement chunk in chunks.SkipLast(1))
        {
            JsonElement candidate = chunk.GetProperty("candidates")[0];
            Assert.Equal(JsonValueKind.Null, candidate.GetProperty("finishReason").ValueKind);
            Assert.Equal(0, candidate.GetProperty("safetyRatings").GetArrayLength());
            Assert.DoesNotContain(candidate.GetProperty("content").GetProperty("parts").EnumerateArray(), IsThought);
            Assert.False(chunk.TryGetProperty("responseId", out _));
            Assert.Equal(0, chunk.GetProperty("usageMetadata").GetProperty("candidatesTokenCount").GetInt32());
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ScriptedPromptBlock_HasNoCandidates_OnlyPromptFeedbackAndThePromptUsage(bool streaming)
    {
        Emulator.Enqueue(new EmulatorReply { BlockReason = "SAFETY" });

        using HttpResponseMessage response = await PostAsync(streaming ? StreamGenerate : Generate, Body(WeatherQuestion));
        JsonElement body = streaming ? Assert.Single(await ReadStreamAsync(response)) : await ReadJsonAsync(response);

        Assert.False(body.TryGetProperty("candidates", out _));
        JsonElement feedback = body.GetProperty("promptFeedback");
        Assert.Equal("SAFETY", feedback.GetProperty("blockReason").GetString());
        Assert.Contains(feedback.GetProperty("safetyRatings").EnumerateArray(), r => r.TryGetProperty("blocked", out JsonElement b) && b.GetBoolean());
        JsonElement usage = body.GetProperty("usageMetadata");
        Assert.Equal(0, usage.GetProperty("candidatesTokenCount").GetInt32());
        Assert.Equal(usage.GetProperty("promptTokenCount").GetInt32(), usage.GetProperty("totalTokenCount").GetInt32());
    }

    private static bool IsThought(JsonElement part) => part.TryGetProperty("thought", out JsonElement thought) && thought.GetBoolean();

    /// <summary>Reads a Gemini stream: SSE headers, only <c>data: &lt;json&gt;</c> events, no <c>event:</c> lines, no <c>[DONE]</c>.</summary>
    private static async Task<List<JsonElement>> ReadStreamAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        string text = await response.Content.ReadAsStringAsync(TestCancellation);
        Assert.DoesNotContain("[DONE]", text, StringComparison.Ordinal);
        Assert.EndsWith("\n\n", text, StringComparison.Ordinal);
        var chunks = new List<JsonElement>();
        foreach (string sseEvent in text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
        {
            Assert.StartsWith("data: ", sseEvent, StringComparison.Ordinal);
            Assert.DoesNotContain('\n', sseEvent);
            using var document = JsonDocument.Parse(sseEvent["data: ".Length..]);
            chunks.Add(document.RootElement.Clone());
        }

        return chunks;
    }
}
