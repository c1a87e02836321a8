using System.Buffers.Binary;
using System.IO.Compression;

namespace NexLLM.Connectors.IntegrationTests.TestSupport;

/// <summary>
/// Reads a PNG as a decoder would (the PNG specification, chunks IHDR, IDAT and IEND): the signature, the size, and the
/// image data inflated to exactly one filter byte plus one row of pixels per line. An image that passes is decodable.
/// </summary>
internal sealed record PngImage(int Width, int Height, int BitDepth, int ColorType)
{
    private static readonly byte[] Signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Decodes <paramref name="bytes"/>, or fails the test with what is wrong.</summary>
    public static PngImage Read(ReadOnlySpan<byte> bytes)
    {
        Assert.True(bytes.StartsWith(Signature), "The bytes do not start with the PNG signature.");
        PngImage? header = null;
        var data = new MemoryStream();
        bool ended = false;
        int at = Signature.Length;
        while (at + 8 <= bytes.Length && !ended)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(bytes[at..]);
            ReadOnlySpan<byte> type = bytes.Slice(at + 4, 4);
            ReadOnlySpan<byte> chunk = bytes.Slice(at + 8, length);
            if (type.SequenceEqual("IHDR"u8))
            {
                header = new PngImage(BinaryPrimitives.ReadInt32BigEndian(chunk), BinaryPrimitives.ReadInt32BigEndian(chunk[4..]), chunk[8], chunk[9]);
            }
            else if (type.SequenceEqual("IDAT"u8))
            {
                data.Write(chunk);
            }

            ended = type.SequenceEqual("IEND"u8);
            at += 12 + length;
        }

        Assert.True(ended, "The PNG has no IEND chunk.");
        Assert.NotNull(header);
        data.Position = 0;
        using var inflater = new ZLibStream(data, CompressionMode.Decompress);
        var pixels = new MemoryStream();
        inflater.CopyTo(pixels);
        Assert.Equal((long)header.Height * (1 + header.RowBytes), pixels.Length);
        return header;
    }

    private long RowBytes => ((long)Width * Channels * BitDepth + 7) / 8;

    private int Channels => ColorType switch
    {
        0 => 1,
        2 => 3,
        3 => 1,
        4 => 2,
        6 => 4,
        _ => throw new InvalidOperationException($"PNG color type {ColorType} does not exist."),
    };
}
