using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using System.Numerics;

namespace NexLLM.Connectors.Emulator.Images;

/// <summary>
/// Writes a PNG (W3C PNG specification, 3rd edition): the signature, <c>IHDR</c> (8-bit truecolour, with or without
/// alpha, not interlaced), one <c>IDAT</c> holding the zlib stream of the filtered rows, and <c>IEND</c>, each chunk
/// closed by its CRC-32. Every row uses the Up filter: the emulator's pictures are smooth gradients, whose rows differ
/// little from the row above, so they compress well at the fastest zlib level.
/// </summary>
internal static class PngEncoder
{
    private const byte UpFilter = 2;

    /// <summary>The eight bytes every PNG starts with.</summary>
    public static ReadOnlySpan<byte> Signature => [137, 80, 78, 71, 13, 10, 26, 10];

    /// <summary>Encodes <paramref name="pixels"/>: rows top to bottom, RGB or RGBA bytes left to right.</summary>
    /// <param name="width">The width in pixels.</param>
    /// <param name="height">The height in pixels.</param>
    /// <param name="alpha">Whether each pixel has an alpha byte (RGBA) or not (RGB).</param>
    /// <param name="pixels">The pixels, <c>width × height × (alpha ? 4 : 3)</c> bytes.</param>
    public static byte[] Encode(int width, int height, bool alpha, ReadOnlySpan<byte> pixels)
    {
        int stride = width * (alpha ? 4 : 3);
        if (width <= 0 || height <= 0 || pixels.Length != stride * height)
        {
            throw new ArgumentException("The pixels do not match the size.", nameof(pixels));
        }

        Span<byte> header = stackalloc byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header[4..], height);
        header[8] = 8;                       // bit depth
        header[9] = (byte)(alpha ? 6 : 2);   // colour type: truecolour with alpha, or truecolour
        header[10] = header[11] = header[12] = 0; // deflate, adaptive filtering, no interlace

        using var output = new MemoryStream((stride * height / 8) + 1024);
        output.Write(Signature);
        WriteChunk(output, "IHDR"u8, header);
        WriteChunk(output, "IDAT"u8, Compress(pixels, stride, height));
        WriteChunk(output, "IEND"u8, []);
        return output.ToArray();
    }

    private static ReadOnlySpan<byte> Compress(ReadOnlySpan<byte> pixels, int stride, int height)
    {
        var compressed = new MemoryStream((stride * height / 8) + 64);
        byte[] row = ArrayPool<byte>.Shared.Rent(stride + 1);
        try
        {
            using (var zlib = new ZLibStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
            {
                row[0] = UpFilter;
                for (int y = 0; y < height; y++)
                {
                    var current = pixels.Slice(y * stride, stride);
                    if (y == 0)
                    {
                        current.CopyTo(row.AsSpan(1)); // the row above the first is zeros
                    }
                    else
                    {
                        Subtract(current, pixels.Slice((y - 1) * stride, stride), row.AsSpan(1, stride));
                    }

                    zlib.Write(row, 0, stride + 1);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(row);
        }

        return compressed.GetBuffer().AsSpan(0, (int)compressed.Length);
    }

    /// <summary>The Up filter: each byte minus the byte above it, modulo 256.</summary>
    private static void Subtract(ReadOnlySpan<byte> current, ReadOnlySpan<byte> above, Span<byte> filtered)
    {
        int i = 0;
        for (; i <= current.Length - Vector<byte>.Count; i += Vector<byte>.Count)
        {
            (new Vector<byte>(current[i..]) - new Vector<byte>(above[i..])).CopyTo(filtered[i..]);
        }

        for (; i < current.Length; i++)
        {
            filtered[i] = (byte)(current[i] - above[i]);
        }
    }

    private static void WriteChunk(Stream output, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
        output.Write(number);
        output.Write(type);
        output.Write(data);

        // The CRC covers the chunk type and data, not the length.
        BinaryPrimitives.WriteUInt32BigEndian(number, PngCrc32.Of(type, data));
        output.Write(number);
    }
}
