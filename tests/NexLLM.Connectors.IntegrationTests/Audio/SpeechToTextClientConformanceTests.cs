using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.AI;
using NexLLM.Connectors.Emulator;
using NexLLM.Connectors.IntegrationTests.TestSupport;

namespace NexLLM.Connectors.IntegrationTests.Audio;

/// <summary>
/// What every <see cref="ISpeechToTextClient"/> must do, end to end over loopback against the emulator, whose speech
/// carries its text (docs/protocols/audio.md): the spoken text comes back in every format, with timestamps, streamed or
/// not, from seekable and non-seekable streams; translations, usage, retries and their limits. A protocol subclasses this
/// in a few lines. The audio is made with a plain HttpClient, not with our text-to-speech client, so that a fault of that
/// client cannot hide one of this one.
/// </summary>
public abstract class SpeechToTextClientConformanceTests : EmulatorTest
{
    protected const string Sentence = "The quick brown fox jumps over the lazy dog.";

    /// <summary>Gets a model that answers once, with timestamps and duration usage (whisper-1).</summary>
    protected abstract string Model { get; }

    /// <summary>Gets a model that streams its transcript and reports token usage (gpt-4o transcribe).</summary>
    protected abstract string StreamingModel { get; }

    /// <summary>Gets whether a request path is one of this protocol's transcription or translation routes.</summary>
    protected abstract bool IsTranscriptionPath(string path);

    protected ISpeechToTextClient CreateClient(string? model = null) => Client.GetSpeechToTextClient(model ?? Model);

    protected IReadOnlyList<EmulatorRequest> TranscriptionRequests() => [.. Emulator.Requests.Where(r => IsTranscriptionPath(r.Path))];

