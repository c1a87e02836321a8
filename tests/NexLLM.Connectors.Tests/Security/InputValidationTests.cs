using Microsoft.Extensions.AI;
using NexLLM.Connectors.Tests.TestSupport;

namespace NexLLM.Connectors.Tests.Security;

/// <summary>Unsafe inputs are rejected before anything is sent (docs/reliability.md, "safe inputs").</summary>
public sealed class InputValidationTests
{
    private static NexLLMClient Create(Action<NexLLMClientOptions> configure)
    {
        var options = new NexLLMClientOptions { ApiKey = Harness.ApiKey };
        configure(options);
        return new NexLLMClient(options, new HttpClient(new VerbatimHandler()));
    }

    [Theory]
    [InlineData("https://gateway.test/v1", "https://gateway.test/v1/")]
    [InlineData("https://gateway.test/custom/v1/", "https://gateway.test/custom/v1/")]
    [InlineData("http://localhost:5080/v1", "http://localhost:5080/v1/")]
    [InlineData("http://127.0.0.1:5080/v1", "http://127.0.0.1:5080/v1/")]
    [InlineData("http://[::1]:5080/v1", "http://[::1]:5080/v1/")]
    public void Https_and_loopback_http_endpoints_are_accepted(string endpoint, string normalized)
    {
        using NexLLMClient client = Create(o => o.Endpoint = new Uri(endpoint));

        Assert.Equal(normalized, client.Endpoint.AbsoluteUri);
    }

    [Fact]
    public void Plain_http_on_a_public_host_needs_AllowInsecureHttp()
    {
        var error = Assert.Throws<ArgumentException>(() => Create(o => o.Endpoint = new Uri("http://gateway.test/v1")));
        Assert.Equal("Endpoint", error.ParamName);

        using NexLLMClient client = Create(o => (o.Endpoint, o.AllowInsecureHttp) = (new Uri("http://gateway.test/v1"), true));
        Assert.Equal("http://gateway.test/v1/", client.Endpoint.AbsoluteUri);
    }

    [Theory]
    [InlineData("https://user:hunter2@gateway.test/v1")]
    [InlineData("https://gateway.test/v1?key=sk-abc")]
    [InlineData("https://gateway.test/v1#fragment")]
    [InlineData("ftp://gateway.test/v1")]
    [InlineData("ws://localhost/v1")]
    public void Endpoints_with_credentials_query_fragment_or_another_scheme_are_rejected(string endpoint)
    {
        var error = Assert.Throws<ArgumentException>(() => Create(o => o.Endpoint = new Uri(endpoint)));

        Assert.Equal("Endpoint", error.ParamName);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-abc", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_relative_endpoint_is_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => Create(o => o.Endpoint = new Uri("v1/", UriKind.Relative)));

        Assert.Equal("Endpoint", error.ParamName);
    }

    [Theory]
    [InlineData("X-Team", "blue\r\nX-Evil: 1")]
    [InlineData("X-Team", "blue\nX-Evil: 1")]
    [InlineData("X-Team", "blue\0")]
    [InlineData("X-Bad Name", "v")]
    [InlineData("X-Bad\r\nName", "v")]
    [InlineData(" ", "v")]
    public void Default_headers_with_line_breaks_or_control_characters_are_rejected(string name, string value)
    {
        var error = Assert.Throws<ArgumentException>(() => Create(o => o.DefaultHeaders[name] = value));

        Assert.Equal("DefaultHeaders", error.ParamName);
        Assert.False(error.Message.AsSpan().IndexOfAny('\r', '\n') >= 0, error.Message);
    }

    [Theory]
    [InlineData("gpt-4o\r\nX-Evil: 1")]
    [InlineData("gpt-4o\n")]
    [InlineData("gpt\u0000")]
    [InlineData("gpt\u007f")]
    [InlineData("")]
    [InlineData("   ")]
    public void Model_names_with_control_characters_or_blank_are_rejected(string model)
    {
        using var harness = new Harness();

        var error = Assert.Throws<ArgumentException>(() => harness.Client.GetChatClient(model));

        Assert.Equal("model", error.ParamName);
    }

    [Theory]
    [InlineData(NexLLMChatProtocol.ChatCompletions)]
    [InlineData(NexLLMChatProtocol.ClaudeMessages)]
    [InlineData(NexLLMChatProtocol.GeminiGenerateContent)]
    [InlineData(NexLLMChatProtocol.Responses)]
    [InlineData(NexLLMChatProtocol.Auto)]
    public async Task A_per_request_model_id_with_a_line_break_is_rejected_before_sending(NexLLMChatProtocol protocol)
    {
        using var harness = new Harness();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => harness.Client.GetChatClient("gpt-4o", protocol).GetResponseAsync(
            [new ChatMessage(ChatRole.User, "Hi")], new ChatOptions { ModelId = "gpt-4o\r\nX-Evil: 1" }, Harness.Ct));

        Assert.Equal("options.ModelId", error.ParamName);
        Assert.Empty(harness.Handler.Requests);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void A_missing_api_key_is_an_ArgumentException(string? key)
    {
        var error = Assert.Throws<ArgumentException>(() => Create(o => o.ApiKey = key));

        Assert.Equal("ApiKey", error.ParamName);
        Assert.Contains("API key is required", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sk-SECRET-123456789\n")]
    [InlineData("sk-SECRET-123456789\r\nX-Evil: 1")]
    [InlineData(" sk-SECRET-123456789")]
    public void A_malformed_api_key_is_rejected_without_echoing_it(string key)
    {
        var error = Assert.Throws<ArgumentException>(() => Create(o => o.ApiKey = key));

        Assert.Equal("ApiKey", error.ParamName);
        Assert.DoesNotContain("SECRET", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_api_key_constructor_rejects_a_blank_key_without_echoing_it()
    {
        var error = Assert.Throws<ArgumentException>(() => new NexLLMClient("  "));

        Assert.Equal("ApiKey", error.ParamName);
    }
}
