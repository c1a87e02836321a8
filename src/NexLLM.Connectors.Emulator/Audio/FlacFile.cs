using System.Buffers.Binary;
using System.Security.Cryptography;

namespace NexLLM.Connectors.Emulator.Audio;

/// <summary>
/// FLAC files (RFC 9639, https://www.rfc-editor.org/rfc/rfc9639): the emulator writes the signature, one STREAMINFO block
/// (24 kHz, mono, 16-bit, the sample count and the MD5 of the samples) and frames of 4,096 samples, each one VERBATIM
/// subframe with its CRC-8 header check and CRC-16 frame check: lossless and real, only not compressed. The reader takes
/// any file's length from STREAMINFO, and its samples when every frame is a mono 16-bit VERBATIM one (the emulator's own).
/// </summary>
internal static class FlacFile
{
    public const int BlockSize = 4096;

    private const int StreamInfoLength = 34;

    public static byte[] Write(ReadOnlySpan<short> samples)
    {
        int frames = (samples.Length + BlockSize - 1) / BlockSize;
        using var file = new MemoryStream(4 + 4 + StreamInfoLength + (samples.Length * 2) + (frames * 16));
        file.Write("fLaC"u8);
        file.Write([0x80, 0, 0, StreamInfoLength]); // last metadata block, type 0 (STREAMINFO)
        file.Write(StreamInfo(samples));

        for (int frame = 0; frame < frames; frame++)
        {
            var block = samples.Slice(frame * BlockSize, Math.Min(BlockSize, samples.Length - (frame * BlockSize)));
            file.Write(Frame(frame, block));
        }

        return file.ToArray();
    }

    public static bool IsFlac(ReadOnlySpan<byte> file) => file.StartsWith("fLaC"u8);

