using System.Text.Json;
using Microsoft.Extensions.AI;
using NexLLM.Connectors.Tests.TestSupport;
using static NexLLM.Connectors.Tests.Audio.SpeechToTextTestData;

namespace NexLLM.Connectors.Tests.Audio;

/// <summary>
/// Every <c>response_format</c>'s answer read into a <see cref="SpeechToTextResponse"/> (docs/protocols/audio.md#transcriptions-and-translations):
/// json and verbose_json parsed, text, srt and vtt returned as the text (subtitles also as timed segments).
/// </summary>
public sealed class SpeechToTextResponseTests
{
    private const string RequestId = "req-stt-1";

    [Fact]
    public async Task Json_with_token_usage()
    {
        SpeechToTextResponse response = await ReadAsync(
            Reply.Json("""{"text":"Hello world.","usage":{"type":"tokens","input_tokens":14,"output_tokens":45,"total_tokens":59,"input_token_details":{"text_tokens":4,"audio_tokens":10}}}"""));

        Assert.Equal("Hello world.", response.Text);
        Assert.Equal("Hello world.", Assert.IsType<TextContent>(Assert.Single(response.Contents)).Text);
        Assert.Equal("whisper-1", response.ModelId);
        Assert.Equal(RequestId, response.AdditionalProperties?["nexllm.request_id"]);
        Assert.Null(response.StartTime);
        Assert.Null(response.EndTime);
        UsageDetails usage = response.Usage!;
        Assert.Equal(14, usage.InputTokenCount);
        Assert.Equal(45, usage.OutputTokenCount);
        Assert.Equal(59, usage.TotalTokenCount);
        Assert.Equal(10, usage.InputAudioTokenCount);
        Assert.Equal(4, usage.InputTextTokenCount);
        Assert.Equal(new Dictionary<string, long> { [NexLLMUsageCounts.AudioInputTokens] = 10 }, usage.AdditionalCounts);
    }

    [Theory]
    [InlineData("3.25", 3250)]
    [InlineData("0.0004", 0)]
    [InlineData("0.0005", 1)]
    [InlineData("\"61\"", 61000)]
    public async Task Json_with_duration_usage_counts_milliseconds(string seconds, long milliseconds)
    {
        SpeechToTextResponse response = await ReadAsync(Reply.Json($$$"""{"text":"Hi.","usage":{"type":"duration","seconds":{{{seconds}}}}}"""));

        UsageDetails usage = response.Usage!;
        Assert.Null(usage.InputTokenCount);
        Assert.Null(usage.OutputTokenCount);
        Assert.Null(usage.TotalTokenCount);
        Assert.Equal(new Dictionary<string, long> { [NexLLMUsageCounts.AudioDurationMilliseconds] = milliseconds }, usage.AdditionalCounts);
    }

    [Fact]
    public async Task Json_without_usage_has_none_and_logprobs_are_kept_as_the_server_wrote_them()
    {
        SpeechToTextResponse response = await ReadAsync(Reply.Json("""{"text":"Hi.","logprobs":[{"token":"Hi","logprob":-0.25,"bytes":[72,105]}]}"""));

        Assert.Null(response.Usage);
        var logprobs = Assert.IsType<JsonElement>(response.AdditionalProperties?["nexllm.logprobs"]);
        Assert.Equal("""[{"token":"Hi","logprob":-0.25,"bytes":[72,105]}]""", logprobs.GetRawText());
    }

    [Fact]
    public async Task Verbose_json_has_the_language_duration_timed_segments_and_words()
    {
        const string Body = """
            {"task":"transcribe","language":"english","duration":2.5,"text":"Hello there. Bye.",
             "segments":[{"id":0,"seek":0,"start":0.0,"end":1.25,"text":" Hello there.","tokens":[50364,2425],"temperature":0.0,"avg_logprob":-0.2,"compression_ratio":0.9,"no_speech_prob":0.01},
                         {"id":1,"seek":0,"start":1.5,"end":2.25,"text":" Bye.","tokens":[3],"temperature":0.0,"avg_logprob":-0.3,"compression_ratio":0.8,"no_speech_prob":0.02}],
             "words":[{"word":"Hello","start":0.0,"end":0.5},{"word":"there","start":0.5,"end":1.25},{"word":"Bye","start":1.5,"end":2.25}],
             "usage":{"type":"duration","seconds":3}}
            """;

        SpeechToTextResponse response = await ReadAsync(Reply.Json(Body), new SpeechToTextOptions().WithTranscriptionFormat(NexLLMTranscriptionFormat.VerboseJson));

        Assert.Equal("Hello there. Bye.", response.Text);
        Assert.Equal("english", response.AdditionalProperties?["nexllm.language"]);
        Assert.Equal(TimeSpan.Zero, response.StartTime);
        Assert.Equal(TimeSpan.FromMilliseconds(2500), response.EndTime);
        Assert.Equal(
            [
                "text Hello there. Bye.",
                "segment 0 [00:00:00 - 00:00:01.2500000]  Hello there.",
                "segment 1 [00:00:01.5000000 - 00:00:02.2500000]  Bye.",
                "word [00:00:00 - 00:00:00.5000000] Hello",
                "word [00:00:00.5000000 - 00:00:01.2500000] there",
                "word [00:00:01.5000000 - 00:00:02.2500000] Bye",
            ],
            response.Contents.Select(Describe));
        Assert.Equal(new Dictionary<string, long> { [NexLLMUsageCounts.AudioDurationMilliseconds] = 3000 }, response.Usage!.AdditionalCounts);
    }

