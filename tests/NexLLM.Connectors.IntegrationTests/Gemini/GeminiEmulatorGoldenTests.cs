using System.Net;
using System.Text;
using System.Text.Json;
using NexLLM.Connectors.IntegrationTests.TestSupport;

namespace NexLLM.Connectors.IntegrationTests.Gemini;

/// <summary>
/// Golden tests of the emulator's Gemini native routes over real HTTP (no Google SDK is served here): the request
/// examples of docs/protocols/gemini.md go in with <c>x-goog-api-key</c>, and the answers are checked field by field against the
/// shapes docs/protocols/gemini.md shows. This part: whole answers, thought signatures, keys, models and embeddings.
/// </summary>
public sealed partial class GeminiEmulatorGoldenTests : EmulatorTest
{
    private const string Model = "gemini-2.5-flash";
    private const string Generate = $"/v1beta/models/{Model}:generateContent";
    private const string StreamGenerate = $"/v1beta/models/{Model}:streamGenerateContent?alt=sse";

    // The request example of docs/protocols/gemini.md, with its elisions filled in.
    private const string WireRequest = """
        {"systemInstruction":{"parts":[{"text":"Be brief."}]},
         "contents":[{"role":"user","parts":[{"text":"What is this?"},{"inlineData":{"mimeType":"image/png","data":"iVBORw0KGgo="}}]}],
         "tools":[{"functionDeclarations":[{"name":"get_weather","description":"Gets the current weather for a city.","parameters":{"type":"OBJECT","properties":{"city":{"type":"STRING"}},"required":["city"]}}]}],
         "toolConfig":{"functionCallingConfig":{"mode":"AUTO","allowedFunctionNames":["get_weather"]}},
         "safetySettings":[{"category":"HARM_CATEGORY_DANGEROUS_CONTENT","threshold":"BLOCK_ONLY_HIGH"}],
         "generationConfig":{"temperature":0.7,"topP":0.95,"topK":40,"maxOutputTokens":1024,"candidateCount":1,"stopSequences":["END"],
           "responseMimeType":"application/json","responseSchema":{"type":"OBJECT","properties":{"answer":{"type":"STRING"}},"required":["answer"]},
           "thinkingConfig":{"thinkingBudget":1024,"includeThoughts":true}}}
        """;

    private const string WeatherTools = """
        "tools":[{"functionDeclarations":[{"name":"get_weather","description":"Gets the current weather for a city.","parameters":{"type":"OBJECT","properties":{"city":{"type":"STRING"}},"required":["city"]}}]}]
        """;

    private const string WeatherQuestion = """{"role":"user","parts":[{"text":"What is the weather in Paris?"}]}""";

    private const string WeatherResult = """{"role":"user","parts":[{"functionResponse":{"name":"get_weather","response":{"temperature":21}}}]}""";

    private const string IncludeThoughts = """
        "generationConfig":{"thinkingConfig":{"includeThoughts":true}}
        """;

    private HttpClient? _http;

    private HttpClient Http => _http ??= new HttpClient { BaseAddress = Emulator.BaseAddress };

    public override async ValueTask DisposeAsync()
    {
        _http?.Dispose();
        await base.DisposeAsync();
    }

