using System.Text;

namespace NexLLM.Connectors.Emulator.Audio;

/// <summary>
/// Renders a <see cref="SpeechLayout"/> as 16-bit samples: the pilot, the checksum block and every word block as tones
/// (<see cref="ToneCode"/>), silence (exact zeros) between them. A tone never holds a zero sample (a zero is written as
/// 1), so the decoder finds every block's edges exactly.
/// </summary>
internal static class ToneSynthesizer
{
    public static short[] Render(SpeechLayout layout)
    {
        int n = layout.SymbolSamples;
        var samples = new short[layout.TotalSamples];
        short[][] symbols = [.. Enumerable.Range(0, 16).Select(s => Tone(ToneCode.Frequency(s), n))];

        Tone(ToneCode.PilotFrequency, ToneCode.PilotSymbols * n).CopyTo(samples, 0);

        byte[] text = Encoding.UTF8.GetBytes(layout.Text);
        ushort crc = AudioCrc.Crc16(text);
        WriteBytes(samples, layout.ChecksumStart, [(byte)(crc >> 8), (byte)crc], symbols);
        foreach (var block in layout.Blocks)
        {
            WriteBytes(samples, block.StartSample, Encoding.UTF8.GetBytes(block.Text), symbols);
        }

        return samples;
    }

    /// <summary>One tone: a cosine (so its first sample is its peak) of <paramref name="length"/> samples.</summary>
    public static short[] Tone(int frequency, int length)
    {
        var tone = new short[length];
        for (int i = 0; i < length; i++)
        {
            short value = (short)Math.Round(ToneCode.Amplitude * Math.Cos(2 * Math.PI * frequency * i / ToneCode.SampleRate));
            tone[i] = value == 0 ? (short)1 : value;
        }

        return tone;
    }

    private static void WriteBytes(short[] samples, int position, byte[] bytes, short[][] symbols)
    {
        int n = symbols[0].Length;
        foreach (byte b in bytes)
        {
            symbols[b >> 4].CopyTo(samples, position);
            symbols[b & 0x0F].CopyTo(samples, position + n);
            position += 2 * n;
        }
    }
}
