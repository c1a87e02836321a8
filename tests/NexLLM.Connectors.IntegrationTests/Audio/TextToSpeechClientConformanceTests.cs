using Microsoft.Extensions.AI;
using NexLLM.Connectors.Emulator;
using NexLLM.Connectors.IntegrationTests.TestSupport;

namespace NexLLM.Connectors.IntegrationTests.Audio;

/// <summary>
/// What every <see cref="ITextToSpeechClient"/> must do, end to end over loopback against the emulator (docs/protocols/audio.md#speech):
/// real audio in the format asked for (mp3 by default), the media type that goes with it, streamed audio that adds up to
/// the whole file, server-sent events that end with the usage, errors and retries. Round-trip free: it checks the audio's
/// container, not what it says. A protocol subclasses this in a few lines (models, path) and adds its wire tests beside it.
/// </summary>
public abstract class TextToSpeechClientConformanceTests : EmulatorTest
{
    protected const string Text = "The quick brown fox jumps over the lazy dog.";

    /// <summary>Gets a model that takes <c>instructions</c> and streams server-sent events (gpt-4o-mini-tts).</summary>
    protected abstract string Model { get; }

    /// <summary>Gets a model that streams the audio file only and refuses server-sent events (tts-1).</summary>
    protected abstract string ModelWithoutEvents { get; }

    /// <summary>Gets whether a request path is this protocol's speech route.</summary>
    protected abstract bool IsSpeechPath(string path);

    protected ITextToSpeechClient CreateClient(string? model = null) => Client.GetTextToSpeechClient(model ?? Model);

    protected IReadOnlyList<EmulatorRequest> SpeechRequests() => [.. Emulator.Requests.Where(r => IsSpeechPath(r.Path))];

    protected static async Task<List<TextToSpeechResponseUpdate>> CollectAsync(IAsyncEnumerable<TextToSpeechResponseUpdate> stream)
    {
        var updates = new List<TextToSpeechResponseUpdate>();
        await foreach (TextToSpeechResponseUpdate update in stream)
        {
            updates.Add(update);
        }

        return updates;
    }

    protected static byte[] AllAudio(IEnumerable<TextToSpeechResponseUpdate> updates) =>
        [.. updates.SelectMany(u => u.Contents.OfType<DataContent>()).SelectMany(d => d.Data.ToArray())];

    protected static DataContent OnlyAudio(TextToSpeechResponse response) => Assert.IsType<DataContent>(Assert.Single(response.Contents));

