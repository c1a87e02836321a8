using System.Security.Cryptography;

namespace NexLLM.Connectors.Emulator.Images;

/// <summary>What an edit's inputs give the painter.</summary>
/// <param name="Tint">The first image's average colour (or, when it cannot be decoded, a colour hashed from its bytes).</param>
/// <param name="Original">The first image, decoded, when it is a PNG the emulator reads.</param>
/// <param name="Mask">The mask, decoded, when there is one and the emulator reads it.</param>
internal sealed record ImageEditSource(Rgb Tint, DecodedImage? Original, DecodedImage? Mask)
{
    /// <summary>Reads an edit's first image and its mask; <see langword="null"/> for a generation (no images).</summary>
    public static ImageEditSource? Of(IReadOnlyList<ImageInput> images, ImageInput? mask)
    {
        if (images.Count == 0)
        {
            return null;
        }

        var first = images[0];
        var original = first.Reference is null ? PngDecoder.TryDecode(first.Bytes) : null;
        var tint = original?.AverageColour() ?? HashedColour(first.Bytes);
        return new ImageEditSource(tint, original, mask is { Reference: null } ? PngDecoder.TryDecode(mask.Bytes) : null);
    }

    /// <summary>A colour for a file the emulator does not decode (JPEG, WebP, a reference): the first bytes of its SHA-256.</summary>
    private static Rgb HashedColour(byte[] bytes)
    {
        byte[] hash = SHA256.HashData(bytes);
        return new Rgb(hash[0], hash[1], hash[2]);
    }
}
