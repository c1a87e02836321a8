using System.Buffers.Binary;
using System.IO.Compression;

namespace NexLLM.Connectors.Emulator.Images;

/// <summary>
/// Reads the PNGs an edit sends (W3C PNG specification): non-interlaced, bit depth 8 (or 16, read by the high byte),
/// greyscale, truecolour, indexed (with <c>PLTE</c> and <c>tRNS</c>), greyscale with alpha or truecolour with alpha.
/// Anything else (interlaced, 1-, 2- or 4-bit, damaged data, a picture above <see cref="MaxPixels"/>) is not decoded:
/// the edit then works from the file's bytes alone. CRCs are not checked.
/// </summary>
internal static class PngDecoder
{
    /// <summary>The largest picture decoded (pixels), which bounds the memory an edit can make the emulator take.</summary>
    public const int MaxPixels = 4096 * 4096;

    /// <summary>Whether the bytes start with the PNG signature.</summary>
    public static bool IsPng(ReadOnlySpan<byte> bytes) => bytes.StartsWith(PngEncoder.Signature);

    /// <summary>Reads a PNG's size from its <c>IHDR</c>, which the signature is followed by.</summary>
    public static ImageSize? TryReadSize(ReadOnlySpan<byte> bytes) =>
        IsPng(bytes) && bytes.Length >= 24 && bytes.Slice(12, 4).SequenceEqual("IHDR"u8)
            ? new ImageSize(BinaryPrimitives.ReadInt32BigEndian(bytes[16..]), BinaryPrimitives.ReadInt32BigEndian(bytes[20..]))
            : null;

    /// <summary>Decodes a PNG into RGBA, or returns <see langword="null"/> when it is not one this decoder reads.</summary>
    public static DecodedImage? TryDecode(byte[] bytes)
    {
        try
        {
            return IsPng(bytes) ? Decode(bytes) : null;
        }
        catch (Exception ex) when (ex is InvalidDataException or EndOfStreamException or ArgumentOutOfRangeException or IndexOutOfRangeException or OverflowException)
        {
            return null;
        }
    }

    private static DecodedImage? Decode(byte[] bytes)
    {
        Header? header = null;
        byte[]? palette = null;
        byte[]? paletteAlpha = null;
        using var compressed = new MemoryStream();
        int offset = PngEncoder.Signature.Length;
        while (offset + 8 <= bytes.Length)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(offset));
            var type = bytes.AsSpan(offset + 4, 4);
            var data = bytes.AsSpan(offset + 8, length);
            offset += 12 + length;
            if (type.SequenceEqual("IHDR"u8))
            {
                header = Header.Read(data);
            }
            else if (type.SequenceEqual("PLTE"u8))
            {
                palette = data.ToArray();
            }
            else if (type.SequenceEqual("tRNS"u8))
            {
                paletteAlpha = data.ToArray();
            }
            else if (type.SequenceEqual("IDAT"u8))
            {
                compressed.Write(data);
            }
            else if (type.SequenceEqual("IEND"u8))
            {
                break;
            }
        }

        if (header is not { } h || !h.IsSupported || (h.ColourType == 3 && palette is null))
        {
            return null;
        }

        int stride = h.BytesPerPixel * h.Width;
        byte[] filtered = new byte[(stride + 1) * h.Height];
        compressed.Position = 0;
        using (var zlib = new ZLibStream(compressed, CompressionMode.Decompress))
        {
            zlib.ReadExactly(filtered);
        }

        byte[] raw = Unfilter(filtered, stride, h.Height, h.BytesPerPixel);
        return new DecodedImage(h.Width, h.Height, ToRgba(raw, h, palette, paletteAlpha));
    }

    /// <summary>Undoes the per-row filters (None, Sub, Up, Average, Paeth) into a new buffer.</summary>
    private static byte[] Unfilter(byte[] filtered, int stride, int height, int bpp)
    {
        byte[] raw = new byte[stride * height];
        for (int y = 0; y < height; y++)
        {
            byte filter = filtered[y * (stride + 1)];
            var source = filtered.AsSpan((y * (stride + 1)) + 1, stride);
            var row = raw.AsSpan(y * stride, stride);
            var above = y == 0 ? default : raw.AsSpan((y - 1) * stride, stride);
            for (int i = 0; i < stride; i++)
            {
                int left = i >= bpp ? row[i - bpp] : 0;
                int up = y > 0 ? above[i] : 0;
                int upLeft = y > 0 && i >= bpp ? above[i - bpp] : 0;
                int predictor = filter switch
                {
                    0 => 0,
                    1 => left,
                    2 => up,
                    3 => (left + up) / 2,
                    4 => Paeth(left, up, upLeft),
                    _ => throw new InvalidDataException($"Unknown PNG filter {filter}."),
                };
                row[i] = (byte)(source[i] + predictor);
            }
        }

        return raw;
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c;
        int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    private static byte[] ToRgba(byte[] raw, Header h, byte[]? palette, byte[]? paletteAlpha)
    {
        int sample = h.BitDepth / 8; // 1 or 2 bytes; a 16-bit sample is read by its high byte
        byte[] rgba = new byte[h.Width * h.Height * 4];
        for (int p = 0, s = 0; p < rgba.Length; p += 4, s += h.BytesPerPixel)
        {
            switch (h.ColourType)
            {
                case 0: // greyscale
                    rgba[p] = rgba[p + 1] = rgba[p + 2] = raw[s];
                    rgba[p + 3] = 255;
                    break;
                case 2: // truecolour
                    rgba[p] = raw[s];
                    rgba[p + 1] = raw[s + sample];
                    rgba[p + 2] = raw[s + (2 * sample)];
                    rgba[p + 3] = 255;
                    break;
                case 3: // indexed
                    int index = raw[s];
                    rgba[p] = palette![3 * index];
                    rgba[p + 1] = palette[(3 * index) + 1];
                    rgba[p + 2] = palette[(3 * index) + 2];
                    rgba[p + 3] = paletteAlpha is not null && index < paletteAlpha.Length ? paletteAlpha[index] : (byte)255;
                    break;
                case 4: // greyscale with alpha
                    rgba[p] = rgba[p + 1] = rgba[p + 2] = raw[s];
                    rgba[p + 3] = raw[s + sample];
                    break;
                default: // 6, truecolour with alpha
                    rgba[p] = raw[s];
                    rgba[p + 1] = raw[s + sample];
                    rgba[p + 2] = raw[s + (2 * sample)];
                    rgba[p + 3] = raw[s + (3 * sample)];
                    break;
            }
        }

        return rgba;
    }

    private readonly record struct Header(int Width, int Height, int BitDepth, int ColourType, int Interlace)
    {
        public int BytesPerPixel => (BitDepth / 8) * ColourType switch { 0 or 3 => 1, 2 => 3, 4 => 2, _ => 4 };

        public bool IsSupported =>
            Width > 0 && Height > 0 && (long)Width * Height <= MaxPixels && Interlace == 0
            && ColourType is 0 or 2 or 3 or 4 or 6
            && (BitDepth == 8 || (BitDepth == 16 && ColourType != 3));

        public static Header Read(ReadOnlySpan<byte> data) => new(
            BinaryPrimitives.ReadInt32BigEndian(data),
            BinaryPrimitives.ReadInt32BigEndian(data[4..]),
            data[8],
            data[9],
            data[12]);
    }
}
