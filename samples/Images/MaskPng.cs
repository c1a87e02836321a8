using System.Buffers.Binary;
using System.IO.Compression;
using Microsoft.Extensions.AI;

/// <summary>
/// Writes the mask of an edit: an RGBA PNG of the picture's size whose transparent pixels mark where the model may
/// paint (OpenAI's rule for masks). Written by hand so that the sample needs no imaging library.
/// </summary>
internal static class MaskPng
{
    private static readonly byte[] Signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>The width and height of a PNG, from its header.</summary>
    public static (int Width, int Height) SizeOf(ReadOnlySpan<byte> png) =>
        png.StartsWith(Signature)
            ? (BinaryPrimitives.ReadInt32BigEndian(png[16..]), BinaryPrimitives.ReadInt32BigEndian(png[20..]))
            : throw new InvalidDataException("The picture is not a PNG.");

    /// <summary>A mask whose top half is transparent (edit here) and whose bottom half is opaque black (keep).</summary>
    public static DataContent TransparentTop(int width, int height)
    {
        var pixels = new MemoryStream();
        using (var zlib = new ZLibStream(pixels, CompressionLevel.Fastest, leaveOpen: true))
        {
            byte[] row = new byte[1 + (width * 4)];
            for (int y = 0; y < height; y++)
            {
                byte alpha = y < height / 2 ? (byte)0 : (byte)255;
                for (int x = 0; x < width; x++)
                {
                    row[1 + (x * 4) + 3] = alpha;
                }

                zlib.Write(row);
            }
        }

        var png = new MemoryStream();
        png.Write(Signature);
        byte[] header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8;   // bits per channel
        header[9] = 6;   // RGBA
        WriteChunk(png, "IHDR"u8, header);
        WriteChunk(png, "IDAT"u8, pixels.ToArray());
        WriteChunk(png, "IEND"u8, []);
        return new DataContent(png.ToArray(), "image/png") { Name = "mask.png" };
    }

    private static void WriteChunk(Stream png, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
        png.Write(number);
        png.Write(type);
        png.Write(data);
        BinaryPrimitives.WriteUInt32BigEndian(number, Crc32(type, data));
        png.Write(number);
    }

    /// <summary>The CRC-32 of a chunk's type and data (ISO 3309, as the PNG specification defines it).</summary>
    private static uint Crc32(ReadOnlySpan<byte> type, ReadOnlySpan<byte> data) => ~Update(Update(0xFFFFFFFF, type), data);

    private static uint Update(uint crc, ReadOnlySpan<byte> bytes)
    {
        foreach (byte b in bytes)
        {
            crc ^= b;
            for (int bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320 ^ (crc >> 1) : crc >> 1;
            }
        }

        return crc;
    }
}
