namespace NexLLM.Connectors.Benchmarks.Wire;

/// <summary>
/// Deterministic answer text cut the way models stream it: one token per chunk, mostly a word with its leading space,
/// sometimes punctuation or a paragraph break (which JSON escapes as <c>\n</c>).
/// </summary>
internal static class Tokens
{
    private static readonly string[] Words =
    [
        "the", "quick", "brown", "fox", "jumps", "over", "lazy", "dog", "while", "a", "gateway", "streams", "tokens",
        "to", "every", "client", "that", "asks", "for", "them", "and", "each", "one", "arrives", "in", "its", "own",
        "event", "with", "metadata", "repeated", "again", "so", "parsing", "cost", "matters", "more", "than", "you",
        "might", "think", "when", "answers", "grow", "long", "enough", "thousand", "chunks", "are", "common", "today",
    ];

    /// <summary>The answer's tokens, the same on every call.</summary>
    public static string[] Create(int count)
    {
        var random = new Random(42);
        var tokens = new string[count];
        for (int i = 0; i < count; i++)
        {
            int roll = random.Next(100);
            tokens[i] = roll switch
            {
                < 6 => ",",
                < 10 => ".",
                < 11 => "\n\n",
                _ => " " + Words[random.Next(Words.Length)],
            };
        }

        return tokens;
    }

    /// <summary>The whole answer text.</summary>
    public static string Join(int count) => string.Concat(Create(count));
}
