using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.AI;
using NexLLM.Connectors.Emulator;
using NexLLM.Connectors.IntegrationTests.TestSupport;

namespace NexLLM.Connectors.IntegrationTests.Transport;

/// <summary>Status errors, retries, redirects and timeouts over real sockets (docs/reliability.md, "Status and retry").</summary>
public sealed class TransportFaultTests : EmulatorTest
{
    private const string ChatPath = "/v1/chat/completions";

    [Fact]
    public async Task InvalidKey_Is401_NotRetried()
    {
        using NexLLMClient client = CreateClient(o => o.ApiKey = "sk-notthekey0000");

        var error = await Assert.ThrowsAsync<NexLLMException>(() => client.GetChatClient("gpt-4o-mini").GetResponseAsync("Hi.", cancellationToken: TestCancellation));

        Assert.Equal(401, error.StatusCode);
        Assert.Equal(NexLLMErrorKind.HttpStatus, error.Kind);
        Assert.False(error.IsTransient);
        Assert.Equal(1, error.Attempts);
        Assert.Equal(Emulator.Requests[^1].RequestId, error.RequestId);
        Assert.Single(RequestsTo(ChatPath));
    }

    [Fact]
    public async Task KeyWithAChannelPin_Is403_LikeTheGateway()
    {
        using NexLLMClient client = CreateClient(o => o.ApiKey = Emulator.ApiKey + "-7");

        var error = await Assert.ThrowsAsync<NexLLMException>(() => client.GetChatClient("gpt-4o-mini").GetResponseAsync("Hi.", cancellationToken: TestCancellation));

        Assert.Equal(403, error.StatusCode);
        Assert.Equal(1, error.Attempts);
    }

    [Fact]
    public async Task TooManyRequestsWithRetryAfter_IsRetriedOnceAfterTheHint_ThenSucceeds()
    {
        Emulator.Enqueue(EmulatorFault.OpenAIError(429, "Rate limited.", "rate_limit_error", headers: new Dictionary<string, string> { ["Retry-After"] = "1" }));

        ChatResponse response = await Client.GetChatClient("gpt-4o-mini").GetResponseAsync("Hi.", cancellationToken: TestCancellation);

        Assert.False(string.IsNullOrEmpty(response.Text));
        IReadOnlyList<EmulatorRequest> attempts = RequestsTo(ChatPath);
        Assert.Equal(2, attempts.Count);
        Assert.True(attempts[1].ReceivedAt - attempts[0].ReceivedAt >= TimeSpan.FromSeconds(0.95), "the retry must wait for the server's hint");
    }

    [Fact]
    public async Task RetryAfterMs_WinsOverRetryAfter()
    {
        Emulator.Enqueue(EmulatorFault.Status(429, body: null, headers: new Dictionary<string, string> { ["retry-after-ms"] = "50", ["Retry-After"] = "30" }));

        ChatResponse response = await Client.GetChatClient("gpt-4o-mini").GetResponseAsync("Hi.", cancellationToken: TestCancellation);

        Assert.False(string.IsNullOrEmpty(response.Text));
        IReadOnlyList<EmulatorRequest> attempts = RequestsTo(ChatPath);
        Assert.Equal(2, attempts.Count);
        Assert.True(attempts[1].ReceivedAt - attempts[0].ReceivedAt < TimeSpan.FromSeconds(25), "retry-after-ms (50 ms) must win over Retry-After (30 s)");
    }

    [Fact]
    public async Task RetryAfterOfOneDay_FailsAtOnceWithTheHint()
    {
        Emulator.Enqueue(EmulatorFault.OpenAIError(429, "Slow down.", "rate_limit_error", headers: new Dictionary<string, string> { ["Retry-After"] = "86400" }));

        var error = await Assert.ThrowsAsync<NexLLMException>(() => Client.GetChatClient("gpt-4o-mini").GetResponseAsync("Hi.", cancellationToken: TestCancellation));

        Assert.Equal(429, error.StatusCode);
        Assert.Equal(TimeSpan.FromDays(1), error.RetryAfter);
        Assert.True(error.IsTransient);
        Assert.Equal(1, error.Attempts);
        Assert.Single(RequestsTo(ChatPath));
    }

