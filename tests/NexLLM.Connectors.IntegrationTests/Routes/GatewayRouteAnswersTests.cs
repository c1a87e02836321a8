using System.Net;
using System.Text.Json;
using NexLLM.Connectors.Emulator;
using NexLLM.Connectors.IntegrationTests.TestSupport;

namespace NexLLM.Connectors.IntegrationTests.Routes;

/// <summary>
/// Routes answered as new-api answers them, read in its source (docs/protocols/gateway.md#routes): Gemini <c>countTokens</c>
/// reaches Google as <c>generateContent</c> (docs/protocols/gemini.md#other-actions); <c>/v1/messages/count_tokens</c> is no
/// route (404 before auth); <c>GET /v1/models/{id}</c> and the Google-keyed <c>GET /v1/models</c> answer 200, with an error
/// body when the id is unknown (docs/protocols/models.md). The same in strict and friendly mode.
/// </summary>
public sealed class GatewayRouteAnswersTests
{
    private const string Contents = """{"contents":[{"role":"user","parts":[{"text":"How many tokens is this?"}]}]}""";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(false, "/v1beta/models/gemini-2.5-flash:countTokens")]
    [InlineData(true, "/v1beta/models/gemini-2.5-flash:countTokens")]
    [InlineData(false, "/v1/models/gemini-2.5-flash:countTokens")]
    [InlineData(true, "/v1beta/models/gemini-2.5-pro:someFutureAction")]
    public async Task GeminiCountTokens_IsAnsweredAsGenerateContent(bool strict, string path)
    {
        await using var emulator = await NexLLMEmulator.StartAsync(new() { Strict = strict }, Cancellation);
        using var gateway = new RawGateway(emulator);

        RawAnswer answer = await gateway.PostAsync(path, Contents, auth: "x-goog-api-key");
        RawAnswer generated = await gateway.PostAsync(path[..path.LastIndexOf(':')] + ":generateContent", Contents, auth: "x-goog-api-key");

        Assert.Equal((HttpStatusCode.OK, "application/json"), (answer.Status, answer.MediaType));
        JsonElement body = answer.Json();
        Assert.False(body.TryGetProperty("totalTokens", out _));
        Assert.Equal(["candidates", "usageMetadata", "modelVersion", "responseId"], body.EnumerateObject().Select(p => p.Name));
        Assert.Equal(
            generated.Json().GetProperty("candidates")[0].GetProperty("content").GetRawText(),
            body.GetProperty("candidates")[0].GetProperty("content").GetRawText());
    }

    [Fact]
    public async Task GeminiCountTokens_WithAltSse_Streams_AndItsOwnBodyShapeIsNewApisValidationError()
    {
        await using var emulator = await NexLLMEmulator.StartAsync(cancellationToken: Cancellation);
        using var gateway = new RawGateway(emulator);

        RawAnswer streamed = await gateway.PostAsync("/v1beta/models/gemini-2.5-flash:countTokens?alt=sse", Contents, auth: "x-goog-api-key");
        RawAnswer wrapped = await gateway.PostAsync(
            "/v1beta/models/gemini-2.5-flash:countTokens", "{\"generateContentRequest\":" + Contents + "}", auth: "x-goog-api-key");

        Assert.Equal("text/event-stream", streamed.MediaType);
        Assert.Equal("STOP", streamed.DataEvents()[^1].GetProperty("candidates")[0].GetProperty("finishReason").GetString());
        GatewayAssert.InvalidRequest(wrapped.Status, wrapped.Json(), "contents is required");
    }

    [Theory]
    [InlineData(false, "x-api-key")]
    [InlineData(true, "none")]
    public async Task ClaudeCountTokens_IsNoRoute_404BeforeAuth(bool strict, string auth)
    {
        await using var emulator = await NexLLMEmulator.StartAsync(new() { Strict = strict }, Cancellation);
        using var gateway = new RawGateway(emulator);

        RawAnswer answer = await gateway.PostAsync("/v1/messages/count_tokens", """{"model":"claude-sonnet-4-5","messages":[{"role":"user","content":"Hi"}]}""", auth);

        Assert.Equal(HttpStatusCode.NotFound, answer.Status);
        Assert.Equal(
            """{"error":{"message":"Invalid URL (POST /v1/messages/count_tokens)","type":"invalid_request_error","param":"","code":""}}""",
            answer.Body);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task RetrievingAKnownModel_IsItsEntry_WithNullEndpointTypes(bool strict)
    {
        await using var emulator = await NexLLMEmulator.StartAsync(new() { Strict = strict }, Cancellation);
        using var gateway = new RawGateway(emulator);

        RawAnswer openAI = await gateway.GetAsync("/v1/models/claude-sonnet-4-5");
        RawAnswer anthropic = await gateway.SendAsync(
            HttpMethod.Get, "/v1/models/claude-sonnet-4-5", auth: "x-api-key", headers: new Dictionary<string, string> { ["anthropic-version"] = "2023-06-01" }, cancellationToken: Cancellation);

        Assert.Equal(HttpStatusCode.OK, openAI.Status);
        Assert.Equal(
            """{"id":"claude-sonnet-4-5","object":"model","created":1626777600,"owned_by":"claude","supported_endpoint_types":null}""",
            openAI.Body);
        Assert.Equal(
            """{"id":"claude-sonnet-4-5","created_at":"2021-07-20T10:40:00Z","display_name":"claude-sonnet-4-5","type":"model"}""",
            anthropic.Body);
    }

    [Theory]
    [InlineData(false, "/v1/models/no-such-model", "bearer", "no-such-model")]
    [InlineData(true, "/v1/models/no-such-model", "bearer", "no-such-model")]
    [InlineData(false, "/v1/models", "x-goog-api-key", "")]
    [InlineData(true, "/v1/models", "x-goog-api-key", "")]
    public async Task AnUnknownModel_AndTheGoogleKeyedList_Are200WithAnErrorBody(bool strict, string path, string auth, string id)
    {
        await using var emulator = await NexLLMEmulator.StartAsync(new() { Strict = strict }, Cancellation);
        using var gateway = new RawGateway(emulator);

        RawAnswer answer = await gateway.GetAsync(path, auth);

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(
            $$$"""{"error":{"message":"The model '{{{id}}}' does not exist","type":"invalid_request_error","param":"model","code":"model_not_found"}}""",
            answer.Body);
    }
}
