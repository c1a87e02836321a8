using NexLLM.Connectors.Emulator.Audio;

namespace NexLLM.Connectors.Emulator.Realtime;

/// <summary>
/// Realtime audio is pcm16, 24 kHz mono little-endian (docs/protocols/realtime.md#client-events): the same samples as the
/// speech route's <c>pcm</c> format, so the emulator speaks a reply with the speech route's tone code and hears input
/// audio with its decoder (README "Audio").
/// </summary>
internal static class RealtimeAudio
{
    /// <summary>Samples louder than this (about 1 % of full scale) are speech for the voice activity detector; the tone code's silences are exact zeros.</summary>
    public const int SpeechAmplitude = 328;

    /// <summary>Decodes base64 audio, or <see langword="null"/> when it is not base64.</summary>
    public static byte[]? TryDecodeBase64(string audio)
    {
        try
        {
            return Convert.FromBase64String(audio);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>What the emulator hears: the text of its own speech, or the speech route's sentence naming the audio's length.</summary>
    public static string Hear(ReadOnlySpan<byte> pcm)
    {
        short[] samples = PcmFile.ReadSamples(pcm[..(pcm.Length & ~1)]);
        return (ToneDecoder.TryDecode(samples) ?? AudioFileReader.Undecoded((double)samples.Length / ToneCode.SampleRate)).Text;
    }

    /// <summary>The speech route's audio of <paramref name="text"/> at speed 1, as pcm16 bytes.</summary>
    public static byte[] Speak(string text) => PcmFile.Write(ToneSynthesizer.Render(SpeechLayout.Of(text, ToneCode.SymbolSamples(1.0))));

    /// <summary>Milliseconds of pcm16 audio in <paramref name="bytes"/> bytes.</summary>
    public static int Milliseconds(long bytes) => (int)(bytes / 2 * 1000 / ToneCode.SampleRate);

    /// <summary>The byte offset of a time in pcm16 audio (on a sample boundary).</summary>
    public static int ByteOffset(int milliseconds) => milliseconds * ToneCode.SampleRate / 1000 * 2;

    /// <summary>Finds the first and the last loud sample at or after <paramref name="fromSample"/>, or <see langword="null"/> when all is silence.</summary>
    public static (int First, int Last)? LoudSpan(ReadOnlySpan<byte> pcm, int fromSample)
    {
        int first = -1;
        int last = -1;
        for (int i = fromSample; (2 * i) + 1 < pcm.Length; i++)
        {
            int sample = (short)(pcm[2 * i] | (pcm[(2 * i) + 1] << 8));
            if (Math.Abs(sample) > SpeechAmplitude)
            {
                first = first < 0 ? i : first;
                last = i;
            }
        }

        return first < 0 ? null : (first, last);
    }
}
