using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.AI;
using NexLLM.Connectors.Benchmarks.Replay;
using NexLLM.Connectors.Benchmarks.Wire;

namespace NexLLM.Connectors.Benchmarks.Cases;

/// <summary>
/// Speech to text: one whisper-1 transcription of a 20 MiB WAV file (about 11 minutes of 16 kHz mono speech) from a
/// <see cref="MemoryStream"/>, answered with the <c>json</c> transcript. Anchor: Microsoft.Extensions.AI.OpenAI's
/// <c>GetAudioClient(model).AsISpeechToTextClient()</c>. The server answers 400 to an upload shorter than the file, so
/// every contestant is measured sending all of it. <see cref="OursNonSeekable"/> is ours given the same audio through a
/// stream that cannot seek (nor tell its length), as a network or pipe stream would be: it must not buffer it either.
/// </summary>
[MemoryDiagnoser]
public class TranscriptionUpload : Contestants
{
    private static readonly byte[] Wav = AudioBodies.Wav(Scenarios.WavBytes);
    private static readonly string Expected = AudioBodies.Transcript(AudioBodies.WavSeconds(Scenarios.WavBytes));

    private ISpeechToTextClient _ours = null!;
    private ISpeechToTextClient _anchor = null!;

    protected override string Scenario => Scenarios.Transcription;

    [Benchmark(Baseline = true)]
    public async Task<int> Anchor() => (await _anchor.GetTextAsync(Audio())).Text.Length;

    [Benchmark]
    public async Task<int> Ours() => (await _ours.GetTextAsync(Audio())).Text.Length;

    [Benchmark]
    public async Task<int> AnchorNonSeekable() => (await _anchor.GetTextAsync(new ForwardOnlyStream(Audio()))).Text.Length;

    [Benchmark]
    public async Task<int> OursNonSeekable() => (await _ours.GetTextAsync(new ForwardOnlyStream(Audio()))).Text.Length;

    [Benchmark]
    public async Task<int> Floor() => (await FloorHttp.TranscribeAsync(new Uri(Base, "v1/audio/transcriptions"), AudioBodies.TranscriptionModel, Audio())).Length;

    protected override async Task CheckAsync()
    {
        _ours = OurSdk.GetSpeechToTextClient(AudioBodies.TranscriptionModel);
        _anchor = OpenAISdk.GetAudioClient(AudioBodies.TranscriptionModel).AsISpeechToTextClient();
        SameTranscript(await FloorHttp.TranscribeAsync(new Uri(Base, "v1/audio/transcriptions"), AudioBodies.TranscriptionModel, Audio()), nameof(Floor));
        SameTranscript((await _anchor.GetTextAsync(Audio())).Text, nameof(Anchor));
        SameTranscript((await _ours.GetTextAsync(Audio())).Text, nameof(Ours));
        SameTranscript((await _anchor.GetTextAsync(new ForwardOnlyStream(Audio()))).Text, nameof(AnchorNonSeekable));
        SameTranscript((await _ours.GetTextAsync(new ForwardOnlyStream(Audio()))).Text, nameof(OursNonSeekable));
    }

    /// <summary>
    /// A new stream over the file for each call (a <see cref="MemoryStream"/> over the same array, no copy): the anchor
    /// disposes the stream it is given, so one stream cannot be rewound for the next call.
    /// </summary>
    private static MemoryStream Audio() => new(Wav, writable: false);

    private static void SameTranscript(string text, string contestant) =>
        Same("characters of the expected transcript", Expected.Length, text == Expected ? text.Length : -1, contestant);

    /// <summary>A stream that reads its inner stream forwards only: it cannot seek, and has no length.</summary>
    private sealed class ForwardOnlyStream(Stream inner) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

        public override int Read(Span<byte> buffer) => inner.Read(buffer);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => inner.ReadAsync(buffer, cancellationToken);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => inner.ReadAsync(buffer, offset, count, cancellationToken);

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

/// <summary>
/// Text to speech, streamed: <c>GetStreamingAudioAsync</c> of a 1 MiB MP3 answer that the server sends chunked in 16
/// flushed pieces 1 ms apart, as a speech model sends audio while it generates it. Anchor: Microsoft.Extensions.AI.OpenAI's
/// <c>GetAudioClient(model).AsITextToSpeechClient()</c>, which always streams by asking for <c>stream_format: "sse"</c>
/// (base64 audio in <c>speech.audio.delta</c> events, 16 KiB of audio each); the server answers it, and
/// <see cref="SpeechStreaming.OursSse"/>, in that form, and ours by default and the floor with the file's bytes. Every
/// contestant is checked to hand out the same audio bytes.
/// </summary>
public abstract class Speech : Contestants
{
    protected static readonly byte[] FloorRequest = Encoding.UTF8.GetBytes(
        $"{{\"model\":\"{AudioBodies.SpeechModel}\",\"input\":\"{AudioBodies.SpeechInput}\",\"voice\":\"alloy\"}}");

    /// <summary>Ours asked for events, as the anchor always streams: <c>stream_format: "sse"</c>, base64 audio in <c>speech.audio.delta</c> events.</summary>
    protected static readonly TextToSpeechOptions AsEvents = new TextToSpeechOptions().WithSpeechStreamFormat(NexLLMSpeechStreamFormat.Sse);

    private static readonly byte[] Expected = AudioBodies.Speech(Scenarios.SpeechBytes);

