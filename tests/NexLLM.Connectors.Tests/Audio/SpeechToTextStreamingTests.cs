using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.AI;
using NexLLM.Connectors.Tests.TestSupport;
using static NexLLM.Connectors.Tests.Audio.SpeechToTextTestData;
using static NexLLM.Connectors.Tests.TestSupport.MultipartBody;

namespace NexLLM.Connectors.Tests.Audio;

/// <summary>
/// <see cref="ISpeechToTextClient.GetStreamingTextAsync"/> (docs/protocols/audio.md#transcriptions-and-translations):
/// gpt-4o transcribe models stream <c>transcript.text.delta</c> and <c>transcript.text.done</c>; through the gateway
/// the whole stream may arrive at once; other models and translations answer once, as one update.
/// </summary>
public sealed class SpeechToTextStreamingTests
{
    private const string RequestId = "req-stream-1";

    private static readonly string Transcript = Sse.Events(
        """{"type":"transcript.text.delta","delta":"Hel"}""",
        """{"type":"transcript.text.delta","delta":"lo, "}""",
        """{"type":"transcript.text.delta","delta":"wörld."}""",
        """{"type":"transcript.text.done","text":"Hello, wörld.","usage":{"type":"tokens","input_tokens":14,"output_tokens":5,"total_tokens":19,"input_token_details":{"text_tokens":0,"audio_tokens":14}}}""");

    private static readonly string[] TranscriptUpdates =
    [
        "TextUpdating gpt-4o-transcribe | text Hel",
        "TextUpdating gpt-4o-transcribe | text lo, ",
        "TextUpdating gpt-4o-transcribe | text wörld.",
        "TextUpdated gpt-4o-transcribe req-stream-1 | usage in=14 out=5 total=19 audio=14 text=0",
    ];

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    public async Task Deltas_are_text_updating_and_the_done_event_brings_usage_and_the_request_id(int maxReadSize)
    {
        using var harness = new Harness();
        harness.Handler.Enqueue(Reply.Sse(Transcript, maxReadSize).WithHeader("X-Oneapi-Request-Id", RequestId));

        List<SpeechToTextResponseUpdate> updates = await StreamAsync(harness, new MemoryStream(Wav));

        Assert.Equal(TranscriptUpdates, updates.Select(Describe));
        Assert.Equal("Hello, wörld.", string.Concat(updates.Select(update => update.Text)));
        UsageContent usage = Assert.IsType<UsageContent>(Assert.Single(updates[^1].Contents));
        Assert.Equal(new Dictionary<string, long> { [NexLLMUsageCounts.AudioInputTokens] = 14 }, usage.Details.AdditionalCounts);
        Assert.True(harness.Handler.AllBodiesDisposed);
    }

    [Fact]
    public async Task The_whole_stream_at_once_in_one_read_gives_the_same_updates()
    {
        using var harness = new Harness();
        byte[] bytes = System.Text.Encoding.UTF8.GetBytes(Transcript);
        ScriptedStream body = ScriptedStream.Of(bytes);
        harness.Handler.Enqueue(Reply.Sse(body).WithHeader("X-Oneapi-Request-Id", RequestId));

        List<SpeechToTextResponseUpdate> updates = await StreamAsync(harness, new MemoryStream(Wav));

        Assert.Equal(TranscriptUpdates, updates.Select(Describe));
        Assert.Equal(bytes.Length, body.BytesRead);
        Assert.True(body.IsDisposed);
    }

    [Fact]
    public async Task A_done_event_without_deltas_brings_the_whole_text_once()
    {
        using var harness = new Harness();
        harness.Handler.Enqueue(Reply.Sse(Sse.Events(
            """{"type":"transcript.text.done","text":"All at once.","logprobs":[{"token":"All","logprob":-0.5}]}""")));

        List<SpeechToTextResponseUpdate> updates = await StreamAsync(harness, new MemoryStream(Wav));

        SpeechToTextResponseUpdate done = Assert.Single(updates);
        Assert.Equal("TextUpdated gpt-4o-transcribe | text All at once.", Describe(done));
        var logprobs = Assert.IsType<JsonElement>(done.AdditionalProperties?["nexllm.logprobs"]);
        Assert.Equal("""[{"token":"All","logprob":-0.5}]""", logprobs.GetRawText());
    }

    [Fact]
    public async Task Unknown_events_and_empty_deltas_are_skipped()
    {
        using var harness = new Harness();
        harness.Handler.Enqueue(Reply.Sse(Sse.Events(
            """{"type":"transcript.text.segment","text":"ignored"}""",
            """{"type":"transcript.text.delta","delta":""}""",
            """{"type":"transcript.text.delta","delta":"Hi."}""",
            """{"type":"transcript.text.done","text":"Hi."}""")));

        List<SpeechToTextResponseUpdate> updates = await StreamAsync(harness, new MemoryStream(Wav));

        Assert.Equal(["TextUpdating gpt-4o-transcribe | text Hi.", "TextUpdated gpt-4o-transcribe"], updates.Select(Describe));
    }

