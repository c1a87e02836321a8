namespace NexLLM.Connectors.Audio;

/// <summary>
/// The audio formats of <c>POST /v1/audio/speech</c> (docs/protocols/audio.md#speech): the <c>response_format</c> words,
/// the media types that stand for them, and what the raw <c>pcm</c> format is (24 kHz, 16-bit, mono, little-endian), said on
/// each audio content under the <c>nexllm.audio.*</c> keys below, since no media type says all of it.
/// </summary>
internal static class SpeechFormats
{
    /// <summary>The format the server writes when <c>response_format</c> is not sent.</summary>
    public const string DefaultFormat = "mp3";

    /// <summary>An <see cref="int"/> content property of <c>pcm</c> audio: samples per second (24,000).</summary>
    public const string SampleRateKey = "nexllm.audio.sample_rate";

    /// <summary>An <see cref="int"/> content property of <c>pcm</c> audio: bits per sample (16, signed).</summary>
    public const string BitsPerSampleKey = "nexllm.audio.bits_per_sample";

    /// <summary>An <see cref="int"/> content property of <c>pcm</c> audio: channels (1).</summary>
    public const string ChannelsKey = "nexllm.audio.channels";

    /// <summary>A <see cref="string"/> content property of <c>pcm</c> audio: the samples' byte order (<c>little-endian</c>).</summary>
    public const string ByteOrderKey = "nexllm.audio.byte_order";

    /// <summary>The words <c>response_format</c> takes, for messages.</summary>
    public const string Accepted = "mp3, opus, aac, flac, wav or pcm, or a media type of one of them (audio/mpeg, audio/opus, audio/aac, audio/flac, audio/wav, audio/pcm)";

    /// <summary>
    /// The media type of raw PCM. Not <c>audio/L16</c>, which RFC 2586 defines as big-endian: the speech endpoint writes
    /// little-endian samples.
    /// </summary>
    private const string PcmMediaType = "audio/pcm";

    /// <summary>The <c>response_format</c> word of a format name or media type (any case, parameters ignored), or <see langword="null"/>.</summary>
    public static string? ToResponseFormat(string format)
    {
        int parameters = format.IndexOf(';', StringComparison.Ordinal);
        string name = (parameters >= 0 ? format[..parameters] : format).Trim().ToLowerInvariant();
        return name switch
        {
            "mp3" or "mpeg" or "audio/mpeg" or "audio/mp3" or "audio/mpeg3" => "mp3",
            "opus" or "audio/opus" or "audio/ogg" => "opus",
            "aac" or "audio/aac" or "audio/x-aac" => "aac",
            "flac" or "audio/flac" or "audio/x-flac" => "flac",
            "wav" or "wave" or "audio/wav" or "audio/x-wav" or "audio/wave" or "audio/vnd.wave" => "wav",
            "pcm" or "audio/pcm" or "audio/l16" => "pcm",
            _ => null,
        };
    }

    /// <summary>The media type of a <c>response_format</c> word.</summary>
    public static string MediaTypeOf(string responseFormat) => responseFormat switch
    {
        "mp3" => "audio/mpeg",
        "opus" => "audio/opus",
        "aac" => "audio/aac",
        "flac" => "audio/flac",
        "wav" => "audio/wav",
        "pcm" => PcmMediaType,
        _ => "application/octet-stream",
    };

    /// <summary>
    /// The media type of audio the server sent without being asked for a format: its <c>Content-Type</c> when that names
    /// an audio format (normalised, <c>audio/mp3</c> is <c>audio/mpeg</c>), else that of the server's default, mp3.
    /// </summary>
    public static string MediaTypeOfDefault(string? contentType) =>
        MediaTypeOf(contentType is null ? DefaultFormat : ToResponseFormat(contentType) ?? DefaultFormat);

    /// <summary>Whether a response format is raw PCM, whose properties go on every audio content.</summary>
    public static bool IsPcm(string mediaType) => mediaType == PcmMediaType;

    /// <summary>The properties of raw PCM audio, a new dictionary for each content (a caller may change it).</summary>
    public static Microsoft.Extensions.AI.AdditionalPropertiesDictionary PcmProperties() => new()
    {
        [SampleRateKey] = 24_000,
        [BitsPerSampleKey] = 16,
        [ChannelsKey] = 1,
        [ByteOrderKey] = "little-endian",
    };
}
