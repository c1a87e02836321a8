using System.Buffers.Binary;
using System.Text;

namespace NexLLM.Connectors.Benchmarks.Wire;

/// <summary>
/// The audio cases' payloads (docs/protocols/audio.md): a WAV file to transcribe and the <c>json</c> answer of
/// <c>/v1/audio/transcriptions</c> (<c>{"text","usage":{"type":"duration","seconds"}}</c>), and the MP3 file
/// <c>/v1/audio/speech</c> answers. All are built from seeds: the same bytes on every run.
/// </summary>
internal static class AudioBodies
{
    public const string TranscriptionModel = "whisper-1";
    public const string SpeechModel = "gpt-4o-mini-tts";
    public const string SpeechInput = "The quick brown fox jumps over the lazy dog, and the gateway streams the sound of it back.";

    /// <summary>Speech sampled as the API recommends for uploads: 16 kHz, 16-bit, mono PCM (32,000 bytes a second).</summary>
    private const int SampleRate = 16_000;
    private const int WavHeaderBytes = 44;

    /// <summary>The MPEG-1 Layer III frame header of a 128 kbit/s, 44.1 kHz, joint-stereo frame, which begins the speech file.</summary>
    private static readonly byte[] Mp3FrameHeader = [0xFF, 0xFB, 0x90, 0x64];

    /// <summary>The seconds of audio in a WAV file of <paramref name="bytes"/> bytes.</summary>
    public static int WavSeconds(int bytes) => (bytes - WavHeaderBytes) / (SampleRate * sizeof(short));

    /// <summary>
    /// A RIFF/WAVE file of exactly <paramref name="bytes"/> bytes: a 44-byte canonical header, then 16-bit samples of two
    /// tones under seeded noise, so that the data is neither silent nor compressible.
    /// </summary>
    public static byte[] Wav(int bytes)
    {
        byte[] file = new byte[bytes];
        Span<byte> header = file.AsSpan(0, WavHeaderBytes);
        "RIFF"u8.CopyTo(header);
        BinaryPrimitives.WriteInt32LittleEndian(header[4..], bytes - 8);
        "WAVEfmt "u8.CopyTo(header[8..]);
        BinaryPrimitives.WriteInt32LittleEndian(header[16..], 16);
        BinaryPrimitives.WriteInt16LittleEndian(header[20..], 1); // PCM
        BinaryPrimitives.WriteInt16LittleEndian(header[22..], 1); // mono
        BinaryPrimitives.WriteInt32LittleEndian(header[24..], SampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(header[28..], SampleRate * sizeof(short));
        BinaryPrimitives.WriteInt16LittleEndian(header[32..], sizeof(short));
        BinaryPrimitives.WriteInt16LittleEndian(header[34..], 16);
        "data"u8.CopyTo(header[36..]);
        BinaryPrimitives.WriteInt32LittleEndian(header[40..], bytes - WavHeaderBytes);

        var random = new Random(16);
        Span<byte> data = file.AsSpan(WavHeaderBytes);
        for (int i = 0; i + 1 < data.Length; i += 2)
        {
            double t = i / 2 / (double)SampleRate;
            double sample = (0.3 * Math.Sin(2 * Math.PI * 220 * t)) + (0.2 * Math.Sin(2 * Math.PI * 330 * t)) + (0.1 * ((random.NextDouble() * 2) - 1));
            BinaryPrimitives.WriteInt16LittleEndian(data[i..], (short)(sample * short.MaxValue));
        }

        return file;
    }

    /// <summary>The transcript of <paramref name="seconds"/> of speech: about 150 words a minute, in one paragraph.</summary>
    public static string Transcript(int seconds) => Tokens.Join(seconds * 150 / 60 * 9 / 8).Replace("\n\n", " ", StringComparison.Ordinal).Trim();

    /// <summary>The <c>json</c> answer of a whisper-1 transcription: the text and the duration billed.</summary>
    public static byte[] TranscriptionJson(int seconds) => Json.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("text", Transcript(seconds));
        w.WriteStartObject("usage");
        w.WriteString("type", "duration");
        w.WriteNumber("seconds", seconds);
        w.WriteEndObject();
        w.WriteEndObject();
    });

    /// <summary>An MP3 file of <paramref name="bytes"/> bytes: a frame header, then seeded random bytes (compressed audio is as incompressible).</summary>
    public static byte[] Speech(int bytes)
    {
        byte[] file = new byte[bytes];
        new Random(17).NextBytes(file);
        Mp3FrameHeader.CopyTo(file, 0);
        return file;
    }

    /// <summary>
    /// The same file as speech events (<c>stream_format: "sse"</c>), as new-api passes them on: <c>data:</c> lines only,
    /// one <c>speech.audio.delta</c> per <paramref name="deltaBytes"/> of audio in base64, then <c>speech.audio.done</c>
    /// with the usage.
    /// </summary>
    public static byte[] SpeechEvents(byte[] audio, int deltaBytes)
    {
        var sse = new StringBuilder(audio.Length * 4 / 3 + 4096);
        for (int offset = 0; offset < audio.Length; offset += deltaBytes)
        {
            sse.Append("data: {\"type\":\"speech.audio.delta\",\"audio\":\"")
                .Append(Convert.ToBase64String(audio.AsSpan(offset, Math.Min(deltaBytes, audio.Length - offset))))
                .Append("\"}\n\n");
        }

        sse.Append("data: {\"type\":\"speech.audio.done\",\"usage\":{\"input_tokens\":21,\"output_tokens\":1640,\"total_tokens\":1661}}\n\n");
        return Encoding.UTF8.GetBytes(sse.ToString());
    }
}
