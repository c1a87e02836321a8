namespace NexLLM.Connectors.Emulator.Images;

/// <summary>An image (or mask) an edit sends: a multipart file, a JSON data URL, or a reference the emulator cannot fetch.</summary>
/// <param name="Field">Where it came from: the part's name (<c>image</c>, <c>image[]</c>, <c>image[2]</c>, <c>mask</c>) or the JSON field.</param>
/// <param name="FileName">The part's file name, or <see langword="null"/>.</param>
/// <param name="MediaType">The media type sent (the part's <c>Content-Type</c>, a data URL's type), or <see langword="null"/>.</param>
/// <param name="Bytes">The file's bytes; for a reference, the UTF-8 of its text.</param>
/// <param name="Reference">An <c>image_url</c> that is not a data URL, or a <c>file_id</c>: the emulator works from its text.</param>
internal sealed record ImageInput(string Field, string? FileName, string? MediaType, byte[] Bytes, string? Reference = null)
{
    /// <summary>
    /// The file's media type as OpenAI judges it: the one sent (without parameters), else the file name's extension,
    /// else the bytes' signature; <c>application/octet-stream</c> when none tells.
    /// </summary>
    public string EffectiveMediaType =>
        MediaType is { Length: > 0 } sent ? sent.Split(';')[0].Trim().ToLowerInvariant()
        : FromExtension(Path.GetExtension(FileName)) ?? FromSignature(Bytes);

    private static string? FromExtension(string? extension) => extension?.ToLowerInvariant() switch
    {
        ".png" => "image/png",
        ".jpg" or ".jpeg" => "image/jpeg",
        ".webp" => "image/webp",
        ".gif" => "image/gif",
        _ => null,
    };

    private static string FromSignature(byte[] bytes) =>
        PngDecoder.IsPng(bytes) ? "image/png"
        : bytes is [0xFF, 0xD8, 0xFF, ..] ? "image/jpeg"
        : bytes.Length >= 12 && bytes.AsSpan(0, 4).SequenceEqual("RIFF"u8) && bytes.AsSpan(8, 4).SequenceEqual("WEBP"u8) ? "image/webp"
        : "application/octet-stream";
}