    /// <summary>The emulator's spoken <paramref name="text"/>, as a file of <paramref name="format"/>.</summary>
    protected async Task<byte[]> SpeakAsync(string text, string format = "wav")
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Emulator.Endpoint + "/audio/speech"))
        {
            Content = new StringContent(
                $$"""{"model":"tts-1","voice":"alloy","response_format":"{{format}}","input":{{System.Text.Json.JsonSerializer.Serialize(text)}}}""",
                Encoding.UTF8,
                "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Emulator.ApiKey);
        using HttpResponseMessage response = await http.SendAsync(request, TestCancellation);
        response.EnsureSuccessStatusCode();
        byte[] audio = await response.Content.ReadAsByteArrayAsync(TestCancellation);
        Emulator.ClearRequests();
        return audio;
    }

    [Fact]
    public async Task GetText_ReturnsTheSpokenText()
    {
        byte[] wav = await SpeakAsync(Sentence);

        SpeechToTextResponse response = await CreateClient().GetTextAsync(new MemoryStream(wav), cancellationToken: TestCancellation);

        Assert.Equal(Sentence, response.Text);
        Assert.Equal(Model, response.ModelId);
        Assert.Equal(Emulator.Requests[^1].RequestId, response.AdditionalProperties?["nexllm.request_id"]);
        Assert.Equal("audio.wav", Assert.Single(TranscriptionRequests()).ParseMultipart().Single(p => p.Name == "file").FileName);
    }

    [Fact]
    public async Task VerboseJson_WithTimestamps_GivesTimedWordsAndSegments_InsideTheAudio()
    {
        byte[] wav = await SpeakAsync(Sentence);
        SpeechToTextOptions options = new SpeechToTextOptions().WithTimestampGranularities(NexLLMTimestampGranularities.Word | NexLLMTimestampGranularities.Segment);

        SpeechToTextResponse response = await CreateClient().GetTextAsync(new MemoryStream(wav), options, TestCancellation);

        Assert.Equal(Sentence, response.Text);
        NexLLMTranscriptWord[] words = [.. response.Contents.OfType<NexLLMTranscriptWord>()];
        Assert.Equal(Sentence.Split(' ').Select(w => w.TrimEnd('.')), words.Select(w => w.Text.Trim().TrimEnd('.')));
        Assert.All(words, w => Assert.True(w.StartTime < w.EndTime, $"{w.Text}: {w.StartTime} .. {w.EndTime}"));
        Assert.All(words.Zip(words.Skip(1)), pair => Assert.True(pair.First.EndTime <= pair.Second.StartTime));
        NexLLMTranscriptSegment segment = Assert.Single(response.Contents.OfType<NexLLMTranscriptSegment>());
        Assert.Equal(Sentence, segment.Text.Trim());
        Assert.True(response.EndTime >= words[^1].EndTime, $"EndTime {response.EndTime} before the last word's end {words[^1].EndTime}");
        Assert.Equal(response.EndTime!.Value.TotalSeconds, WavSeconds(wav), 2);
    }

    [Theory]
    [InlineData(NexLLMTranscriptionFormat.Text)]
    [InlineData(NexLLMTranscriptionFormat.Json)]
    public async Task PlainFormats_ReturnTheTextAlone(NexLLMTranscriptionFormat format)
    {
        byte[] wav = await SpeakAsync(Sentence);

        SpeechToTextResponse response = await CreateClient().GetTextAsync(new MemoryStream(wav), new SpeechToTextOptions().WithTranscriptionFormat(format), TestCancellation);

        Assert.Equal(Sentence, response.Text);
        Assert.Empty(response.Contents.OfType<NexLLMTranscriptSegment>());
    }

    [Theory]
    [InlineData(NexLLMTranscriptionFormat.Srt, "1\n00:00:00,")]
    [InlineData(NexLLMTranscriptionFormat.Vtt, "WEBVTT")]
    public async Task Subtitles_AreTheText_AndTheirCuesAreTimedSegments(NexLLMTranscriptionFormat format, string start)
    {
        byte[] wav = await SpeakAsync("First sentence here. And a second one.");

        SpeechToTextResponse response = await CreateClient().GetTextAsync(new MemoryStream(wav), new SpeechToTextOptions().WithTranscriptionFormat(format), TestCancellation);

        Assert.StartsWith(start, response.Text.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        NexLLMTranscriptSegment[] cues = [.. response.Contents.OfType<NexLLMTranscriptSegment>()];
        Assert.Equal(["First sentence here.", "And a second one."], cues.Select(c => c.Text.Trim()));
        Assert.True(cues[0].EndTime <= cues[1].StartTime && cues[1].StartTime < cues[1].EndTime);
    }

    [Fact]
    public async Task ANonSeekableStream_IsUploadedChunked_AndTranscribed()
    {
        byte[] wav = await SpeakAsync(Sentence);

        SpeechToTextResponse response = await CreateClient().GetTextAsync(new ForwardOnlyStream(wav), cancellationToken: TestCancellation);

        Assert.Equal(Sentence, response.Text);
        EmulatorRequest request = Assert.Single(TranscriptionRequests());
        Assert.False(request.Headers.ContainsKey("content-length"), "a non-seekable upload has no Content-Length");
        Assert.Equal("audio.wav", request.ParseMultipart().Single(p => p.Name == "file").FileName);
    }

    [Fact]
    public async Task AStreamingModel_StreamsTheTranscript_AndEndsWithTokenUsage()
    {
        byte[] wav = await SpeakAsync(Sentence);

        List<SpeechToTextResponseUpdate> updates = [];
        await foreach (SpeechToTextResponseUpdate update in CreateClient(StreamingModel).GetStreamingTextAsync(new MemoryStream(wav), cancellationToken: TestCancellation))
        {
            updates.Add(update);
        }

        Assert.True(updates.Count > 2, $"{updates.Count} updates");
        Assert.All(updates[..^1], u => Assert.Equal(SpeechToTextResponseUpdateKind.TextUpdating, u.Kind));
        Assert.Equal(SpeechToTextResponseUpdateKind.TextUpdated, updates[^1].Kind);
        Assert.Equal(Sentence, updates.ToSpeechToTextResponse().Text);
        UsageDetails usage = Assert.Single(updates[^1].Contents.OfType<UsageContent>()).Details;
        Assert.True(usage.InputAudioTokenCount > 0 && usage.OutputTokenCount > 0, $"audio {usage.InputAudioTokenCount}, output {usage.OutputTokenCount}");
        Assert.Equal("true", Assert.Single(TranscriptionRequests()).ParseMultipart().Single(p => p.Name == "stream").Text);
    }

    [Fact]
    public async Task AModelThatDoesNotStream_GivesOneUpdate_WithTheWholeText()
    {
        byte[] wav = await SpeakAsync(Sentence);

        List<SpeechToTextResponseUpdate> updates = [];
        await foreach (SpeechToTextResponseUpdate update in CreateClient().GetStreamingTextAsync(new MemoryStream(wav), cancellationToken: TestCancellation))
        {
            updates.Add(update);
        }

        SpeechToTextResponseUpdate only = Assert.Single(updates);
        Assert.Equal((SpeechToTextResponseUpdateKind.TextUpdated, Sentence), (only.Kind, only.Text));
        Assert.DoesNotContain(Assert.Single(TranscriptionRequests()).ParseMultipart(), p => p.Name == "stream");
    }

    [Fact]
    public async Task EnglishFromAnotherLanguage_IsATranslation()
    {
        byte[] wav = await SpeakAsync(Sentence);

        SpeechToTextResponse response = await CreateClient().GetTextAsync(
            new MemoryStream(wav), new SpeechToTextOptions { SpeechLanguage = "de", TextLanguage = "en-US" }, TestCancellation);

        Assert.Equal(Sentence, response.Text);
        EmulatorRequest request = Assert.Single(TranscriptionRequests());
        Assert.EndsWith("/translations", request.Path, StringComparison.Ordinal);
        Assert.DoesNotContain(request.ParseMultipart(), p => p.Name == "language");
    }

    [Fact]
    public async Task ATargetLanguageOtherThanEnglish_IsRefusedBeforeSending()
    {
        byte[] wav = await SpeakAsync(Sentence);

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => CreateClient().GetTextAsync(
            new MemoryStream(wav), new SpeechToTextOptions { SpeechLanguage = "en", TextLanguage = "fr" }, TestCancellation));

        Assert.Contains("English only", ex.Message, StringComparison.Ordinal);
        Assert.Empty(TranscriptionRequests());
    }

    [Fact]
    public async Task DurationUsage_IsInMilliseconds()
    {
        byte[] wav = await SpeakAsync(Sentence);

        SpeechToTextResponse response = await CreateClient().GetTextAsync(new MemoryStream(wav), cancellationToken: TestCancellation);

        // The emulator bills whole seconds, rounded up, as its README says; the client turns them into milliseconds.
        long billed = response.Usage!.AdditionalCounts![NexLLMUsageCounts.AudioDurationMilliseconds];
        Assert.Equal((long)Math.Ceiling(WavSeconds(wav)) * 1000, billed);
    }

    [Fact]
    public async Task A503_IsRetried_WithTheSameAudio_WhenTheStreamCanSeek()
    {
        byte[] wav = await SpeakAsync(Sentence);
        Emulator.Enqueue(EmulatorFault.OpenAIError(503, "Overloaded.", "server_error"));

        SpeechToTextResponse response = await CreateClient().GetTextAsync(new MemoryStream(wav), cancellationToken: TestCancellation);

        Assert.Equal(Sentence, response.Text);
        IReadOnlyList<EmulatorRequest> requests = TranscriptionRequests();
        Assert.Equal(2, requests.Count);
        Assert.Equal(wav, requests[1].ParseMultipart().Single(p => p.Name == "file").Content);
    }

    [Fact]
    public async Task A503_IsFinal_WhenTheStreamCannotSeek_AndTheErrorSaysWhy()
    {
        byte[] wav = await SpeakAsync(Sentence);
        Emulator.Enqueue(EmulatorFault.OpenAIError(503, "Overloaded.", "server_error"));

        var ex = await Assert.ThrowsAsync<NexLLMException>(() => CreateClient().GetTextAsync(new ForwardOnlyStream(wav), cancellationToken: TestCancellation));

        Assert.Equal((503, 1), (ex.StatusCode, ex.Attempts));
        Assert.Contains("Not retried: the audio stream cannot seek back", ex.Message, StringComparison.Ordinal);
        Assert.Single(TranscriptionRequests());
    }

    /// <summary>The length of a canonical 24 kHz 16-bit mono WAV file.</summary>
    private static double WavSeconds(byte[] wav) => (wav.Length - 44) / 48_000.0;

    /// <summary>A stream that can only be read forward, as a network or pipe stream is.</summary>
    private sealed class ForwardOnlyStream(byte[] data) : Stream
    {
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            int read = Math.Min(count, data.Length - _position);
            Array.Copy(data, _position, buffer, offset, read);
            _position += read;
            return read;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
