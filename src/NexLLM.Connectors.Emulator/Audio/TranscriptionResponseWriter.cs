using System.IO.Compression;
using System.Text;
using System.Text.Json;
using NexLLM.Connectors.Emulator.Hosting;

namespace NexLLM.Connectors.Emulator.Audio;

/// <summary>
/// The answers of the transcription and translation routes (transcription.py, transcription_verbose.py,
/// translation_verbose.py; docs/protocols/audio.md#transcriptions-and-translations): <c>json</c> and <c>verbose_json</c>
/// as <c>application/json</c>, <c>text</c>, <c>srt</c> and <c>vtt</c> as <c>text/plain; charset=utf-8</c>, and the event
/// stream of a GPT transcribe model with <c>stream=true</c>.
/// </summary>
internal static class TranscriptionResponseWriter
{
    public const string JsonContentType = "application/json";

    public const string TextContentType = "text/plain; charset=utf-8";

    public const string EventStreamContentType = "text/event-stream";

    /// <summary>The log probability the emulator gives a decoded word (it is sure), and a word of the fallback sentence.</summary>
    public const double DecodedLogprob = -0.001;

    public const double UndecodedLogprob = -0.7;

    private static readonly Dictionary<string, string> LanguageNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["en"] = "english", ["fr"] = "french", ["de"] = "german", ["es"] = "spanish", ["it"] = "italian", ["pt"] = "portuguese",
        ["nl"] = "dutch", ["ru"] = "russian", ["ja"] = "japanese", ["zh"] = "chinese", ["ko"] = "korean",
    };

    public static (byte[] Body, string ContentType) Write(TranscriptionCall call, Transcript transcript)
    {
        if (call.Stream)
        {
            return (Encoding.UTF8.GetBytes(TranscriptionStreamWriter.Write(call, transcript)), EventStreamContentType);
        }

        return call.ResponseFormat switch
        {
            "text" => (Encoding.UTF8.GetBytes(transcript.Text + "\n"), TextContentType),
            "srt" => (Encoding.UTF8.GetBytes(SubtitleWriter.Srt(TranscriptSegmenter.Segments(transcript))), TextContentType),
            "vtt" => (Encoding.UTF8.GetBytes(SubtitleWriter.Vtt(TranscriptSegmenter.Segments(transcript))), TextContentType),
            "verbose_json" => (JsonBuffer.ToBytes(w => WriteVerbose(w, call, transcript)), JsonContentType),
            _ => (JsonBuffer.ToBytes(w => WriteSimple(w, call, transcript)), JsonContentType),
        };
    }

    /// <summary>One log probability per word, the token being the word with the space before it.</summary>
    public static void WriteLogprobs(Utf8JsonWriter w, IEnumerable<string> tokens, bool decoded)
    {
        w.WriteStartArray("logprobs");
        foreach (string token in tokens)
        {
            w.WriteStartObject();
            w.WriteString("token", token);
            w.WriteNumber("logprob", decoded ? DecodedLogprob : UndecodedLogprob);
            w.WriteStartArray("bytes");
            foreach (byte b in Encoding.UTF8.GetBytes(token))
            {
                w.WriteNumberValue(b);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WriteSimple(Utf8JsonWriter w, TranscriptionCall call, Transcript transcript)
    {
        w.WriteStartObject();
        w.WriteString("text", transcript.Text);
        if (call.Logprobs)
        {
            WriteLogprobs(w, transcript.Words.Select((word, i) => i == 0 ? word.Word : " " + word.Word), transcript.Decoded);
        }

        if (!call.Translation)
        {
            TranscriptionUsage.Write(w, call, transcript);
        }

        w.WriteEndObject();
    }

    private static void WriteVerbose(Utf8JsonWriter w, TranscriptionCall call, Transcript transcript)
    {
        w.WriteStartObject();
        w.WriteString("task", call.Translation ? "translate" : "transcribe");
        w.WriteString("language", call.Translation ? "english" : LanguageName(call.Language));
        w.WriteNumber("duration", Round(transcript.Duration));
        w.WriteString("text", transcript.Text);
        if (call.Words && !call.Translation)
        {
            w.WriteStartArray("words");
            foreach (var word in transcript.Words)
            {
                w.WriteStartObject();
                w.WriteString("word", word.Word);
                w.WriteNumber("start", Round(word.Start));
                w.WriteNumber("end", Round(word.End));
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        if (call.Segments || call.Translation)
        {
            w.WriteStartArray("segments");
            foreach (var segment in TranscriptSegmenter.Segments(transcript))
            {
                WriteSegment(w, segment, call.Temperature, transcript.Decoded);
            }

            w.WriteEndArray();
        }

        if (!call.Translation)
        {
            TranscriptionUsage.Write(w, call, transcript);
        }

        w.WriteEndObject();
    }

    /// <summary>
    /// A Whisper segment: <c>seek</c> is the start of its 30-second window in 10 ms frames; the token ids are a hash of
    /// each word; the compression ratio is the text's length over its zlib length, as Whisper measures it.
    /// </summary>
    private static void WriteSegment(Utf8JsonWriter w, TranscriptSegment segment, double temperature, bool decoded)
    {
        w.WriteStartObject();
        w.WriteNumber("id", segment.Id);
        w.WriteNumber("seek", (int)(Math.Floor(segment.Start / TranscriptSegmenter.MaxSeconds) * TranscriptSegmenter.MaxSeconds * 100));
        w.WriteNumber("start", Round(segment.Start));
        w.WriteNumber("end", Round(segment.End));
        w.WriteString("text", " " + segment.Text);
        w.WriteStartArray("tokens");
        foreach (var word in segment.Words)
        {
            w.WriteNumberValue(TokenId(word.Word));
        }

        w.WriteEndArray();
        w.WriteNumber("temperature", temperature);
        w.WriteNumber("avg_logprob", decoded ? -0.1 : -0.9);
        w.WriteNumber("compression_ratio", CompressionRatio(segment.Text));
        w.WriteNumber("no_speech_prob", decoded ? 0.001 : 0.6);
        w.WriteEndObject();
    }

    private static string LanguageName(string? code) =>
        string.IsNullOrEmpty(code) ? "english" : LanguageNames.GetValueOrDefault(code, code.ToLowerInvariant());

    private static double Round(double seconds) => Math.Round(seconds, 2, MidpointRounding.AwayFromZero);

    /// <summary>A token id in the range of Whisper's text tokens, from the FNV-1a hash of the word.</summary>
    private static int TokenId(string word)
    {
        uint hash = 2166136261;
        foreach (byte b in Encoding.UTF8.GetBytes(word))
        {
            hash = (hash ^ b) * 16777619;
        }

        return 1000 + (int)(hash % 49_000);
    }

    private static double CompressionRatio(string text)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(bytes);
        }

        return Math.Round((double)bytes.Length / compressed.Length, 4);
    }
}