    [Fact]
    public async Task ServerErrorOnEveryAttempt_IsRetriedTwice_ThenTyped()
    {
        Emulator.Enqueue(EmulatorFault.OpenAIError(500, "Upstream failed.", "upstream_error", "do_request_failed").WithTimes(3));

        var error = await Assert.ThrowsAsync<NexLLMException>(() => Client.GetChatClient("gpt-4o-mini").GetResponseAsync("Hi.", cancellationToken: TestCancellation));

        Assert.Equal(500, error.StatusCode);
        Assert.Equal("upstream_error", error.ErrorType);
        Assert.Equal("do_request_failed", error.ErrorCode);
        Assert.Equal(3, error.Attempts);
        Assert.Equal(3, RequestsTo(ChatPath).Count);
    }

    [Fact]
    public async Task ServerErrorSayingInvalidRequest_IsNotRetried()
    {
        Emulator.Enqueue(EmulatorFault.OpenAIError(500, "messages is required", "new_api_error", "invalid_request"));

        var error = await Assert.ThrowsAsync<NexLLMException>(() => Client.GetChatClient("gpt-4o-mini").GetResponseAsync("Hi.", cancellationToken: TestCancellation));

        Assert.Equal(500, error.StatusCode);
        Assert.False(error.IsTransient);
        Assert.Single(RequestsTo(ChatPath));
    }

    [Fact]
    public async Task TimeoutWaitingForHeaders_IsATypedTimeout()
    {
        Emulator.Enqueue(EmulatorFault.Delay(TimeSpan.FromSeconds(10)));
        using NexLLMClient client = CreateClient(o =>
        {
            o.ResponseTimeout = TimeSpan.FromMilliseconds(300);
            o.MaxRetries = 0;
        });

        var error = await Assert.ThrowsAsync<NexLLMException>(() => client.GetChatClient("gpt-4o-mini").GetResponseAsync("Hi.", cancellationToken: TestCancellation));

        Assert.Equal(NexLLMErrorKind.Timeout, error.Kind);
        Assert.True(error.IsTransient);
    }

    [Fact]
    public async Task ConnectionRefused_IsRetried_ThenATypedConnectionError()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var client = new NexLLMClient(new NexLLMClientOptions { Endpoint = new Uri($"http://127.0.0.1:{port}/v1"), ApiKey = "sk-anykey0000", MaxRetries = 1 });

        var error = await Assert.ThrowsAsync<NexLLMException>(() => client.GetChatClient("gpt-4o-mini").GetResponseAsync("Hi.", cancellationToken: TestCancellation));

        Assert.Equal(NexLLMErrorKind.Connection, error.Kind);
        Assert.Equal(2, error.Attempts);
        Assert.IsType<HttpRequestException>(error.InnerException);
    }

    [Fact]
    public async Task Redirect_IsNotFollowed_AndNoKeyReachesTheOtherHost()
    {
        await using NexLLMEmulator elsewhere = await NexLLMEmulator.StartAsync(cancellationToken: TestCancellation);
        Emulator.Enqueue(EmulatorFault.Redirect(new Uri(elsewhere.Endpoint, "v1/chat/completions").AbsoluteUri, 307));

        var error = await Assert.ThrowsAsync<NexLLMException>(() => Client.GetChatClient("gpt-4o-mini").GetResponseAsync("Hi.", cancellationToken: TestCancellation));

        Assert.Equal(NexLLMErrorKind.Redirect, error.Kind);
        Assert.Equal(307, error.StatusCode);
        Assert.Empty(elsewhere.Requests);
        Assert.DoesNotContain(Emulator.ApiKey, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ModelList_HasTheEndpointTypesOfEachModel()
    {
        IReadOnlyList<NexLLMModel> models = await Client.ListModelsAsync(TestCancellation);

        Assert.NotEmpty(models);
        NexLLMModel chatModel = Assert.Single(models, m => m.Id == "gpt-4o-mini");
        Assert.Contains("openai", chatModel.SupportedEndpointTypes);
    }
}
