using Microsoft.Extensions.AI;
using NexLLM.Connectors.Tests.TestSupport;
using static NexLLM.Connectors.Tests.Audio.TextToSpeechTestData;

namespace NexLLM.Connectors.Tests.Audio;

/// <summary>Caller mistakes are <see cref="ArgumentException"/>s that name what is wrong, raised before any request.</summary>
public sealed class TextToSpeechInputValidationTests
{
    [Fact]
    public async Task Null_empty_and_blank_text_are_refused()
    {
        using var harness = new Harness();
        ITextToSpeechClient client = harness.Client.GetTextToSpeechClient(Model);

        await Assert.ThrowsAsync<ArgumentNullException>("text", () => client.GetAudioAsync(null!, null, Harness.Ct));
        await Assert.ThrowsAsync<ArgumentException>("text", () => client.GetAudioAsync("", null, Harness.Ct));
        await Assert.ThrowsAsync<ArgumentException>("text", () => client.GetAudioAsync(" \n", null, Harness.Ct));
        Assert.Throws<ArgumentNullException>("text", () => client.GetStreamingAudioAsync(null!, null, Harness.Ct));
        Assert.Empty(harness.Handler.Requests);
    }

    [Fact]
    public async Task Text_over_4096_characters_is_refused_and_4096_characters_of_surrogate_pairs_are_not()
    {
        using var harness = new Harness();
        harness.Handler.Enqueue(AudioReply(Mp3));
        ITextToSpeechClient client = harness.Client.GetTextToSpeechClient(Model);

        var ex = await Assert.ThrowsAsync<ArgumentException>("text", () => client.GetAudioAsync(new string('a', 4097), null, Harness.Ct));
        Assert.Contains("4097 characters", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>("text", () => client.GetStreamingAudioAsync(new string('a', 4097), null, Harness.Ct));
        Assert.Empty(harness.Handler.Requests);

        // 4,096 emoji are 8,192 UTF-16 units but 4,096 characters, which the endpoint takes.
        string emoji = string.Concat(Enumerable.Repeat("😀", 4096));
        await client.GetAudioAsync(emoji, null, Harness.Ct);
        Assert.Single(harness.Handler.Requests);
    }

    [Theory]
    [InlineData("ogg-vorbis")]
    [InlineData("audio/webm")]
    [InlineData("mp4")]
    [InlineData("")]
    public async Task An_unknown_format_is_refused_naming_the_accepted_ones(string format)
    {
        using var harness = new Harness();

        var ex = await Assert.ThrowsAsync<ArgumentException>(
            "options.AudioFormat", () => harness.Client.GetTextToSpeechClient(Model).GetAudioAsync(Text, new TextToSpeechOptions { AudioFormat = format }, Harness.Ct));

        Assert.Contains("mp3, opus, aac, flac, wav or pcm", ex.Message, StringComparison.Ordinal);
        Assert.Empty(harness.Handler.Requests);
    }

    [Theory]
    [InlineData(0.2f)]
    [InlineData(4.01f)]
    [InlineData(0f)]
    [InlineData(float.NaN)]
    public async Task A_speed_outside_a_quarter_to_four_is_refused(float speed)
    {
        using var harness = new Harness();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(
            "options.Speed", () => harness.Client.GetTextToSpeechClient(Model).GetAudioAsync(Text, new TextToSpeechOptions { Speed = speed }, Harness.Ct));
        Assert.Empty(harness.Handler.Requests);
    }

    [Theory]
    [InlineData(0.25f, "0.25")]
    [InlineData(4f, "4")]
    public async Task The_speed_limits_themselves_are_sent(float speed, string wire)
    {
        var (request, _) = await CallAsync(AudioReply(Mp3), new TextToSpeechOptions { Speed = speed });

        Assert.EndsWith($"\"speed\":{wire}}}", request.BodyText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_blank_voice_and_a_bad_model_id_are_refused()
    {
        using var harness = new Harness();
        ITextToSpeechClient client = harness.Client.GetTextToSpeechClient(Model);

        await Assert.ThrowsAsync<ArgumentException>("options.VoiceId", () => client.GetAudioAsync(Text, new TextToSpeechOptions { VoiceId = " " }, Harness.Ct));
        await Assert.ThrowsAsync<ArgumentException>("options.ModelId", () => client.GetAudioAsync(Text, new TextToSpeechOptions { ModelId = "tts\n1" }, Harness.Ct));
        Assert.Throws<ArgumentException>("model", () => harness.Client.GetTextToSpeechClient(""));
        Assert.Empty(harness.Handler.Requests);
    }
}
