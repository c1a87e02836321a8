using Microsoft.Extensions.AI;
using NexLLM.Connectors;
using static Microsoft.SemanticKernel.ExtensionDataValues;

namespace Microsoft.SemanticKernel;

/// <summary>
/// Maps <see cref="PromptExecutionSettings"/> to <see cref="SpeechToTextOptions"/> for <see cref="NexLLMAudioToTextService"/>,
/// with the keys SK's OpenAI audio-to-text settings use: <c>ModelId</c>; <c>language</c> (the spoken language);
/// <c>prompt</c>; <c>temperature</c>; <c>response_format</c> (<c>json</c>, <c>verbose_json</c>, <c>text</c>, <c>srt</c>,
/// <c>vtt</c>); <c>timestamp_granularities</c> (<c>word</c>, <c>segment</c>); <c>filename</c>. Every other key is sent as a
/// form field. The audio content's media type names the upload unless a <c>filename</c> is given.
/// </summary>
internal static class AudioToTextSettings
{
    /// <exception cref="ArgumentException">A known key holds a value of the wrong type or form.</exception>
    public static SpeechToTextOptions ToSpeechToTextOptions(PromptExecutionSettings? settings, string? mediaType)
    {
        var options = new SpeechToTextOptions { ModelId = settings?.ModelId };
        if (!string.IsNullOrWhiteSpace(mediaType))
        {
            options.WithAudioMediaType(mediaType);
        }

        if (settings?.ExtensionData is not { Count: > 0 } data)
        {
            return options;
        }

        var extras = new AdditionalPropertiesDictionary();
        foreach (KeyValuePair<string, object> extra in data)
        {
            extras[extra.Key] = extra.Value;
        }

        options.SpeechLanguage = TakeText(extras, "language");
        if (TakeText(extras, "prompt") is { } prompt)
        {
            options.WithTranscriptionPrompt(prompt);
        }

        if (Take(extras, "temperature", ToFloat) is { } temperature)
        {
            options.WithTranscriptionTemperature(temperature);
        }

        if (TakeText(extras, "response_format") is { } format)
        {
            options.WithTranscriptionFormat(Format(format));
        }

        if (TakeStrings(extras, "timestamp_granularities") is { } granularities)
        {
            options.WithTimestampGranularities(Granularities(granularities));
        }

        if (TakeText(extras, "filename") is { } fileName)
        {
            options.WithAudioFileName(fileName);
        }

        foreach (KeyValuePair<string, object?> extra in extras)
        {
            (options.AdditionalProperties ??= [])[extra.Key] = extra.Value;
        }

        return options;
    }

    private static NexLLMTranscriptionFormat Format(string format) => format.ToLowerInvariant() switch
    {
        "json" => NexLLMTranscriptionFormat.Json,
        "verbose_json" => NexLLMTranscriptionFormat.VerboseJson,
        "text" => NexLLMTranscriptionFormat.Text,
        "srt" => NexLLMTranscriptionFormat.Srt,
        "vtt" => NexLLMTranscriptionFormat.Vtt,
        _ => throw Wrong("response_format", "json, verbose_json, text, srt or vtt", format),
    };

    private static NexLLMTimestampGranularities Granularities(IList<string> words)
    {
        var granularities = NexLLMTimestampGranularities.None;
        foreach (string word in words)
        {
            granularities |= word.ToLowerInvariant() switch
            {
                "word" => NexLLMTimestampGranularities.Word,
                "segment" => NexLLMTimestampGranularities.Segment,
                _ => throw Wrong("timestamp_granularities", "word or segment", word),
            };
        }

        return granularities;
    }
}
