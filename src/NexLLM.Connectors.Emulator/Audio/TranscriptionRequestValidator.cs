using System.Globalization;
using NexLLM.Connectors.Emulator.Shared;

namespace NexLLM.Connectors.Emulator.Audio;

/// <summary>
/// OpenAI's checks of a transcription or translation, relayed by new-api as HTTP 400
/// (docs/protocols/audio.md#transcriptions-and-translations): the file's format from its name's extension, the
/// response format (and which models take which: GPT transcribe models answer only <c>json</c> and <c>text</c>),
/// timestamp granularities (only with <c>verbose_json</c>), <c>include[]=logprobs</c> (only GPT transcribe models, only
/// <c>json</c>), the temperature (0 to 1) and <c>stream</c>. Translations read only <c>prompt</c>,
/// <c>response_format</c> and <c>temperature</c>; other fields are ignored there.
/// </summary>
internal static class TranscriptionRequestValidator
{
    /// <summary>The extensions OpenAI reads, as its message lists them.</summary>
    public static readonly string[] FileFormats = ["flac", "m4a", "mp3", "mp4", "mpeg", "mpga", "oga", "ogg", "wav", "webm"];

    private static readonly string[] TranscriptionFormats = ["json", "text", "srt", "verbose_json", "vtt", "diarized_json"];
    private static readonly string[] TranslationFormats = ["json", "text", "srt", "verbose_json", "vtt"];
    private static readonly string[] Granularities = ["word", "segment"];

    public static OpenAIUpstreamError? TryRead(TranscriptionForm form, bool translation, out TranscriptionCall? call)
    {
        call = null;
        var file = form.File!;
        string extension = Path.GetExtension(file.FileName!).TrimStart('.').ToLowerInvariant();
        if (!FileFormats.Contains(extension))
        {
            return OpenAIUpstreamError.Invalid($"Invalid file format. Supported formats: [{string.Join(", ", FileFormats.Select(f => $"'{f}'"))}]", "", null);
        }

        string model = form["model"]!;
        string format = form["response_format"] is { Length: > 0 } asked ? asked : "json";
        if (FindFormatError(model, format, translation) is { } formatError)
        {
            return formatError;
        }

        IReadOnlyList<string> granularities = translation ? [] : form.All("timestamp_granularities");
        if (granularities.FirstOrDefault(g => !Granularities.Contains(g)) is { } badGranularity)
        {
            return OpenAIUpstreamError.InvalidValue("timestamp_granularities", badGranularity, Granularities);
        }

        if (granularities.Count > 0 && format != "verbose_json")
        {
            return OpenAIUpstreamError.Invalid("timestamp_granularities[] is only supported with response_format 'verbose_json'.", "timestamp_granularities", "unsupported_value");
        }

        IReadOnlyList<string> include = translation ? [] : form.All("include");
        if (FindIncludeError(include, model, format) is { } includeError)
        {
            return includeError;
        }

        double temperature = 0;
        if (form["temperature"] is { } text && !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out temperature))
        {
            return OpenAIUpstreamError.Invalid("Invalid type for 'temperature': expected a decimal, but got a string instead.", "temperature", "invalid_type");
        }

        if (temperature is < 0 or > 1)
        {
            return OpenAIUpstreamError.DecimalOutOfRange("temperature", temperature, 0, 1);
        }

        bool stream = false;
        if (!translation && form["stream"] is { } streamText && !bool.TryParse(streamText, out stream))
        {
            return OpenAIUpstreamError.Invalid("Invalid type for 'stream': expected a boolean, but got a string instead.", "stream", "invalid_type");
        }

        call = new TranscriptionCall(
            translation,
            model,
            format,
            Words: granularities.Contains("word"),
            Segments: granularities.Count == 0 || granularities.Contains("segment"),
            Logprobs: include.Count > 0,
            // OpenAI ignores stream=true for whisper-1 (transcription_create_params.py).
            Stream: stream && TranscriptionCall.IsGptTranscribeModel(model),
            temperature,
            translation ? null : form["language"],
            form["prompt"] ?? "",
            file);
        return null;
    }

    private static OpenAIUpstreamError? FindFormatError(string model, string format, bool translation)
    {
        string[] known = translation ? TranslationFormats : TranscriptionFormats;
        if (!known.Contains(format))
        {
            return OpenAIUpstreamError.InvalidValue("response_format", format, known);
        }

        string[] taken = model.Contains("diarize", StringComparison.Ordinal) ? ["json", "text", "diarized_json"]
            : TranscriptionCall.IsGptTranscribeModel(model) ? ["json", "text"]
            : TranslationFormats;
        if (!taken.Contains(format))
        {
            // OpenAI's wording for gpt-4o-transcribe and verbose_json (docs/protocols/audio.md#transcriptions-and-translations).
            string use = string.Join(", ", taken[..^1].Select(f => $"'{f}'")) + $" or '{taken[^1]}'";
            return OpenAIUpstreamError.Invalid($"response_format '{format}' is not compatible with model '{model}'. Use {use} instead.", "response_format", "unsupported_value");
        }

        return format == "diarized_json"
            ? OpenAIUpstreamError.Invalid(
                "The NexLLM emulator does not write diarized_json: response_format 'diarized_json' is not available here. Ask for 'json' or 'text'.",
                "response_format",
                "unsupported_response_format")
            : null;
    }

    private static OpenAIUpstreamError? FindIncludeError(IReadOnlyList<string> include, string model, string format)
    {
        if (include.FirstOrDefault(i => i != "logprobs") is { } bad)
        {
            return OpenAIUpstreamError.InvalidValue("include", bad, "logprobs");
        }

        if (include.Count == 0)
        {
            return null;
        }

        if (!TranscriptionCall.IsGptTranscribeModel(model) || model.Contains("diarize", StringComparison.Ordinal))
        {
            return OpenAIUpstreamError.Invalid("Unsupported value: 'include' does not support 'logprobs' with this model.", "include", "unsupported_value");
        }

        return format != "json"
            ? OpenAIUpstreamError.Invalid("Unsupported value: 'include' supports 'logprobs' only with response_format 'json'.", "include", "unsupported_value")
            : null;
    }
}