    [Fact]
    public async Task A_stream_that_ends_without_its_done_event_is_truncated_after_what_it_brought()
    {
        using var harness = new Harness();
        harness.Handler.Enqueue(Reply.Sse(Sse.Events("""{"type":"transcript.text.delta","delta":"Half a "}""")));
        var updates = new List<SpeechToTextResponseUpdate>();

        var error = await Assert.ThrowsAsync<NexLLMException>(async () =>
        {
            await foreach (SpeechToTextResponseUpdate update in harness.SpeechToText(Gpt4oTranscribe).GetStreamingTextAsync(new MemoryStream(Wav), null, Harness.Ct))
            {
                updates.Add(update);
            }
        });

        Assert.Equal(NexLLMErrorKind.TruncatedStream, error.Kind);
        Assert.Contains("transcript.text.done", error.Message, StringComparison.Ordinal);
        Assert.Equal(["TextUpdating gpt-4o-transcribe | text Half a "], updates.Select(Describe));
        Assert.Single(harness.Handler.Requests);
        Assert.True(harness.Handler.AllBodiesDisposed);
    }

    [Fact]
    public async Task An_error_event_after_text_is_an_in_stream_error()
    {
        using var harness = new Harness();
        harness.Handler.Enqueue(Reply.Sse(Sse.Events(
            """{"type":"transcript.text.delta","delta":"Hi"}""",
            """{"type":"error","error":{"message":"upstream audio decoder failed","type":"server_error","code":"decode_failed"}}""")));

        var error = await Assert.ThrowsAsync<NexLLMException>(() => StreamAsync(harness, new MemoryStream(Wav)));

        Assert.Equal(NexLLMErrorKind.InStreamError, error.Kind);
        Assert.Equal("decode_failed", error.ErrorCode);
        Assert.Contains("upstream audio decoder failed", error.Message, StringComparison.Ordinal);
        Assert.Single(harness.Handler.Requests);
    }

    [Fact]
    public async Task A_json_answer_where_a_stream_was_asked_is_a_typed_error()
    {
        using var harness = new Harness();
        harness.Handler.Enqueue(Reply.Json("""{"error":{"message":"stream is not supported","type":"invalid_request_error"}}"""));

        var error = await Assert.ThrowsAsync<NexLLMException>(() => StreamAsync(harness, NonSeekable(Wav)));

        Assert.Contains("stream is not supported", error.Message, StringComparison.Ordinal);
        Assert.Single(harness.Handler.Requests);
    }

    [Theory]
    [InlineData(Whisper, null)]
    [InlineData(Gpt4oTranscribe, "en")]
    public async Task A_model_or_translation_that_does_not_stream_gives_one_update_from_the_whole_answer(string model, string? textLanguage)
    {
        using var harness = new Harness();
        harness.Handler.Enqueue(Reply.Json("""{"text":"Hello world.","usage":{"type":"duration","seconds":1.5}}""").WithHeader("X-Oneapi-Request-Id", RequestId));
        var options = new SpeechToTextOptions { SpeechLanguage = "de", TextLanguage = textLanguage };

        List<SpeechToTextResponseUpdate> updates = await StreamAsync(harness, new MemoryStream(Wav), options, model);

        SpeechToTextResponseUpdate update = Assert.Single(updates);
        Assert.Equal($"TextUpdated {model} req-stream-1 | text Hello world. | usage in=- out=- total=- audio=- text=- ms=1500", Describe(update));
        RecordedRequest sent = harness.Handler.SingleRequest;
        Assert.Equal("application/json", sent.Header("Accept"));
        Assert.DoesNotContain("name=\"stream\"", sent.BodyText, StringComparison.Ordinal);
        AssertForm(
            sent,
            [
                Field("model", model),
                .. textLanguage is null ? [Field("language", "de")] : Array.Empty<byte[]>(),
                FilePart("file", "audio.wav", "audio/wav", Wav),
            ]);
    }

    private static string Describe(SpeechToTextResponseUpdate update)
    {
        string kind = update.Kind == SpeechToTextResponseUpdateKind.TextUpdating ? "TextUpdating"
            : update.Kind == SpeechToTextResponseUpdateKind.TextUpdated ? "TextUpdated"
            : update.Kind.ToString();
        string head = $"{kind} {update.ModelId}"
            + (update.AdditionalProperties?.TryGetValue("nexllm.request_id", out object? id) is true ? " " + id : "");
        return string.Join(" | ", [head, .. update.Contents.Select(DescribeContent)]);
    }

    private static string DescribeContent(AIContent content) => content switch
    {
        TextContent text => "text " + text.Text,
        UsageContent usage => "usage " + string.Join(
            " ",
            [
                $"in={Count(usage.Details.InputTokenCount)}",
                $"out={Count(usage.Details.OutputTokenCount)}",
                $"total={Count(usage.Details.TotalTokenCount)}",
                $"audio={Count(usage.Details.InputAudioTokenCount)}",
                $"text={Count(usage.Details.InputTextTokenCount)}",
                .. usage.Details.AdditionalCounts?.TryGetValue(NexLLMUsageCounts.AudioDurationMilliseconds, out long ms) is true ? [$"ms={Count(ms)}"] : Array.Empty<string>(),
            ]),
        _ => content.GetType().Name,
    };

    private static string Count(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "-";
}
