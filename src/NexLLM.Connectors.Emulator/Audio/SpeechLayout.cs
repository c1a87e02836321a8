using System.Text;

namespace NexLLM.Connectors.Emulator.Audio;

/// <summary>
/// Where everything sits in the emulator's speech (README "Audio"): a pilot tone of two symbols, two symbols of
/// silence, the checksum block (four symbols), eight symbols of silence, then one block per word, each followed by a
/// pause of eight symbols, or twenty after a word that ends a sentence. The same text and symbol length always give the
/// same layout, which is how an mp3 (whose frames are silent) gets its word times back from its tag.
/// </summary>
internal sealed class SpeechLayout
{
    private SpeechLayout(string text, int symbolSamples, IReadOnlyList<SpokenBlock> blocks, int totalSamples)
    {
        Text = text;
        SymbolSamples = symbolSamples;
        Blocks = blocks;
        TotalSamples = totalSamples;
    }

    public string Text { get; }

    public int SymbolSamples { get; }

    public IReadOnlyList<SpokenBlock> Blocks { get; }

    public int TotalSamples { get; }

    /// <summary>Gets the first sample of the checksum block.</summary>
    public int ChecksumStart => (ToneCode.PilotSymbols + ToneCode.PilotGapSymbols) * SymbolSamples;

    /// <summary>Gets the audio's length in seconds.</summary>
    public double Duration => (double)TotalSamples / ToneCode.SampleRate;

    public static SpeechLayout Of(string text, int symbolSamples)
    {
        int n = symbolSamples;
        int position = (ToneCode.PilotSymbols + ToneCode.PilotGapSymbols + ToneCode.ChecksumSymbols + ToneCode.WordGapSymbols) * n;
        var blocks = new List<SpokenBlock>();
        foreach (string piece in SplitWords(text))
        {
            int bytes = Encoding.UTF8.GetByteCount(piece);
            var block = new SpokenBlock(piece, bytes, position, position + (bytes * 2 * n));
            blocks.Add(block);
            position = block.EndSample + ((ToneCode.EndsSentence(block.Word) ? ToneCode.SentenceGapSymbols : ToneCode.WordGapSymbols) * n);
        }

        return new SpeechLayout(text, n, blocks, position);
    }

    /// <summary>The transcript of this speech: the text exactly, each non-blank block a timed word.</summary>
    public Transcript ToTranscript() => new(
        Text,
        Duration,
        [.. Blocks.Where(b => b.Word.Length > 0).Select(b => new TimedWord(b.Word, Seconds(b.StartSample), Seconds(b.EndSample)))],
        Decoded: true);

    public static double Seconds(int sample) => (double)sample / ToneCode.SampleRate;

    /// <summary>Splits text into word blocks: leading whitespace, then each run of non-whitespace with the whitespace after it.</summary>
    public static IEnumerable<string> SplitWords(string text)
    {
        int start = 0;
        int i = 0;
        while (i < text.Length && char.IsWhiteSpace(text[i]))
        {
            i++;
        }

        while (i < text.Length)
        {
            while (i < text.Length && !char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            yield return text[start..i];
            start = i;
        }

        if (start < text.Length)
        {
            yield return text[start..];
        }
    }
}