    [Fact]
    public async Task WireRequest_AnswersTheDocumentedResponseShape()
    {
        JsonElement body = await GenerateAsync(WireRequest);

        JsonElement candidate = Assert.Single(body.GetProperty("candidates").EnumerateArray());
        JsonElement content = candidate.GetProperty("content");
        Assert.Equal("model", content.GetProperty("role").GetString());
        JsonElement[] parts = [.. content.GetProperty("parts").EnumerateArray()];
        Assert.Equal(2, parts.Length);
        Assert.True(parts[0].GetProperty("thought").GetBoolean());
        Assert.False(string.IsNullOrEmpty(parts[0].GetProperty("text").GetString()));
        Assert.False(string.IsNullOrEmpty(parts[0].GetProperty("thoughtSignature").GetString()));
        Assert.False(parts[1].TryGetProperty("thought", out _));
        using (var answer = JsonDocument.Parse(parts[1].GetProperty("text").GetString()!))
        {
            Assert.Equal(JsonValueKind.String, answer.RootElement.GetProperty("answer").ValueKind); // responseSchema with upper-case types
        }

        Assert.Equal("STOP", candidate.GetProperty("finishReason").GetString());
        Assert.Equal(0, candidate.GetProperty("index").GetInt32());
        JsonElement[] ratings = [.. candidate.GetProperty("safetyRatings").EnumerateArray()];
        Assert.Contains(ratings, r => r.GetProperty("category").GetString() == "HARM_CATEGORY_HARASSMENT" && r.GetProperty("probability").GetString() == "NEGLIGIBLE");

        JsonElement usage = body.GetProperty("usageMetadata");
        int prompt = usage.GetProperty("promptTokenCount").GetInt32();
        int candidates = usage.GetProperty("candidatesTokenCount").GetInt32();
        int thoughts = usage.GetProperty("thoughtsTokenCount").GetInt32();
        Assert.True(prompt > 85 && candidates > 0 && thoughts > 0);
        Assert.Equal(prompt + candidates + thoughts, usage.GetProperty("totalTokenCount").GetInt32());
        Assert.Equal(0, usage.GetProperty("cachedContentTokenCount").GetInt32());
        JsonElement[] details = [.. usage.GetProperty("promptTokensDetails").EnumerateArray()];
        Assert.Equal(["TEXT", "IMAGE"], details.Select(d => d.GetProperty("modality").GetString()));
        Assert.Equal(85, details[1].GetProperty("tokenCount").GetInt32());
        Assert.Equal(prompt, details.Sum(d => d.GetProperty("tokenCount").GetInt32()));
        Assert.Equal(Model, body.GetProperty("modelVersion").GetString());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("responseId").GetString()));
        Assert.Equal(["candidates", "usageMetadata", "modelVersion", "responseId"], body.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task FunctionCall_IsOneWholePartWithArgsObjectAndSignature_AndFinishesWithStop()
    {
        JsonElement body = await GenerateAsync(Body(WeatherQuestion, WeatherTools));

        JsonElement candidate = body.GetProperty("candidates")[0];
        JsonElement part = Assert.Single(candidate.GetProperty("content").GetProperty("parts").EnumerateArray());
        JsonElement call = part.GetProperty("functionCall");
        Assert.Equal("get_weather", call.GetProperty("name").GetString());
        Assert.Equal("Paris", call.GetProperty("args").GetProperty("city").GetString());
        Assert.False(call.TryGetProperty("id", out _)); // Gemini's API sends no call ids
        Assert.False(string.IsNullOrEmpty(part.GetProperty("thoughtSignature").GetString()));
        Assert.Equal("STOP", candidate.GetProperty("finishReason").GetString());
        Assert.Equal(0, body.GetProperty("usageMetadata").GetProperty("thoughtsTokenCount").GetInt32());
    }

    [Fact]
    public async Task FunctionResponse_IsAnsweredWithItsContent_WhenTheCallIsEchoedWithItsSignature()
    {
        string first = Body(WeatherQuestion, WeatherTools, IncludeThoughts);
        JsonElement modelParts = (await GenerateAsync(first)).GetProperty("candidates")[0].GetProperty("content").GetProperty("parts");

        string second = Body($"{WeatherQuestion},{ModelTurn(modelParts.EnumerateArray())},{WeatherResult}", WeatherTools);
        JsonElement answer = await GenerateAsync(second);

        string text = answer.GetProperty("candidates")[0].GetProperty("content").GetProperty("parts")[0].GetProperty("text").GetString()!;
        Assert.StartsWith("get_weather returned: {\"temperature\":21}.", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("args")]
    [InlineData("thought")]
    [InlineData("moved")]
    public async Task AlteredOrMovedThoughtSignature_Is400CorruptedThoughtSignature_OpenAIShapedWithNumericCode(string tampering)
    {
        string first = Body(WeatherQuestion, WeatherTools, IncludeThoughts);
        JsonElement[] parts = [.. (await GenerateAsync(first)).GetProperty("candidates")[0].GetProperty("content").GetProperty("parts").EnumerateArray()];
        string thought = parts[0].GetRawText();
        string call = parts[1].GetRawText();
        string echoed = tampering switch
        {
            "args" => $"{thought},{call.Replace("Paris", "London", StringComparison.Ordinal)}",
            "thought" => $"{thought.Replace("weather", "climate", StringComparison.Ordinal)},{call}",
            _ => "{\"text\":\"Let me check.\",\"thoughtSignature\":\"" + parts[1].GetProperty("thoughtSignature").GetString() + "\"}," + call,
        };
        string second = Body($"{WeatherQuestion},{{\"role\":\"model\",\"parts\":[{echoed}]}},{WeatherResult}", WeatherTools);

        using HttpResponseMessage response = await PostAsync(Generate, second);

        JsonElement error = await AssertOpenAIErrorAsync(response, HttpStatusCode.BadRequest, "upstream_error");
        Assert.Equal(400, error.GetProperty("code").GetInt32());
        Assert.StartsWith("Corrupted thought signature. (request id: ", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ArgumentsReserialisedByTheClient_StillVerify()
    {
        const string Question = """{"role":"user","parts":[{"text":"What is the weather in Zürich?"}]}""";
        string first = Body(Question, WeatherTools);
        JsonElement part = (await GenerateAsync(first)).GetProperty("candidates")[0].GetProperty("content").GetProperty("parts")[0];
        string signature = part.GetProperty("thoughtSignature").GetString()!;
        Assert.Contains("\\u00fc", part.GetProperty("functionCall").GetProperty("args").GetRawText(), StringComparison.Ordinal);

        // Raw UTF-8 instead of the \u escape, spaces, and the name before args: the same call.
        string call = """{"functionCall":{"name":"get_weather","args":{ "city" : "Zürich" }},"thoughtSignature":"SIGNATURE"}""".Replace("SIGNATURE", signature, StringComparison.Ordinal);
        string second = Body($"{Question},{{\"role\":\"model\",\"parts\":[{call}]}},{WeatherResult}", WeatherTools);

        using HttpResponseMessage response = await PostAsync(Generate, second);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("x-goog-api-key")]
    [InlineData("query")]
    [InlineData("bearer")]
    [InlineData("x-goog-api-key-wins")]
    public async Task TheKey_IsAcceptedAsNewApiAcceptsItOnGeminiPaths(string where)
    {
        string path = where is "query" or "x-goog-api-key-wins" ? $"{Generate}?key={(where == "query" ? Emulator.ApiKey : "sk-wrong")}" : Generate;
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = Json(Body(WeatherQuestion)) };
        if (where == "bearer")
        {
            request.Headers.Authorization = new("Bearer", Emulator.ApiKey);
        }
        else if (where != "query")
        {
            request.Headers.Add("x-goog-api-key", Emulator.ApiKey);
        }

        using HttpResponseMessage response = await Http.SendAsync(request, TestCancellation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task AWrongKey_Is401InTheMiddlewareShape()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Generate) { Content = Json(Body(WeatherQuestion)) };
        request.Headers.Add("x-goog-api-key", "sk-wrong");

        using HttpResponseMessage response = await Http.SendAsync(request, TestCancellation);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        JsonElement error = (await ReadJsonAsync(response)).GetProperty("error");
        Assert.Equal(["code", "message", "type"], error.EnumerateObject().Select(p => p.Name));
        Assert.Equal("new_api_error", error.GetProperty("type").GetString());
        Assert.StartsWith("Invalid token (request id: ", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheV1Alias_GeneratesToo_AndModelRetrievalStillWorks()
    {
        using HttpResponseMessage response = await PostAsync($"/v1/models/{Model}:generateContent?key={Emulator.ApiKey}", Body(WeatherQuestion), withHeaderKey: false);
        using var retrieve = new HttpRequestMessage(HttpMethod.Get, $"/v1/models/{Model}");
        retrieve.Headers.Authorization = new("Bearer", Emulator.ApiKey);
        using HttpResponseMessage retrieved = await Http.SendAsync(retrieve, TestCancellation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("STOP", (await ReadJsonAsync(response)).GetProperty("candidates")[0].GetProperty("finishReason").GetString());
        Assert.Equal(Model, (await ReadJsonAsync(retrieved)).GetProperty("id").GetString());
    }

    [Theory]
    [InlineData("x-goog-api-key")]
    [InlineData("bearer")]
    public async Task ModelList_IsNewApisGeminiShape_NamesWithoutThePrefix(string auth)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1beta/models");
        if (auth == "bearer")
        {
            request.Headers.Authorization = new("Bearer", Emulator.ApiKey);
        }
        else
        {
            request.Headers.Add("x-goog-api-key", Emulator.ApiKey);
        }

        using HttpResponseMessage response = await Http.SendAsync(request, TestCancellation);

        JsonElement body = await ReadJsonAsync(response);
        Assert.Equal(JsonValueKind.Null, body.GetProperty("nextPageToken").ValueKind);
        JsonElement[] models = [.. body.GetProperty("models").EnumerateArray()];
        JsonElement pro = Assert.Single(models, m => m.GetProperty("name").GetString() == "gemini-2.5-pro");
        Assert.Equal("gemini-2.5-pro", pro.GetProperty("displayName").GetString());
        Assert.Equal(JsonValueKind.Null, pro.GetProperty("inputTokenLimit").ValueKind);
        Assert.DoesNotContain(models, m => m.GetProperty("name").GetString()!.StartsWith("models/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EmbedContent_GivesOneUnitVector_3072ForGeminiEmbedding_768Otherwise_OrTheAskedDimensionality()
    {
        const string Body = """{"model":"models/gemini-embedding-001","content":{"parts":[{"text":"The weather in Paris"}]},"taskType":"RETRIEVAL_QUERY"}""";

        float[] gemini = await EmbedAsync("gemini-embedding-001", Body);
        float[] older = await EmbedAsync("text-embedding-004", Body);
        float[] small = await EmbedAsync("gemini-embedding-001", Body.Replace("\"taskType\"", "\"outputDimensionality\":256,\"taskType\"", StringComparison.Ordinal));

        Assert.Equal(3072, gemini.Length);
        Assert.Equal(768, older.Length);
        Assert.Equal(256, small.Length);
        Assert.Equal(1.0, Math.Sqrt(gemini.Sum(v => (double)v * v)), 3);
    }

    [Fact]
    public async Task BatchEmbedContents_GivesOneVectorPerRequestInOrder_WithLexicalSimilarity()
    {
        const string Batch = """
            {"requests":[
              {"model":"models/gemini-embedding-001","content":{"parts":[{"text":"weather forecast for Paris"}]}},
              {"model":"models/gemini-embedding-001","content":{"parts":[{"text":"Paris weather forecast today"}]}},
              {"model":"models/gemini-embedding-001","content":{"parts":[{"text":"chocolate cake recipe"}]}}]}
            """;

        using HttpResponseMessage response = await PostAsync("/v1beta/models/gemini-embedding-001:batchEmbedContents", Batch);
        JsonElement[] embeddings = [.. (await ReadJsonAsync(response)).GetProperty("embeddings").EnumerateArray()];
        float[][] vectors = [.. embeddings.Select(e => e.GetProperty("values").EnumerateArray().Select(v => v.GetSingle()).ToArray())];
        float[] single = await EmbedAsync("gemini-embedding-001", """{"content":{"parts":[{"text":"weather forecast for Paris"}]}}""");

        Assert.Equal(3, vectors.Length);
        Assert.Equal(single, vectors[0]);
        Assert.True(Cosine(vectors[0], vectors[1]) > Cosine(vectors[0], vectors[2]) + 0.2);
    }

    private async Task<JsonElement> GenerateAsync(string json)
    {
        using HttpResponseMessage response = await PostAsync(Generate, json);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return await ReadJsonAsync(response);
    }

    private async Task<float[]> EmbedAsync(string model, string json)
    {
        using HttpResponseMessage response = await PostAsync($"/v1beta/models/{model}:embedContent", json);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        JsonElement body = await ReadJsonAsync(response);
        Assert.Equal(["embedding"], body.EnumerateObject().Select(p => p.Name));
        return [.. body.GetProperty("embedding").GetProperty("values").EnumerateArray().Select(v => v.GetSingle())];
    }

    private async Task<HttpResponseMessage> PostAsync(string path, string json, bool withHeaderKey = true)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = Json(json) };
        if (withHeaderKey)
        {
            request.Headers.Add("x-goog-api-key", Emulator.ApiKey);
        }

        return await Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, TestCancellation);
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    /// <summary>A request body: <c>{"contents":[…],…}</c> with the given contents and other top-level members.</summary>
    private static string Body(string contents, params string[] members) =>
        "{\"contents\":[" + contents + "]" + string.Concat(members.Select(member => "," + member)) + "}";

    /// <summary>A model turn that echoes the given parts.</summary>
    private static string ModelTurn(IEnumerable<JsonElement> parts) =>
        "{\"role\":\"model\",\"parts\":[" + string.Join(",", parts.Select(part => part.GetRawText())) + "]}";

    private static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response)
    {
        using JsonDocument document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestCancellation));
        return document.RootElement.Clone();
    }

    /// <summary>Asserts new-api's OpenAI error shape of the Gemini routes, keys in struct order, and returns the error object.</summary>
    private static async Task<JsonElement> AssertOpenAIErrorAsync(HttpResponseMessage response, HttpStatusCode status, string type)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.True(response.Headers.Contains("X-Oneapi-Request-Id"));
        JsonElement error = (await ReadJsonAsync(response)).GetProperty("error");
        Assert.Equal(["message", "type", "param", "code"], error.EnumerateObject().Select(p => p.Name));
        Assert.Equal(type, error.GetProperty("type").GetString());
        Assert.Equal("", error.GetProperty("param").GetString());
        return error;
    }

    private static double Cosine(float[] a, float[] b) =>
        a.Zip(b, (x, y) => (double)x * y).Sum() / (Math.Sqrt(a.Sum(x => (double)x * x)) * Math.Sqrt(b.Sum(y => (double)y * y)));
}
