using Microsoft.Extensions.AI;
using NexLLM.Connectors.Tests.TestSupport;
using static NexLLM.Connectors.Tests.Audio.SpeechToTextTestData;

namespace NexLLM.Connectors.Tests.Audio;

/// <summary>
/// The typed options (<see cref="NexLLMSpeechToTextOptionsExtensions"/>) guard their arguments; the options that cannot
/// be sent together, and target languages a translation cannot produce, are refused before anything is sent.
/// </summary>
public sealed class SpeechToTextOptionsTests
{
    public static TheoryData<string> TextSetters => ["WithAudioFileName", "WithAudioMediaType", "WithTranscriptionPrompt"];

    [Theory]
    [MemberData(nameof(TextSetters))]
    public void A_text_option_refuses_null_empty_and_white_space(string setter)
    {
        Func<SpeechToTextOptions, string, SpeechToTextOptions> set = setter switch
        {
            "WithAudioFileName" => NexLLMSpeechToTextOptionsExtensions.WithAudioFileName,
            "WithAudioMediaType" => NexLLMSpeechToTextOptionsExtensions.WithAudioMediaType,
            _ => NexLLMSpeechToTextOptionsExtensions.WithTranscriptionPrompt,
        };
        string parameter = setter switch
        {
            "WithAudioFileName" => "fileName",
            "WithAudioMediaType" => "mediaType",
            _ => "prompt",
        };
        var options = new SpeechToTextOptions();

        Assert.Equal("options", Assert.Throws<ArgumentNullException>(() => set(null!, "x")).ParamName);
        Assert.Equal(parameter, Assert.Throws<ArgumentNullException>(() => set(options, null!)).ParamName);
        Assert.Equal(parameter, Assert.Throws<ArgumentException>(() => set(options, "")).ParamName);
        Assert.Equal(parameter, Assert.Throws<ArgumentException>(() => set(options, " \t\r\n")).ParamName);
        Assert.Null(options.AdditionalProperties);
        Assert.Same(options, set(options, setter == "WithAudioMediaType" ? "audio/x-test" : "x"));
    }

    [Theory]
    [InlineData("audio/wav\r\n\r\nINJECTED")]
    [InlineData("audio/wav\nX-Extra: 1")]
    [InlineData("wav")]
    [InlineData("audio wav")]
    public void A_media_type_that_could_break_the_part_headers_is_refused(string mediaType)
    {
        var options = new SpeechToTextOptions();

        Assert.Equal("mediaType", Assert.Throws<ArgumentException>(() => options.WithAudioMediaType(mediaType)).ParamName);
        Assert.Null(options.AdditionalProperties);
    }

    [Fact]
    public async Task A_media_type_set_around_the_typed_option_is_checked_before_sending()
    {
        using var harness = new Harness();
        var options = new SpeechToTextOptions { AdditionalProperties = new() { ["nexllm.audio.media_type"] = "audio/wav\r\nINJECTED" } };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => harness.SpeechToText().GetTextAsync(new MemoryStream(Wav), options, Harness.Ct));

