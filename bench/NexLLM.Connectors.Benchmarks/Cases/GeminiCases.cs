using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.AI;
using NexLLM.Connectors.Benchmarks.Replay;
using NexLLM.Connectors.Benchmarks.Wire;

namespace NexLLM.Connectors.Benchmarks.Cases;

/// <summary>
/// Gemini <c>streamGenerateContent</c>: 2,000 chunks consumed as <see cref="ChatResponseUpdate"/>s. No anchor: no
/// Google package is served here, so ours is measured against the floor only. Per chunk.
/// </summary>
[MemoryDiagnoser]
public class GeminiStreaming : Contestants
{
    public const int Chunks = Scenarios.StreamChunks;
    private static readonly byte[] FloorRequest = Encoding.UTF8.GetBytes($"{{\"contents\":[{{\"role\":\"user\",\"parts\":[{{\"text\":\"{Prompt[0].Text}\"}}]}}]}}");
    private IChatClient _ours = null!;

    protected override string Scenario => Scenarios.GeminiStream;

    [Benchmark(OperationsPerInvoke = Chunks)]
    public Task<int> Ours() => StreamAsync(_ours);

    [Benchmark(Baseline = true, OperationsPerInvoke = Chunks)]
    public Task<int> Floor() =>
        FloorHttp.StreamTextAsync(new Uri(Base, $"v1beta/models/{GeminiBodies.Model}:streamGenerateContent?alt=sse"), FloorRequest, TextField);

    protected override async Task CheckAsync()
    {
        _ours = OurSdk.GetChatClient(GeminiBodies.Model, NexLLMChatProtocol.GeminiGenerateContent);
        int expected = Tokens.Join(Chunks).Length;
        await SameTextAsync(expected, (nameof(Ours), Ours), (nameof(Floor), Floor));
    }
}
