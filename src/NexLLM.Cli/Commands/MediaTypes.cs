namespace NexLLM.Cli.Commands;

/// <summary>Media types of the files the commands read and write, by file extension.</summary>
internal static class MediaTypes
{
    /// <summary>The image media type of a file name, or <see langword="null"/> for an extension that is not an image format the API knows.</summary>
    /// <param name="path">The file name.</param>
    /// <returns>The media type.</returns>
    public static string? Image(string path) => Path.GetExtension(path).ToUpperInvariant() switch
    {
        ".PNG" => "image/png",
        ".JPG" or ".JPEG" => "image/jpeg",
        ".WEBP" => "image/webp",
        _ => null,
    };

    /// <summary>The speech format of a file name (<c>wav</c>, <c>mp3</c>…), or <see langword="null"/> for one the speech API does not produce.</summary>
    /// <param name="path">The file name.</param>
    /// <returns>The format.</returns>
    public static string? SpeechFormat(string path) => Path.GetExtension(path).ToUpperInvariant() switch
    {
        ".WAV" => "wav",
        ".MP3" => "mp3",
        ".OPUS" => "opus",
        ".AAC" => "aac",
        ".FLAC" => "flac",
        ".PCM" => "pcm",
        _ => null,
    };
}
