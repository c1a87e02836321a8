using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.AI;
using NexLLM.Connectors.Benchmarks.Replay;
using NexLLM.Connectors.Benchmarks.Wire;

namespace NexLLM.Connectors.Benchmarks.Cases;

/// <summary>OpenAI-format chat, not streamed: a 500-token answer. Anchor: Microsoft.Extensions.AI.OpenAI's <c>AsIChatClient()</c>.</summary>
[MemoryDiagnoser]
public class ChatCompletionsResponse : Contestants
{
    public const int AnswerTokens = Scenarios.AnswerTokens;
    private static readonly byte[] FloorRequest = Encoding.UTF8.GetBytes($"{{\"model\":\"{ChatCompletionsBodies.Model}\",\"messages\":[{{\"role\":\"user\",\"content\":\"{Prompt[0].Text}\"}}]}}");
    private IChatClient _ours = null!;
    private IChatClient _anchor = null!;

    protected override string Scenario => Scenarios.Chat;

    [Benchmark(Baseline = true)]
    public Task<int> Anchor() => ResponseAsync(_anchor);

    [Benchmark]
    public Task<int> Ours() => ResponseAsync(_ours);

    [Benchmark]
    public Task<int> Floor() => FloorHttp.TextAsync(new Uri(Base, "v1/chat/completions"), FloorRequest, ContentField);

    protected override async Task CheckAsync()
    {
        _ours = OurSdk.GetChatClient(ChatCompletionsBodies.Model);
        _anchor = OpenAISdk.GetChatClient(ChatCompletionsBodies.Model).AsIChatClient();
        int expected = Tokens.Join(AnswerTokens).Length;
        await SameTextAsync(expected, (nameof(Anchor), Anchor), (nameof(Ours), Ours), (nameof(Floor), Floor));
    }
}

/// <summary>
/// OpenAI-format chat, streamed: 2,000 text chunks consumed as <see cref="ChatResponseUpdate"/>s (the floor: as strings).
/// Times and allocations are per chunk.
/// </summary>
[MemoryDiagnoser]
public class ChatCompletionsStreaming : Contestants
{
    public const int Chunks = Scenarios.StreamChunks;
    private static readonly byte[] FloorRequest = Encoding.UTF8.GetBytes($"{{\"model\":\"{ChatCompletionsBodies.Model}\",\"messages\":[{{\"role\":\"user\",\"content\":\"{Prompt[0].Text}\"}}],\"stream\":true}}");
    private IChatClient _ours = null!;
    private IChatClient _anchor = null!;

    protected override string Scenario => Scenarios.ChatStream;

    [Benchmark(Baseline = true, OperationsPerInvoke = Chunks)]
    public Task<int> Anchor() => StreamAsync(_anchor);

    [Benchmark(OperationsPerInvoke = Chunks)]
    public Task<int> Ours() => StreamAsync(_ours);

    [Benchmark(OperationsPerInvoke = Chunks)]
    public Task<int> Floor() => FloorHttp.StreamTextAsync(new Uri(Base, "v1/chat/completions"), FloorRequest, ContentField);

    protected override async Task CheckAsync()
    {
        _ours = OurSdk.GetChatClient(ChatCompletionsBodies.Model);
        _anchor = OpenAISdk.GetChatClient(ChatCompletionsBodies.Model).AsIChatClient();
        int expected = Tokens.Join(Chunks).Length;
        await SameTextAsync(expected, (nameof(Anchor), Anchor), (nameof(Ours), Ours), (nameof(Floor), Floor));
    }
}
