using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;
using NexLLM.Connectors.Emulator;
using NexLLM.Connectors.IntegrationTests.TestSupport;

namespace NexLLM.Connectors.IntegrationTests.Transport;

/// <summary>
/// new-api copies the upstream's headers onto whole answers (docs/protocols/gateway.md#response-headers), so OpenAI's
/// <c>x-request-id</c> and Anthropic's <c>request-id</c> arrive beside the gateway's <c>X-Oneapi-Request-Id</c>; streams
/// and the gateway's own answers carry only the latter. Our client reports the gateway's id, the one support can look up.
/// </summary>
public sealed partial class UpstreamRequestIdTests
{
    private const string Gateway = "X-Oneapi-Request-Id";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(false, "/v1/chat/completions", """{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Hi"}]}""")]
    [InlineData(true, "/v1/completions", """{"model":"gpt-4o-mini","prompt":"Hi"}""")]
    [InlineData(false, "/v1/responses", """{"model":"gpt-4o-mini","input":"Hi"}""")]
    [InlineData(true, "/v1/embeddings", """{"model":"text-embedding-3-small","input":"Hi","dimensions":8}""")]
    [InlineData(false, "/v1/audio/speech", """{"model":"tts-1","input":"Hi","voice":"alloy","response_format":"wav"}""")]
    public async Task AWholeOpenAIAnswer_CarriesOpenAIsRequestId_BesideTheGateways(bool strict, string path, string body)
    {
        await using var emulator = await NexLLMEmulator.StartAsync(new() { Strict = strict }, Cancellation);
        using var gateway = new RawGateway(emulator);

        RawAnswer answer = await gateway.PostAsync(path, body);

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Matches(OpenAIRequestId(), answer.Header("x-request-id"));
        Assert.False(string.IsNullOrEmpty(answer.Header(Gateway)));
        Assert.Null(answer.Header("request-id"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AWholeClaudeMessage_CarriesAnthropicsRequestId(bool strict)
    {
        await using var emulator = await NexLLMEmulator.StartAsync(new() { Strict = strict }, Cancellation);
        using var gateway = new RawGateway(emulator);

        RawAnswer first = await gateway.PostAsync("/v1/messages", ClaudeBody(stream: false), auth: "x-api-key");
        RawAnswer second = await gateway.PostAsync("/v1/messages", ClaudeBody(stream: false), auth: "x-api-key");

        Assert.Matches(AnthropicRequestId(), first.Header("request-id"));
        Assert.NotEqual(first.Header("request-id"), second.Header("request-id"));
        Assert.Null(first.Header("x-request-id"));
    }

    [Theory]
    [InlineData("/v1/chat/completions", """{"model":"gpt-4o-mini","stream":true,"messages":[{"role":"user","content":"Hi"}]}""", "bearer")]
    [InlineData("/v1/messages", null, "x-api-key")]
    [InlineData("/v1beta/models/gemini-2.5-flash:generateContent", """{"contents":[{"role":"user","parts":[{"text":"Hi"}]}]}""", "x-goog-api-key")]
    [InlineData("/v1/rerank", """{"model":"jina-reranker-v2-base-multilingual","query":"a","documents":["a","b"]}""", "bearer")]
    [InlineData("/v1/chat/completions", """{"model":"gpt-4o-mini"}""", "bearer")]
    public async Task Streams_Errors_RerankAndGeminiAnswers_CarryOnlyTheGatewaysId(string path, string? body, string auth)
    {
        await using var emulator = await NexLLMEmulator.StartAsync(cancellationToken: Cancellation);
        using var gateway = new RawGateway(emulator);

        RawAnswer answer = await gateway.PostAsync(path, body ?? ClaudeBody(stream: true), auth);
        RawAnswer models = await gateway.GetAsync("/v1/models");

        Assert.All([answer, models], a =>
        {
            Assert.False(string.IsNullOrEmpty(a.Header(Gateway)));
            Assert.Null(a.Header("x-request-id"));
            Assert.Null(a.Header("request-id"));
        });
    }

    [Theory]
    [InlineData(NexLLMChatProtocol.ChatCompletions, "gpt-4o-mini")]
    [InlineData(NexLLMChatProtocol.ClaudeMessages, "claude-sonnet-4-5")]
    public async Task OurClient_ReportsTheGatewaysId_NotTheUpstreams(NexLLMChatProtocol protocol, string model)
    {
        await using var emulator = await NexLLMEmulator.StartAsync(cancellationToken: Cancellation);
        using var capture = new HeaderCapture();
        using var http = new HttpClient(capture);
        using var client = new NexLLMClient(new NexLLMClientOptions { Endpoint = emulator.Endpoint, ApiKey = emulator.ApiKey }, http);

        ChatResponse response = await client.GetChatClient(model, protocol).GetResponseAsync("Hi", cancellationToken: Cancellation);
        GeneratedEmbeddings<Embedding<float>> embeddings = await client.GetEmbeddingGenerator("text-embedding-3-small", 8).GenerateAsync(["Hi"], cancellationToken: Cancellation);

        Assert.Equal(2, capture.Responses.Count);
        Assert.NotNull(capture.Responses[0].Headers.GetValues(protocol == NexLLMChatProtocol.ClaudeMessages ? "request-id" : "x-request-id").Single());
        Assert.Equal(capture.Responses[0].Headers.GetValues(Gateway).Single(), response.AdditionalProperties?["nexllm.request_id"]);
        Assert.Equal(capture.Responses[1].Headers.GetValues(Gateway).Single(), embeddings.AdditionalProperties?["nexllm.request_id"]);
    }

    private static string ClaudeBody(bool stream) =>
        $$"""{"model":"claude-sonnet-4-5","max_tokens":64,"stream":{{(stream ? "true" : "false")}},"messages":[{"role":"user","content":"Hi"}]}""";

    [GeneratedRegex("^req_[0-9a-f]{32}$")]
    private static partial Regex OpenAIRequestId();

    [GeneratedRegex("^req_011C[0-9A-Za-z]{20}$")]
    private static partial Regex AnthropicRequestId();

    /// <summary>Keeps every response's headers as the socket handler received them.</summary>
    private sealed class HeaderCapture() : DelegatingHandler(new SocketsHttpHandler())
    {
        public List<HttpResponseMessage> Responses { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            HttpResponseMessage response = await base.SendAsync(request, cancellationToken);
            Responses.Add(response);
            return response;
        }
    }
}
