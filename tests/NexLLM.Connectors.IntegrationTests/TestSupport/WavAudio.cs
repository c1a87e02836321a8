using System.Buffers.Binary;
using System.Text;

namespace NexLLM.Connectors.IntegrationTests.TestSupport;

/// <summary>A canonical 44-byte-header WAV file read field by field, independently of the emulator's writer.</summary>
internal sealed record WavAudio(
    string Riff, int RiffSize, string Wave, string FmtId, int FmtSize, int Format, int Channels, int SampleRate, int ByteRate,
    int BlockAlign, int BitsPerSample, string DataId, int DataSize, short[] Samples)
{
    public static WavAudio Read(byte[] file)
    {
        string Text(int at) => Encoding.ASCII.GetString(file, at, 4);
        int Int32(int at) => BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(at));
        int Int16(int at) => BinaryPrimitives.ReadInt16LittleEndian(file.AsSpan(at));
        return new WavAudio(
            Text(0), Int32(4), Text(8), Text(12), Int32(16), Int16(20), Int16(22), Int32(24), Int32(28), Int16(32), Int16(34), Text(36), Int32(40),
            Pcm(file.AsSpan(44)));
    }

    /// <summary>Little-endian 16-bit samples.</summary>
    public static short[] Pcm(ReadOnlySpan<byte> bytes)
    {
        var samples = new short[bytes.Length / 2];
        for (int i = 0; i < samples.Length; i++)
        {
            samples[i] = BinaryPrimitives.ReadInt16LittleEndian(bytes[(2 * i)..]);
        }

        return samples;
    }

    /// <summary>A WAV file around <paramref name="samples"/> (24 kHz 16-bit mono), with optional chunks after the data.</summary>
    public static byte[] Write(short[] samples, byte[]? trailingChunk = null)
    {
        int data = samples.Length * 2;
        int trailing = trailingChunk?.Length ?? 0;
        var file = new byte[44 + data + trailing];
        Encoding.ASCII.GetBytes("RIFF").CopyTo(file, 0);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(4), 36 + data + trailing);
        Encoding.ASCII.GetBytes("WAVEfmt ").CopyTo(file, 8);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(16), 16);
        BinaryPrimitives.WriteInt16LittleEndian(file.AsSpan(20), 1);
        BinaryPrimitives.WriteInt16LittleEndian(file.AsSpan(22), 1);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(24), 24_000);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(28), 48_000);
        BinaryPrimitives.WriteInt16LittleEndian(file.AsSpan(32), 2);
        BinaryPrimitives.WriteInt16LittleEndian(file.AsSpan(34), 16);
        Encoding.ASCII.GetBytes("data").CopyTo(file, 36);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(40), data);
        for (int i = 0; i < samples.Length; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(file.AsSpan(44 + (2 * i)), samples[i]);
        }

        trailingChunk?.CopyTo(file, 44 + data);
        return file;
    }

    /// <summary>
    /// The frequency, among <paramref name="candidates"/>, with the most energy in a run of samples: a plain DFT at each
    /// candidate, to check the tone code from outside.
    /// </summary>
    public static int DominantFrequency(short[] samples, int start, int length, IEnumerable<int> candidates) =>
        candidates.MaxBy(f =>
        {
            double re = 0, im = 0;
            for (int i = 0; i < length; i++)
            {
                double angle = 2 * Math.PI * f * i / 24_000;
                re += samples[start + i] * Math.Cos(angle);
                im -= samples[start + i] * Math.Sin(angle);
            }

            return (re * re) + (im * im);
        });
}
