using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace NexLLM.Connectors.IntegrationTests.TestSupport;

/// <summary>
/// A PNG read the long way, to check what the emulator writes: the signature, every chunk's CRC-32 (computed bit by
/// bit, not with a table), <c>IHDR</c>, the <c>IDAT</c> data inflated and un-filtered into pixels, <c>IEND</c> last.
/// Reads 8-bit truecolour, with or without alpha, not interlaced.
/// </summary>
internal sealed class PngFile
{
    private static readonly byte[] Signature = [137, 80, 78, 71, 13, 10, 26, 10];

    private PngFile(int width, int height, int colourType, IReadOnlyList<string> chunks, byte[] pixels)
    {
        Width = width;
        Height = height;
        ColourType = colourType;
        Chunks = chunks;
        Pixels = pixels;
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>Gets the IHDR colour type: 2 (RGB) or 6 (RGBA).</summary>
    public int ColourType { get; }

    public int Channels => ColourType == 6 ? 4 : 3;

    /// <summary>Gets the chunk types in order.</summary>
    public IReadOnlyList<string> Chunks { get; }

    /// <summary>Gets the un-filtered pixels, rows top to bottom.</summary>
    public byte[] Pixels { get; }

    /// <summary>The pixel's bytes (RGB or RGBA).</summary>
    public byte[] PixelAt(int x, int y) => Pixels.AsSpan(((y * Width) + x) * Channels, Channels).ToArray();

    public static PngFile Read(byte[] bytes)
    {
        Assert.True(bytes.AsSpan().StartsWith(Signature), "The PNG signature is missing.");
        var chunks = new List<string>();
        using var idat = new MemoryStream();
        int width = 0, height = 0, colourType = 0, offset = Signature.Length;
        while (offset < bytes.Length)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(offset));
            string type = Encoding.ASCII.GetString(bytes, offset + 4, 4);
            var data = bytes.AsSpan(offset + 8, length);
            uint crc = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(offset + 8 + length));
            Assert.Equal(BitwiseCrc32(bytes.AsSpan(offset + 4, 4 + length)), crc);
            chunks.Add(type);
            switch (type)
            {
                case "IHDR":
                    width = BinaryPrimitives.ReadInt32BigEndian(data);
                    height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                    Assert.Equal(8, data[8]);
                    colourType = data[9];
                    Assert.Equal([0, 0, 0], data[10..13].ToArray());
                    break;
                case "IDAT":
                    idat.Write(data);
                    break;
            }

            offset += 12 + length;
        }

        Assert.Equal("IHDR", chunks[0]);
        Assert.Equal("IEND", chunks[^1]);
        int channels = colourType == 6 ? 4 : 3;
        int stride = width * channels;
        idat.Position = 0;
        using var inflated = new MemoryStream();
        using (var zlib = new ZLibStream(idat, CompressionMode.Decompress))
        {
            zlib.CopyTo(inflated);
        }

        Assert.Equal((stride + 1) * height, inflated.Length);
        return new PngFile(width, height, colourType, chunks, Unfilter(inflated.ToArray(), stride, height, channels));
    }

    private static byte[] Unfilter(byte[] data, int stride, int height, int bpp)
    {
        byte[] pixels = new byte[stride * height];
        for (int y = 0; y < height; y++)
        {
            byte filter = data[y * (stride + 1)];
            for (int i = 0; i < stride; i++)
            {
                int a = i >= bpp ? pixels[(y * stride) + i - bpp] : 0;
                int b = y > 0 ? pixels[((y - 1) * stride) + i] : 0;
                int c = y > 0 && i >= bpp ? pixels[((y - 1) * stride) + i - bpp] : 0;
                int p = a + b - c;
                int predictor = filter switch
                {
                    0 => 0,
                    1 => a,
                    2 => b,
                    3 => (a + b) / 2,
                    4 => Math.Abs(p - a) <= Math.Abs(p - b) && Math.Abs(p - a) <= Math.Abs(p - c) ? a : Math.Abs(p - b) <= Math.Abs(p - c) ? b : c,
                    _ => throw new InvalidDataException($"filter {filter}"),
                };
                pixels[(y * stride) + i] = (byte)(data[(y * (stride + 1)) + 1 + i] + predictor);
            }
        }

        return pixels;
    }

    private static uint BitwiseCrc32(ReadOnlySpan<byte> bytes)
    {
        uint crc = uint.MaxValue;
        foreach (byte value in bytes)
        {
            crc ^= value;
            for (int k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}
