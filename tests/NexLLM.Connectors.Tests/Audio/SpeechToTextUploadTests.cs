using System.Net;
using Microsoft.Extensions.AI;
using NexLLM.Connectors.Tests.TestSupport;
using static NexLLM.Connectors.Tests.Audio.SpeechToTextTestData;
using static NexLLM.Connectors.Tests.TestSupport.MultipartBody;

namespace NexLLM.Connectors.Tests.Audio;

/// <summary>
/// The audio upload (docs/protocols/audio.md#how-this-connector-uses-it): its file name and media type (from the options,
/// the media type, a FileStream's name, else its first bytes), the bytes sent from the stream's position, its framing
/// (Content-Length or chunked), and the streams refused before anything is sent.
/// </summary>
public sealed class SpeechToTextUploadTests
{
    public static TheoryData<string, bool, string, string> SniffedFormats => new()
    {
        { "wav", true, "audio.wav", "audio/wav" },
        { "wav", false, "audio.wav", "audio/wav" },
        { "mp3-id3", true, "audio.mp3", "audio/mpeg" },
        { "mp3-id3", false, "audio.mp3", "audio/mpeg" },
        { "mp3-frame", true, "audio.mp3", "audio/mpeg" },
        { "mp3-frame", false, "audio.mp3", "audio/mpeg" },
        { "flac", true, "audio.flac", "audio/flac" },
        { "flac", false, "audio.flac", "audio/flac" },
        { "ogg", true, "audio.ogg", "audio/ogg" },
        { "ogg", false, "audio.ogg", "audio/ogg" },
        { "webm", true, "audio.webm", "audio/webm" },
        { "webm", false, "audio.webm", "audio/webm" },
        { "m4a", true, "audio.m4a", "audio/mp4" },
        { "m4a", false, "audio.m4a", "audio/mp4" },
    };

    [Theory]
    [MemberData(nameof(SniffedFormats))]
    public async Task Without_a_name_the_first_bytes_name_the_file_and_every_byte_is_sent_once(string sample, bool seekable, string fileName, string mediaType)
    {
        byte[] audio = Sample(sample);
        Stream stream = seekable ? new MemoryStream(audio) : NonSeekable(audio, maxReadSize: 5);

        (RecordedRequest sent, _) = await TranscribeAsync(Reply.Json(JsonAnswer), stream);

        AssertForm(sent, Field("model", "whisper-1"), FilePart("file", fileName, mediaType, audio));
    }

    [Theory]
    [InlineData("talk.mp3", null, "talk.mp3", "audio/mpeg")]
    [InlineData("Talk.FLAC", null, "Talk.FLAC", "audio/flac")]
    [InlineData("talk.mp3", "audio/x-custom", "talk.mp3", "audio/x-custom")]
    [InlineData(null, "audio/wav", "audio.wav", "audio/wav")]
    [InlineData(null, "audio/x-wav", "audio.wav", "audio/x-wav")]
    [InlineData(null, "audio/mpeg", "audio.mp3", "audio/mpeg")]
    [InlineData(null, "audio/mp3", "audio.mp3", "audio/mp3")]
    [InlineData(null, "audio/webm; codecs=opus", "audio.webm", "audio/webm; codecs=opus")]
    [InlineData(null, "audio/x-m4a", "audio.m4a", "audio/x-m4a")]
    [InlineData(null, "audio/opus", "audio.ogg", "audio/opus")]
    [InlineData(null, "audio/aiff", "audio.wav", "audio/aiff")]
    [InlineData("a\"b\r\n.wav", null, "a%22b%0D%0A.wav", "audio/wav")]
    public async Task The_options_name_the_file_before_its_bytes_do(string? name, string? mediaType, string fileName, string partType)
    {
        var options = new SpeechToTextOptions();
        if (name is not null)
        {
            options.WithAudioFileName(name);
        }

        if (mediaType is not null)
        {
            options.WithAudioMediaType(mediaType);
        }

        (RecordedRequest sent, _) = await TranscribeAsync(Reply.Json(JsonAnswer), NonSeekable(Wav), options);

        AssertForm(sent, Field("model", "whisper-1"), FilePart("file", fileName, partType, Wav));
    }

