using System.Net;
using System.Text;
using System.Text.Json;
using NexLLM.Connectors.Emulator;
using NexLLM.Connectors.IntegrationTests.Rerank;
using NexLLM.Connectors.IntegrationTests.TestSupport;

namespace NexLLM.Connectors.IntegrationTests.Completions;

/// <summary>The emulator's <c>POST /v1/completions</c> on the wire: new-api's validation, the answer's shape, the stream's shape.</summary>
public sealed class CompletionsEmulatorTests : EmulatorTest
{
    private Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(string json) => RerankEmulatorTests.PostAsync(Emulator, "/v1/completions", json);

    private async Task<string> PostStreamAsync(string json)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Emulator.Endpoint + "/completions")) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add("Authorization", "Bearer " + Emulator.ApiKey);
        using HttpResponseMessage response = await http.SendAsync(request, TestCancellation);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsStringAsync(TestCancellation);
    }

    private static List<JsonElement> Events(string stream) =>
        [.. stream.Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Where(e => e != "data: [DONE]").Select(e => JsonDocument.Parse(e["data: ".Length..]).RootElement.Clone())];

    [Theory]
    [InlineData("""{"prompt":"hi"}""", "model is required")]
    [InlineData("""{"model":"gpt-3.5-turbo-instruct","prompt":""}""", "field prompt is required")]
    [InlineData("""{"model":"gpt-3.5-turbo-instruct"}""", "field prompt is required")]
    [InlineData("""{"model":"gpt-3.5-turbo-instruct","prompt":null}""", "field prompt is required")]
    [InlineData("""{"model":"gpt-3.5-turbo-instruct","prompt":[]}""", "field prompt is required")]
    [InlineData("""{"model":"gpt-3.5-turbo-instruct","prompt":[1]}""", "field prompt is required")]
    [InlineData("""{"model":"gpt-3.5-turbo-instruct","prompt":"hi","stream":"yes"}""", "json: cannot unmarshal string into Go struct field GeneralOpenAIRequest.stream of type bool")]
    [InlineData("""{"model":"gpt-3.5-turbo-instruct","prompt":"hi","max_tokens":-1}""", "json: cannot unmarshal number -1 into Go struct field GeneralOpenAIRequest.max_tokens of type uint")]
    [InlineData("""{"model":"gpt-3.5-turbo-instruct","prompt":"hi","n":"2"}""", "json: cannot unmarshal string into Go struct field GeneralOpenAIRequest.n of type int")]
    [InlineData("""{"model":"gpt-3.5-turbo-instruct","prompt":"","messages":"x"}""", "json: cannot unmarshal string into Go struct field GeneralOpenAIRequest.messages of type []dto.Message")]
    [InlineData("[]", "json: cannot unmarshal array into Go value of type dto.GeneralOpenAIRequest")]
    public async Task GatewayValidation_Is500InvalidRequest(string json, string message)
    {
        var (status, body) = await PostAsync(json);

        Assert.Equal(HttpStatusCode.InternalServerError, status);
        JsonElement error = body.GetProperty("error");
        Assert.StartsWith(message + " (request id: ", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(("new_api_error", "invalid_request"), (error.GetProperty("type").GetString(), error.GetProperty("code").GetString()));
    }

    [Fact]
    public async Task TheAnswer_IsATextCompletionWithNewApisUsage()
    {
        var (status, body) = await PostAsync("""{"model":"gpt-3.5-turbo-instruct","prompt":"Hello there","suffix":"!"}""");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["id", "object", "created", "model", "system_fingerprint", "choices", "usage"], body.EnumerateObject().Select(p => p.Name));
        Assert.Equal("text_completion", body.GetProperty("object").GetString());
        JsonElement choice = body.GetProperty("choices")[0];
        Assert.Equal(["text", "index", "logprobs", "finish_reason"], choice.EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.Null, choice.GetProperty("logprobs").ValueKind);
        Assert.Equal("stop", choice.GetProperty("finish_reason").GetString());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("usage").GetProperty("input_tokens_details").ValueKind);
    }

    [Fact]
    public async Task TheStream_EndsWithTheFinishChunks_NewApisUsageChunk_AndDone()
    {
        string stream = await PostStreamAsync("""{"model":"gpt-3.5-turbo-instruct","prompt":"Hello there","stream":true,"n":2}""");

        Assert.EndsWith("data: [DONE]\n\n", stream, StringComparison.Ordinal);
        List<JsonElement> events = Events(stream);
        Assert.All(events.SkipLast(1), e => Assert.Equal("text_completion", e.GetProperty("object").GetString()));
        JsonElement usage = events[^1];
        Assert.Equal("chat.completion.chunk", usage.GetProperty("object").GetString());
        Assert.Equal(0, usage.GetProperty("choices").GetArrayLength());
        Assert.True(usage.GetProperty("usage").GetProperty("total_tokens").GetInt32() > 0);
        string[] finishes = [.. events[^3..^1].Select(e => e.GetProperty("choices")[0].GetProperty("finish_reason").GetString()!)];
        Assert.Equal(["stop", "stop"], finishes);
        Assert.Single(events.Select(e => e.GetProperty("id").GetString()).Distinct());
    }

    [Fact]
    public async Task WithoutIncludeUsage_TheStreamHasNoUsageChunk()
    {
        string stream = await PostStreamAsync("""{"model":"gpt-3.5-turbo-instruct","prompt":"Hello","stream":true,"stream_options":{"include_usage":false}}""");

        Assert.DoesNotContain("\"usage\"", stream, StringComparison.Ordinal);
        Assert.Equal("stop", Events(stream)[^1].GetProperty("choices")[0].GetProperty("finish_reason").GetString());
    }

    [Fact]
    public async Task StreamedLogprobs_CoverEachChunksText()
    {
        string stream = await PostStreamAsync("""{"model":"gpt-3.5-turbo-instruct","prompt":"Hello there","stream":true,"logprobs":1,"echo":true}""");

        List<JsonElement> chunks = [.. Events(stream).Where(e => e.GetProperty("choices").GetArrayLength() > 0 && e.GetProperty("choices")[0].GetProperty("text").GetString() is { Length: > 0 })];
        Assert.All(chunks, chunk =>
        {
            JsonElement choice = chunk.GetProperty("choices")[0];
            string tokens = string.Concat(choice.GetProperty("logprobs").GetProperty("tokens").EnumerateArray().Select(t => t.GetString()));
            Assert.Equal(choice.GetProperty("text").GetString(), tokens);
        });
        JsonElement first = chunks[0].GetProperty("choices")[0].GetProperty("logprobs");
        Assert.StartsWith("Hello", chunks[0].GetProperty("choices")[0].GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, first.GetProperty("token_logprobs")[0].ValueKind); // the echoed prompt's first token
        Assert.Equal(0, first.GetProperty("text_offset")[0].GetInt32());
    }

    [Fact]
    public async Task AWrongMethod_IsNewApis404()
    {
        using var http = new HttpClient();
        using HttpResponseMessage response = await http.GetAsync(new Uri(Emulator.Endpoint + "/completions"), TestCancellation);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Invalid URL (GET /v1/completions)", await response.Content.ReadAsStringAsync(TestCancellation), StringComparison.Ordinal);
        Assert.Equal("/v1/completions", Assert.Single(Emulator.Requests).Path);
    }
}