    [Fact]
    public async Task Verbose_json_without_a_duration_ends_at_its_last_word()
    {
        SpeechToTextResponse response = await ReadAsync(Reply.Json("""{"text":"Hi.","words":[{"word":"Hi","start":0.75,"end":1.0}]}"""));

        Assert.Equal(TimeSpan.FromMilliseconds(750), response.StartTime);
        Assert.Equal(TimeSpan.FromSeconds(1), response.EndTime);
    }

    [Theory]
    [InlineData("text/plain; charset=utf-8")]
    [InlineData("text/plain")]
    [InlineData(null)]
    public async Task Text_is_the_body_without_its_final_line_break(string? contentType)
    {
        SpeechToTextResponse response = await ReadAsync(Reply.Status(200, "Hello world.\r\n", contentType), Format(NexLLMTranscriptionFormat.Text));

        Assert.Equal("Hello world.", Assert.IsType<TextContent>(Assert.Single(response.Contents)).Text);
        Assert.Equal(RequestId, response.AdditionalProperties?["nexllm.request_id"]);
        Assert.Null(response.Usage);
    }

    [Fact]
    public async Task Srt_is_the_text_and_its_cues_are_timed_segments()
    {
        const string Srt = "1\n00:00:00,000 --> 00:00:01,500\nHello there.\n\n2\n00:00:01,500 --> 00:01:02,250\nTwo lines,\none cue.\n\n";

        SpeechToTextResponse response = await ReadAsync(Reply.Status(200, Srt, "text/plain; charset=utf-8"), Format(NexLLMTranscriptionFormat.Srt));

        Assert.Equal(
            [
                "text " + Srt,
                "segment 1 [00:00:00 - 00:00:01.5000000] Hello there.",
                "segment 2 [00:00:01.5000000 - 00:01:02.2500000] Two lines,\none cue.",
            ],
            response.Contents.Select(Describe));
        Assert.Equal(TimeSpan.Zero, response.StartTime);
        Assert.Equal(TimeSpan.FromMilliseconds(62250), response.EndTime);
    }

    [Theory]
    [InlineData("00:00:00,000 --> 00:00:79228162514264337593543950335")]
    [InlineData("00:00:00,000 --> 99999999999999999:00:00,000")]
    [InlineData("00:00:00,000 --> 00:99999999999999999999:00,000")]
    public async Task A_cue_whose_time_no_audio_has_is_not_a_cue_and_not_an_exception(string timing)
    {
        string srt = $"1\n{timing}\nToo long.\n\n2\n00:00:01,000 --> 00:00:02,000\nFine.\n";

        SpeechToTextResponse response = await ReadAsync(Reply.Status(200, srt, "text/plain; charset=utf-8"), Format(NexLLMTranscriptionFormat.Srt));

        Assert.Equal(["Fine."], response.Contents.OfType<NexLLMTranscriptSegment>().Select(s => s.Text));
        Assert.Equal(srt, response.Text);
    }

    [Fact]
    public async Task Vtt_is_the_text_and_its_cues_are_timed_segments_without_the_header_notes_or_settings()
    {
        const string Vtt = "WEBVTT\r\n\r\nNOTE made by a test\r\n\r\n00:00.000 --> 00:01.500 align:start\r\nHello there.\r\n\r\n7\r\n01:00:01.500 --> 01:00:03.000\r\nBye.\r\n";

        SpeechToTextResponse response = await ReadAsync(Reply.Status(200, Vtt, "text/vtt"), Format(NexLLMTranscriptionFormat.Vtt));

        Assert.Equal(
            [
                "text " + Vtt,
                "segment - [00:00:00 - 00:00:01.5000000] Hello there.",
                "segment 7 [01:00:01.5000000 - 01:00:03] Bye.",
            ],
            response.Contents.Select(Describe));
    }

