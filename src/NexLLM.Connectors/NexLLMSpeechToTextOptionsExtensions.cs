using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.AI;
using NexLLM.Connectors.Audio;

namespace NexLLM.Connectors;

/// <summary>
/// Typed NexLLM options on <see cref="SpeechToTextOptions"/> for the transcription fields M.E.AI has no property for
/// (docs/protocols/audio.md). They are stored under reserved <c>nexllm.</c> keys of
/// <see cref="SpeechToTextOptions.AdditionalProperties"/> and sent under their wire names.
/// </summary>
[Experimental("MEAI001")]
public static class NexLLMSpeechToTextOptionsExtensions
{
    /// <summary>
    /// Sets the upload's file name. The server tells the audio's format by the name's extension (<c>.mp3</c>, <c>.wav</c>,
    /// <c>.flac</c>, <c>.m4a</c>, <c>.ogg</c>, <c>.webm</c>, ...); without this option the name comes from the media type
    /// (<see cref="WithAudioMediaType"/>), else from a <see cref="FileStream"/>'s name, else from the audio's first bytes.
    /// </summary>
    /// <param name="options">The options to change.</param>
    /// <param name="fileName">The file name, for example <c>meeting.m4a</c>.</param>
    /// <returns>The same <paramref name="options"/>, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> or <paramref name="fileName"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="fileName"/> is empty or white space.</exception>
    public static SpeechToTextOptions WithAudioFileName(this SpeechToTextOptions options, string fileName) =>
        Set(options, AudioOptionKeys.FileName, Throw.IfNullOrWhiteSpace(fileName));

    /// <summary>Sets the upload's media type (its part's <c>Content-Type</c>), for example <c>audio/wav</c>; also names the file when no name was set.</summary>
    /// <param name="options">The options to change.</param>
    /// <param name="mediaType">The media type.</param>
    /// <returns>The same <paramref name="options"/>, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> or <paramref name="mediaType"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="mediaType"/> is empty, white space, or not a media type.</exception>
    public static SpeechToTextOptions WithAudioMediaType(this SpeechToTextOptions options, string mediaType)
    {
        Throw.IfNull(options);
        if (!AudioFileTypes.IsMediaType(Throw.IfNullOrWhiteSpace(mediaType)))
        {
            throw new ArgumentException($"'{mediaType.ReplaceLineEndings(" ")}' is not a media type such as audio/wav.", nameof(mediaType));
        }

        return Set(options, AudioOptionKeys.MediaType, mediaType);
    }

    /// <summary>Sets <c>prompt</c>: text that guides the transcript's style or continues a previous segment (in the audio's language).</summary>
    /// <param name="options">The options to change.</param>
    /// <param name="prompt">The prompt.</param>
    /// <returns>The same <paramref name="options"/>, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> or <paramref name="prompt"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="prompt"/> is empty or white space.</exception>
    public static SpeechToTextOptions WithTranscriptionPrompt(this SpeechToTextOptions options, string prompt) =>
        Set(options, AudioOptionKeys.Prompt, Throw.IfNullOrWhiteSpace(prompt));

    /// <summary>Sets <c>response_format</c>, which also decides how the answer is read.</summary>
    /// <param name="options">The options to change.</param>
    /// <param name="format">The format.</param>
    /// <returns>The same <paramref name="options"/>, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="format"/> is not a defined value.</exception>
    public static SpeechToTextOptions WithTranscriptionFormat(this SpeechToTextOptions options, NexLLMTranscriptionFormat format) =>
        Set(options, AudioOptionKeys.Format, Defined(format));

    /// <summary>
    /// Sets <c>timestamp_granularities[]</c> (whisper-1). They need <see cref="NexLLMTranscriptionFormat.VerboseJson"/>,
    /// which is sent when no format was set; another format set with them is refused before sending.
    /// </summary>
    /// <param name="options">The options to change.</param>
    /// <param name="granularities">Word, segment, or both.</param>
    /// <returns>The same <paramref name="options"/>, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="granularities"/> has a flag that is not defined.</exception>
    public static SpeechToTextOptions WithTimestampGranularities(this SpeechToTextOptions options, NexLLMTimestampGranularities granularities)
    {
        if ((granularities & ~(NexLLMTimestampGranularities.Word | NexLLMTimestampGranularities.Segment)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(granularities), granularities, "Timestamp granularities are Word, Segment, or both.");
        }

        return Set(options, AudioOptionKeys.Granularities, granularities);
    }

    /// <summary>Sets <c>temperature</c>, from 0 to 1: higher is more random; 0 lets the model raise it where it needs to.</summary>
    /// <param name="options">The options to change.</param>
    /// <param name="temperature">The sampling temperature, 0 to 1.</param>
    /// <returns>The same <paramref name="options"/>, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="temperature"/> is below 0, above 1, or not a number.</exception>
    public static SpeechToTextOptions WithTranscriptionTemperature(this SpeechToTextOptions options, float temperature)
    {
        if (!(temperature is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(temperature), temperature, "The transcription temperature is from 0 to 1.");
        }

        return Set(options, AudioOptionKeys.Temperature, temperature);
    }

    /// <summary>
    /// Asks for the tokens' log probabilities (<c>include[]=logprobs</c>; gpt-4o transcribe models, <c>json</c> format).
    /// They are returned in the response's <c>AdditionalProperties["nexllm.logprobs"]</c> as the server's JSON.
    /// </summary>
    /// <param name="options">The options to change.</param>
    /// <returns>The same <paramref name="options"/>, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    public static SpeechToTextOptions WithTranscriptionLogprobs(this SpeechToTextOptions options) =>
        Set(options, AudioOptionKeys.Logprobs, true);

    private static SpeechToTextOptions Set(SpeechToTextOptions options, string key, object value)
    {
        Throw.IfNull(options);
        (options.AdditionalProperties ??= [])[key] = value;
        return options;
    }

    private static NexLLMTranscriptionFormat Defined(NexLLMTranscriptionFormat format) =>
        format is >= NexLLMTranscriptionFormat.Json and <= NexLLMTranscriptionFormat.Vtt
            ? format
            : throw new ArgumentOutOfRangeException(nameof(format), format, "Not a transcription format.");
}