        Assert.Equal("options", error.ParamName);
        Assert.Empty(harness.Handler.Requests);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(5)]
    [InlineData(int.MaxValue)]
    public void A_format_that_is_not_defined_is_refused(int format)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new SpeechToTextOptions().WithTranscriptionFormat((NexLLMTranscriptionFormat)format));

        Assert.Equal("format", error.ParamName);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(7)]
    [InlineData(-1)]
    public void Granularities_with_an_undefined_flag_are_refused(int granularities)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new SpeechToTextOptions().WithTimestampGranularities((NexLLMTimestampGranularities)granularities));

        Assert.Equal("granularities", error.ParamName);
    }

    [Theory]
    [InlineData(-0.0001f)]
    [InlineData(1.0001f)]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    [InlineData(float.NegativeInfinity)]
    public void A_temperature_outside_0_to_1_is_refused(float temperature)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new SpeechToTextOptions().WithTranscriptionTemperature(temperature));

        Assert.Equal("temperature", error.ParamName);
    }

    [Fact]
    public void Every_setter_refuses_null_options_and_returns_the_same_options()
    {
        Assert.Equal("options", Assert.Throws<ArgumentNullException>(() => ((SpeechToTextOptions)null!).WithTranscriptionFormat(NexLLMTranscriptionFormat.Srt)).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentNullException>(() => ((SpeechToTextOptions)null!).WithTimestampGranularities(NexLLMTimestampGranularities.Word)).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentNullException>(() => ((SpeechToTextOptions)null!).WithTranscriptionTemperature(0.5f)).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentNullException>(() => ((SpeechToTextOptions)null!).WithTranscriptionLogprobs()).ParamName);

        var options = new SpeechToTextOptions();
        Assert.Same(options, options.WithTranscriptionFormat(NexLLMTranscriptionFormat.Vtt));
        Assert.Same(options, options.WithTimestampGranularities(NexLLMTimestampGranularities.None));
        Assert.Same(options, options.WithTranscriptionTemperature(0f));
        Assert.Same(options, options.WithTranscriptionTemperature(1f));
        Assert.Same(options, options.WithTranscriptionLogprobs());
    }

    [Theory]
    [InlineData(NexLLMTranscriptionFormat.Json)]
    [InlineData(NexLLMTranscriptionFormat.Text)]
    [InlineData(NexLLMTranscriptionFormat.Srt)]
    [InlineData(NexLLMTranscriptionFormat.Vtt)]
    public async Task Timestamps_with_a_format_other_than_verbose_json_are_refused_before_sending(NexLLMTranscriptionFormat format)
    {
        using var harness = new Harness();
        var options = new SpeechToTextOptions().WithTimestampGranularities(NexLLMTimestampGranularities.Segment).WithTranscriptionFormat(format);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => harness.SpeechToText().GetTextAsync(new MemoryStream(Wav), options, Harness.Ct));

        Assert.Contains("VerboseJson", error.Message, StringComparison.Ordinal);
        Assert.Contains(format.ToString(), error.Message, StringComparison.Ordinal);
        Assert.Empty(harness.Handler.Requests);
    }

    [Theory]
    [InlineData(null, null, "transcriptions", null)]
    [InlineData("de", null, "transcriptions", "de")]
    [InlineData("de", "de", "transcriptions", "de")]
    [InlineData("de-DE", "DE", "transcriptions", "de")]
    [InlineData("pt_BR", "pt", "transcriptions", "pt")]
    [InlineData("en-US", "en", "transcriptions", "en")]
    [InlineData("en", "en-GB", "transcriptions", "en")]
    [InlineData("de", "en", "translations", null)]
    [InlineData("ja", "EN-us", "translations", null)]
    [InlineData(null, "en", "translations", null)]
    [InlineData("de", " ", "transcriptions", "de")]
    [InlineData(null, "", "transcriptions", null)]
    public async Task The_languages_choose_a_transcription_or_a_translation(string? speech, string? text, string endpoint, string? languageSent)
    {
        RecordedRequest sent = await SentAsync(new SpeechToTextOptions { SpeechLanguage = speech, TextLanguage = text });

        Assert.Equal("https://gateway.test/v1/audio/" + endpoint, sent.Uri.AbsoluteUri);
        string language = languageSent is null ? "" : $"Content-Disposition: form-data; name=\"language\"\r\n\r\n{languageSent}\r\n";
        Assert.Equal(languageSent is not null, sent.BodyText.Contains("name=\"language\"", StringComparison.Ordinal));
        Assert.Contains(language, sent.BodyText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("de", "fr", "SpeechLanguage 'de'")]
    [InlineData(null, "fr-FR", "speech in an unnamed language")]
    [InlineData("en", "de", "SpeechLanguage 'en'")]
    public async Task A_target_language_other_than_english_or_the_spoken_one_is_refused(string? speech, string text, string from)
    {
        using var harness = new Harness();
        var options = new SpeechToTextOptions { SpeechLanguage = speech, TextLanguage = text };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => harness.SpeechToText().GetTextAsync(new MemoryStream(Wav), options, Harness.Ct));
        var streamed = await Assert.ThrowsAsync<ArgumentException>(() => StreamAsync(harness, new MemoryStream(Wav), options));

        Assert.Contains("produce English only", error.Message, StringComparison.Ordinal);
        Assert.Contains($"TextLanguage '{text}'", error.Message, StringComparison.Ordinal);
        Assert.Contains(from, error.Message, StringComparison.Ordinal);
        Assert.Equal(error.Message, streamed.Message);
        Assert.Empty(harness.Handler.Requests);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("whisper-1\r\nX-Injected: 1")]
    public async Task A_model_that_is_no_identifier_is_refused(string model)
    {
        using var harness = new Harness();

        Assert.Throws<ArgumentException>(() => harness.Client.GetSpeechToTextClient(model));
        await Assert.ThrowsAsync<ArgumentException>(() => harness.SpeechToText().GetTextAsync(new MemoryStream(Wav), new SpeechToTextOptions { ModelId = model }, Harness.Ct));
        Assert.Throws<ArgumentNullException>(() => harness.Client.GetSpeechToTextClient(null!));
        Assert.Empty(harness.Handler.Requests);
    }

    [Fact]
    public void The_client_describes_itself_and_its_owner()
    {
        using var harness = new Harness();
        ISpeechToTextClient client = harness.SpeechToText();

        var metadata = Assert.IsType<SpeechToTextClientMetadata>(client.GetService(typeof(SpeechToTextClientMetadata)));
        Assert.Equal("nexllm", metadata.ProviderName);
        Assert.Equal("whisper-1", metadata.DefaultModelId);
        Assert.Equal("https://gateway.test/v1", metadata.ProviderUri?.AbsoluteUri.TrimEnd('/'));
        Assert.Same(harness.Client, client.GetService(typeof(NexLLMClient)));
        Assert.Same(client, client.GetService(typeof(ISpeechToTextClient)));
        Assert.Null(client.GetService(typeof(SpeechToTextClientMetadata), "key"));
    }
}
