using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using NexLLM.Connectors.Tests.TestSupport;
using static NexLLM.Connectors.Tests.Audio.TextToSpeechTestData;

namespace NexLLM.Connectors.Tests.Audio;

/// <summary>The exact JSON of <c>POST /v1/audio/speech</c> (docs/protocols/audio.md#speech), compared byte for byte.</summary>
public sealed class TextToSpeechRequestJsonTests
{
    [Fact]
    public async Task A_bare_call_sends_model_input_and_the_default_voice_only()
    {
        var (request, _) = await CallAsync(AudioReply(Mp3));

        Assert.Equal("""{"model":"gpt-4o-mini-tts","input":"Hello there.","voice":"alloy"}""", request.BodyText);
        Assert.Equal("https://gateway.test/v1/audio/speech", request.Uri.AbsoluteUri);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("Bearer " + Harness.ApiKey, request.Header("Authorization"));
        Assert.Equal("application/json", request.Header("Content-Type"));
        Assert.Equal("audio/*", request.Header("Accept"));
    }

    [Fact]
    public async Task Every_option_is_sent_in_order()
    {
        var options = new TextToSpeechOptions
        {
            ModelId = "tts-1-hd",
            VoiceId = "coral",
            AudioFormat = "wav",
            Speed = 1.5f,
            AdditionalProperties = new() { ["user"] = "u-1" },
        }.WithSpeechInstructions("Speak like a pirate.");

        var (request, response) = await CallAsync(AudioReply(Wav(), "audio/wav"), options);

        Assert.Equal(
            """{"model":"tts-1-hd","input":"Hello there.","voice":"coral","instructions":"Speak like a pirate.","response_format":"wav","speed":1.5,"user":"u-1"}""",
            request.BodyText);
        Assert.Equal("tts-1-hd", response.ModelId);
    }

    [Fact]
    public async Task A_custom_voice_id_is_sent_as_an_object()
    {
        var (request, _) = await CallAsync(AudioReply(Mp3), new TextToSpeechOptions { VoiceId = "voice_abc123" });

        Assert.Equal("""{"model":"gpt-4o-mini-tts","input":"Hello there.","voice":{"id":"voice_abc123"}}""", request.BodyText);
    }

    [Theory]
    [InlineData("Marin", "marin")]
    [InlineData("cedar", "cedar")]
    [InlineData("VERSE", "verse")]
    [InlineData("my-upstream-voice", "my-upstream-voice")]
    public async Task Named_voices_are_sent_as_the_API_spells_them_and_other_names_as_given(string voice, string wire)
    {
        var (request, _) = await CallAsync(AudioReply(Mp3), new TextToSpeechOptions { VoiceId = voice });

        Assert.Contains($"\"voice\":\"{wire}\"", request.BodyText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("mp3", "mp3")]
    [InlineData("audio/mpeg", "mp3")]
    [InlineData("opus", "opus")]
    [InlineData("audio/opus", "opus")]
    [InlineData("AAC", "aac")]
    [InlineData("audio/aac", "aac")]
    [InlineData("flac", "flac")]
    [InlineData("audio/flac", "flac")]
    [InlineData("wav", "wav")]
    [InlineData("audio/wav", "wav")]
    [InlineData("audio/x-wav", "wav")]
    [InlineData("pcm", "pcm")]
    [InlineData("audio/pcm", "pcm")]
    [InlineData("audio/L16; rate=24000", "pcm")]
    public async Task The_audio_format_becomes_response_format(string format, string wire)
    {
        var (request, _) = await CallAsync(AudioReply(Mp3), new TextToSpeechOptions { AudioFormat = format });

        Assert.EndsWith($"\"response_format\":\"{wire}\"}}", request.BodyText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Language_pitch_and_volume_are_not_sent_and_are_logged_at_debug()
    {
        using var harness = new Harness();
        harness.Handler.Enqueue(AudioReply(Mp3));
        var options = new TextToSpeechOptions { Language = "fr-FR", Pitch = 1.2f, Volume = 0.5f };

        await harness.Client.GetTextToSpeechClient(Model).GetAudioAsync(Text, options, Harness.Ct);

        Assert.Equal("""{"model":"gpt-4o-mini-tts","input":"Hello there.","voice":"alloy"}""", harness.Handler.SingleRequest.BodyText);
        string logs = string.Join("\n", harness.Logs.Entries.Select(e => e.Message));
        Assert.Contains("speech has no equivalent of Language", logs, StringComparison.Ordinal);
        Assert.Contains("speech has no equivalent of Pitch", logs, StringComparison.Ordinal);
        Assert.Contains("speech has no equivalent of Volume", logs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_raw_representation_factory_wins_over_mapped_fields_and_additional_properties()
    {
        var options = new TextToSpeechOptions
        {
            VoiceId = "nova",
            AdditionalProperties = new() { ["user"] = "u-1", ["nexllm.private"] = "never sent" },
            RawRepresentationFactory = _ => new JsonObject { ["voice"] = "onyx", ["speed"] = 2 },
        };

        var (request, _) = await CallAsync(AudioReply(Mp3), options);

        Assert.Equal("""{"model":"gpt-4o-mini-tts","input":"Hello there.","voice":"onyx","user":"u-1","speed":2}""", request.BodyText);
    }

    [Fact]
    public async Task The_streamed_audio_format_sends_no_stream_format_and_sse_sends_sse()
    {
        var (audioRequest, _) = await StreamAsync(ChunkedAudio([Mp3], "audio/mpeg"), new TextToSpeechOptions().WithSpeechStreamFormat(NexLLMSpeechStreamFormat.Audio));
        var (sseRequest, _) = await StreamAsync(SseReply(Sse.Events(Delta(Mp3), DoneWithUsage)), SseOptions());

        Assert.Equal("""{"model":"gpt-4o-mini-tts","input":"Hello there.","voice":"alloy"}""", audioRequest.BodyText);
        Assert.Equal("audio/*", audioRequest.Header("Accept"));
        Assert.Equal("""{"model":"gpt-4o-mini-tts","input":"Hello there.","voice":"alloy","stream_format":"sse"}""", sseRequest.BodyText);
        Assert.Equal("text/event-stream", sseRequest.Header("Accept"));
    }

    [Fact]
    public async Task GetAudioAsync_never_sends_the_stream_format()
    {
        var (request, _) = await CallAsync(AudioReply(Mp3), SseOptions());

        Assert.DoesNotContain("stream_format", request.BodyText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Input_in_other_scripts_and_quotes_is_sent_unescaped()
    {
        var (request, _) = await CallAsync(AudioReply(Mp3), text: "«Bonjour» — \"こんにちは\" <ok>");

        Assert.Equal("""{"model":"gpt-4o-mini-tts","input":"«Bonjour» — \"こんにちは\" <ok>","voice":"alloy"}""", request.BodyText);
    }
}
