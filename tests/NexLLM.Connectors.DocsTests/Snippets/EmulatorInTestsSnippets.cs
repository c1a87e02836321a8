using System.Text.Json;
using Microsoft.Extensions.AI;
using NexLLM.Connectors;
using NexLLM.Connectors.Emulator;
using Xunit;

// docs/guides/emulator-in-tests.md: xunit discovers this class, so the guide's tests run as they are written, with the
// other docs tests.
namespace ReadmeSnippets;

// <snippet:emulator-in-tests>
public sealed class SummaryTests : IAsyncLifetime
{
    private NexLLMEmulator _emulator = null!;
    private NexLLMClient _nexllm = null!;

    public async ValueTask InitializeAsync()
    {
        // Strict: what the real services refuse is refused here too (docs/emulator.md).
        _emulator = await NexLLMEmulator.StartAsync(new NexLLMEmulatorOptions { Strict = true });
        _nexllm = new NexLLMClient(new NexLLMClientOptions { Endpoint = _emulator.Endpoint, ApiKey = _emulator.ApiKey });
    }

    public async ValueTask DisposeAsync()
    {
        _nexllm.Dispose();
        await _emulator.DisposeAsync();
    }

    [Fact]
    public async Task The_answer_is_the_scripted_reply_and_the_request_carries_the_options()
    {
        _emulator.Enqueue(EmulatorReply.FromText("A gateway routes requests to models."));

        ChatResponse response = await _nexllm.GetChatClient("gpt-4o-mini")
            .GetResponseAsync("Summarise: ...", new ChatOptions { MaxOutputTokens = 50 }, TestContext.Current.CancellationToken);

        Assert.Equal("A gateway routes requests to models.", response.Text);
        EmulatorRequest request = Assert.Single(_emulator.Requests);
        Assert.Equal("/v1/chat/completions", request.Path);
        JsonElement body = request.ParseJson();
        Assert.Equal(50, body.GetProperty("max_tokens").GetInt32());
    }

    [Fact]
    public async Task A_rate_limit_is_retried_and_a_cut_stream_is_an_error()
    {
        _emulator.Enqueue(EmulatorFault.Status(429, headers: new Dictionary<string, string> { ["retry-after-ms"] = "10" }));
        _emulator.Enqueue(EmulatorReply.FromText("one two three four five six"), EmulatorFault.Truncate(2));
        IChatClient chat = _nexllm.GetChatClient("gpt-4o-mini");

        var error = await Assert.ThrowsAsync<NexLLMException>(async () =>
        {
            await foreach (ChatResponseUpdate update in chat.GetStreamingResponseAsync("Count to six.", cancellationToken: TestContext.Current.CancellationToken))
            {
            }
        });

        Assert.Equal(NexLLMErrorKind.TruncatedStream, error.Kind);
        Assert.Equal(2, _emulator.Requests.Count);   // the 429, then the retry that was cut
    }
}
// </snippet:emulator-in-tests>
