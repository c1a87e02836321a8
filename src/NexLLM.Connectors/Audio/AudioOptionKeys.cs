using Microsoft.Extensions.AI;

namespace NexLLM.Connectors.Audio;

/// <summary>
/// Keys of the audio options' <c>AdditionalProperties</c> that carry our typed audio options (written by
/// <see cref="NexLLMSpeechToTextOptionsExtensions"/> and <see cref="NexLLMTextToSpeechOptionsExtensions"/>). Like every
/// typed option they start with the reserved <c>nexllm.</c> prefix, so they are never sent under their own names
/// (docs/architecture.md#conventions).
/// </summary>
internal static class AudioOptionKeys
{
    /// <summary>A <see cref="string"/>: the upload's file name.</summary>
    public const string FileName = "nexllm.audio.file_name";

    /// <summary>A <see cref="string"/>: the upload's media type.</summary>
    public const string MediaType = "nexllm.audio.media_type";

    /// <summary>A <see cref="string"/>: <c>prompt</c>.</summary>
    public const string Prompt = "nexllm.audio.prompt";

    /// <summary>A <see cref="NexLLMTranscriptionFormat"/>: <c>response_format</c>.</summary>
    public const string Format = "nexllm.audio.response_format";

    /// <summary>A <see cref="NexLLMTimestampGranularities"/>: <c>timestamp_granularities[]</c>.</summary>
    public const string Granularities = "nexllm.audio.timestamp_granularities";

    /// <summary>A <see cref="float"/>: <c>temperature</c>.</summary>
    public const string Temperature = "nexllm.audio.temperature";

    /// <summary>A <see cref="bool"/>: <c>include[]=logprobs</c>.</summary>
    public const string Logprobs = "nexllm.audio.logprobs";

    /// <summary>A <see cref="string"/>: speech <c>instructions</c>.</summary>
    public const string Instructions = "nexllm.audio.instructions";

    /// <summary>A <see cref="NexLLMSpeechStreamFormat"/>: speech <c>stream_format</c>.</summary>
    public const string StreamFormat = "nexllm.audio.stream_format";

    /// <summary>Reads an option of type <typeparamref name="T"/>.</summary>
    public static T? Get<T>(AdditionalPropertiesDictionary? properties, string key)
        where T : struct =>
        properties?.TryGetValue(key, out object? value) is true && value is T typed ? typed : null;

    /// <summary>Reads a non-empty <see cref="string"/> option.</summary>
    public static string? Text(AdditionalPropertiesDictionary? properties, string key) =>
        properties?.TryGetValue(key, out object? value) is true && value is string { Length: > 0 } text ? text : null;
}
