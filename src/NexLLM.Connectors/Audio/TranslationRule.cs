using Microsoft.Extensions.AI;

namespace NexLLM.Connectors.Audio;

/// <summary>
/// When a speech-to-text request is a translation (docs/protocols/audio.md#how-this-connector-uses-it):
/// <c>/v1/audio/translations</c> produces English only, so English asked for in <see cref="SpeechToTextOptions.TextLanguage"/>
/// from speech in another (or an unnamed) language goes there; text in the spoken language is a transcription; any other
/// target language cannot be produced and is refused before anything is sent.
/// </summary>
internal static class TranslationRule
{
    /// <summary>Whether the request is a translation.</summary>
    /// <exception cref="ArgumentException">The text language is neither English nor the spoken language.</exception>
    public static bool IsTranslation(SpeechToTextOptions? options)
    {
        if (options?.TextLanguage is not { } text || string.IsNullOrWhiteSpace(text) || SameLanguage(text, options.SpeechLanguage))
        {
            return false;
        }

        if (SameLanguage(text, "en"))
        {
            return true;
        }

        throw new ArgumentException(
            $"TextLanguage '{text}' cannot be produced from {(!string.IsNullOrWhiteSpace(options.SpeechLanguage) ? $"SpeechLanguage '{options.SpeechLanguage}'" : "speech in an unnamed language")}: NexLLM's audio translations (/v1/audio/translations) produce English only. Set TextLanguage to \"en\" to translate, or leave it unset (or equal to SpeechLanguage) to transcribe in the spoken language.",
            nameof(options));
    }

    /// <summary>Whether two language tags name the same language (<c>en</c>, <c>en-US</c> and <c>EN_gb</c> do).</summary>
    private static bool SameLanguage(string tag, string? other) =>
        !string.IsNullOrWhiteSpace(other) && Primary(tag).Equals(Primary(other), StringComparison.OrdinalIgnoreCase);

    private static ReadOnlySpan<char> Primary(string tag)
    {
        int dash = tag.AsSpan().IndexOfAny('-', '_');
        return (dash > 0 ? tag.AsSpan(0, dash) : tag.AsSpan()).Trim();
    }
}
