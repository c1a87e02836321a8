using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using NexLLM.Connectors.IntegrationTests.TestSupport;

namespace NexLLM.Connectors.IntegrationTests.Audio;

/// <summary>
/// The emulator's speech route on the wire, with a plain HttpClient (docs/protocols/audio.md#speech): every format's
/// bytes, the tone code in the samples, speed, determinism, SSE, new-api's and OpenAI's refusals, faults. The
/// transcription routes are in the other part of the class.
/// </summary>
public sealed partial class AudioEmulatorTests : EmulatorTest
{
    /// <summary>"Hi" at speed 1: 16 symbols of intro (pilot, checksum, pauses), 4 symbols of text, 8 of pause; 480 samples each.</summary>
    private const int HiSamples = 13_440;

    [Fact]
    public async Task Wav_HasTheCanonicalHeader_At24kHz16BitMono()
    {
        var (status, type, body) = await SpeechAsync("""{"model":"gpt-4o-mini-tts","input":"Hi","voice":"alloy","response_format":"wav"}""");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("audio/wav", type);
        var wav = WavAudio.Read(body);
        Assert.Equal(("RIFF", body.Length - 8, "WAVE", "fmt ", 16), (wav.Riff, wav.RiffSize, wav.Wave, wav.FmtId, wav.FmtSize));
        Assert.Equal((1, 1, 24_000, 48_000, 2, 16), (wav.Format, wav.Channels, wav.SampleRate, wav.ByteRate, wav.BlockAlign, wav.BitsPerSample));
        Assert.Equal(("data", HiSamples * 2), (wav.DataId, wav.DataSize));
        Assert.Equal(44 + (HiSamples * 2), body.Length);
    }

    [Fact]
    public async Task Wav_Samples_CarryTheText_AsTones()
    {
        var (_, _, body) = await SpeechAsync("""{"model":"tts-1","input":"Hi","voice":"echo","response_format":"wav"}""");
        short[] samples = WavAudio.Read(body).Samples;
        int[] tones = [500, .. Enumerable.Range(0, 16).Select(s => 1_000 + (200 * s))];

        // The pilot (500 Hz, two symbols), then silence, then "H" = 0x48 and "i" = 0x69 as nibbles 4, 8, 6, 9 from 16 symbols in.
        Assert.Equal(500, WavAudio.DominantFrequency(samples, 0, 960, tones));
        Assert.All(samples[960..1920], s => Assert.Equal(0, s));
        Assert.Equal(
            [1_800, 2_600, 2_200, 2_800],
            Enumerable.Range(0, 4).Select(i => WavAudio.DominantFrequency(samples, 7_680 + (480 * i), 480, tones)));
        Assert.All(samples[9_600..], s => Assert.Equal(0, s));
        Assert.InRange(samples.Max(s => Math.Abs((int)s)), 9_000, 10_000);
    }

    [Fact]
    public async Task Pcm_IsTheWavSamples_WithoutAHeader()
    {
        var (_, _, wav) = await SpeechAsync("""{"model":"tts-1","input":"Hi","voice":"echo","response_format":"wav"}""");
        var (status, type, pcm) = await SpeechAsync("""{"model":"tts-1","input":"Hi","voice":"echo","response_format":"pcm"}""");

        Assert.Equal((HttpStatusCode.OK, "audio/pcm"), (status, type));
        Assert.Equal(HiSamples * 2, pcm.Length);
        Assert.Equal(wav[44..], pcm);
    }

    [Theory]
    [InlineData("1", 26_880)]
    [InlineData("2", 13_440)]
    [InlineData("0.5", 53_760)]
    [InlineData("0.25", 107_520)]
    [InlineData("4", 6_720)]
    public async Task Speed_ScalesTheAudiosLength(string speed, int pcmBytes)
    {
        var (_, _, pcm) = await SpeechAsync($$"""{"model":"tts-1","input":"Hi","voice":"echo","response_format":"pcm","speed":{{speed}}}""");

        Assert.Equal(pcmBytes, pcm.Length);
    }

