using Microsoft.Extensions.AI;
using NexLLM.Connectors.IntegrationTests.TestSupport;

namespace NexLLM.Connectors.IntegrationTests.Audio;

/// <summary>
/// Text to speech to text through M.E.AI's interfaces only, both our adapters against the emulator, whose speech carries
/// its text: what one says, the other hears, in every format both sides have.
/// </summary>
public sealed class AudioRoundTripTests : EmulatorTest
{
    private const string Sentence = "Sphinx of black quartz, judge my vow! Ça va très bien, merci.";

    [Theory]
    [InlineData("wav", "whisper-1")]
    [InlineData("flac", "whisper-1")]
    [InlineData(null, "whisper-1")]
    [InlineData("wav", "gpt-4o-transcribe")]
    public async Task WhatIsSpoken_IsTranscribedBack(string? format, string transcriptionModel)
    {
        ITextToSpeechClient speech = Client.GetTextToSpeechClient("gpt-4o-mini-tts");
        ISpeechToTextClient transcription = Client.GetSpeechToTextClient(transcriptionModel);

        TextToSpeechResponse spoken = await speech.GetAudioAsync(Sentence, new TextToSpeechOptions { VoiceId = "coral", AudioFormat = format }, TestCancellation);
        DataContent audio = Assert.IsType<DataContent>(Assert.Single(spoken.Contents));
        SpeechToTextResponse heard = await transcription.GetTextAsync(audio, new SpeechToTextOptions().WithAudioMediaType(audio.MediaType), TestCancellation);

        Assert.Equal(Sentence, heard.Text);
    }

    [Fact]
    public async Task StreamedSpeech_JoinedAndUploadedFromANonSeekableStream_IsTranscribedBack()
    {
        ITextToSpeechClient speech = Client.GetTextToSpeechClient("tts-1");
        var pipe = new System.IO.Pipelines.Pipe();
        int chunks = 0;
        Task write = Task.Run(
            async () =>
            {
                await foreach (TextToSpeechResponseUpdate update in speech.GetStreamingAudioAsync(Sentence, new TextToSpeechOptions { AudioFormat = "wav" }, TestCancellation))
                {
                    foreach (DataContent chunk in update.Contents.OfType<DataContent>())
                    {
                        await pipe.Writer.WriteAsync(chunk.Data, TestCancellation);
                        chunks++;
                    }
                }

                await pipe.Writer.CompleteAsync();
            },
            TestCancellation);

        SpeechToTextResponse heard = await Client.GetSpeechToTextClient("whisper-1").GetTextAsync(pipe.Reader.AsStream(), cancellationToken: TestCancellation);
        await write;

        Assert.Equal(Sentence, heard.Text);
        Assert.True(chunks > 1, $"the speech arrived in {chunks} chunk(s)");
    }
}
