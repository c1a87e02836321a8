using System.Text.Json;
using NexLLM.Connectors.Emulator.Engine;

namespace NexLLM.Connectors.Emulator.Audio;

/// <summary>
/// The usage of a transcription (transcription.py, docs/protocols/audio.md#transcriptions-and-translations): Whisper is
/// billed by duration (<c>{"type":"duration","seconds"}</c>, whole seconds rounded up); GPT transcribe models by tokens,
/// where the emulator counts <see cref="AudioTokensPerSecond"/> audio tokens per second (rounded up) plus the prompt's
/// text tokens in, and the transcript's tokens out.
/// </summary>
internal static class TranscriptionUsage
{
    public const int AudioTokensPerSecond = 10;

    public static void Write(Utf8JsonWriter w, TranscriptionCall call, Transcript transcript)
    {
        w.WriteStartObject("usage");
        if (!call.IsGptTranscribe)
        {
            w.WriteString("type", "duration");
            w.WriteNumber("seconds", (int)Math.Ceiling(transcript.Duration));
            w.WriteEndObject();
            return;
        }

        int audio = (int)Math.Ceiling(transcript.Duration * AudioTokensPerSecond);
        int text = TokenEstimator.Tokens(call.Prompt);
        int output = TokenEstimator.Tokens(transcript.Text);
        w.WriteString("type", "tokens");
        w.WriteNumber("input_tokens", audio + text);
        w.WriteNumber("output_tokens", output);
        w.WriteNumber("total_tokens", audio + text + output);
        w.WriteStartObject("input_token_details");
        w.WriteNumber("audio_tokens", audio);
        w.WriteNumber("text_tokens", text);
        w.WriteEndObject();
        w.WriteEndObject();
    }
}
