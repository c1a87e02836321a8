using System.Diagnostics;
using Microsoft.Extensions.AI;
using NexLLM.Connectors.Emulator;
using NexLLM.Connectors.IntegrationTests.TestSupport;

namespace NexLLM.Connectors.IntegrationTests.Transport;

/// <summary>
/// The emulator's oversize fault (one event of 100 MiB, written piece by piece) against our size limits, over real sockets:
/// the client stops at its limit instead of reading it all (docs/reliability.md, "limits").
/// </summary>
public sealed class OversizeFaultTests : EmulatorTest
{
    [Fact]
    public async Task A_100_MiB_stream_event_is_too_large_and_fails_promptly()
    {
        Emulator.Enqueue(EmulatorFault.Oversize(afterChunks: 2));
        using NexLLMClient client = CreateClient(options => options.MaxStreamEventBytes = 1024 * 1024);
        var watch = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<NexLLMException>(async () =>
        {
            await foreach (var update in client.GetChatClient("gpt-4o-mini").GetStreamingResponseAsync("Hi.", cancellationToken: TestCancellation))
            {
                _ = update;
            }
        });

        Assert.Equal(NexLLMErrorKind.ResponseTooLarge, error.Kind);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task A_100_MiB_body_is_too_large_and_fails_promptly()
    {
        Emulator.Enqueue(EmulatorFault.Oversize(afterChunks: 0));
        using NexLLMClient client = CreateClient(options => options.MaxResponseBytes = 1024 * 1024);
        var watch = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<NexLLMException>(() => client.GetChatClient("gpt-4o-mini").GetResponseAsync("Hi.", cancellationToken: TestCancellation));

        Assert.Equal(NexLLMErrorKind.ResponseTooLarge, error.Kind);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task The_event_has_exactly_the_asked_size_and_is_json()
    {
        Emulator.Enqueue(EmulatorFault.Oversize(afterChunks: 0, bytes: 200_000));
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Emulator.Endpoint.AbsoluteUri.TrimEnd('/') + "/chat/completions"))
        {
            Content = new StringContent("""{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Hi."}]}""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new("Bearer", Emulator.ApiKey);

        using HttpResponseMessage response = await http.SendAsync(request, TestCancellation);
        byte[] body = await response.Content.ReadAsByteArrayAsync(TestCancellation);

        Assert.Equal(200_000, body.Length);
        using var json = System.Text.Json.JsonDocument.Parse(body);
        Assert.Equal(200_000 - 14, json.RootElement.GetProperty("padding").GetString()!.Length);
    }
}