    [Theory]
    [InlineData("lecture.flac", "lecture.flac", "audio/flac")]
    [InlineData("lecture.raw", "audio.wav", "audio/wav")]
    public async Task A_file_stream_is_named_by_its_path_when_its_extension_is_audio(string fileName, string sentName, string mediaType)
    {
        string directory = Directory.CreateTempSubdirectory("nexllm-stt-").FullName;
        try
        {
            string path = Path.Combine(directory, fileName);
            await System.IO.File.WriteAllBytesAsync(path, Wav, Harness.Ct);
            await using var file = new FileStream(path, FileMode.Open, FileAccess.Read);

            (RecordedRequest sent, _) = await TranscribeAsync(Reply.Json(JsonAnswer), file);

            AssertForm(sent, Field("model", "whisper-1"), FilePart("file", sentName, mediaType, Wav));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task A_stream_positioned_mid_way_is_sent_from_its_position()
    {
        byte[] bytes = [.. "JUNK!"u8, .. Wav];
        var stream = new MemoryStream(bytes) { Position = 5 };

        (RecordedRequest sent, _) = await TranscribeAsync(Reply.Json(JsonAnswer), stream);

        AssertForm(sent, Field("model", "whisper-1"), FilePart("file", "audio.wav", "audio/wav", Wav));
        Assert.Equal(sent.Body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), sent.Header("Content-Length"));
    }

    [Fact]
    public async Task A_seekable_stream_goes_with_its_content_length_and_a_forward_only_one_chunked()
    {
        var seekable = await FramingAsync(new MemoryStream(Wav));
        var forwardOnly = await FramingAsync(NonSeekable(Wav));

        Assert.Equal(seekable.BodyLength, seekable.ContentLength);
        Assert.NotEqual(true, seekable.Chunked);
        Assert.Null(forwardOnly.ContentLength);
        Assert.Equal(seekable.BodyLength, forwardOnly.BodyLength);
    }

    [Theory]
    [InlineData("text")]
    [InlineData("aac-adts")]
    public async Task Bytes_that_are_no_known_audio_are_refused_before_sending(string kind)
    {
        using var harness = new Harness();

        // AAC's ADTS frames start with a sync word like MPEG audio's (FF F1), but their layer bits are 00: not mp3.
        byte[] bytes = kind == "text" ? Unknown : [0xFF, 0xF1, 0x50, 0x80, 0x02, 0x1F, 0xFC, 0x21, 0x00, 0x00, 0x00, 0x00];
        var error = await Assert.ThrowsAsync<ArgumentException>(() => harness.SpeechToText().GetTextAsync(new MemoryStream(bytes), null, Harness.Ct));

        Assert.Contains("WithAudioFileName", error.Message, StringComparison.Ordinal);
        Assert.Empty(harness.Handler.Requests);
    }

    [Fact]
    public async Task A_null_stream_is_refused()
    {
        using var harness = new Harness();

        var error = await Assert.ThrowsAsync<ArgumentNullException>(() => harness.SpeechToText().GetTextAsync(null!, null, Harness.Ct));
        var streamed = await Assert.ThrowsAsync<ArgumentNullException>(() => StreamAsync(harness, null!));

        Assert.Equal("audioSpeechStream", error.ParamName);
        Assert.Equal("audioSpeechStream", streamed.ParamName);
        Assert.Empty(harness.Handler.Requests);
    }

    public static TheoryData<string> UnusableStreams => ["empty", "empty forward-only", "empty forward-only named", "at its end", "disposed", "write-only"];

    [Theory]
    [MemberData(nameof(UnusableStreams))]
    public async Task A_stream_with_nothing_to_read_is_refused_before_sending(string kind)
    {
        using var harness = new Harness();
        var options = new SpeechToTextOptions();
        Stream stream = kind switch
        {
            "empty" => new MemoryStream(),
            "empty forward-only" => NonSeekable([]),
            "empty forward-only named" => NonSeekable([]),
            "at its end" => new MemoryStream(Wav) { Position = Wav.Length },
            "disposed" => Disposed(),
            _ => new WriteOnly(),
        };
        if (kind.EndsWith("named", StringComparison.Ordinal))
        {
            options.WithAudioFileName("speech.wav");
        }

        var error = await Assert.ThrowsAsync<ArgumentException>(() => harness.SpeechToText().GetTextAsync(stream, options, Harness.Ct));
        var streamed = await Assert.ThrowsAsync<ArgumentException>(() => StreamAsync(harness, stream, options));

        Assert.Equal("audioSpeechStream", error.ParamName);
        Assert.Equal("audioSpeechStream", streamed.ParamName);
        Assert.Empty(harness.Handler.Requests);

        static MemoryStream Disposed()
        {
            var stream = new MemoryStream(Wav);
            stream.Dispose();
            return stream;
        }
    }

    private static byte[] Sample(string name) => name switch
    {
        "wav" => Wav,
        "mp3-id3" => Mp3Id3,
        "mp3-frame" => Mp3Frame,
        "flac" => Flac,
        "ogg" => Ogg,
        "webm" => Webm,
        _ => M4a,
    };

    /// <summary>Sends once and records the framing the socket handler would use: the content's length before it is read.</summary>
    private static async Task<(long? ContentLength, bool? Chunked, long BodyLength)> FramingAsync(Stream audio)
    {
        var server = new FramingHandler();
        using var http = new HttpClient(server) { Timeout = Timeout.InfiniteTimeSpan };
        using var client = new NexLLMClient(new NexLLMClientOptions { ApiKey = Harness.ApiKey, Endpoint = Harness.Endpoint }, http);
        SpeechToTextResponse response = await client.GetSpeechToTextClient(Whisper).GetTextAsync(audio, null, Harness.Ct);
        Assert.Equal("Hello world.", response.Text);
        return (server.ContentLength, server.Chunked, server.BodyLength);
    }

    private sealed class FramingHandler : HttpMessageHandler
    {
        public long? ContentLength { get; private set; }

        public bool? Chunked { get; private set; }

        public long BodyLength { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            // Read before the body is: once buffered, a content reports the buffer's length.
            ContentLength = request.Content!.Headers.ContentLength;
            Chunked = request.Headers.TransferEncodingChunked;
            BodyLength = (await request.Content.ReadAsByteArrayAsync(cancellationToken)).Length;
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(JsonAnswer, System.Text.Encoding.UTF8, "application/json"), RequestMessage = request };
        }
    }

    private sealed class WriteOnly : MemoryStream
    {
        public override bool CanRead => false;
    }
}
