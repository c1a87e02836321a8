using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.AI;
using NexLLM.Connectors.IntegrationTests.TestSupport;

namespace NexLLM.Connectors.IntegrationTests.Transport;

/// <summary>
/// Every adapter's metadata fills the gen_ai attributes of M.E.AI's <c>UseOpenTelemetry()</c> decorators (docs/telemetry.md):
/// <c>gen_ai.provider.name</c> = <c>nexllm</c>, <c>server.address</c> and <c>server.port</c> of the endpoint, and
/// <c>gen_ai.request.model</c>. The transport's attempt activities are children of the decorator's activity.
/// </summary>
public sealed class AdapterTelemetryMetadataTests : EmulatorTest
{
    public static TheoryData<NexLLMChatProtocol, string> ChatProtocols => new()
    {
        { NexLLMChatProtocol.ChatCompletions, "gpt-4o-mini" },
        { NexLLMChatProtocol.Responses, "gpt-4o-mini" },
        { NexLLMChatProtocol.ClaudeMessages, "claude-sonnet-4-5" },
        { NexLLMChatProtocol.GeminiGenerateContent, "gemini-2.5-flash" },
        { NexLLMChatProtocol.Auto, "claude-sonnet-4-5" },
    };

    [Theory]
    [MemberData(nameof(ChatProtocols))]
    public async Task Chat(NexLLMChatProtocol protocol, string model)
    {
        using var spans = new DecoratorSpans();
        using var transport = new TransportTelemetryRecorder(Emulator.Endpoint);
        IChatClient chat = Client.GetChatClient(model, protocol).AsBuilder().UseOpenTelemetry(sourceName: spans.Name).Build();

        await chat.GetResponseAsync("Hi.", cancellationToken: TestCancellation);
        await chat.GetStreamingResponseAsync("Hi.", cancellationToken: TestCancellation).ToChatResponseAsync(TestCancellation);

        Assert.Equal(2, spans.Activities.Count);
        Assert.All(spans.Activities, activity => AssertGenAi(activity, model));
        Assert.Equal(2, transport.Activities.Count);
        Assert.All(transport.Activities, attempt => Assert.Contains(spans.Activities, call => call.SpanId == attempt.ParentSpanId));
    }

    [Theory]
    [InlineData(NexLLMEmbeddingProtocol.Embeddings, "text-embedding-3-small")]
    [InlineData(NexLLMEmbeddingProtocol.GeminiEmbedContent, "gemini-embedding-001")]
    public async Task Embeddings(NexLLMEmbeddingProtocol protocol, string model)
    {
        using var spans = new DecoratorSpans();
        IEmbeddingGenerator<string, Embedding<float>> generator = Client.GetEmbeddingGenerator(model, protocol).AsBuilder().UseOpenTelemetry(sourceName: spans.Name).Build();

        await generator.GenerateAsync(["alpha", "beta"], cancellationToken: TestCancellation);

        AssertGenAi(Assert.Single(spans.Activities), model);
    }

    [Fact]
    public async Task Images()
    {
        using var spans = new DecoratorSpans();
        IImageGenerator generator = Client.GetImageGenerator("gpt-image-1").AsBuilder().UseOpenTelemetry(sourceName: spans.Name).Build();

        await generator.GenerateImagesAsync("A lighthouse.", cancellationToken: TestCancellation);

        AssertGenAi(Assert.Single(spans.Activities), "gpt-image-1");
    }

    [Fact]
    public async Task Speech_and_transcription()
    {
        using var spans = new DecoratorSpans();
        ITextToSpeechClient speech = Client.GetTextToSpeechClient("gpt-4o-mini-tts").AsBuilder().UseOpenTelemetry(sourceName: spans.Name).Build();
        ISpeechToTextClient transcription = Client.GetSpeechToTextClient("whisper-1").AsBuilder().UseOpenTelemetry(sourceName: spans.Name).Build();

        TextToSpeechResponse spoken = await speech.GetAudioAsync("Hello there.", new TextToSpeechOptions { AudioFormat = "wav" }, TestCancellation);
        DataContent audio = Assert.IsType<DataContent>(Assert.Single(spoken.Contents));
        await transcription.GetTextAsync(audio, new SpeechToTextOptions().WithAudioMediaType(audio.MediaType), TestCancellation);

        Assert.Collection(spans.Activities, s => AssertGenAi(s, "gpt-4o-mini-tts"), t => AssertGenAi(t, "whisper-1"));
    }

    [Fact]
    public async Task Realtime()
    {
        using var spans = new DecoratorSpans();
        IRealtimeClient realtime = Client.GetRealtimeClient("gpt-4o-realtime-preview").AsBuilder().UseOpenTelemetry(sourceName: spans.Name).Build();

        await using (IRealtimeClientSession session = await realtime.CreateSessionAsync(new RealtimeSessionOptions { OutputModalities = ["text"] }, TestCancellation))
        {
            await session.SendAsync(new CreateConversationItemRealtimeClientMessage(new RealtimeConversationItem([new TextContent("Hi.")], role: ChatRole.User)), TestCancellation);
            await session.SendAsync(new CreateResponseRealtimeClientMessage(), TestCancellation);
            await foreach (RealtimeServerMessage message in session.GetStreamingResponseAsync(TestCancellation))
            {
                if (message.Type == RealtimeServerMessageType.ResponseDone)
                {
                    break;
                }
            }
        }

        Assert.NotEmpty(spans.Activities);
        Assert.All(spans.Activities, activity => AssertGenAi(activity, "gpt-4o-realtime-preview"));
    }

    [Fact]
    public async Task Rerank()
    {
        using var spans = new DecoratorSpans();
        IRerankClient rerank = Client.GetRerankClient("jina-reranker-v2-base-multilingual").AsBuilder().UseOpenTelemetry(sourceName: spans.Name).Build();

        await rerank.RerankAsync("alpha", ["alpha", "beta"], cancellationToken: TestCancellation);

        AssertGenAi(Assert.Single(spans.Activities), "jina-reranker-v2-base-multilingual");
    }

    private void AssertGenAi(Activity activity, string model)
    {
        Assert.Equal("nexllm", activity.GetTagItem("gen_ai.provider.name"));
        Assert.Equal("127.0.0.1", activity.GetTagItem("server.address"));
        Assert.Equal(Emulator.Endpoint.Port, activity.GetTagItem("server.port"));
        Assert.Equal(model, activity.GetTagItem("gen_ai.request.model"));
    }

    /// <summary>The activities of a decorator given a source name of its own (so parallel tests never see each other's).</summary>
    private sealed class DecoratorSpans : IDisposable
    {
        private readonly ActivityListener _listener;

        public DecoratorSpans()
        {
            _listener = new ActivityListener
            {
                ShouldListenTo = source => source.Name == Name,
                Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
                ActivityStopped = Activities.Enqueue,
            };
            ActivitySource.AddActivityListener(_listener);
        }

        public string Name { get; } = "NexLLM.Connectors.Tests." + Guid.NewGuid().ToString("N");

        public ConcurrentQueue<Activity> Activities { get; } = new();

        public void Dispose() => _listener.Dispose();
    }
}
