using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using NexLLM.Connectors.Common;

namespace NexLLM.Connectors.Audio;

/// <summary>
/// The text fields of a transcription or translation form (docs/protocols/audio.md#how-this-connector-uses-it), in the
/// order they are sent, before the <c>file</c> part; and the <c>response_format</c> they settle, which decides how the
/// answer is read. The caller's extra fields replace a mapped field of the same name, so a field is never sent twice.
/// </summary>
internal sealed class TranscriptionForm
{
    private TranscriptionForm(List<KeyValuePair<string, string>> fields, string format)
    {
        Fields = fields;
        Format = format;
    }

    /// <summary>Gets the fields, in order.</summary>
    public List<KeyValuePair<string, string>> Fields { get; }

    /// <summary>Gets the <c>response_format</c> sent (or the server's default, <c>json</c>).</summary>
    public string Format { get; }

    /// <summary>Maps the options to the form's fields.</summary>
    /// <param name="model">The model.</param>
    /// <param name="options">The caller's options.</param>
    /// <param name="translation">Whether the request goes to <c>/audio/translations</c>, which takes no language, timestamps, log probabilities or stream.</param>
    /// <param name="stream">Whether to send <c>stream=true</c>.</param>
    /// <param name="extras">The caller's extra fields (<see cref="RequestBody.ExtraFields"/>).</param>
    /// <param name="ignore">Called with each option this request cannot send.</param>
    /// <exception cref="ArgumentException">Timestamps are asked for with a format other than <c>verbose_json</c>.</exception>
    public static TranscriptionForm Build(string model, SpeechToTextOptions? options, bool translation, bool stream, JsonObject? extras, Action<string> ignore)
    {
        AdditionalPropertiesDictionary? typed = options?.AdditionalProperties;
        NexLLMTimestampGranularities granularities = AudioOptionKeys.Get<NexLLMTimestampGranularities>(typed, AudioOptionKeys.Granularities) ?? NexLLMTimestampGranularities.None;
        NexLLMTranscriptionFormat? asked = AudioOptionKeys.Get<NexLLMTranscriptionFormat>(typed, AudioOptionKeys.Format);
        if (granularities != NexLLMTimestampGranularities.None && asked is { } other && other != NexLLMTranscriptionFormat.VerboseJson)
        {
            throw new ArgumentException(
                $"Timestamp granularities need the VerboseJson transcription format; {other} was asked for. Remove WithTranscriptionFormat, or ask for VerboseJson.", nameof(options));
        }

        var fields = new List<KeyValuePair<string, string>> { new("model", model) };
        if (options?.SpeechLanguage is { } language && !string.IsNullOrWhiteSpace(language))
        {
            Add(fields, "language", LanguageCode(language), translation, ignore, nameof(SpeechToTextOptions.SpeechLanguage));
        }

        if (AudioOptionKeys.Text(typed, AudioOptionKeys.Prompt) is { } prompt)
        {
            fields.Add(new("prompt", prompt));
        }

        string? format = asked is { } chosen ? TranscriptionFormats.WireName(chosen)
            : granularities != NexLLMTimestampGranularities.None && !translation ? TranscriptionFormats.VerboseJson
            : null;
        if (format is not null)
        {
            fields.Add(new("response_format", format));
        }

        if (AudioOptionKeys.Get<float>(typed, AudioOptionKeys.Temperature) is { } temperature)
        {
            fields.Add(new("temperature", temperature.ToString("R", CultureInfo.InvariantCulture)));
        }

        foreach ((NexLLMTimestampGranularities flag, string word) in new[] { (NexLLMTimestampGranularities.Word, "word"), (NexLLMTimestampGranularities.Segment, "segment") })
        {
            if (granularities.HasFlag(flag))
            {
                Add(fields, "timestamp_granularities[]", word, translation, ignore, "WithTimestampGranularities");
            }
        }

        if (AudioOptionKeys.Get<bool>(typed, AudioOptionKeys.Logprobs) is true)
        {
            Add(fields, "include[]", "logprobs", translation, ignore, "WithTranscriptionLogprobs");
        }

        if (stream)
        {
            fields.Add(new("stream", "true"));
        }

        if (options?.SpeechSampleRate is not null)
        {
            // The server reads the rate from the file itself.
            ignore(nameof(SpeechToTextOptions.SpeechSampleRate));
        }

        FormFields.Merge(fields, extras);
        string sent = fields.FindLast(field => field.Key == "response_format").Value is { Length: > 0 } extra ? extra : TranscriptionFormats.Json;
        return new TranscriptionForm(fields, sent);
    }

    /// <summary>The ISO-639-1 code the server takes: <c>en-US</c> is sent as <c>en</c>.</summary>
    private static string LanguageCode(string language)
    {
        language = language.Trim();
        int dash = language.IndexOfAny(['-', '_']);
        return (dash > 0 ? language[..dash] : language).ToLowerInvariant();
    }

    private static void Add(List<KeyValuePair<string, string>> fields, string name, string value, bool translation, Action<string> ignore, string option)
    {
        if (translation)
        {
            ignore(option);
        }
        else
        {
            fields.Add(new(name, value));
        }
    }
}
