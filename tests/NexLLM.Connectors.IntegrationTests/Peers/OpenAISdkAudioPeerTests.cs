#pragma warning disable OPENAI001 // the SDK marks speech streaming experimental
using System.ClientModel;
using NexLLM.Connectors.IntegrationTests.TestSupport;
using OpenAI;
using OpenAI.Audio;

namespace NexLLM.Connectors.IntegrationTests.Peers;

/// <summary>
/// The official OpenAI .NET SDK's <see cref="AudioClient"/> drives the emulator's audio routes: speech in the SDK's
/// formats, transcriptions (plain, verbose with word and segment timestamps, srt, vtt) and translations read back the
/// text the speech carries. Proof that the routes speak OpenAI's protocol, not just what our own client expects.
/// </summary>
public sealed class OpenAISdkAudioPeerTests : EmulatorTest
{
    private const string Text = "The quick brown fox. It jumps!";

    [Fact]
    public async Task WavSpeech_TranscribesBackToItsText()
    {
        BinaryData wav = await SpeechAsync(GeneratedSpeechFormat.Wav);

        AudioTranscription transcription = (await Sdk("whisper-1").TranscribeAudioAsync(wav.ToStream(), "speech.wav", cancellationToken: TestCancellation)).Value;

        Assert.Equal("RIFF", wav.ToString()[..4]);
        Assert.Equal(Text, transcription.Text);
    }

    [Fact]
    public async Task Verbose_HasWordAndSegmentTimestamps()
    {
        BinaryData flac = await SpeechAsync(GeneratedSpeechFormat.Flac);
        var options = new AudioTranscriptionOptions
        {
            ResponseFormat = AudioTranscriptionFormat.Verbose,
            TimestampGranularities = AudioTimestampGranularities.Word | AudioTimestampGranularities.Segment,
            Language = "en",
        };

        AudioTranscription transcription = (await Sdk("whisper-1").TranscribeAudioAsync(flac.ToStream(), "speech.flac", options, TestCancellation)).Value;

        Assert.Equal(Text, transcription.Text);
        Assert.Equal("english", transcription.Language);
        Assert.Equal(TimeSpan.FromSeconds(2.96), transcription.Duration);
        Assert.Equal(["The", "quick", "brown", "fox.", "It", "jumps!"], transcription.Words.Select(w => w.Word));
        Assert.Equal(TimeSpan.FromSeconds(0.32), transcription.Words[0].StartTime);
        Assert.Equal(TimeSpan.FromSeconds(0.48), transcription.Words[0].EndTime);
        Assert.All(transcription.Words.Zip(transcription.Words.Skip(1)), pair => Assert.True(pair.First.EndTime < pair.Second.StartTime));
        Assert.Equal([" The quick brown fox.", " It jumps!"], transcription.Segments.Select(s => s.Text));
        Assert.Equal(transcription.Words[3].EndTime, transcription.Segments[0].EndTime);
        Assert.Equal(transcription.Words[4].StartTime, transcription.Segments[1].StartTime);
    }

    [Fact]
    public async Task SrtAndVtt_ComeBackAsSubtitleText()
    {
        BinaryData wav = await SpeechAsync(GeneratedSpeechFormat.Wav);
        AudioClient client = Sdk("whisper-1");

        AudioTranscription srt = (await client.TranscribeAudioAsync(wav.ToStream(), "a.wav", new() { ResponseFormat = AudioTranscriptionFormat.Srt }, TestCancellation)).Value;
        AudioTranscription vtt = (await client.TranscribeAudioAsync(wav.ToStream(), "a.wav", new() { ResponseFormat = AudioTranscriptionFormat.Vtt }, TestCancellation)).Value;

        Assert.StartsWith("1\n00:00:00,320 --> 00:00:01,640\nThe quick brown fox.\n\n2\n", srt.Text, StringComparison.Ordinal);
        Assert.StartsWith("WEBVTT\n\n00:00:00.320 --> 00:00:01.640\nThe quick brown fox.\n\n", vtt.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Translation_AnswersTheText()
    {
        BinaryData mp3 = await SpeechAsync(format: null);

        AudioTranslation translation = (await Sdk("whisper-1").TranslateAudioAsync(mp3.ToStream(), "speech.mp3", cancellationToken: TestCancellation)).Value;

        Assert.Equal(Text, translation.Text);
    }

    [Fact]
    public async Task Mp3_IsTheDefault_AndGpt4oTranscribeReadsIt()
    {
        BinaryData mp3 = await SpeechAsync(format: null);

        AudioTranscription transcription = (await Sdk("gpt-4o-transcribe").TranscribeAudioAsync(mp3.ToStream(), "speech.mp3", cancellationToken: TestCancellation)).Value;

        Assert.Equal("ID3", mp3.ToString()[..3]);
        Assert.Equal(Text, transcription.Text);
    }

    [Fact]
    public async Task StreamedSpeech_DeltasMakeThePcmFile()
    {
        BinaryData pcm = await SpeechAsync(GeneratedSpeechFormat.Pcm);
        var audio = new List<byte>();
        int done = 0;

        await using var updates = await Sdk("gpt-4o-mini-tts").GenerateSpeechStreamingAsync(
            Text, GeneratedSpeechVoice.Coral, new SpeechGenerationOptions { ResponseFormat = GeneratedSpeechFormat.Pcm }, TestCancellation);
        await foreach (StreamingSpeechUpdate update in updates)
        {
            switch (update)
            {
                case StreamingSpeechAudioDeltaUpdate delta:
                    audio.AddRange(delta.AudioBytes.ToArray());
                    break;
                case StreamingSpeechAudioDoneUpdate:
                    done++;
                    break;
            }
        }

        Assert.Equal(1, done);
        Assert.Equal(pcm.ToArray(), audio);
    }

    private async Task<BinaryData> SpeechAsync(GeneratedSpeechFormat? format)
    {
        var options = format is { } f ? new SpeechGenerationOptions { ResponseFormat = f } : null;
        return (await Sdk("gpt-4o-mini-tts").GenerateSpeechAsync(Text, GeneratedSpeechVoice.Alloy, options, TestCancellation)).Value;
    }

    private AudioClient Sdk(string model) =>
        new(model, new ApiKeyCredential(Emulator.ApiKey), new OpenAIClientOptions { Endpoint = Emulator.Endpoint });
}
