using System.Buffers.Binary;

namespace NexLLM.Connectors.Emulator.Audio;

/// <summary>
/// RIFF WAVE files: writes the canonical 44-byte header (PCM, 24 kHz, 16-bit, mono) and the samples; reads any PCM WAV
/// far enough to give its length, and its samples when it is 24 kHz 16-bit mono (the only kind the tone code lives in).
/// </summary>
internal static class WavFile
{
    public const int HeaderLength = 44;

    public static byte[] Write(ReadOnlySpan<short> samples)
    {
        int dataLength = samples.Length * 2;
        var file = new byte[HeaderLength + dataLength];
        var span = file.AsSpan();
        "RIFF"u8.CopyTo(span);
        BinaryPrimitives.WriteInt32LittleEndian(span[4..], 36 + dataLength);
        "WAVEfmt "u8.CopyTo(span[8..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[16..], 16);
        BinaryPrimitives.WriteInt16LittleEndian(span[20..], 1); // PCM
        BinaryPrimitives.WriteInt16LittleEndian(span[22..], 1); // mono
        BinaryPrimitives.WriteInt32LittleEndian(span[24..], ToneCode.SampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(span[28..], ToneCode.SampleRate * 2);
        BinaryPrimitives.WriteInt16LittleEndian(span[32..], 2);
        BinaryPrimitives.WriteInt16LittleEndian(span[34..], 16);
        "data"u8.CopyTo(span[36..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[40..], dataLength);
        PcmFile.WriteSamples(samples, span[HeaderLength..]);
        return file;
    }

    public static bool IsWav(ReadOnlySpan<byte> file) =>
        file.Length >= 12 && file.StartsWith("RIFF"u8) && file.Slice(8, 4).SequenceEqual("WAVE"u8);

    /// <summary>Reads a WAV file's chunks; returns its length and, for 24 kHz 16-bit mono PCM, its samples.</summary>
    public static bool TryRead(ReadOnlySpan<byte> file, out double duration, out short[]? samples)
    {
        duration = 0;
        samples = null;
        if (!IsWav(file))
        {
            return false;
        }

        int byteRate = 0;
        bool toneFormat = false;
        int position = 12;
        while (position + 8 <= file.Length)
        {
            var id = file.Slice(position, 4);
            int size = BinaryPrimitives.ReadInt32LittleEndian(file[(position + 4)..]);
            int body = position + 8;
            if (id.SequenceEqual("fmt "u8) && size >= 16 && body + 16 <= file.Length)
            {
                int format = BinaryPrimitives.ReadInt16LittleEndian(file[body..]);
                int channels = BinaryPrimitives.ReadInt16LittleEndian(file[(body + 2)..]);
                int rate = BinaryPrimitives.ReadInt32LittleEndian(file[(body + 4)..]);
                byteRate = BinaryPrimitives.ReadInt32LittleEndian(file[(body + 8)..]);
                int bits = BinaryPrimitives.ReadInt16LittleEndian(file[(body + 14)..]);
                toneFormat = format == 1 && channels == 1 && rate == ToneCode.SampleRate && bits == 16;
            }
            else if (id.SequenceEqual("data"u8) && byteRate > 0)
            {
                // A streamed WAV may announce a size it never reached (or 0xFFFFFFFF): the bytes present are the data.
                int length = size < 0 || body + size > file.Length ? file.Length - body : size;
                duration = (double)length / byteRate;
                samples = toneFormat ? PcmFile.ReadSamples(file.Slice(body, length & ~1)) : null;
                return true;
            }

            if (size < 0 || body + size > file.Length)
            {
                break;
            }

            position = body + size + (size & 1);
        }

        return false;
    }
}