    /// <summary>Reads a FLAC file's length and, when it is the emulator's kind, its samples.</summary>
    public static bool TryRead(ReadOnlySpan<byte> file, out double duration, out short[]? samples)
    {
        duration = 0;
        samples = null;
        if (!IsFlac(file) || file.Length < 8 + StreamInfoLength || (file[4] & 0x7F) != 0)
        {
            return false;
        }

        var info = file.Slice(8, StreamInfoLength);
        int rate = (info[10] << 12) | (info[11] << 4) | (info[12] >> 4);
        int channels = ((info[12] >> 1) & 7) + 1;
        int bits = (((info[12] & 1) << 4) | (info[13] >> 4)) + 1;
        long total = ((long)(info[13] & 0x0F) << 32) | BinaryPrimitives.ReadUInt32BigEndian(info[14..]);
        if (rate == 0)
        {
            return false;
        }

        duration = (double)total / rate;
        int position = 4;
        bool last = false;
        while (!last && position + 4 <= file.Length)
        {
            last = (file[position] & 0x80) != 0;
            position += 4 + ((file[position + 1] << 16) | (file[position + 2] << 8) | file[position + 3]);
        }

        if (rate == ToneCode.SampleRate && channels == 1 && bits == 16 && total <= int.MaxValue)
        {
            samples = ReadVerbatimFrames(file, position, (int)total);
        }

        return true;
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5351", Justification = "FLAC's STREAMINFO holds the MD5 of the samples (RFC 9639 section 8.2): a checksum, not security.")]
    private static byte[] StreamInfo(ReadOnlySpan<short> samples)
    {
        var info = new byte[StreamInfoLength];
        int lastBlock = samples.Length % BlockSize == 0 ? BlockSize : samples.Length % BlockSize;
        BinaryPrimitives.WriteUInt16BigEndian(info, (ushort)Math.Min(BlockSize, Math.Max(16, samples.Length < BlockSize ? lastBlock : BlockSize)));
        BinaryPrimitives.WriteUInt16BigEndian(info.AsSpan(2), BlockSize);
        // Frame sizes (bytes 4-9) left at 0: "unknown" is allowed. Then 20 bits of rate, 3 of channels-1, 5 of bits-1, 36 of samples.
        long packed = ((long)ToneCode.SampleRate << 44) | (0L << 41) | (15L << 36) | (uint)samples.Length;
        BinaryPrimitives.WriteInt64BigEndian(info.AsSpan(10), packed);
        byte[] pcm = PcmFile.Write(samples);
        MD5.HashData(pcm).CopyTo(info, 18);
        return info;
    }

    private static byte[] Frame(int number, ReadOnlySpan<short> block)
    {
        bool full = block.Length == BlockSize;
        var frame = new byte[16 + (block.Length * 2)];
        int p = 0;
        frame[p++] = 0xFF;
        frame[p++] = 0xF8; // sync, fixed block size
        frame[p++] = (byte)(((full ? 0b1100 : 0b0111) << 4) | 0b0111); // 4096 (or 16-bit size at the end), 24 kHz
        frame[p++] = 0b0000_1000; // mono, 16 bits per sample
        p += WriteCodedNumber(frame.AsSpan(p), number);
        if (!full)
        {
            BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(p), (ushort)(block.Length - 1));
            p += 2;
        }

        frame[p] = AudioCrc.Crc8(frame.AsSpan(0, p));
        p++;
        frame[p++] = 0b0000_0010; // VERBATIM subframe, no wasted bits
        foreach (short sample in block)
        {
            BinaryPrimitives.WriteInt16BigEndian(frame.AsSpan(p), sample);
            p += 2;
        }

        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(p), AudioCrc.Crc16(frame.AsSpan(0, p)));
        return frame[..(p + 2)];
    }

    /// <summary>The frame number in FLAC's UTF-8-like coding (one to four bytes for the numbers the emulator reaches).</summary>
    private static int WriteCodedNumber(Span<byte> destination, int value)
    {
        if (value < 0x80)
        {
            destination[0] = (byte)value;
            return 1;
        }

        int bytes = value < 0x800 ? 2 : value < 0x10000 ? 3 : 4;
        for (int i = bytes - 1; i > 0; i--)
        {
            destination[i] = (byte)(0x80 | (value & 0x3F));
            value >>= 6;
        }

        destination[0] = (byte)((0xFF00 >> bytes) | value);
        return bytes;
    }

    private static short[]? ReadVerbatimFrames(ReadOnlySpan<byte> file, int position, int total)
    {
        var samples = new short[total];
        int read = 0;
        while (read < total)
        {
            if (position + 6 > file.Length || file[position] != 0xFF || file[position + 1] != 0xF8 || (file[position + 2] & 0x0F) != 0b0111 || file[position + 3] != 0b0000_1000)
            {
                return null;
            }

            int codeEnd = position + 4 + CodedNumberLength(file[position + 4]);
            int sizeCode = file[position + 2] >> 4;
            int size = sizeCode == 0b1100 ? BlockSize : sizeCode == 0b0111 && codeEnd + 2 <= file.Length ? BinaryPrimitives.ReadUInt16BigEndian(file[codeEnd..]) + 1 : -1;
            int headerEnd = codeEnd + (sizeCode == 0b0111 ? 2 : 0);
            int frameEnd = headerEnd + 2 + (2 * size) + 2;
            if (size <= 0 || read + size > total || frameEnd > file.Length
                || AudioCrc.Crc8(file[position..headerEnd]) != file[headerEnd] || file[headerEnd + 1] != 0b0000_0010
                || AudioCrc.Crc16(file[position..(frameEnd - 2)]) != BinaryPrimitives.ReadUInt16BigEndian(file[(frameEnd - 2)..]))
            {
                return null;
            }

            for (int i = 0; i < size; i++)
            {
                samples[read + i] = BinaryPrimitives.ReadInt16BigEndian(file[(headerEnd + 2 + (2 * i))..]);
            }

            read += size;
            position = frameEnd;
        }

        return samples;
    }

    private static int CodedNumberLength(byte first) => first < 0x80 ? 1 : first < 0xE0 ? 2 : first < 0xF0 ? 3 : 4;
}
