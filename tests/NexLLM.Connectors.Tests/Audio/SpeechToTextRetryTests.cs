using Microsoft.Extensions.AI;
using NexLLM.Connectors.Tests.TestSupport;
using static NexLLM.Connectors.Tests.Audio.SpeechToTextTestData;
using static NexLLM.Connectors.Tests.TestSupport.MultipartBody;

namespace NexLLM.Connectors.Tests.Audio;

/// <summary>
/// Retrying an upload (docs/design RELIABILITY "never retry what is not safe"): a stream that can seek is sent again from
/// where it started, the same bytes; one that cannot is sent once, its first failure final and saying why.
/// </summary>
public sealed class SpeechToTextRetryTests
{
    private const string Busy = """{"error":{"message":"upstream busy","type":"upstream_error"}}""";
    private const string NotRetried = "Not retried: the audio stream cannot seek back to send it again";

    [Fact]
    public async Task A_seekable_stream_is_sent_again_after_a_503_from_its_original_position()
    {
        using var harness = new Harness();
        harness.Handler.Enqueue(Reply.Status(503, Busy, "application/json"), Reply.Json(JsonAnswer));
        var audio = new MemoryStream([.. "ID3?"u8, .. Wav]) { Position = 4 };

        Task<SpeechToTextResponse> call = harness.SpeechToText().GetTextAsync(audio, null, Harness.Ct);
        await harness.Clock.SkipRetryDelayAsync();
        SpeechToTextResponse response = await call;

        Assert.Equal("Hello world.", response.Text);
        Assert.Equal(2, harness.Handler.Requests.Count);
        AssertForm(harness.Handler.Requests[0], Field("model", "whisper-1"), FilePart("file", "audio.wav", "audio/wav", Wav));
        Assert.Equal(harness.Handler.Requests[0].Body, harness.Handler.Requests[1].Body);
        Assert.Equal(harness.Handler.Requests[0].Header("Content-Length"), harness.Handler.Requests[1].Header("Content-Length"));
    }

    [Fact]
    public async Task An_upload_cut_off_mid_way_is_sent_again_whole()
    {
        var clock = new TestClock();
        var server = new VerbatimHandler().Enqueue(Reply.Json(JsonAnswer));
        var cut = new CutOffOnce(afterBytes: 150) { InnerHandler = server };
        using var http = new HttpClient(cut) { Timeout = Timeout.InfiniteTimeSpan };
        using var client = new NexLLMClient(new NexLLMClientOptions { ApiKey = Harness.ApiKey, Endpoint = Harness.Endpoint, TimeProvider = clock }, http);
        byte[] audio = [.. Wav, .. Enumerable.Range(0, 500).Select(i => (byte)i)];

        Task<SpeechToTextResponse> call = client.GetSpeechToTextClient(Whisper).GetTextAsync(new MemoryStream(audio), null, Harness.Ct);
        await clock.SkipRetryDelayAsync();
        SpeechToTextResponse response = await call;

        Assert.Equal("Hello world.", response.Text);
        Assert.Equal(150, cut.BytesOfFirstAttempt);
        AssertForm(server.SingleRequest, Field("model", "whisper-1"), FilePart("file", "audio.wav", "audio/wav", audio));
    }

    [Fact]
    public async Task A_seekable_stream_failing_every_time_is_sent_three_times_the_same()
    {
        using var harness = new Harness();
        harness.Handler.EnqueueRepeated(3, () => Reply.Status(503, Busy, "application/json"));

        Task<SpeechToTextResponse> call = harness.SpeechToText().GetTextAsync(new MemoryStream(Wav), null, Harness.Ct);
        await harness.Clock.SkipRetryDelaysUntilDoneAsync(call);
        var error = await Assert.ThrowsAsync<NexLLMException>(() => call);

        Assert.Equal(3, error.Attempts);
        Assert.DoesNotContain("Not retried", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, harness.Handler.Requests.Count);
        Assert.All(harness.Handler.Requests, request => Assert.Equal(harness.Handler.Requests[0].Body, request.Body));
    }

    [Fact]
    public async Task A_forward_only_stream_is_sent_once_and_a_503_says_why_it_was_not_retried()
    {
        using var harness = new Harness();
        harness.Handler.Enqueue(Reply.Status(503, Busy, "application/json"), Reply.Json(JsonAnswer));

        var error = await Assert.ThrowsAsync<NexLLMException>(() => harness.SpeechToText().GetTextAsync(NonSeekable(Wav), null, Harness.Ct));

        Assert.Equal(NexLLMErrorKind.HttpStatus, error.Kind);
        Assert.Equal(503, error.StatusCode);
        Assert.Equal(1, error.Attempts);
        Assert.Contains("upstream busy", error.Message, StringComparison.Ordinal);
        Assert.Contains(NotRetried, error.Message, StringComparison.Ordinal);
        AssertForm(harness.Handler.SingleRequest, Field("model", "whisper-1"), FilePart("file", "audio.wav", "audio/wav", Wav));
    }

