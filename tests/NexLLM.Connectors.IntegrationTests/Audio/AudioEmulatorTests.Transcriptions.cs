using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using NexLLM.Connectors.IntegrationTests.TestSupport;

namespace NexLLM.Connectors.IntegrationTests.Audio;

/// <summary>
/// The transcription and translation routes (docs/protocols/audio.md#transcriptions-and-translations): the emulator's
/// own speech read back in every answer format with its timestamps, other audio's deterministic transcript, usage,
/// logprobs, the event stream, and the gateway's and OpenAI's refusals.
/// </summary>
public sealed partial class AudioEmulatorTests
{
    private const string Sentences = "Hello world. This is a test!";

    [Fact]
    public async Task Json_ReadsTheSpeechBack_WithWhispersDurationUsage()
    {
        var (status, type, body) = await TranscribeAsync(await SpeechFileAsync(Sentences, "wav"), "speech.wav", ("model", "whisper-1"));

        Assert.Equal((HttpStatusCode.OK, "application/json"), (status, type));
        Assert.Equal("""{"text":"Hello world. This is a test!","usage":{"type":"duration","seconds":3}}""", body);
    }

    [Fact]
    public async Task VerboseJson_HasWordAndSegmentTimestamps_WhereTheWordsAreSpoken()
    {
        var (_, _, body) = await TranscribeAsync(
            await SpeechFileAsync(Sentences, "wav"),
            "speech.wav",
            ("model", "whisper-1"),
            ("response_format", "verbose_json"),
            ("timestamp_granularities[]", "word"),
            ("timestamp_granularities[]", "segment"));
        var json = JsonDocument.Parse(body).RootElement;

        Assert.Equal(["task", "language", "duration", "text", "words", "segments", "usage"], json.EnumerateObject().Select(p => p.Name));
        Assert.Equal(("transcribe", "english", 2.88, Sentences), (json.GetProperty("task").GetString(), json.GetProperty("language").GetString(), json.GetProperty("duration").GetDouble(), json.GetProperty("text").GetString()));
        Assert.Equal(
            [("Hello", 0.32, 0.56), ("world.", 0.72, 1.0), ("This", 1.4, 1.6), ("is", 1.76, 1.88), ("a", 2.04, 2.12), ("test!", 2.28, 2.48)],
            json.GetProperty("words").EnumerateArray().Select(w => (w.GetProperty("word").GetString(), w.GetProperty("start").GetDouble(), w.GetProperty("end").GetDouble())));
        var segments = json.GetProperty("segments").EnumerateArray().ToList();
        Assert.Equal([(0, 0.32, 1.0, " Hello world."), (1, 1.4, 2.48, " This is a test!")], segments.Select(s => (s.GetProperty("id").GetInt32(), s.GetProperty("start").GetDouble(), s.GetProperty("end").GetDouble(), s.GetProperty("text").GetString())));
        Assert.Equal(
            ["id", "seek", "start", "end", "text", "tokens", "temperature", "avg_logprob", "compression_ratio", "no_speech_prob"],
            segments[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal(4, segments[1].GetProperty("tokens").GetArrayLength());
    }

    [Fact]
    public async Task VerboseJson_WithoutGranularities_HasSegmentsButNoWords_AndTheLanguageAsked()
    {
        var (_, _, body) = await TranscribeAsync(await SpeechFileAsync(Sentences, "wav"), "a.wav", ("model", "whisper-1"), ("response_format", "verbose_json"), ("language", "fr"));
        var json = JsonDocument.Parse(body).RootElement;

        Assert.False(json.TryGetProperty("words", out _));
        Assert.Equal(2, json.GetProperty("segments").GetArrayLength());
        Assert.Equal("french", json.GetProperty("language").GetString());
    }

    [Fact]
    public async Task Text_IsPlainText()
    {
        var (status, type, body) = await TranscribeAsync(await SpeechFileAsync(Sentences, "wav"), "a.wav", ("model", "whisper-1"), ("response_format", "text"));

        Assert.Equal((HttpStatusCode.OK, "text/plain"), (status, type));
        Assert.Equal(Sentences + "\n", body);
    }

    [Fact]
    public async Task Srt_HasOneNumberedCuePerSentence()
    {
        var (_, type, body) = await TranscribeAsync(await SpeechFileAsync(Sentences, "wav"), "a.wav", ("model", "whisper-1"), ("response_format", "srt"));

        Assert.Equal("text/plain", type);
        Assert.Equal("1\n00:00:00,320 --> 00:00:01,000\nHello world.\n\n2\n00:00:01,400 --> 00:00:02,480\nThis is a test!\n\n", body);
    }

    [Fact]
    public async Task Vtt_HasAHeaderAndOneCuePerSentence()
    {
        var (_, _, body) = await TranscribeAsync(await SpeechFileAsync(Sentences, "wav"), "a.wav", ("model", "whisper-1"), ("response_format", "vtt"));

        Assert.Equal("WEBVTT\n\n00:00:00.320 --> 00:00:01.000\nHello world.\n\n00:00:01.400 --> 00:00:02.480\nThis is a test!\n\n", body);
    }

    [Theory]
    [InlineData("wav", "speech.wav")]
    [InlineData("flac", "speech.flac")]
    [InlineData("mp3", "speech.mp3")]
    [InlineData("mp3", "speech.mpga")]
    public async Task EveryDecodableFormat_RoundTrips_UnicodeAndWhitespaceIncluded(string format, string fileName)
    {
        const string Text = "  Grüße,\tworld!\n世界 — ça va? ";
        byte[] file = await SpeechFileAsync(Text, format, speed: 1.5);

        var (status, _, body) = await TranscribeAsync(file, fileName, ("model", "gpt-4o-transcribe"), ("response_format", "text"));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(Text + "\n", body);
    }

    [Fact]
    public async Task Speed_MovesTheWordTimestamps()
    {
        var (_, _, body) = await TranscribeAsync(
            await SpeechFileAsync("Hi there", "mp3", speed: 2), "a.mp3", ("model", "whisper-1"), ("response_format", "verbose_json"), ("timestamp_granularities[]", "word"));
        var json = JsonDocument.Parse(body).RootElement;

        // 240-sample symbols: the first word at 16 symbols (0.16 s), "Hi " is 6 symbols, then 8 of pause.
        Assert.Equal([("Hi", 0.16, 0.22), ("there", 0.3, 0.4)], json.GetProperty("words").EnumerateArray().Select(w => (w.GetProperty("word").GetString(), w.GetProperty("start").GetDouble(), w.GetProperty("end").GetDouble())));
        Assert.Equal(0.48, json.GetProperty("duration").GetDouble());
    }

    [Fact]
    public async Task AudioWithoutTheToneCode_GetsADeterministicSentenceNamingItsLength()
    {
        byte[] silence = WavAudio.Write(new short[36_000]);
        byte[] noise = [.. Enumerable.Range(0, 32_000).Select(i => (byte)(i * 7919 % 251))];

        var (_, _, wav) = await TranscribeAsync(silence, "quiet.wav", ("model", "whisper-1"));
        var (_, _, webm) = await TranscribeAsync(noise, "voice.webm", ("model", "whisper-1"));
        var (_, _, again) = await TranscribeAsync(noise, "voice.webm", ("model", "whisper-1"));

        Assert.Equal("""{"text":"This recording is 1.5 seconds long.","usage":{"type":"duration","seconds":2}}""", wav);
        Assert.Equal("""{"text":"This recording is 2.0 seconds long.","usage":{"type":"duration","seconds":2}}""", webm);
        Assert.Equal(webm, again);
    }

    [Fact]
    public async Task GptTranscribe_CountsTokens_AudioAndPrompt()
    {
        var (_, _, body) = await TranscribeAsync(await SpeechFileAsync(Sentences, "wav"), "a.wav", ("model", "gpt-4o-transcribe"), ("prompt", "Names: NexLLM"));

        // 2.88 s at 10 audio tokens a second: 29; the prompt's 13 characters: 4; the text's 28 characters: 7.
        Assert.Equal(
            """{"text":"Hello world. This is a test!","usage":{"type":"tokens","input_tokens":33,"output_tokens":7,"total_tokens":40,"input_token_details":{"audio_tokens":29,"text_tokens":4}}}""",
            body);
    }

    [Fact]
    public async Task Logprobs_ComeWithTheText_OnGptTranscribeModels()
    {
        var (_, _, body) = await TranscribeAsync(await SpeechFileAsync("Hi there", "wav"), "a.wav", ("model", "gpt-4o-mini-transcribe"), ("include[]", "logprobs"));
        var logprobs = JsonDocument.Parse(body).RootElement.GetProperty("logprobs").EnumerateArray().ToList();

        Assert.Equal(["Hi", " there"], logprobs.Select(l => l.GetProperty("token").GetString()));
        Assert.Equal([32, 116, 104, 101, 114, 101], logprobs[1].GetProperty("bytes").EnumerateArray().Select(b => b.GetInt32()));
        Assert.All(logprobs, l => Assert.InRange(l.GetProperty("logprob").GetDouble(), -1, 0));
    }

    [Fact]
    public async Task Stream_OnGptTranscribe_IsAnEventStream_WhoseDeltasMakeTheText()
    {
        var (status, type, body) = await TranscribeAsync(await SpeechFileAsync(Sentences, "wav"), "a.wav", ("model", "gpt-4o-transcribe"), ("stream", "true"));
        var events = body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Select(e => JsonDocument.Parse(e["data: ".Length..]).RootElement).ToList();

        Assert.Equal((HttpStatusCode.OK, "text/event-stream"), (status, type));
        Assert.Equal(6, events.Count(e => e.GetProperty("type").GetString() == "transcript.text.delta"));
        Assert.Equal(Sentences, string.Concat(events[..^1].Select(e => e.GetProperty("delta").GetString())));
        Assert.Equal("transcript.text.done", events[^1].GetProperty("type").GetString());
        Assert.Equal(Sentences, events[^1].GetProperty("text").GetString());
        Assert.Equal(36, events[^1].GetProperty("usage").GetProperty("total_tokens").GetInt32());
    }

    [Fact]
    public async Task Stream_OnWhisper_IsIgnored()
    {
        var (_, type, body) = await TranscribeAsync(await SpeechFileAsync("Hi", "wav"), "a.wav", ("model", "whisper-1"), ("stream", "true"));

        Assert.Equal(("application/json", """{"text":"Hi","usage":{"type":"duration","seconds":1}}"""), (type, body));
    }

    [Fact]
    public async Task Translations_AnswerTheTextAsIs_InEnglishShapes()
    {
        byte[] file = await SpeechFileAsync(Sentences, "flac");
        var (status, _, json) = await TranscribeAsync(file, "a.flac", "translations", ("model", "whisper-1"));
        var (_, _, verbose) = await TranscribeAsync(file, "a.flac", "translations", ("model", "whisper-1"), ("response_format", "verbose_json"));
        var root = JsonDocument.Parse(verbose).RootElement;

        Assert.Equal((HttpStatusCode.OK, """{"text":"Hello world. This is a test!"}"""), (status, json));
        Assert.Equal(["task", "language", "duration", "text", "segments"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(("translate", "english"), (root.GetProperty("task").GetString(), root.GetProperty("language").GetString()));
    }

    [Fact]
    public async Task TheRecording_ShowsTheFormParts()
    {
        await TranscribeAsync(await SpeechFileAsync("Hi", "wav"), "hello.wav", ("model", "whisper-1"), ("response_format", "text"));

        var parts = Assert.Single(RequestsTo("/v1/audio/transcriptions")).ParseMultipart();
        Assert.Equal(["model", "response_format", "file"], parts.Select(p => p.Name));
        Assert.Equal("hello.wav", parts[2].FileName);
        Assert.Equal("RIFF"u8.ToArray(), parts[2].Content[..4]);
    }

    private async Task<byte[]> SpeechFileAsync(string text, string format, double speed = 1)
    {
        var (status, _, body) = await SpeechAsync(JsonSerializer.Serialize(new { model = "gpt-4o-mini-tts", input = text, voice = "alloy", response_format = format, speed }));
        Assert.Equal(HttpStatusCode.OK, status);
        return body;
    }

    private Task<(HttpStatusCode Status, string? ContentType, string Body)> TranscribeAsync(byte[] file, string fileName, params (string Name, string Value)[] fields) =>
        TranscribeAsync(file, fileName, "transcriptions", fields);

    private async Task<(HttpStatusCode Status, string? ContentType, string Body)> TranscribeAsync(
        byte[]? file, string? fileName, string route, params (string Name, string Value)[] fields)
    {
        using var form = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }

        if (file is not null)
        {
            var part = new ByteArrayContent(file);
            if (fileName is null)
            {
                form.Add(part, "file");
            }
            else
            {
                form.Add(part, "file", fileName);
            }
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Emulator.Endpoint + "/audio/" + route)) { Content = form };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Emulator.ApiKey);
        using var response = await Http.SendAsync(request, TestCancellation);
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync(TestCancellation)));
    }
}
