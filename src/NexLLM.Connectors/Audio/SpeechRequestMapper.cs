using System.Globalization;
using System.Text;
using Microsoft.Extensions.AI;

namespace NexLLM.Connectors.Audio;

/// <summary>
/// Maps a text and its <see cref="TextToSpeechOptions"/> to the fields of <c>POST /v1/audio/speech</c>
/// (docs/protocols/audio.md#speech). Caller mistakes are <see cref="ArgumentException"/>s raised before any request, naming
/// the option; an option the endpoint has no field for is reported to <c>ignored</c> and not sent.
/// </summary>
internal static class SpeechRequestMapper
{
    /// <summary>The voice sent when <see cref="TextToSpeechOptions.VoiceId"/> is not set: the one M.E.AI's OpenAI adapter uses.</summary>
    public const string DefaultVoice = "alloy";

    /// <summary>The longest <c>input</c> the endpoint takes, in characters.</summary>
    public const int MaxInputCharacters = 4096;

    private const float MinSpeed = 0.25f;
    private const float MaxSpeed = 4.0f;

    // The built-in voices (docs/protocols/audio.md#speech); a custom voice's id starts with "voice_".
    private static readonly string[] NamedVoices = ["alloy", "ash", "ballad", "coral", "echo", "fable", "onyx", "nova", "sage", "shimmer", "verse", "marin", "cedar"];

    /// <summary>Maps the request.</summary>
    /// <param name="text">The text to speak.</param>
    /// <param name="options">The caller's options.</param>
    /// <param name="model">The model: the client's, or the options' <c>ModelId</c>.</param>
    /// <param name="streamFormat">The <c>stream_format</c> to send (<c>sse</c>), or <see langword="null"/>.</param>
    /// <param name="ignored">Told the name of every option that is not sent.</param>
    /// <returns>The fields to send.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The text is empty or too long, or an option has a value the endpoint cannot take.</exception>
    public static SpeechRequest Map(string text, TextToSpeechOptions? options, string model, string? streamFormat, Action<string> ignored)
    {
        ValidateText(text);
        if (options?.Language is not null)
        {
            // The voice speaks the language of the text; the endpoint has no language field.
            ignored("Language");
        }

        if (options?.Pitch is not null)
        {
            ignored("Pitch");
        }

        if (options?.Volume is not null)
        {
            ignored("Volume");
        }

        return new SpeechRequest
        {
            Model = model,
            Input = text,
            Voice = VoiceOf(options?.VoiceId),
            Instructions = AudioOptionKeys.Text(options?.AdditionalProperties, AudioOptionKeys.Instructions),
            ResponseFormat = ResponseFormatOf(options?.AudioFormat),
            Speed = SpeedOf(options?.Speed),
            StreamFormat = streamFormat,
        };
    }

    /// <summary>The <c>response_format</c> word of <see cref="TextToSpeechOptions.AudioFormat"/>, or <see langword="null"/> when it is not set.</summary>
    /// <exception cref="ArgumentException">The format is not one the endpoint writes.</exception>
    public static string? ResponseFormatOf(string? audioFormat) =>
        audioFormat is null ? null
        : SpeechFormats.ToResponseFormat(audioFormat) ?? throw Invalid(
            $"'{audioFormat}' is not a format the speech endpoint writes: use {SpeechFormats.Accepted}.", "options.AudioFormat");

    private static void ValidateText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new ArgumentException("The text must not be empty: the speech endpoint requires an input.", nameof(text));
        }

        // The limit counts characters (code points), as the OpenAI API does; a UTF-16 length over it may still fit.
        if (text.Length > MaxInputCharacters && CountCharacters(text) is > MaxInputCharacters and var characters)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"The text has {characters} characters; the speech endpoint takes at most {MaxInputCharacters} (docs/protocols/audio.md#speech): split it."),
                nameof(text));
        }
    }

    private static int CountCharacters(string text)
    {
        int count = 0;
        foreach (Rune _ in text.EnumerateRunes())
        {
            count++;
        }

        return count;
    }

    private static SpeechVoice VoiceOf(string? voiceId)
    {
        if (voiceId is null)
        {
            return new SpeechVoice(DefaultVoice, IsCustom: false);
        }

        if (string.IsNullOrWhiteSpace(voiceId))
        {
            throw Invalid("The voice must not be empty: leave VoiceId unset for the default voice (alloy).", "options.VoiceId");
        }

        if (voiceId.StartsWith("voice_", StringComparison.Ordinal))
        {
            return new SpeechVoice(voiceId, IsCustom: true);
        }

        // A built-in voice is sent in the case the API spells it; any other name is sent as it is (new voices appear, and
        // an upstream behind the gateway may have its own), and the server decides.
        foreach (string named in NamedVoices)
        {
            if (named.Equals(voiceId, StringComparison.OrdinalIgnoreCase))
            {
                return new SpeechVoice(named, IsCustom: false);
            }
        }

        return new SpeechVoice(voiceId, IsCustom: false);
    }

    private static float? SpeedOf(float? speed)
    {
        if (speed is not { } value)
        {
            return null;
        }

        return value is >= MinSpeed and <= MaxSpeed
            ? value
            : throw OutOfRange("options.Speed", value, $"The speed must be between {MinSpeed} and {MaxSpeed} (1 is normal speed).");
    }

    // Options are named by their path from the caller's argument ("options.Speed"), as the other adapters name them.
    private static ArgumentException Invalid(string message, string paramName) => new(message, paramName);

    private static ArgumentOutOfRangeException OutOfRange(string paramName, object? value, string message) => new(paramName, value, message);
}
