using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.AI;
using NexLLM.Connectors.Benchmarks.Replay;
using NexLLM.Connectors.Benchmarks.Wire;

namespace NexLLM.Connectors.Benchmarks.Cases;

/// <summary>
/// The Responses API, streamed: 2,000 <c>response.output_text.delta</c> events consumed as <see cref="ChatResponseUpdate"/>s.
/// Anchor: Microsoft.Extensions.AI.OpenAI's Responses <c>IChatClient</c> (<c>GetResponsesClient().AsIChatClient(model)</c>). Per event.
/// </summary>
[MemoryDiagnoser]
public class ResponsesStreaming : Contestants
{
    public const int Events = Scenarios.StreamChunks;
    private static readonly byte[] FloorRequest = Encoding.UTF8.GetBytes($"{{\"model\":\"{ResponsesBodies.Model}\",\"input\":\"{Prompt[0].Text}\",\"store\":false,\"stream\":true}}");
    private static readonly byte[] DeltaField = "delta"u8.ToArray();
    private IChatClient _ours = null!;
    private IChatClient _anchor = null!;

    protected override string Scenario => Scenarios.ResponsesStream;

    [Benchmark(Baseline = true, OperationsPerInvoke = Events)]
    public Task<int> Anchor() => StreamAsync(_anchor);

    [Benchmark(OperationsPerInvoke = Events)]
    public Task<int> Ours() => StreamAsync(_ours);

    [Benchmark(OperationsPerInvoke = Events)]
    public Task<int> Floor() => FloorHttp.StreamTextAsync(new Uri(Base, "v1/responses"), FloorRequest, DeltaField);

    protected override async Task CheckAsync()
    {
        _ours = OurSdk.GetChatClient(ResponsesBodies.Model, NexLLMChatProtocol.Responses);
#pragma warning disable OPENAI001 // The Responses client is experimental in the OpenAI SDK; it is the anchor users would pick.
        _anchor = OpenAISdk.GetResponsesClient().AsIChatClient(ResponsesBodies.Model);
#pragma warning restore OPENAI001
        int expected = Tokens.Join(Events).Length;
        await SameTextAsync(expected, (nameof(Anchor), Anchor), (nameof(Ours), Ours), (nameof(Floor), Floor));
    }
}
