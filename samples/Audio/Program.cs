// Audio: speak a sentence to a WAV file, then transcribe it back with timestamps, through Microsoft.Extensions.AI's
// ITextToSpeechClient and ISpeechToTextClient. Without NEXLLM_API_KEY it runs offline against the local NexLLM emulator,
// whose speech carries its text so that the transcription returns it.
using Microsoft.Extensions.AI;
using NexLLM.Connectors;
using NexLLM.Connectors.Samples;

await using SampleGateway gateway = await SampleGateway.StartAsync();
string speechModel = SampleGateway.Model("NEXLLM_SPEECH_MODEL", "tts-1");
string transcriptionModel = SampleGateway.Model("NEXLLM_TRANSCRIPTION_MODEL", "whisper-1");
string folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "nexllm-audio")).FullName;
string path = Path.Combine(folder, "sentence.wav");
const string Sentence = "The quick brown fox jumps over the lazy dog.";

// 1. Speak: the audio arrives as it is produced and goes straight to the file.
Console.WriteLine($"\n> Speaking with {speechModel}: \"{Sentence}\"");
ITextToSpeechClient speech = gateway.Client.GetTextToSpeechClient(speechModel);
await using (FileStream file = File.Create(path))
{
    int chunks = 0;
    await foreach (TextToSpeechResponseUpdate update in speech.GetStreamingAudioAsync(Sentence, new TextToSpeechOptions { VoiceId = "alloy", AudioFormat = "wav" }))
    {
        foreach (DataContent audio in update.Contents.OfType<DataContent>())
        {
            await file.WriteAsync(audio.Data);
            chunks++;
        }
    }

    Console.WriteLine($"  {path}: {file.Length:N0} bytes of audio/wav, in {chunks} chunks");
}

// 2. Transcribe it back, with a time for every word: the file is uploaded as it is read, never loaded whole.
Console.WriteLine($"\n> Transcribing with {transcriptionModel}:");
ISpeechToTextClient transcription = gateway.Client.GetSpeechToTextClient(transcriptionModel);
await using (FileStream file = File.OpenRead(path))
{
    SpeechToTextResponse text = await transcription.GetTextAsync(
        file, new SpeechToTextOptions { SpeechLanguage = "en" }.WithTimestampGranularities(NexLLMTimestampGranularities.Word));
    Console.WriteLine($"  \"{text.Text}\" ({text.EndTime?.TotalSeconds:0.00} s)");
    foreach (NexLLMTranscriptWord word in text.Contents.OfType<NexLLMTranscriptWord>())
    {
        Console.WriteLine($"  {word.StartTime.TotalSeconds,6:0.00} - {word.EndTime.TotalSeconds,6:0.00}  {word.Text}");
    }

    if (text.Usage?.AdditionalCounts?.TryGetValue(NexLLMUsageCounts.AudioDurationMilliseconds, out long billed) is true)
    {
        Console.WriteLine($"  (usage) {billed / 1000.0:0.00} s of audio");
    }
}
