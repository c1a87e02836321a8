namespace NexLLM.Connectors.Common;

/// <summary>
/// The image formats of the images endpoints and of Responses image generation (docs/protocols/images.md): the <c>output_format</c> words, their media
/// types and file extensions, and the signatures that tell the formats apart in bytes.
/// </summary>
internal static class ImageFormats
{
    public const string Png = "image/png";
    public const string Jpeg = "image/jpeg";
    public const string Webp = "image/webp";
    public const string Gif = "image/gif";

    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private static ReadOnlySpan<byte> JpegSignature => [0xFF, 0xD8, 0xFF];

    /// <summary>The media type of an image's bytes from their signature, or <see langword="null"/> when none is known.</summary>
    /// <param name="bytes">The image's first bytes (more are not needed).</param>
    /// <returns><c>image/png</c>, <c>image/jpeg</c>, <c>image/webp</c>, <c>image/gif</c> or <see langword="null"/>.</returns>
    public static string? Sniff(ReadOnlySpan<byte> bytes) =>
        bytes.StartsWith(PngSignature) ? Png
        : bytes.StartsWith(JpegSignature) ? Jpeg
        : bytes.Length >= 12 && bytes.StartsWith("RIFF"u8) && bytes[8..12].SequenceEqual("WEBP"u8) ? Webp
        : bytes.StartsWith("GIF87a"u8) || bytes.StartsWith("GIF89a"u8) ? Gif
        : null;

    /// <summary>The media type of an <c>output_format</c> word, or <see langword="null"/> for another word.</summary>
    public static string? FromOutputFormat(string? outputFormat) => outputFormat?.ToUpperInvariant() switch
    {
        "PNG" => Png,
        "JPEG" or "JPG" => Jpeg,
        "WEBP" => Webp,
        "GIF" => Gif,
        _ => null,
    };

    /// <summary>The <c>output_format</c> word of a media type the endpoints can write (<c>png</c>, <c>jpeg</c>, <c>webp</c>), or <see langword="null"/>.</summary>
    public static string? ToOutputFormat(string mediaType) => mediaType.ToLowerInvariant() switch
    {
        Png => "png",
        Jpeg or "image/jpg" => "jpeg",
        Webp => "webp",
        _ => null,
    };

    /// <summary>The usual file extension of an image media type (with its dot), or <see langword="null"/> for another type.</summary>
    public static string? Extension(string mediaType) => mediaType.ToLowerInvariant() switch
    {
        Png => ".png",
        Jpeg or "image/jpg" => ".jpg",
        Webp => ".webp",
        Gif => ".gif",
        _ => null,
    };

    /// <summary>The media type a file name's extension stands for, or <see langword="null"/>.</summary>
    public static string? FromFileName(string fileName) => Path.GetExtension(fileName).ToLowerInvariant() switch
    {
        ".png" => Png,
        ".jpg" or ".jpeg" => Jpeg,
        ".webp" => Webp,
        ".gif" => Gif,
        _ => null,
    };
}
