using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using NexLLM.Connectors.Tests.TestSupport;
using static NexLLM.Connectors.Tests.Audio.SpeechToTextTestData;
using static NexLLM.Connectors.Tests.TestSupport.MultipartBody;

namespace NexLLM.Connectors.Tests.Audio;

/// <summary>
/// The exact multipart body of <c>POST /v1/audio/transcriptions</c> and <c>/translations</c>
/// (docs/protocols/audio.md#transcriptions-and-translations): fields in order, then the <c>file</c> part, byte for byte.
/// </summary>
public sealed class SpeechToTextMultipartTests
{
    [Fact]
    public async Task Defaults_send_the_model_and_the_file_named_from_its_bytes()
    {
        RecordedRequest sent = await SentAsync(options: null);

        AssertForm(sent, Field("model", "whisper-1"), FilePart("file", "audio.wav", "audio/wav", Wav));
        Assert.Equal(HttpMethod.Post, sent.Method);
        Assert.Equal("https://gateway.test/v1/audio/transcriptions", sent.Uri.AbsoluteUri);
        Assert.Equal("Bearer " + Harness.ApiKey, sent.Header("Authorization"));
        Assert.Equal("application/json", sent.Header("Accept"));
        Assert.Matches("^NexLLM-[0-9a-f]{32}$", BoundaryOf(sent));
    }

    [Theory]
    [InlineData(" ")]
    [InlineData("")]
    public async Task A_blank_speech_language_is_not_sent(string language)
    {
        RecordedRequest sent = await SentAsync(new SpeechToTextOptions { SpeechLanguage = language });

        AssertForm(sent, Field("model", "whisper-1"), FilePart("file", "audio.wav", "audio/wav", Wav));
    }

    [Fact]
    public async Task Every_option_is_a_field_in_a_fixed_order()
    {
        var options = new SpeechToTextOptions { ModelId = "gpt-4o-mini-transcribe", SpeechLanguage = "en-US", SpeechSampleRate = 16000 }
            .WithAudioFileName("meeting.m4a")
            .WithAudioMediaType("audio/mp4")
            .WithTranscriptionPrompt("Names: Ada, Grace.")
            .WithTranscriptionFormat(NexLLMTranscriptionFormat.VerboseJson)
            .WithTranscriptionTemperature(0.2f)
            .WithTimestampGranularities(NexLLMTimestampGranularities.Word | NexLLMTimestampGranularities.Segment)
            .WithTranscriptionLogprobs();

        RecordedRequest sent = await SentAsync(options);

        AssertForm(
            sent,
            Field("model", "gpt-4o-mini-transcribe"),
            Field("language", "en"),
            Field("prompt", "Names: Ada, Grace."),
            Field("response_format", "verbose_json"),
            Field("temperature", "0.2"),
            Field("timestamp_granularities[]", "word"),
            Field("timestamp_granularities[]", "segment"),
            Field("include[]", "logprobs"),
            FilePart("file", "meeting.m4a", "audio/mp4", Wav));
    }

    [Theory]
    [InlineData(NexLLMTranscriptionFormat.Json, "json", "application/json")]
    [InlineData(NexLLMTranscriptionFormat.Text, "text", "text/plain")]
    [InlineData(NexLLMTranscriptionFormat.Srt, "srt", "text/plain")]
    [InlineData(NexLLMTranscriptionFormat.Vtt, "vtt", "text/plain")]
    public async Task A_format_is_sent_and_asks_for_what_it_gives(NexLLMTranscriptionFormat format, string word, string accept)
    {
        Reply answer = accept == "application/json" ? Reply.Json(JsonAnswer) : Reply.Status(200, "Hello", "text/plain");

        RecordedRequest sent = await SentAsync(new SpeechToTextOptions().WithTranscriptionFormat(format), answer: answer);

        AssertForm(sent, Field("model", "whisper-1"), Field("response_format", word), FilePart("file", "audio.wav", "audio/wav", Wav));
        Assert.Equal(accept, sent.Header("Accept"));
    }

    [Theory]
    [InlineData(NexLLMTimestampGranularities.Word, new[] { "word" })]
    [InlineData(NexLLMTimestampGranularities.Segment, new[] { "segment" })]
    public async Task Timestamps_without_a_format_choose_verbose_json(NexLLMTimestampGranularities granularities, string[] words)
    {
        RecordedRequest sent = await SentAsync(new SpeechToTextOptions().WithTimestampGranularities(granularities));

        AssertForm(
            sent,
            [
                Field("model", "whisper-1"),
                Field("response_format", "verbose_json"),
                .. words.Select(word => Field("timestamp_granularities[]", word)),
                FilePart("file", "audio.wav", "audio/wav", Wav),
            ]);
    }

    [Fact]
    public async Task Extras_replace_the_field_of_the_same_name_in_place_and_others_follow()
    {
        var options = new SpeechToTextOptions
        {
            SpeechLanguage = "de",
            AdditionalProperties = new()
            {
                ["language"] = "fr",
                ["temperature"] = 0,
                ["chunking_strategy"] = "auto",
                ["nexllm.note"] = "never sent",
                ["stream"] = true,
            },
        }
            .WithTranscriptionPrompt("typed")
            .WithTranscriptionTemperature(0.5f);

        RecordedRequest sent = await SentAsync(options);

        AssertForm(
            sent,
            Field("model", "whisper-1"),
            Field("language", "fr"),
            Field("prompt", "typed"),
            Field("temperature", "0"),
            Field("chunking_strategy", "auto"),
            FilePart("file", "audio.wav", "audio/wav", Wav));
    }