    [Fact]
    public async Task Audio_IsDeterministic_PerInput()
    {
        const string Request = """{"model":"tts-1","input":"A red kite.","voice":"fable","response_format":"wav"}""";
        var (_, _, first) = await SpeechAsync(Request);
        var (_, _, again) = await SpeechAsync(Request.Replace("fable", "onyx", StringComparison.Ordinal));
        var (_, _, other) = await SpeechAsync(Request.Replace("red", "blue", StringComparison.Ordinal));

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public async Task Mp3_IsTheDefault_AnId3TagCarryingTheText_ThenMpeg1Layer3Frames()
    {
        var (status, type, mp3) = await SpeechAsync("""{"model":"tts-1","input":"Hi","voice":"nova"}""");

        Assert.Equal((HttpStatusCode.OK, "audio/mpeg"), (status, type));
        Assert.Equal("ID3"u8.ToArray().Append((byte)4), mp3[..4]);
        int tagLength = 10 + ((mp3[6] << 21) | (mp3[7] << 14) | (mp3[8] << 7) | mp3[9]);
        Assert.Contains("USLT", Encoding.Latin1.GetString(mp3, 0, tagLength), StringComparison.Ordinal);
        Assert.EndsWith("nexllm\0Hi", Encoding.UTF8.GetString(mp3, 0, tagLength), StringComparison.Ordinal);

        // 13,440 samples at 24 kHz = 0.56 s = 24 frames of 24 ms (1,152 samples at 48 kHz), 96 bytes each at 32 kbit/s.
        byte[] frames = mp3[tagLength..];
        Assert.Equal(24 * 96, frames.Length);
        Assert.All(frames.Chunk(96), frame => Assert.Equal([0xFF, 0xFB, 0x14, 0xC0], frame[..4]));
    }

    [Fact]
    public async Task Flac_HasItsSignature_StreamInfo_AndVerbatimFrames_WithValidChecks()
    {
        var (status, type, flac) = await SpeechAsync("""{"model":"tts-1","input":"Hi","voice":"nova","response_format":"flac"}""");
        var (_, _, pcm) = await SpeechAsync("""{"model":"tts-1","input":"Hi","voice":"nova","response_format":"pcm"}""");

        Assert.Equal((HttpStatusCode.OK, "audio/flac"), (status, type));
        Assert.Equal("fLaC"u8.ToArray(), flac[..4]);
        Assert.Equal([0x80, 0, 0, 34], flac[4..8]); // the last metadata block, STREAMINFO, 34 bytes
        var info = flac.AsSpan(8, 34);
        Assert.Equal(24_000, (info[10] << 12) | (info[11] << 4) | (info[12] >> 4));
        Assert.Equal((1, 16), (((info[12] >> 1) & 7) + 1, (((info[12] & 1) << 4) | (info[13] >> 4)) + 1));
        Assert.Equal((uint)HiSamples, BinaryPrimitives.ReadUInt32BigEndian(info[14..]));

        // Frame 0: 4,096 samples (code 1100), 24 kHz (0111), mono 16-bit, number 0, CRC-8; one VERBATIM subframe; CRC-16.
        int frame = 42;
        Assert.Equal([0xFF, 0xF8, 0xC7, 0x08, 0x00], flac[frame..(frame + 5)]);
        Assert.Equal(FlacCheck.Crc8(flac.AsSpan(frame, 5)), flac[frame + 5]);
        Assert.Equal(0x02, flac[frame + 6]);
        int end = frame + 7 + (4096 * 2);
        Assert.Equal(FlacCheck.Crc16(flac.AsSpan(frame, end - frame)), BinaryPrimitives.ReadUInt16BigEndian(flac.AsSpan(end)));
        Assert.Equal(WavAudio.Pcm(pcm)[..4096], Enumerable.Range(0, 4096).Select(i => BinaryPrimitives.ReadInt16BigEndian(flac.AsSpan(frame + 7 + (2 * i)))));
    }

    [Fact]
    public async Task SseStream_DataOnlyDeltas_ThenDoneWithUsage_AndTheDeltasAreTheFile()
    {
        var (_, _, pcm) = await SpeechAsync("""{"model":"gpt-4o-mini-tts","input":"Hi","voice":"ash","response_format":"pcm"}""");
        var (status, type, body) = await SpeechAsync("""{"model":"gpt-4o-mini-tts","input":"Hi","voice":"ash","response_format":"pcm","stream_format":"sse"}""");

        Assert.Equal((HttpStatusCode.OK, "text/event-stream"), (status, type));
        string text = Encoding.UTF8.GetString(body);
        Assert.DoesNotContain("event:", text, StringComparison.Ordinal);
        var events = text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Select(e => JsonDocument.Parse(e["data: ".Length..]).RootElement).ToList();
        Assert.Equal(4, events.Count - 1); // 26,880 bytes in four pieces
        Assert.All(events[..^1], e => Assert.Equal("speech.audio.delta", e.GetProperty("type").GetString()));
        Assert.Equal(pcm, events[..^1].SelectMany(e => Convert.FromBase64String(e.GetProperty("audio").GetString()!)));

        // "Hi": 1 token in; 0.56 s at 20 tokens a second, rounded up: 12 out.
        Assert.Equal("""{"type":"speech.audio.done","usage":{"input_tokens":1,"output_tokens":12,"total_tokens":13}}""", events[^1].GetRawText());
    }

    [Fact]
    public async Task Instructions_AreTaken_ByGpt4oMiniTts()
    {
        var (status, _, _) = await SpeechAsync("""{"model":"gpt-4o-mini-tts","input":"Hi","voice":"marin","instructions":"Speak calmly."}""");

        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Theory]
    [InlineData("""{"model":"tts-1","input":"","voice":"alloy"}""", "Invalid 'input': empty string.", "input", "empty_string")]
    [InlineData("""{"model":"tts-1","voice":"alloy"}""", "Invalid 'input': empty string.", "input", "empty_string")]
    [InlineData("""{"model":"tts-1","input":"Hi","voice":"robot"}""", "Invalid value: 'robot'. Supported values are: 'alloy', 'ash', 'ballad', 'coral', 'echo', 'fable', 'onyx', 'nova', 'sage', 'shimmer', 'verse', 'marin', and 'cedar'.", "voice", "invalid_value")]
    [InlineData("""{"model":"tts-1","input":"Hi"}""", "Invalid value: ''.", "voice", "invalid_value")]
    [InlineData("""{"model":"tts-1","input":"Hi","voice":"alloy","instructions":"calm"}""", "Unsupported parameter: 'instructions'", "instructions", "unsupported_parameter")]
    [InlineData("""{"model":"tts-1-hd","input":"Hi","voice":"alloy","instructions":"calm"}""", "Unsupported parameter: 'instructions'", "instructions", "unsupported_parameter")]
    [InlineData("""{"model":"tts-1","input":"Hi","voice":"alloy","speed":0.2}""", "Invalid 'speed': decimal below minimum value. Expected a value >= 0.25, but got 0.2 instead.", "speed", "decimal_below_min_value")]
    [InlineData("""{"model":"tts-1","input":"Hi","voice":"alloy","speed":4.5}""", "Invalid 'speed': decimal above maximum value. Expected a value <= 4, but got 4.5 instead.", "speed", "decimal_above_max_value")]
    [InlineData("""{"model":"tts-1","input":"Hi","voice":"alloy","response_format":"ogg"}""", "Invalid value: 'ogg'.", "response_format", "invalid_value")]
    [InlineData("""{"model":"tts-1","input":"Hi","voice":"alloy","response_format":"opus"}""", "The NexLLM emulator cannot encode opus", "response_format", "unsupported_response_format")]
    [InlineData("""{"model":"gpt-4o-mini-tts","input":"Hi","voice":"alloy","response_format":"aac"}""", "The NexLLM emulator cannot encode aac", "response_format", "unsupported_response_format")]
    [InlineData("""{"model":"tts-1","input":"Hi","voice":"alloy","stream_format":"sse"}""", "Unsupported value: 'stream_format' does not support 'sse' with this model.", "stream_format", "unsupported_value")]
    [InlineData("""{"model":"gpt-4o-mini-tts","input":"Hi","voice":"alloy","stream_format":"chunks"}""", "Invalid value: 'chunks'. Supported values are: 'sse', and 'audio'.", "stream_format", "invalid_value")]
    public async Task OpenAIsRefusals_Are400s_RelayedByTheGateway(string request, string messageStart, string param, string code)
    {
        var (status, body) = await SpeechErrorAsync(request);

        GatewayAssert.OpenAIRefusal(status, body, messageStart, param, code);
    }

    [Fact]
    public async Task AnInputAbove4096Characters_IsRefused_CountingCharactersNotBytes()
    {
        var (okStatus, _, _) = await SpeechAsync(JsonSerializer.Serialize(new { model = "tts-1", input = new string('é', 4096), voice = "alloy", response_format = "pcm" }));
        var (status, body) = await SpeechErrorAsync(JsonSerializer.Serialize(new { model = "tts-1", input = new string('a', 4097), voice = "alloy" }));

        Assert.Equal(HttpStatusCode.OK, okStatus);
        GatewayAssert.OpenAIRefusal(status, body, "Invalid 'input': string too long. Expected a string with maximum length 4096, but got a string with length 4097 instead.", "input", "string_above_max_length");
    }

    [Theory]
    [InlineData("""{"model":"tts-1","input":"Hi","voice":{"id":"voice_1234"}}""", "json: cannot unmarshal object into Go struct field AudioRequest.voice of type string")]
    [InlineData("""{"model":"tts-1","input":"Hi","voice":"alloy","speed":"fast"}""", "json: cannot unmarshal string into Go struct field AudioRequest.speed of type float64")]
    [InlineData("""{"input":"Hi","voice":"alloy"}""", "model is required")]
    [InlineData("""[1]""", "json: cannot unmarshal array into Go value of type dto.AudioRequest")]
    public async Task NewApisOwnChecks_Are500InvalidRequest(string request, string message)
    {
        var (status, body) = await SpeechErrorAsync(request);

        GatewayAssert.InvalidRequest(status, body, message);
    }

    [Fact]
    public async Task FaultHeader_TruncatesTheAudio_AfterOneChunk()
    {
        using var request = SpeechRequest("""{"model":"tts-1","input":"Hi","voice":"echo","response_format":"pcm"}""");
        request.Headers.Add("X-NexLLM-Emulator-Fault", "truncate=after:1");
        using var response = await Http.SendAsync(request, TestCancellation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(26_880 / 4, (await response.Content.ReadAsByteArrayAsync(TestCancellation)).Length);
    }

    private HttpClient Http => _http ??= new HttpClient();

    private HttpClient? _http;

    public override async ValueTask DisposeAsync()
    {
        _http?.Dispose();
        await base.DisposeAsync();
    }

    private HttpRequestMessage SpeechRequest(string json)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Emulator.Endpoint + "/audio/speech"))
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Emulator.ApiKey);
        return request;
    }

    private async Task<(HttpStatusCode Status, string? ContentType, byte[] Body)> SpeechAsync(string json)
    {
        using var request = SpeechRequest(json);
        using var response = await Http.SendAsync(request, TestCancellation);
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsByteArrayAsync(TestCancellation));
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> SpeechErrorAsync(string json)
    {
        var (status, _, body) = await SpeechAsync(json);
        return (status, JsonDocument.Parse(body).RootElement.Clone());
    }
}
