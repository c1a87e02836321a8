using System.Globalization;

namespace NexLLM.Connectors.Emulator.Shared;

/// <summary>
/// The tokens and log probabilities the emulator reports when <c>logprobs</c> are asked for, on legacy completions and on
/// chat completions alike. Tokens are a text's words with the spaces before them (longer pieces cut every 8 characters),
/// so they concatenate back to the text; log probabilities are deterministic (the same in every process), negative, and
/// the sampled token's is the largest of its position, its alternatives following 0.75 apart.
/// </summary>
internal static class LogprobTokens
{
    /// <summary>The most alternatives any route lists for one position (chat's <c>top_logprobs</c> goes up to 20).</summary>
    public const int MaxAlternatives = 20;

    private const int MaxTokenLength = 8;

    // Alternatives offered at every position, in this order (the sampled token itself is skipped): one more than the
    // maximum, so that skipping the sampled token still leaves enough.
    private static readonly string[] Candidates =
    [
        " the", ",", " a", ".", " and", " of", " to", " in", " is", " that", " it",
        " for", " with", " as", " on", " this", " be", " at", " by", " or", " an",
    ];

    /// <summary>Cuts a text into tokens that concatenate back to it, never splitting a surrogate pair.</summary>
    public static List<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        int start = 0;
        for (int i = 1; i <= text.Length; i++)
        {
            bool end = i == text.Length;
            bool spaceStarts = !end && char.IsWhiteSpace(text[i]) && !char.IsWhiteSpace(text[i - 1]);
            bool tooLong = !end && i - start >= MaxTokenLength && !char.IsLowSurrogate(text[i]);
            if (end || spaceStarts || tooLong)
            {
                tokens.Add(text[start..i]);
                start = i;
            }
        }

        return tokens;
    }

    /// <summary>The sampled token's log probability: between -0.01 and -2.5, from the token and its position (FNV-1a).</summary>
    public static double Logprob(string token, int position)
    {
        uint hash = 2166136261;
        foreach (char c in token + position.ToString(CultureInfo.InvariantCulture))
        {
            hash = (hash ^ c) * 16777619;
        }

        return -Math.Round(0.01 + (hash % 2490 / 1000.0), 6);
    }

    /// <summary>The first <paramref name="count"/> alternatives to <paramref name="token"/> and their log probabilities, most likely first.</summary>
    public static IEnumerable<(string Token, double Logprob)> Alternatives(string token, double sampled, int count)
    {
        int written = 0;
        foreach (string candidate in Candidates)
        {
            if (written == Math.Min(count, MaxAlternatives))
            {
                yield break;
            }

            if (candidate != token)
            {
                written++;
                yield return (candidate, Math.Round(sampled - (0.75 * written), 6));
            }
        }
    }
}
