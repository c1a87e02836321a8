using Microsoft.Extensions.AI;
using NexLLM.Connectors;

namespace ReadmeSnippets;

/// <summary>docs/guides/audio.md, on the client of the README's "Use it" (in the tests, the emulator's).</summary>
internal static class AudioSnippets
{
    /// <summary>Speaks a sentence, transcribes it back with word times, then streams speech.</summary>
    public static async Task SpeakAndTranscribeAsync(NexLLMClient nexllm)
    {
        // <snippet:audio-speak-transcribe>
        ITextToSpeechClient speech = nexllm.GetTextToSpeechClient("gpt-4o-mini-tts");
        TextToSpeechResponse spoken = await speech.GetAudioAsync(
            "The quick brown fox jumps over the lazy dog.", new TextToSpeechOptions { VoiceId = "alloy", AudioFormat = "wav" });
        DataContent audio = spoken.Contents.OfType<DataContent>().Single();
        Console.WriteLine($"{audio.MediaType}: {audio.Data.Length} bytes");

        ISpeechToTextClient transcriber = nexllm.GetSpeechToTextClient("whisper-1");
        SpeechToTextResponse transcript = await transcriber.GetTextAsync(
            audio, new SpeechToTextOptions { SpeechLanguage = "en" }.WithTimestampGranularities(NexLLMTimestampGranularities.Word));
        Console.WriteLine(transcript.Text);
        foreach (NexLLMTranscriptWord word in transcript.Contents.OfType<NexLLMTranscriptWord>())
        {
            Console.WriteLine($"{word.StartTime.TotalSeconds:0.00}-{word.EndTime.TotalSeconds:0.00} {word.Text}");
        }
        // </snippet:audio-speak-transcribe>

        // <snippet:audio-streaming>
        using var file = new MemoryStream();   // or File.Create("speech.mp3")
        await foreach (TextToSpeechResponseUpdate update in speech.GetStreamingAudioAsync("Streaming speech starts playing at once."))
        {
            foreach (DataContent piece in update.Contents.OfType<DataContent>())
            {
                await file.WriteAsync(piece.Data);   // each piece as it arrives (mp3 by default)
            }
        }

        Console.WriteLine($"streamed {file.Length} bytes");
        // </snippet:audio-streaming>
    }
}
