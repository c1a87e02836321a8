using System.Net;
using System.Text;
using Microsoft.Extensions.AI;
using NexLLM.Connectors.Tests.Embeddings;
using NexLLM.Connectors.Tests.TestSupport;
using static NexLLM.Connectors.Tests.Audio.SpeechToTextTestData;

namespace NexLLM.Connectors.Tests.Audio;

/// <summary>
/// An upload is streamed from the caller's stream to the request, never copied whole (docs/design RELIABILITY "bounded
/// memory"). Measured on the whole process, so alone.
/// </summary>
[Collection(nameof(AllocationMeasurements))]
public sealed class SpeechToTextMemoryTests(ITestOutputHelper output)
{
    private const long AudioBytes = 50L * 1024 * 1024;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_50_MB_upload_from_a_forward_only_stream_allocates_less_than_4_MB(bool streamed)
    {
        var server = new DrainingHandler();
        using var http = new HttpClient(server) { Timeout = Timeout.InfiniteTimeSpan };
        using var client = new NexLLMClient(new NexLLMClientOptions { ApiKey = Harness.ApiKey, Endpoint = Harness.Endpoint }, http);
        ISpeechToTextClient speechToText = client.GetSpeechToTextClient(streamed ? Gpt4oTranscribe : Whisper);
        server.Streams = streamed;

        // The first call warms up the JIT, the pools and the source-generated metadata.
        Assert.Equal("Hello world.", await TranscribeAsync(speechToText, new GeneratedStream(Wav, 1024 * 1024, 0x55), streamed));

        var audio = new GeneratedStream(Wav, AudioBytes, 0x55);
        long before = GC.GetTotalAllocatedBytes(precise: true);
        string text = await TranscribeAsync(speechToText, audio, streamed);
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        output.WriteLine($"sent {server.LastBodyLength:N0} B for {AudioBytes:N0} B of audio; allocated {allocated:N0} B");
        Assert.Equal("Hello world.", text);
        Assert.Equal(AudioBytes, audio.BytesRead);
        Assert.True(server.LastBodyLength > AudioBytes, $"the body had {server.LastBodyLength:N0} bytes");
        Assert.True(allocated < 4 * 1024 * 1024, $"allocated {allocated:N0} bytes for a {AudioBytes:N0}-byte upload");
    }

    private static async Task<string> TranscribeAsync(ISpeechToTextClient client, Stream audio, bool streamed)
    {
        if (!streamed)
        {
            return (await client.GetTextAsync(audio, null, Harness.Ct)).Text;
        }

        var text = new StringBuilder();
        await foreach (SpeechToTextResponseUpdate update in client.GetStreamingTextAsync(audio, null, Harness.Ct))
        {
            text.Append(update.Text);
        }

        return text.ToString();
    }

    /// <summary>A server that reads each request body to its end, as a socket would, keeping none of it.</summary>
    private sealed class DrainingHandler : HttpMessageHandler
    {
        private static readonly byte[] Answer = Encoding.UTF8.GetBytes(JsonAnswer);

        private static readonly byte[] Events = Encoding.UTF8.GetBytes(Sse.Events(
            """{"type":"transcript.text.delta","delta":"Hello world."}""",
            """{"type":"transcript.text.done","text":"Hello world."}"""));

        public bool Streams { get; set; }

        public long LastBodyLength { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var counter = new CountingStream();
            await request.Content!.CopyToAsync(counter, cancellationToken);
            LastBodyLength = counter.Length;
            var content = new ByteArrayContent(Streams ? Events : Answer);
            content.Headers.ContentType = new(Streams ? "text/event-stream" : "application/json");
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request };
        }
    }
}