    protected ITextToSpeechClient OursSpeech { get; private set; } = null!;

    protected ITextToSpeechClient AnchorSpeech { get; private set; } = null!;

    protected Uri SpeechUri => new(Base, "v1/audio/speech");

    protected override string Scenario => Scenarios.SpeechStream;

    /// <summary>What a caller does with each update: hand its audio bytes on (to a player, a file).</summary>
    protected static int AudioLength(TextToSpeechResponseUpdate update)
    {
        IList<AIContent> contents = update.Contents;
        int length = 0;
        for (int i = 0; i < contents.Count; i++)
        {
            if (contents[i] is DataContent audio)
            {
                length += audio.Data.Length;
            }
        }

        return length;
    }

    protected static async Task<long> AudioAsync(ITextToSpeechClient client, TextToSpeechOptions? options = null, Stream? sink = null)
    {
        long total = 0;
        await foreach (TextToSpeechResponseUpdate update in client.GetStreamingAudioAsync(AudioBodies.SpeechInput, options))
        {
            total += AudioLength(update);
            if (sink is not null)
            {
                foreach (DataContent audio in update.Contents.OfType<DataContent>())
                {
                    sink.Write(audio.Data.Span);
                }
            }
        }

        return total;
    }

    protected override async Task CheckAsync()
    {
        OursSpeech = OurSdk.GetTextToSpeechClient(AudioBodies.SpeechModel);
        AnchorSpeech = OpenAISdk.GetAudioClient(AudioBodies.SpeechModel).AsITextToSpeechClient();
        var floor = new MemoryStream();
        await FloorHttp.SpeechAsync(SpeechUri, FloorRequest, floor);
        SameAudio(floor, "Floor");
        foreach ((string name, ITextToSpeechClient client, TextToSpeechOptions? options) in new[] { ("Anchor", AnchorSpeech, null), ("Ours", OursSpeech, null), ("OursSse", OursSpeech, AsEvents) })
        {
            var audio = new MemoryStream();
            await AudioAsync(client, options, audio);
            SameAudio(audio, name);
        }
    }

    private static void SameAudio(MemoryStream audio, string contestant) =>
        Same("bytes of the expected audio", Expected.Length, audio.GetBuffer().AsSpan(0, (int)audio.Length).SequenceEqual(Expected) ? audio.Length : -1, contestant);
}

/// <summary>The whole streamed answer: every update's audio, until the stream ends.</summary>
[MemoryDiagnoser]
public class SpeechStreaming : Speech
{
    [Benchmark(Baseline = true)]
    public Task<long> Anchor() => AudioAsync(AnchorSpeech);

    [Benchmark]
    public Task<long> Ours() => AudioAsync(OursSpeech);

    [Benchmark]
    public Task<long> OursSse() => AudioAsync(OursSpeech, AsEvents);

    [Benchmark]
    public Task<long> Floor() => FloorHttp.SpeechAsync(SpeechUri, FloorRequest);
}

/// <summary>
/// Time to the first audio byte: from the call until a contestant hands out the first bytes of audio. The rest of the
/// answer is read after the measurement (<see cref="ReadRest"/>), so that the connection goes back to the pool as in
/// <see cref="SpeechStreaming"/>; BenchmarkDotNet then runs one call per iteration. A client that reads the whole body
/// before its first update has its first byte when the body has ended.
/// </summary>
[MemoryDiagnoser]
public class SpeechFirstByte : Speech
{
    private IAsyncEnumerator<TextToSpeechResponseUpdate>? _updates;
    private HttpResponseMessage? _floorResponse;
    private Stream? _floorAudio;
    private readonly byte[] _floorBuffer = new byte[16 * 1024];

    [Benchmark(Baseline = true)]
    public Task<int> Anchor() => FirstAudioAsync(AnchorSpeech);

    [Benchmark]
    public Task<int> Ours() => FirstAudioAsync(OursSpeech);

    [Benchmark]
    public Task<int> OursSse() => FirstAudioAsync(OursSpeech, AsEvents);

    [Benchmark]
    public async Task<int> Floor()
    {
        _floorResponse = await FloorHttp.PostAsync(SpeechUri, FloorRequest);
        _floorAudio = await _floorResponse.Content.ReadAsStreamAsync();
        return await _floorAudio.ReadAsync(_floorBuffer);
    }

    [IterationCleanup]
    public void ReadRest() => ReadRestAsync().GetAwaiter().GetResult();

    private async Task<int> FirstAudioAsync(ITextToSpeechClient client, TextToSpeechOptions? options = null)
    {
        _updates = client.GetStreamingAudioAsync(AudioBodies.SpeechInput, options).GetAsyncEnumerator();
        while (await _updates.MoveNextAsync())
        {
            if (AudioLength(_updates.Current) is > 0 and int length)
            {
                return length;
            }
        }

        throw new InvalidOperationException("The stream ended without audio.");
    }

    private async Task ReadRestAsync()
    {
        if (_updates is not null)
        {
            while (await _updates.MoveNextAsync())
            {
            }

            await _updates.DisposeAsync();
            _updates = null;
        }

        if (_floorAudio is not null)
        {
            while (await _floorAudio.ReadAsync(_floorBuffer) > 0)
            {
            }

            _floorResponse!.Dispose();
            _floorAudio = null;
            _floorResponse = null;
        }
    }
}
