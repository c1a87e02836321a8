namespace NexLLM.Connectors.Emulator.Audio;

/// <summary>
/// The constants of the tone code that carries a speech input's text in the samples the emulator speaks
/// (README "Audio"): 24 kHz 16-bit mono, as OpenAI's PCM output (docs/protocols/audio.md#speech). Each UTF-8 byte is two
/// 4-bit symbols, high nibble first; a symbol is a cosine at one of 16 frequencies, 1,000 to 4,000 Hz in steps of
/// 200 Hz, lasting <see cref="SymbolSamples"/> samples (20 ms at speed 1). 200 Hz is one Goertzel bin of the shortest
/// symbol (120 samples at speed 4), so the tones stay apart at every speed.
/// </summary>
internal static class ToneCode
{
    /// <summary>OpenAI's speech sample rate (docs/protocols/audio.md#speech).</summary>
    public const int SampleRate = 24_000;

    /// <summary>Samples per symbol at speed 1: 20 ms, which with the gaps below gives about 150 words a minute.</summary>
    public const int BaseSymbolSamples = 480;

    /// <summary>The shortest symbol the decoder accepts (below speed 4's 120 samples the tones would blur).</summary>
    public const int MinimumSymbolSamples = 100;

    /// <summary>The frequency of symbol 0, in Hz.</summary>
    public const int LowestFrequency = 1_000;

    /// <summary>The step between two symbols' frequencies, in Hz.</summary>
    public const int FrequencyStep = 200;

    /// <summary>The pilot tone that opens the audio and tells the decoder the symbol length (it lasts two symbols).</summary>
    public const int PilotFrequency = 500;

    /// <summary>The peak amplitude of every tone: about a third of full scale.</summary>
    public const double Amplitude = 0.3 * short.MaxValue;

    /// <summary>Symbols in the pilot tone.</summary>
    public const int PilotSymbols = 2;

    /// <summary>Silence after the pilot, in symbols.</summary>
    public const int PilotGapSymbols = 2;

    /// <summary>Symbols of the checksum block (CRC-16 of the text's UTF-8 bytes, four nibbles).</summary>
    public const int ChecksumSymbols = 4;

    /// <summary>Silence after a word, in symbols (160 ms at speed 1).</summary>
    public const int WordGapSymbols = 8;

    /// <summary>Silence after a word that ends a sentence, in symbols (400 ms at speed 1).</summary>
    public const int SentenceGapSymbols = 20;

    /// <summary>The shortest run of zero samples that is silence (tones never hold a zero sample).</summary>
    public const int SilenceRun = 32;

    /// <summary>Samples per symbol at a speed (0.25 to 4): faster speech, shorter symbols.</summary>
    public static int SymbolSamples(double speed) => (int)Math.Round(BaseSymbolSamples / speed, MidpointRounding.AwayFromZero);

    /// <summary>The frequency of a symbol (0 to 15), in Hz.</summary>
    public static int Frequency(int symbol) => LowestFrequency + (FrequencyStep * symbol);

    /// <summary>Whether a word ends a sentence, which earns it the longer pause (and ends a transcript segment).</summary>
    public static bool EndsSentence(string word) => word.Length > 0 && word[^1] is '.' or '!' or '?' or '…' or '。' or '！' or '？';
}