    [Fact]
    public async Task A_json_array_extra_is_one_field_per_item_replacing_every_mapped_one()
    {
        var options = new SpeechToTextOptions
        {
            AdditionalProperties = new()
            {
                ["timestamp_granularities[]"] = new[] { "segment" },
                ["include[]"] = new JsonArray("logprobs", "tokens"),
            },
        }
            .WithTimestampGranularities(NexLLMTimestampGranularities.Word | NexLLMTimestampGranularities.Segment)
            .WithTranscriptionLogprobs();

        RecordedRequest sent = await SentAsync(options);

        AssertForm(
            sent,
            Field("model", "whisper-1"),
            Field("response_format", "verbose_json"),
            Field("timestamp_granularities[]", "segment"),
            Field("include[]", "logprobs"),
            Field("include[]", "tokens"),
            FilePart("file", "audio.wav", "audio/wav", Wav));
    }

    [Fact]
    public async Task A_raw_representation_field_wins_over_an_extra_and_a_typed_option()
    {
        var options = new SpeechToTextOptions
        {
            AdditionalProperties = new() { ["prompt"] = "extra" },
            RawRepresentationFactory = _ => new JsonObject { ["prompt"] = "raw", ["model"] = "whisper-2" },
        }.WithTranscriptionPrompt("typed");

        RecordedRequest sent = await SentAsync(options);

        AssertForm(sent, Field("model", "whisper-2"), Field("prompt", "raw"), FilePart("file", "audio.wav", "audio/wav", Wav));
    }

    [Fact]
    public async Task A_response_format_extra_is_sent_once_and_chooses_the_parser()
    {
        var options = new SpeechToTextOptions { AdditionalProperties = new() { ["response_format"] = "text" } }
            .WithTranscriptionFormat(NexLLMTranscriptionFormat.Json);

        (RecordedRequest sent, SpeechToTextResponse response) = await TranscribeAsync(
            Reply.Status(200, "Plain words.\n", "text/plain; charset=utf-8"), new MemoryStream(Wav), options);

        AssertForm(sent, Field("model", "whisper-1"), Field("response_format", "text"), FilePart("file", "audio.wav", "audio/wav", Wav));
        Assert.Equal("text/plain", sent.Header("Accept"));
        Assert.Equal("Plain words.", response.Text);
    }

    [Fact]
    public async Task A_translation_goes_to_translations_without_language_timestamps_or_logprobs()
    {
        using var harness = new Harness();
        harness.Handler.Enqueue(Reply.Json(JsonAnswer));
        var options = new SpeechToTextOptions { SpeechLanguage = "de-DE", TextLanguage = "en" }
            .WithTranscriptionPrompt("Guten Tag.")
            .WithTranscriptionTemperature(0f)
            .WithTimestampGranularities(NexLLMTimestampGranularities.Word)
            .WithTranscriptionLogprobs();

        SpeechToTextResponse response = await harness.SpeechToText().GetTextAsync(new MemoryStream(Wav), options, Harness.Ct);

        RecordedRequest sent = harness.Handler.SingleRequest;
        Assert.Equal("https://gateway.test/v1/audio/translations", sent.Uri.AbsoluteUri);
        AssertForm(sent, Field("model", "whisper-1"), Field("prompt", "Guten Tag."), Field("temperature", "0"), FilePart("file", "audio.wav", "audio/wav", Wav));
        Assert.Equal("Hello world.", response.Text);
        string logs = string.Join("\n", harness.Logs.Entries.Select(entry => entry.Message));
        Assert.Contains("SpeechLanguage", logs, StringComparison.Ordinal);
        Assert.Contains("WithTimestampGranularities", logs, StringComparison.Ordinal);
        Assert.Contains("WithTranscriptionLogprobs", logs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_streamed_gpt_4o_transcription_sends_stream_true_last()
    {
        using var harness = new Harness();
        harness.Handler.Enqueue(Reply.Sse(Sse.Events("""{"type":"transcript.text.done","text":"Hi."}""")));
        var options = new SpeechToTextOptions { SpeechLanguage = "en" }.WithTranscriptionFormat(NexLLMTranscriptionFormat.Json);

        await StreamAsync(harness, new MemoryStream(Wav), options);

        RecordedRequest sent = harness.Handler.SingleRequest;
        AssertForm(
            sent,
            Field("model", "gpt-4o-transcribe"),
            Field("language", "en"),
            Field("response_format", "json"),
            Field("stream", "true"),
            FilePart("file", "audio.wav", "audio/wav", Wav));
        Assert.Equal("text/event-stream", sent.Header("Accept"));
    }

    [Fact]
    public async Task A_gpt_4o_transcription_asked_for_whole_sends_no_stream_field()
    {
        RecordedRequest sent = await SentAsync(options: null, model: Gpt4oTranscribe);

        AssertForm(sent, Field("model", "gpt-4o-transcribe"), FilePart("file", "audio.wav", "audio/wav", Wav));
        Assert.Equal("application/json", sent.Header("Accept"));
    }
}