/// <summary>The client through new-api's request struct (docs/protocols/completions.md#through-the-gateway): numeric logprobs refused, echo lost.</summary>
public sealed class CompletionsThroughNewApiStructTests : EmulatorTest
{
    protected override NexLLMEmulatorOptions ConfigureEmulator(NexLLMEmulatorOptions options)
    {
        options.CompletionsThroughNewApiStruct = true;
        return options;
    }

    [Fact]
    public async Task Numeric_logprobs_are_a_500_invalid_request_that_is_not_retried()
    {
        var error = await Assert.ThrowsAsync<NexLLMException>(
            () => Client.GetCompletionClient("gpt-3.5-turbo-instruct").CompleteAsync("Hello", new() { Logprobs = 1 }, TestCancellation));

        Assert.Equal((NexLLMErrorKind.HttpStatus, 500, "invalid_request"), (error.Kind, error.StatusCode, error.ErrorCode));
        Assert.Contains("GeneralOpenAIRequest.logprobs of type bool", error.Message, StringComparison.Ordinal);
        Assert.Single(Emulator.Requests);
    }

    [Fact]
    public async Task Echo_is_lost()
    {
        NexLLMCompletion completion = await Client.GetCompletionClient("gpt-3.5-turbo-instruct").CompleteAsync("Hello there", new() { Echo = true }, TestCancellation);

        Assert.Contains("\"echo\":true", Assert.Single(Emulator.Requests).BodyText, StringComparison.Ordinal);
        Assert.DoesNotContain("Hello there", completion.Text, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(completion.Text));
    }
}
