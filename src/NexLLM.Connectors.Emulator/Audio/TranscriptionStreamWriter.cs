using System.Text;
using NexLLM.Connectors.Emulator.Hosting;

namespace NexLLM.Connectors.Emulator.Audio;

/// <summary>
/// The event stream of a GPT transcribe model with <c>stream=true</c> (transcription_text_delta_event.py,
/// transcription_text_done_event.py): one <c>transcript.text.delta</c> per spoken word (with its whitespace, so the
/// deltas put together are the text), then <c>transcript.text.done</c> with the text and the usage. new-api reads the
/// whole answer before copying it (<c>OpenaiSTTHandler</c>, docs/protocols/audio.md#transcriptions-and-translations), so
/// the emulator writes it as one body too.
/// </summary>
internal static class TranscriptionStreamWriter
{
    public static string Write(TranscriptionCall call, Transcript transcript)
    {
        var stream = new StringBuilder();
        var pieces = SpeechLayout.SplitWords(transcript.Text).ToList();
        foreach (string piece in pieces)
        {
            Event(stream, JsonBuffer.ToText(w =>
            {
                w.WriteStartObject();
                w.WriteString("type", "transcript.text.delta");
                w.WriteString("delta", piece);
                if (call.Logprobs)
                {
                    TranscriptionResponseWriter.WriteLogprobs(w, [piece], transcript.Decoded);
                }

                w.WriteEndObject();
            }));
        }

        Event(stream, JsonBuffer.ToText(w =>
        {
            w.WriteStartObject();
            w.WriteString("type", "transcript.text.done");
            w.WriteString("text", transcript.Text);
            if (call.Logprobs)
            {
                TranscriptionResponseWriter.WriteLogprobs(w, pieces, transcript.Decoded);
            }

            TranscriptionUsage.Write(w, call, transcript);
            w.WriteEndObject();
        }));
        return stream.ToString();
    }

    private static void Event(StringBuilder stream, string data) => stream.Append("data: ").Append(data).Append("\n\n");
}
