using System.Text;

namespace NexLLM.Connectors.Emulator.Audio;

/// <summary>
/// Reads the tone code back (README "Audio"): finds the blocks between runs of silence, takes the symbol length from the
/// pilot, reads every symbol with the Goertzel algorithm (the strongest of the 16 frequencies wins), and accepts the
/// text only when it is valid UTF-8 and matches the checksum block. Anything else is not the emulator's speech.
/// </summary>
internal static class ToneDecoder
{
    public static Transcript? TryDecode(ReadOnlySpan<short> samples)
    {
        var blocks = FindBlocks(samples);
        if (blocks.Count < 3 || blocks[0].Length % ToneCode.PilotSymbols != 0)
        {
            return null;
        }

        int n = blocks[0].Length / ToneCode.PilotSymbols;
        if (n < ToneCode.MinimumSymbolSamples
            || !IsPilot(samples.Slice(blocks[0].Start, blocks[0].Length))
            || blocks[1].Length != ToneCode.ChecksumSymbols * n
            || blocks.Skip(2).Any(b => b.Length % (2 * n) != 0))
        {
            return null;
        }

        var text = new List<byte>();
        var pieces = new List<(int Start, int End, int ByteStart, int ByteCount)>();
        foreach (var (start, length) in blocks.Skip(2))
        {
            int byteStart = text.Count;
            for (int position = start; position < start + length; position += 2 * n)
            {
                text.Add((byte)((ReadSymbol(samples.Slice(position, n)) << 4) | ReadSymbol(samples.Slice(position + n, n))));
            }

            pieces.Add((start, start + length, byteStart, text.Count - byteStart));
        }

        int checksum = 0;
        for (int i = 0; i < ToneCode.ChecksumSymbols; i++)
        {
            checksum = (checksum << 4) | ReadSymbol(samples.Slice(blocks[1].Start + (i * n), n));
        }

        byte[] bytes = [.. text];
        if (AudioCrc.Crc16(bytes) != checksum)
        {
            return null;
        }

        var strict = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        try
        {
            var words = new List<TimedWord>();
            foreach (var (start, end, byteStart, byteCount) in pieces)
            {
                string word = strict.GetString(bytes, byteStart, byteCount).Trim();
                if (word.Length > 0)
                {
                    words.Add(new TimedWord(word, SpeechLayout.Seconds(start), SpeechLayout.Seconds(end)));
                }
            }

            return new Transcript(strict.GetString(bytes), SpeechLayout.Seconds(samples.Length), words, Decoded: true);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    /// <summary>The runs of sound, as (start, length): a run ends where <see cref="ToneCode.SilenceRun"/> zero samples begin.</summary>
    private static List<(int Start, int Length)> FindBlocks(ReadOnlySpan<short> samples)
    {
        var blocks = new List<(int, int)>();
        int i = 0;
        while (i < samples.Length)
        {
            while (i < samples.Length && samples[i] == 0)
            {
                i++;
            }

            if (i == samples.Length)
            {
                break;
            }

            int start = i;
            int zeros = 0;
            while (i < samples.Length && zeros < ToneCode.SilenceRun)
            {
                zeros = samples[i] == 0 ? zeros + 1 : 0;
                i++;
            }

            blocks.Add((start, i - zeros - start));
        }

        return blocks;
    }

    private static bool IsPilot(ReadOnlySpan<short> block)
    {
        double pilot = Power(block, ToneCode.PilotFrequency);
        for (int s = 0; s < 16; s++)
        {
            if (Power(block, ToneCode.Frequency(s)) >= pilot)
            {
                return false;
            }
        }

        return true;
    }

    private static int ReadSymbol(ReadOnlySpan<short> symbol)
    {
        int best = 0;
        double bestPower = -1;
        for (int s = 0; s < 16; s++)
        {
            double power = Power(symbol, ToneCode.Frequency(s));
            if (power > bestPower)
            {
                (best, bestPower) = (s, power);
            }
        }

        return best;
    }

    /// <summary>The Goertzel algorithm: the power of one frequency in a run of samples.</summary>
    private static double Power(ReadOnlySpan<short> samples, int frequency)
    {
        double coefficient = 2 * Math.Cos(2 * Math.PI * frequency / ToneCode.SampleRate);
        double previous = 0;
        double beforePrevious = 0;
        foreach (short sample in samples)
        {
            double current = sample + (coefficient * previous) - beforePrevious;
            beforePrevious = previous;
            previous = current;
        }

        return (previous * previous) + (beforePrevious * beforePrevious) - (coefficient * previous * beforePrevious);
    }
}