    [Fact]
    public async Task A_forward_only_stream_is_sent_once_when_the_connection_fails()
    {
        using var harness = new Harness();
        harness.Handler.EnqueueFailure(new HttpRequestException("Connection reset by peer")).Enqueue(Reply.Json(JsonAnswer));

        var error = await Assert.ThrowsAsync<NexLLMException>(() => harness.SpeechToText().GetTextAsync(NonSeekable(Wav), null, Harness.Ct));

        Assert.Equal(NexLLMErrorKind.Connection, error.Kind);
        Assert.Contains(NotRetried, error.Message, StringComparison.Ordinal);
        Assert.Single(harness.Handler.Requests);
    }

    [Fact]
    public async Task A_forward_only_upload_cut_off_mid_way_is_never_sent_half_again()
    {
        var server = new VerbatimHandler().Enqueue(Reply.Json(JsonAnswer));
        var cut = new CutOffOnce(afterBytes: 150) { InnerHandler = server };
        using var http = new HttpClient(cut) { Timeout = Timeout.InfiniteTimeSpan };
        using var client = new NexLLMClient(new NexLLMClientOptions { ApiKey = Harness.ApiKey, Endpoint = Harness.Endpoint, TimeProvider = new TestClock() }, http);
        byte[] audio = [.. Wav, .. Enumerable.Range(0, 500).Select(i => (byte)i)];

        var error = await Assert.ThrowsAsync<NexLLMException>(() => client.GetSpeechToTextClient(Whisper).GetTextAsync(NonSeekable(audio), null, Harness.Ct));

        Assert.Equal(NexLLMErrorKind.Connection, error.Kind);
        Assert.Contains(NotRetried, error.Message, StringComparison.Ordinal);
        Assert.Equal(1, cut.Attempts);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task A_forward_only_stream_is_not_retried_when_a_stream_is_refused_either()
    {
        using var harness = new Harness();
        harness.Handler.Enqueue(Reply.Status(503, Busy, "application/json"), Reply.Sse(Sse.Events("""{"type":"transcript.text.done","text":"Hi."}""")));

        var error = await Assert.ThrowsAsync<NexLLMException>(() => StreamAsync(harness, NonSeekable(Wav)));

        Assert.Equal(503, error.StatusCode);
        Assert.Contains(NotRetried, error.Message, StringComparison.Ordinal);
        Assert.Single(harness.Handler.Requests);
    }

    [Fact]
    public async Task A_stream_whose_first_event_is_a_transient_error_is_retried_with_the_same_audio()
    {
        using var harness = new Harness();
        harness.Handler.Enqueue(
            Reply.Sse(Sse.Events("""{"type":"error","error":{"message":"overloaded","type":"server_error"}}""")),
            Reply.Sse(Sse.Events("""{"type":"transcript.text.delta","delta":"Hi."}""", """{"type":"transcript.text.done","text":"Hi."}""")));

        Task<List<SpeechToTextResponseUpdate>> call = StreamAsync(harness, new MemoryStream(Wav));
        await harness.Clock.SkipRetryDelayAsync();
        List<SpeechToTextResponseUpdate> updates = await call;

        Assert.Equal("Hi.", string.Concat(updates.Select(update => update.Text)));
        Assert.Equal(2, harness.Handler.Requests.Count);
        Assert.Equal(harness.Handler.Requests[0].Body, harness.Handler.Requests[1].Body);
    }

    /// <summary>Cuts the first attempt's upload off after some bytes, as a reset connection would; passes later ones on.</summary>
    private sealed class CutOffOnce(int afterBytes) : DelegatingHandler
    {
        public int Attempts { get; private set; }

        public long BytesOfFirstAttempt { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (++Attempts > 1)
            {
                return await base.SendAsync(request, cancellationToken);
            }

            var sink = new CountingStream(failAfter: afterBytes);
            try
            {
                await request.Content!.CopyToAsync(sink, cancellationToken);
            }
            catch (Exception reset) when (reset is IOException or HttpRequestException)
            {
                // HttpContent.CopyToAsync wraps the sink's IOException in an HttpRequestException, as the socket handler does.
                BytesOfFirstAttempt = sink.Length;
                throw new HttpRequestException("Connection reset by peer", reset);
            }

            throw new InvalidOperationException("The body was shorter than the cut.");
        }
    }
}
