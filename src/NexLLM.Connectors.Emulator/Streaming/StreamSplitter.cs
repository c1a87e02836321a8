namespace NexLLM.Connectors.Emulator.Streaming;

/// <summary>
/// Cuts text and tool-call arguments into stream fragments. Fragments always concatenate back to the original and
/// never split a surrogate pair; everything else is fair game, as with real providers.
/// </summary>
internal static class StreamSplitter
{
    private const int WordsPerPiece = 3;

    // Long words and text without spaces (e.g. Chinese) are still cut into pieces of at most this many characters.
    private const int MaxPieceLength = 32;

    // Argument fragment lengths, cycled: uneven on purpose, so cuts land inside keys, values and escapes.
    private static readonly int[] ArgumentPieceLengths = [1, 3, 6, 2, 9, 4, 12, 5];

    /// <summary>Cuts text into pieces of a few words; a piece starts with the whitespace before its first word.</summary>
    public static IReadOnlyList<string> SplitText(string? text)
    {
        var pieces = new List<string>();
        if (string.IsNullOrEmpty(text))
        {
            return pieces;
        }

        int start = 0;
        int words = 0;
        for (int i = 1; i < text.Length; i++)
        {
            if (char.IsLowSurrogate(text[i]))
            {
                continue;
            }

            bool wordEnds = char.IsWhiteSpace(text[i]) && !char.IsWhiteSpace(text[i - 1]);
            if (wordEnds)
            {
                words++;
            }

            if ((wordEnds && words % WordsPerPiece == 0) || i - start >= MaxPieceLength)
            {
                pieces.Add(text[start..i]);
                start = i;
            }
        }

        pieces.Add(text[start..]);
        return pieces;
    }

    /// <summary>
    /// Cuts tool-call arguments at uneven places, including one cut inside the first <c>\uXXXX</c> escape (after
    /// <c>\u0</c>) and one right after the first backslash, when the text has them (docs/reliability.md: arguments "split
    /// anywhere, also inside \uXXXX escapes").
    /// </summary>
    public static IReadOnlyList<string> SplitArguments(string arguments)
    {
        var pieces = new List<string>();
        if (arguments.Length == 0)
        {
            return pieces;
        }

        var cuts = new SortedSet<int>();
        int unicodeEscape = arguments.IndexOf("\\u", StringComparison.Ordinal);
        if (unicodeEscape >= 0 && unicodeEscape + 3 < arguments.Length)
        {
            cuts.Add(unicodeEscape + 3);
        }

        int backslash = arguments.IndexOf('\\', StringComparison.Ordinal);
        if (backslash >= 0)
        {
            cuts.Add(backslash + 1);
        }

        int position = 0;
        for (int k = 0; ; k++)
        {
            position += ArgumentPieceLengths[k % ArgumentPieceLengths.Length];
            if (position >= arguments.Length)
            {
                break;
            }

            cuts.Add(position);
        }

        int start = 0;
        foreach (int cut in cuts)
        {
            if (cut <= start || cut >= arguments.Length || char.IsLowSurrogate(arguments[cut]))
            {
                continue;
            }

            pieces.Add(arguments[start..cut]);
            start = cut;
        }

        pieces.Add(arguments[start..]);
        return pieces;
    }
}