    [Fact]
    public async Task GetAudio_WithoutAFormat_IsMp3()
    {
        TextToSpeechResponse response = await CreateClient().GetAudioAsync(Text, cancellationToken: TestCancellation);

        DataContent audio = OnlyAudio(response);
        Assert.Equal("audio/mpeg", audio.MediaType);
        Assert.True(IsMp3(audio.Data.Span), "The default audio is not an MP3 file (no ID3 tag or frame sync).");
        Assert.Equal(Model, response.ModelId);
        Assert.Equal(Emulator.Requests[^1].RequestId, response.AdditionalProperties?["nexllm.request_id"]);
        Assert.DoesNotContain("response_format", Assert.Single(SpeechRequests()).BodyText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("wav", "audio/wav")]
    [InlineData("audio/wav", "audio/wav")]
    [InlineData("mp3", "audio/mpeg")]
    [InlineData("pcm", "audio/pcm")]
    public async Task GetAudio_InTheFormatAskedFor_HasItsMediaType(string format, string mediaType)
    {
        TextToSpeechResponse response = await CreateClient().GetAudioAsync(Text, new TextToSpeechOptions { AudioFormat = format }, TestCancellation);

        DataContent audio = OnlyAudio(response);
        Assert.Equal(mediaType, audio.MediaType);
        Assert.False(audio.Data.IsEmpty);
    }

    [Fact]
    public async Task GetAudio_Wav_IsARiffWaveFile()
    {
        DataContent audio = OnlyAudio(await CreateClient().GetAudioAsync(Text, new TextToSpeechOptions { AudioFormat = "wav" }, TestCancellation));

        Assert.True(audio.Data.Span.StartsWith("RIFF"u8), "A WAV file starts with RIFF.");
        Assert.True(audio.Data.Span[8..12].SequenceEqual("WAVE"u8), "A WAV file is a RIFF WAVE.");
        Assert.True(audio.Data.Length > 44, "The WAV file has no samples after its header.");
    }

    [Fact]
    public async Task GetAudio_Pcm_Is16BitSamples_AndSaysItsFormat()
    {
        DataContent audio = OnlyAudio(await CreateClient().GetAudioAsync(Text, new TextToSpeechOptions { AudioFormat = "pcm" }, TestCancellation));

        Assert.Equal(0, audio.Data.Length % 2);
        Assert.False(audio.Data.Span.StartsWith("RIFF"u8), "PCM is raw samples, without a WAV header.");
        Assert.Equal(24_000, audio.AdditionalProperties?["nexllm.audio.sample_rate"]);
        Assert.Equal(16, audio.AdditionalProperties?["nexllm.audio.bits_per_sample"]);
        Assert.Equal(1, audio.AdditionalProperties?["nexllm.audio.channels"]);
    }

    [Fact]
    public async Task GetAudio_IsDeterministic_AndFollowsTheText()
    {
        var options = new TextToSpeechOptions { AudioFormat = "wav" };
        ITextToSpeechClient client = CreateClient();

        byte[] first = OnlyAudio(await client.GetAudioAsync(Text, options, TestCancellation)).Data.ToArray();
        byte[] again = OnlyAudio(await client.GetAudioAsync(Text, options, TestCancellation)).Data.ToArray();
        byte[] other = OnlyAudio(await client.GetAudioAsync("Something else entirely.", options, TestCancellation)).Data.ToArray();

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public async Task Stream_OfTheFile_AddsUpToGetAudiosBytes_AndEndsWithAnAudioUpdated()
    {
        var options = new TextToSpeechOptions { AudioFormat = "wav" };
        byte[] whole = OnlyAudio(await CreateClient().GetAudioAsync(Text, options, TestCancellation)).Data.ToArray();

        List<TextToSpeechResponseUpdate> updates = await CollectAsync(CreateClient().GetStreamingAudioAsync(Text, options, TestCancellation));

        Assert.Equal(whole, AllAudio(updates));
        Assert.All(updates[..^1], u => Assert.Equal(TextToSpeechResponseUpdateKind.AudioUpdating, u.Kind));
        Assert.All(updates[..^1], u => Assert.Equal("audio/wav", Assert.IsType<DataContent>(Assert.Single(u.Contents)).MediaType));
        Assert.Equal(TextToSpeechResponseUpdateKind.AudioUpdated, updates[^1].Kind);
        Assert.Equal(Emulator.Requests[^1].RequestId, updates[^1].AdditionalProperties?["nexllm.request_id"]);
    }

    [Fact]
    public async Task Stream_OfEvents_GivesTheAudio_ThenTheUsage()
    {
        var options = new TextToSpeechOptions { AudioFormat = "wav" }.WithSpeechStreamFormat(NexLLMSpeechStreamFormat.Sse);
        byte[] whole = OnlyAudio(await CreateClient().GetAudioAsync(Text, new TextToSpeechOptions { AudioFormat = "wav" }, TestCancellation)).Data.ToArray();

        List<TextToSpeechResponseUpdate> updates = await CollectAsync(CreateClient().GetStreamingAudioAsync(Text, options, TestCancellation));

        Assert.Equal(whole, AllAudio(updates));
        TextToSpeechResponse merged = updates.ToTextToSpeechResponse();
        Assert.True(merged.Usage?.OutputTokenCount > 0, "The events' stream reported no output tokens.");
        Assert.True(merged.Usage?.InputTokenCount > 0, "The events' stream reported no input tokens.");
        Assert.Equal(TextToSpeechResponseUpdateKind.AudioUpdated, updates[^1].Kind);
    }

    [Fact]
    public async Task Stream_OfEvents_OnAModelWithoutThem_IsA400_NotRetried()
    {
        var options = new TextToSpeechOptions().WithSpeechStreamFormat(NexLLMSpeechStreamFormat.Sse);

        var ex = await Assert.ThrowsAsync<NexLLMException>(() => CollectAsync(CreateClient(ModelWithoutEvents).GetStreamingAudioAsync(Text, options, TestCancellation)));

        Assert.Equal((NexLLMErrorKind.HttpStatus, 400, 1), (ex.Kind, ex.StatusCode, ex.Attempts));
        Assert.Single(SpeechRequests());
    }

    [Fact]
    public async Task A429_IsRetried_AndTheSameRequestSentAgain()
    {
        Emulator.Enqueue(EmulatorFault.OpenAIError(429, "Rate limited.", "rate_limit_error", headers: new Dictionary<string, string> { ["retry-after-ms"] = "20" }));

        TextToSpeechResponse response = await CreateClient().GetAudioAsync(Text, new TextToSpeechOptions { AudioFormat = "wav" }, TestCancellation);

        Assert.False(OnlyAudio(response).Data.IsEmpty);
        IReadOnlyList<EmulatorRequest> requests = SpeechRequests();
        Assert.Equal(2, requests.Count);
        Assert.Equal(requests[0].Body, requests[1].Body);
    }

    [Fact]
    public async Task A500InvalidRequest_IsTypedAndNotRetried()
    {
        Emulator.Enqueue(EmulatorFault.OpenAIError(500, "input is required", "new_api_error", "invalid_request"));

        var ex = await Assert.ThrowsAsync<NexLLMException>(() => CreateClient().GetAudioAsync(Text, cancellationToken: TestCancellation));

        Assert.Equal((500, "invalid_request", 1), (ex.StatusCode, ex.ErrorCode, ex.Attempts));
        Assert.Single(SpeechRequests());
    }

    [Fact]
    public async Task TooLongAText_IsRefusedBeforeAnyRequest()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => CreateClient().GetAudioAsync(new string('a', 4097), cancellationToken: TestCancellation));

        Assert.Empty(SpeechRequests());
    }

    [Fact]
    public async Task WorksBehindMicrosoftExtensionsAIsOwnPipeline()
    {
        ITextToSpeechClient client = CreateClient().AsBuilder().ConfigureOptions(o => o.AudioFormat ??= "wav").Build();

        DataContent audio = OnlyAudio(await client.GetAudioAsync(Text, cancellationToken: TestCancellation));

        Assert.Equal("audio/wav", audio.MediaType);
        Assert.Equal(Model, client.GetService<TextToSpeechClientMetadata>()?.DefaultModelId);
    }

    /// <summary>An MP3 file starts with an ID3 tag or an MPEG frame sync (11 set bits).</summary>
    private static bool IsMp3(ReadOnlySpan<byte> bytes) =>
        bytes.StartsWith("ID3"u8) || (bytes.Length >= 2 && bytes[0] == 0xFF && (bytes[1] & 0xE0) == 0xE0);
}
