using Microsoft.Extensions.AI;
using NexLLM.Connectors.Tests.TestSupport;

namespace NexLLM.Connectors.Tests.Audio;

/// <summary>Audio samples, answers and calls shared by the speech-to-text tests (docs/protocols/audio.md).</summary>
public static class SpeechToTextTestData
{
    public const string Whisper = "whisper-1";
    public const string Gpt4oTranscribe = "gpt-4o-transcribe";

    /// <summary>The start of a RIFF/WAVE file: <c>RIFF</c>, a size, <c>WAVE</c>, then a <c>fmt </c> chunk header.</summary>
    public static readonly byte[] Wav = [0x52, 0x49, 0x46, 0x46, 0x24, 0x08, 0x00, 0x00, 0x57, 0x41, 0x56, 0x45, 0x66, 0x6D, 0x74, 0x20, 0x10, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00];

    /// <summary>An MP3 with an ID3v2 tag.</summary>
    public static readonly byte[] Mp3Id3 = [0x49, 0x44, 0x33, 0x04, 0x00, 0x00, 0x00, 0x00, 0x00, 0x0A, 0x54, 0x49, 0x54, 0x32];

    /// <summary>An MP3 that starts with a frame: sync word <c>FF FB</c> (MPEG-1 layer III).</summary>
    public static readonly byte[] Mp3Frame = [0xFF, 0xFB, 0x90, 0x64, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00];

    public static readonly byte[] Flac = [0x66, 0x4C, 0x61, 0x43, 0x00, 0x00, 0x00, 0x22, 0x10, 0x00, 0x10, 0x00, 0x00];

    public static readonly byte[] Ogg = [0x4F, 0x67, 0x67, 0x53, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00];

    /// <summary>A WebM (Matroska EBML header).</summary>
    public static readonly byte[] Webm = [0x1A, 0x45, 0xDF, 0xA3, 0x9F, 0x42, 0x86, 0x81, 0x01, 0x42, 0xF7, 0x81, 0x01];

    /// <summary>An MPEG-4 audio file: a box size, then <c>ftypM4A </c>.</summary>
    public static readonly byte[] M4a = [0x00, 0x00, 0x00, 0x20, 0x66, 0x74, 0x79, 0x70, 0x4D, 0x34, 0x41, 0x20, 0x00, 0x00];

    /// <summary>Bytes of no audio format: plain text.</summary>
    public static readonly byte[] Unknown = "hello, not audio"u8.ToArray();

    public const string JsonAnswer = """{"text":"Hello world."}""";

    /// <summary>Reads the audio from a <see cref="ReadOnlyStream"/>, which cannot seek.</summary>
    public static Stream NonSeekable(byte[] audio, int maxReadSize = int.MaxValue) => new ForwardOnly(audio, maxReadSize);

    public static ISpeechToTextClient SpeechToText(this Harness harness, string model = Whisper) => harness.Client.GetSpeechToTextClient(model);

    /// <summary>Transcribes <paramref name="audio"/> once against <paramref name="answer"/>; returns what was sent and the response.</summary>
    public static async Task<(RecordedRequest Sent, SpeechToTextResponse Response)> TranscribeAsync(
        Reply answer, Stream audio, SpeechToTextOptions? options = null, string model = Whisper)
    {
        using var harness = new Harness();
        harness.Handler.Enqueue(answer);
        SpeechToTextResponse response = await harness.SpeechToText(model).GetTextAsync(audio, options, Harness.Ct);
        return (harness.Handler.SingleRequest, response);
    }

    /// <summary>Transcribes a WAV sample and returns the request only.</summary>
    public static async Task<RecordedRequest> SentAsync(SpeechToTextOptions? options, string model = Whisper, Reply? answer = null) =>
        (await TranscribeAsync(answer ?? Reply.Json(JsonAnswer), new MemoryStream(Wav), options, model)).Sent;

    /// <summary>Collects every update of a streamed transcription.</summary>
    public static async Task<List<SpeechToTextResponseUpdate>> StreamAsync(Harness harness, Stream audio, SpeechToTextOptions? options = null, string model = Gpt4oTranscribe)
    {
        var updates = new List<SpeechToTextResponseUpdate>();
        await foreach (SpeechToTextResponseUpdate update in harness.SpeechToText(model).GetStreamingTextAsync(audio, options, Harness.Ct))
        {
            updates.Add(update);
        }

        return updates;
    }

    private sealed class ForwardOnly(byte[] audio, int maxReadSize) : ReadOnlyStream
    {
        private int _position;

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            int count = Math.Min(Math.Min(buffer.Length, maxReadSize), audio.Length - _position);
            audio.AsMemory(_position, count).CopyTo(buffer);
            _position += count;
            return ValueTask.FromResult(count);
        }
    }
}
