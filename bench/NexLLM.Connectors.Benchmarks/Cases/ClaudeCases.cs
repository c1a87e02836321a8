using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.AI;
using NexLLM.Connectors.Benchmarks.Replay;
using NexLLM.Connectors.Benchmarks.Wire;

namespace NexLLM.Connectors.Benchmarks.Cases;

/// <summary>Claude Messages, not streamed: a 500-token answer. Anchor: the official Anthropic SDK's <c>AsIChatClient</c>.</summary>
[MemoryDiagnoser]
public class ClaudeResponse : Contestants
{
    public const int AnswerTokens = Scenarios.AnswerTokens;
    private static readonly byte[] FloorRequest = Encoding.UTF8.GetBytes($"{{\"model\":\"{ClaudeBodies.Model}\",\"max_tokens\":4096,\"messages\":[{{\"role\":\"user\",\"content\":\"{Prompt[0].Text}\"}}]}}");
    private IChatClient _ours = null!;
    private IChatClient _anchor = null!;

    protected override string Scenario => Scenarios.Claude;

    [Benchmark(Baseline = true)]
    public Task<int> Anchor() => ResponseAsync(_anchor);

    [Benchmark]
    public Task<int> Ours() => ResponseAsync(_ours);

    [Benchmark]
    public Task<int> Floor() => FloorHttp.TextAsync(new Uri(Base, "v1/messages"), FloorRequest, TextField);

    protected override async Task CheckAsync()
    {
        _ours = OurSdk.GetChatClient(ClaudeBodies.Model, NexLLMChatProtocol.ClaudeMessages);
        _anchor = AnthropicSdk.AsIChatClient(ClaudeBodies.Model, 4096);
        int expected = Tokens.Join(AnswerTokens).Length;
        await SameTextAsync(expected, (nameof(Anchor), Anchor), (nameof(Ours), Ours), (nameof(Floor), Floor));
    }
}

/// <summary>Claude Messages, streamed: 2,000 <c>text_delta</c> events consumed as <see cref="ChatResponseUpdate"/>s. Per event.</summary>
[MemoryDiagnoser]
public class ClaudeStreaming : Contestants
{
    public const int Events = Scenarios.StreamChunks;
    private static readonly byte[] FloorRequest = Encoding.UTF8.GetBytes($"{{\"model\":\"{ClaudeBodies.Model}\",\"max_tokens\":4096,\"messages\":[{{\"role\":\"user\",\"content\":\"{Prompt[0].Text}\"}}],\"stream\":true}}");
    private IChatClient _ours = null!;
    private IChatClient _anchor = null!;

    protected override string Scenario => Scenarios.ClaudeStream;

    [Benchmark(Baseline = true, OperationsPerInvoke = Events)]
    public Task<int> Anchor() => StreamAsync(_anchor);

    [Benchmark(OperationsPerInvoke = Events)]
    public Task<int> Ours() => StreamAsync(_ours);

    [Benchmark(OperationsPerInvoke = Events)]
    public Task<int> Floor() => FloorHttp.StreamTextAsync(new Uri(Base, "v1/messages"), FloorRequest, TextField);

    protected override async Task CheckAsync()
    {
        _ours = OurSdk.GetChatClient(ClaudeBodies.Model, NexLLMChatProtocol.ClaudeMessages);
        _anchor = AnthropicSdk.AsIChatClient(ClaudeBodies.Model, 4096);
        int expected = Tokens.Join(Events).Length;
        await SameTextAsync(expected, (nameof(Anchor), Anchor), (nameof(Ours), Ours), (nameof(Floor), Floor));
    }
}
