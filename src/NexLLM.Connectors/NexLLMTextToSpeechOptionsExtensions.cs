using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.AI;
using NexLLM.Connectors.Audio;

namespace NexLLM.Connectors;

/// <summary>
/// Typed NexLLM options on <see cref="TextToSpeechOptions"/> for the speech fields M.E.AI has no property for
/// (docs/protocols/audio.md#speech). They are stored under reserved <c>nexllm.</c> keys of
/// <see cref="TextToSpeechOptions.AdditionalProperties"/> and sent under their wire names.
/// </summary>
[Experimental("MEAI001")]
public static class NexLLMTextToSpeechOptionsExtensions
{
    /// <summary>Sets <c>instructions</c>: how to speak (tone, accent, pace). Not for <c>tts-1</c> and <c>tts-1-hd</c>.</summary>
    /// <param name="options">The options to change.</param>
    /// <param name="instructions">The instructions.</param>
    /// <returns>The same <paramref name="options"/>, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> or <paramref name="instructions"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="instructions"/> is empty or white space.</exception>
    public static TextToSpeechOptions WithSpeechInstructions(this TextToSpeechOptions options, string instructions) =>
        Set(options, AudioOptionKeys.Instructions, Throw.IfNullOrWhiteSpace(instructions));

    /// <summary>
    /// Sets <c>stream_format</c> for <c>GetStreamingAudioAsync</c>: the audio's bytes as they arrive (the default), or
    /// server-sent events of base64 audio that end with the usage. Not sent by <c>GetAudioAsync</c>, which wants the file.
    /// </summary>
    /// <param name="options">The options to change.</param>
    /// <param name="format">The stream format.</param>
    /// <returns>The same <paramref name="options"/>, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="format"/> is not a defined value.</exception>
    public static TextToSpeechOptions WithSpeechStreamFormat(this TextToSpeechOptions options, NexLLMSpeechStreamFormat format)
    {
        if (format is not (NexLLMSpeechStreamFormat.Audio or NexLLMSpeechStreamFormat.Sse))
        {
            throw new ArgumentOutOfRangeException(nameof(format), format, "Not a speech stream format.");
        }

        return Set(options, AudioOptionKeys.StreamFormat, format);
    }

    private static TextToSpeechOptions Set(TextToSpeechOptions options, string key, object value)
    {
        Throw.IfNull(options);
        (options.AdditionalProperties ??= [])[key] = value;
        return options;
    }
}
