using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.AI;
using NexLLM.Connectors.IntegrationTests.TestSupport;
using Polly;
using Polly.Simmy;

namespace NexLLM.Connectors.IntegrationTests.Load;

/// <summary>
/// Many calls at once against the emulator (docs/reliability.md, "Load"). The chaos run injects 429/503/529, latency and
/// connection faults at 20 % of attempts; every call must succeed or fail with a documented NexLLMException.
/// </summary>
public sealed class LoadTests : EmulatorTest
{
    [Fact]
    public async Task FiveHundredConcurrentStreams_AllCompleteWithTheRightContent()
    {
        IChatClient chat = Client.GetChatClient("gpt-4o-mini");
        const string Question = "Describe a lighthouse in one sentence.";
        string expected = (await chat.GetResponseAsync(Question, cancellationToken: TestCancellation)).Text;
        long memoryBefore = GC.GetTotalMemory(forceFullCollection: true);

        string[] answers = await Task.WhenAll(Enumerable.Range(0, 500).Select(async _ =>
        {
            var text = new System.Text.StringBuilder();
            await foreach (ChatResponseUpdate update in chat.GetStreamingResponseAsync(Question, cancellationToken: TestCancellation))
            {
                text.Append(update.Text);
            }

            return text.ToString();
        }));

        Assert.All(answers, answer => Assert.Equal(expected, answer));
        long retained = GC.GetTotalMemory(forceFullCollection: true) - memoryBefore;
        Assert.True(retained < 32 * 1024 * 1024, $"{retained:N0} bytes still held after 500 streams");
    }

    [Fact]
    public async Task ChaosRun_EveryCallSucceedsOrFailsWithADocumentedError()
    {
        int calls = Environment.GetEnvironmentVariable("NEXLLM_CHAOS_CALLS") is { } configured ? int.Parse(configured, System.Globalization.CultureInfo.InvariantCulture) : 1000;
        ResiliencePipeline<HttpResponseMessage> chaos = new ResiliencePipelineBuilder<HttpResponseMessage>()
            .AddChaosOutcome(0.12, () => new HttpResponseMessage((HttpStatusCode)Random.Shared.GetItems<int>([429, 503, 529], 1)[0]) { Content = new StringContent(string.Empty) })
            .AddChaosFault(0.04, () => new HttpRequestException("chaos: connection reset"))
            .AddChaosLatency(0.04, TimeSpan.FromMilliseconds(50))
            .Build();
        using var http = new HttpClient(new ChaosHandler(chaos, new SocketsHttpHandler { AllowAutoRedirect = false })) { Timeout = Timeout.InfiniteTimeSpan };
        using var client = new NexLLMClient(new NexLLMClientOptions { Endpoint = Emulator.Endpoint, ApiKey = Emulator.ApiKey }, http);
        IChatClient chat = client.GetChatClient("gpt-4o-mini");
        string expected = (await Client.GetChatClient("gpt-4o-mini").GetResponseAsync("Name a colour.", cancellationToken: TestCancellation)).Text;
        using var gate = new SemaphoreSlim(50);
        var stopwatch = Stopwatch.StartNew();

        (string? Text, NexLLMException? Error)[] results = await Task.WhenAll(Enumerable.Range(0, calls).Select(async i =>
        {
            await gate.WaitAsync(TestCancellation);
            try
            {
                ChatResponse response = i % 2 == 0
                    ? await chat.GetResponseAsync("Name a colour.", cancellationToken: TestCancellation)
                    : await chat.GetStreamingResponseAsync("Name a colour.", cancellationToken: TestCancellation).ToChatResponseAsync(TestCancellation);
                return (response.Text, (NexLLMException?)null);
            }
            catch (NexLLMException ex)
            {
                return ((string?)null, ex);
            }
            finally
            {
                gate.Release();
            }
        }));

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{calls} calls in {stopwatch.Elapsed.TotalSeconds:0.0} s: {results.Count(r => r.Error is null)} succeeded, {results.Count(r => r.Error is not null)} failed after 3 attempts.");
        Assert.All(results.Where(r => r.Error is null), r => Assert.Equal(expected, r.Text));
        Assert.All(results.Where(r => r.Error is not null), r =>
        {
            Assert.Contains(r.Error!.Kind, new[] { NexLLMErrorKind.HttpStatus, NexLLMErrorKind.Connection });
            Assert.True(r.Error.IsTransient);
            Assert.Equal(3, r.Error.Attempts);
        });
        Assert.True(results.Count(r => r.Error is null) > calls * 0.9, $"{results.Count(r => r.Error is null)} of {calls} succeeded in {stopwatch.Elapsed}");
    }

    private sealed class ChaosHandler(ResiliencePipeline<HttpResponseMessage> chaos, HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            chaos.ExecuteAsync(async token => await base.SendAsync(request, token), cancellationToken).AsTask();
    }
}