    [Fact]
    public async Task Text_in_invalid_utf8_reads_as_replacement_characters()
    {
        SpeechToTextResponse response = await ReadAsync(Reply.Status(200, "").WithBody([0x48, 0x69, 0xC3, 0x28]).WithContentType("text/plain"), Format(NexLLMTranscriptionFormat.Text));

        Assert.Equal("Hi\uFFFD(", response.Text);
    }

    public static TheoryData<NexLLMTranscriptionFormat, string, string> MismatchedBodies => new()
    {
        { NexLLMTranscriptionFormat.Text, "text/html; charset=utf-8", "<html><body>Gateway login</body></html>" },
        { NexLLMTranscriptionFormat.Srt, "text/html", "<!DOCTYPE html><p>Bad gateway</p>" },
        { NexLLMTranscriptionFormat.Json, "text/html", "<html>oops</html>" },
        { NexLLMTranscriptionFormat.Json, "text/plain", "Hello world." },
        { NexLLMTranscriptionFormat.VerboseJson, "application/octet-stream", "Hello world." },
        { NexLLMTranscriptionFormat.Text, "application/json", """{"text":"Hello world."}""" },
        { NexLLMTranscriptionFormat.Vtt, "image/png", "PNG" },
        { NexLLMTranscriptionFormat.Json, "application/json", """{"text":""" },
        { NexLLMTranscriptionFormat.Json, "application/json", """{"task":"transcribe"}""" },
        { NexLLMTranscriptionFormat.Json, "application/json", """{"text":null}""" },
        { NexLLMTranscriptionFormat.Json, "application/json", "[1,2]" },
        { NexLLMTranscriptionFormat.Json, "application/json", "" },
    };

    [Theory]
    [MemberData(nameof(MismatchedBodies))]
    public async Task A_body_that_is_not_what_the_format_gives_is_an_invalid_response(NexLLMTranscriptionFormat format, string contentType, string body)
    {
        var error = await Assert.ThrowsAsync<NexLLMException>(() => ReadAsync(Reply.Status(200, body, contentType), Format(format)));

        Assert.Equal(NexLLMErrorKind.InvalidResponse, error.Kind);
        Assert.Equal(200, error.StatusCode);
        Assert.Equal(RequestId, error.RequestId);
    }

    [Theory]
    [InlineData(NexLLMTranscriptionFormat.Json)]
    [InlineData(NexLLMTranscriptionFormat.Text)]
    [InlineData(NexLLMTranscriptionFormat.Srt)]
    public async Task An_error_object_with_status_200_is_the_servers_error(NexLLMTranscriptionFormat format)
    {
        const string Error = """{"error":{"message":"Audio file is too short.","type":"invalid_request_error","code":"audio_too_short"}}""";

        var error = await Assert.ThrowsAsync<NexLLMException>(() => ReadAsync(Reply.Json(Error), Format(format)));

        Assert.Equal(NexLLMErrorKind.HttpStatus, error.Kind);
        Assert.Equal(200, error.StatusCode);
        Assert.Equal("invalid_request_error", error.ErrorType);
        Assert.Equal("audio_too_short", error.ErrorCode);
        Assert.Contains("Audio file is too short.", error.Message, StringComparison.Ordinal);
        Assert.Equal(RequestId, error.RequestId);
    }

    [Fact]
    public async Task A_400_is_a_typed_status_error_sent_once()
    {
        using var harness = new Harness();
        harness.Handler.Enqueue(Reply.Status(400, """{"error":{"message":"Invalid file format.","type":"invalid_request_error","code":null}}""", "application/json"));

        var error = await Assert.ThrowsAsync<NexLLMException>(() => harness.SpeechToText().GetTextAsync(new MemoryStream(Wav), null, Harness.Ct));

        Assert.Equal(NexLLMErrorKind.HttpStatus, error.Kind);
        Assert.Equal(400, error.StatusCode);
        Assert.Contains("Invalid file format.", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Not retried", error.Message, StringComparison.Ordinal);
        Assert.Single(harness.Handler.Requests);
    }

    private static SpeechToTextOptions Format(NexLLMTranscriptionFormat format) => new SpeechToTextOptions().WithTranscriptionFormat(format);

    private static async Task<SpeechToTextResponse> ReadAsync(Reply answer, SpeechToTextOptions? options = null) =>
        (await TranscribeAsync(answer.WithHeader("X-Oneapi-Request-Id", RequestId), new MemoryStream(Wav), options)).Response;

    private static string Describe(AIContent content) => content switch
    {
        TextContent text => "text " + text.Text,
        NexLLMTranscriptSegment segment => $"segment {segment.Id?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"} [{segment.StartTime:c} - {segment.EndTime:c}] {segment.Text}",
        NexLLMTranscriptWord word => $"word [{word.StartTime:c} - {word.EndTime:c}] {word.Text}",
        _ => content.GetType().Name,
    };
}
