using System.Buffers.Binary;

namespace NexLLM.Connectors.Emulator.Audio;

/// <summary>Raw PCM as OpenAI sends it: 24 kHz, 16-bit signed, mono, little-endian, no header (docs/protocols/audio.md#speech).</summary>
internal static class PcmFile
{
    public static byte[] Write(ReadOnlySpan<short> samples)
    {
        var bytes = new byte[samples.Length * 2];
        WriteSamples(samples, bytes);
        return bytes;
    }

    public static void WriteSamples(ReadOnlySpan<short> samples, Span<byte> destination)
    {
        for (int i = 0; i < samples.Length; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(destination[(2 * i)..], samples[i]);
        }
    }

    public static short[] ReadSamples(ReadOnlySpan<byte> bytes)
    {
        var samples = new short[bytes.Length / 2];
        for (int i = 0; i < samples.Length; i++)
        {
            samples[i] = BinaryPrimitives.ReadInt16LittleEndian(bytes[(2 * i)..]);
        }

        return samples;
    }
}
