using NexLLM.Connectors.Tests.TestSupport;

namespace NexLLM.Connectors.Tests.Client;

/// <summary>
/// An endpoint copied with an operation path at its end (<c>https://host/v1/chat/completions</c>) is refused when the client
/// is created, with the base URL to use; before, it was accepted and every call was a 404
/// <c>Invalid URL (POST /v1/chat/completions/chat/completions)</c>. Such a 404 also says what to check.
/// </summary>
public sealed class EndpointOperationPathTests
{
    private static ArgumentException Rejected(Action<NexLLMClientOptions> configure)
    {
        var options = new NexLLMClientOptions { ApiKey = Harness.ApiKey };
        configure(options);
        using var http = new HttpClient(new VerbatimHandler());
        return Assert.Throws<ArgumentException>(() => new NexLLMClient(options, http));
    }

    [Theory]
    [InlineData("https://gateway.test/v1/chat/completions", "https://gateway.test/v1")]
    [InlineData("https://gateway.test/v1/chat/completions/", "https://gateway.test/v1")]
    [InlineData("https://gateway.test/custom/v1/Chat/Completions", "https://gateway.test/custom/v1")]
    [InlineData("http://localhost:5080/v1/chat/completions", "http://localhost:5080/v1")]
    [InlineData("https://gateway.test/v1/completions", "https://gateway.test/v1")]
    [InlineData("https://gateway.test/v1/embeddings", "https://gateway.test/v1")]
    [InlineData("https://gateway.test/v1/messages", "https://gateway.test/v1")]
    [InlineData("https://gateway.test/v1/responses", "https://gateway.test/v1")]
    [InlineData("https://gateway.test/v1/rerank", "https://gateway.test/v1")]
    [InlineData("https://gateway.test/v1/models", "https://gateway.test/v1")]
    [InlineData("https://gateway.test/v1/models/gpt-4o-mini", "https://gateway.test/v1")]
    [InlineData("https://gateway.test/v1/moderations", "https://gateway.test/v1")]
    [InlineData("https://gateway.test/v1/images/generations", "https://gateway.test/v1")]
    [InlineData("https://gateway.test/v1/audio/transcriptions", "https://gateway.test/v1")]
    [InlineData("https://gateway.test/v1/audio/speech", "https://gateway.test/v1")]
    [InlineData("https://gateway.test/v1beta/models/gemini-2.5-flash:generateContent", "https://gateway.test/v1")]
    [InlineData("https://gateway.test/v1beta/models/gemini-2.5-flash:streamGenerateContent", "https://gateway.test/v1")]
    [InlineData("https://gateway.test/v1/gemini-2.5-flash:embedContent", "https://gateway.test/v1")]
    [InlineData("https://gateway.test/chat/completions", "https://gateway.test/")]
    public void An_endpoint_ending_with_an_operation_path_is_rejected_with_the_base_url_to_use(string endpoint, string baseUrl)
    {
        ArgumentException error = Rejected(o => o.Endpoint = new Uri(endpoint));

        Assert.Equal("Endpoint", error.ParamName);
        Assert.Contains("operation path", error.Message, StringComparison.Ordinal);
        Assert.Contains($"Use the base URL: {baseUrl} (Parameter 'Endpoint')", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_gemini_endpoint_with_an_action_is_rejected_with_its_own_base_url()
    {
        ArgumentException error = Rejected(o => o.GeminiEndpoint = new Uri("https://gemini.test/v1beta/models/gemini-2.5-flash:generateContent"));

        Assert.Equal("GeminiEndpoint", error.ParamName);
        Assert.Contains("Use the base URL: https://gemini.test/v1beta (Parameter", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://gateway.test/v1")]
    [InlineData("https://gateway.test/chat/v1")]
    [InlineData("https://gateway.test/models-proxy/v1/")]
    [InlineData("https://messages.gateway.test/v1")]
    [InlineData("https://gateway.test/v1/completions-proxy")]
    [InlineData("https://gateway.test/models/v1")]
    [InlineData("https://gateway.test/audio/v1")]
    [InlineData("https://gateway.test/images/v1/")]
    [InlineData("https://resource.services.ai.azure.com/models")]
    [InlineData("https://gateway.test/tenant:acme")]
    [InlineData("https://gateway.test/")]
    public void Base_urls_that_only_contain_such_words_are_accepted(string endpoint)
    {
        var options = new NexLLMClientOptions { ApiKey = Harness.ApiKey, Endpoint = new Uri(endpoint) };
        using var http = new HttpClient(new VerbatimHandler());

        using var client = new NexLLMClient(options, http);

        Assert.StartsWith(endpoint.TrimEnd('/'), client.Endpoint.AbsoluteUri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_404_Invalid_URL_from_the_gateway_names_the_base_url_to_check()
    {
        using var harness = new Harness(o => o.MaxRetries = 0);
        harness.Handler.Enqueue(Reply.Json(
            """{"error":{"message":"Invalid URL (POST /v1/chat/completions/chat/completions)","type":"invalid_request_error","param":"","code":""}}""", 404));

        var error = await Assert.ThrowsAsync<NexLLMException>(() => harness.AskAsync());

        Assert.Equal(404, error.StatusCode);
        Assert.Contains(": Invalid URL (POST /v1/chat/completions/chat/completions)", error.Message, StringComparison.Ordinal);
        Assert.EndsWith(
            " The gateway has no such route: the endpoint must be its base URL, such as https://www.nexllm.ai/v1, without an operation path such as /chat/completions at its end.",
            error.Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_404_gets_no_such_hint()
    {
        using var harness = new Harness(o => o.MaxRetries = 0);
        harness.Handler.Enqueue(Reply.Json("""{"error":{"message":"The model 'x' does not exist","type":"invalid_request_error","code":"model_not_found"}}""", 404));

        var error = await Assert.ThrowsAsync<NexLLMException>(() => harness.AskAsync());

        Assert.Equal(404, error.StatusCode);
        Assert.DoesNotContain("base URL", error.Message, StringComparison.Ordinal);
    }
}
