using Microsoft.Extensions.AI;
using NexLLM.Connectors.IntegrationTests.TestSupport;

namespace NexLLM.Connectors.IntegrationTests.Live;

/// <summary>
/// Smoke tests against the real gateway. They run only when <c>NEXLLM_API_KEY</c> is set (<c>NEXLLM_ENDPOINT</c> and
/// <c>NEXLLM_MODEL</c> optional) and are skipped otherwise: tests never call the gateway by default.
/// </summary>
public sealed class LiveGatewayTests : IDisposable
{
    private static readonly string? ApiKey = Environment.GetEnvironmentVariable("NEXLLM_API_KEY");
    private readonly NexLLMClient? _client;
    private readonly string _model = Environment.GetEnvironmentVariable("NEXLLM_MODEL") is { Length: > 0 } model ? model : "gpt-4o-mini";

    public LiveGatewayTests()
    {
        if (!string.IsNullOrEmpty(ApiKey))
        {
            var options = new NexLLMClientOptions { ApiKey = ApiKey };
            if (Environment.GetEnvironmentVariable("NEXLLM_ENDPOINT") is { Length: > 0 } endpoint)
            {
                options.Endpoint = new Uri(endpoint);
            }

            _client = new NexLLMClient(options);
        }
    }

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ModelList_IsNotEmpty()
    {
        NexLLMClient client = RequireClient();

        IReadOnlyList<NexLLMModel> models = await client.ListModelsAsync(Cancellation);

        Assert.NotEmpty(models);
    }

    [Fact]
    public async Task Chat_AnswersAndStreams()
    {
        IChatClient chat = RequireClient().GetChatClient(_model);

        ChatResponse response = await chat.GetResponseAsync("Reply with the single word: pong", cancellationToken: Cancellation);
        ChatResponse streamed = await chat.GetStreamingResponseAsync("Reply with the single word: pong", cancellationToken: Cancellation).ToChatResponseAsync(Cancellation);

        Assert.Contains("pong", response.Text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("pong", streamed.Text, StringComparison.OrdinalIgnoreCase);
        Assert.NotNull(response.Usage);
        Assert.NotNull(response.AdditionalProperties?["nexllm.request_id"]);
    }

    [Fact]
    public async Task Chat_CallsATool()
    {
        var weather = new Weather();
        IChatClient chat = RequireClient().GetChatClient(_model).AsBuilder().UseFunctionInvocation().Build();

        ChatResponse response = await chat.GetResponseAsync(
            "What is the weather in Paris? Use the get_weather tool.", new ChatOptions { Tools = [weather.Function] }, Cancellation);

        Assert.NotEmpty(weather.Cities);
        Assert.False(string.IsNullOrWhiteSpace(response.Text));
    }

    public void Dispose() => _client?.Dispose();

    private NexLLMClient RequireClient()
    {
        Assert.SkipWhen(_client is null, "NEXLLM_API_KEY is not set: live gateway tests are skipped.");
        return _client!;
    }
}
