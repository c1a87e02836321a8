using System.Text;

namespace NexLLM.Connectors.Emulator.Engine;

/// <summary>
/// Deterministic text embeddings with real lexical similarity, for every embedding route (OpenAI <c>/v1/embeddings</c>,
/// Gemini <c>:embedContent</c>/<c>:batchEmbedContents</c>) and for rerank scores.
/// </summary>
/// <remarks>
/// Feature hashing (the "hashing trick"): every word, every pair of adjacent words and every character trigram of a
/// word is hashed to one coordinate and a sign, and its weight is added there. Texts that share words or word pieces
/// ("embedding", "embeddings") therefore share coordinates, so their cosine similarity is high, while unrelated texts
/// are close to orthogonal. Stop words weigh little so that "the" and "of" do not make every pair of sentences alike.
/// The hash is FNV-1a with a fixed seed, never <see cref="string.GetHashCode()"/>, so vectors are the same in every
/// process, on every machine. Any number of dimensions works: fewer dimensions only mean more collisions.
/// </remarks>
internal static class EmbeddingEngine
{
    private const float WordWeight = 1.0f;
    private const float StopWordWeight = 0.15f;
    private const float BigramWeight = 0.5f;
    private const float TrigramWeight = 0.35f;

    // Distinct seeds keep the three feature families apart: the word "the" and the trigram "the" are different features.
    private const ulong WordSeed = 0x9E3779B97F4A7C15;
    private const ulong BigramSeed = 0xC2B2AE3D27D4EB4F;
    private const ulong TrigramSeed = 0x165667B19E3779F9;
    private const ulong FallbackSeed = 0x27D4EB2F165667C5;

    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "an", "and", "are", "as", "at", "be", "been", "but", "by", "can", "could", "do", "does", "for", "from", "had",
        "has", "have", "he", "her", "his", "how", "i", "if", "in", "into", "is", "it", "its", "me", "my", "no", "not", "of",
        "on", "or", "our", "she", "so", "such", "than", "that", "the", "their", "them", "then", "there", "these", "they",
        "this", "those", "to", "too", "us", "was", "we", "were", "what", "when", "where", "which", "who", "why", "will",
        "with", "would", "you", "your",
    };

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> StopWordLookup =
        StopWords.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Embeds <paramref name="text"/> into a unit-length vector of <paramref name="dimensions"/> floats.</summary>
    /// <param name="text">The text; case, accents' composition and punctuation do not matter.</param>
    /// <param name="dimensions">The vector length, at least 1.</param>
    /// <returns>A vector whose L2 norm is 1 (within float rounding); the same text always gives the same vector.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dimensions"/> is less than 1.</exception>
    public static float[] Embed(string text, int dimensions)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);

        var vector = new float[dimensions];
        string normalised = text.Normalize(NormalizationForm.FormKC).ToLowerInvariant();
        ReadOnlySpan<char> all = normalised;

        // Words are maximal runs of letters, digits and combining marks; everything else separates them.
        ReadOnlySpan<char> previous = default;
        bool previousIsStopWord = true;
        int i = 0;
        while (i < all.Length)
        {
            if (!IsWordChar(all[i]))
            {
                i++;
                continue;
            }

            int start = i;
            while (i < all.Length && IsWordChar(all[i]))
            {
                i++;
            }

            ReadOnlySpan<char> word = all[start..i];
            bool isStopWord = StopWordLookup.Contains(word);
            Add(vector, Hash(WordSeed, word), isStopWord ? StopWordWeight : WordWeight);

            if (!isStopWord)
            {
                AddTrigrams(vector, word);
            }

            // A pair says something about order ("data center" vs "center data") only when one of them carries meaning.
            if (!previous.IsEmpty && !(isStopWord && previousIsStopWord))
            {
                Add(vector, Hash(Hash(BigramSeed, previous), word), BigramWeight);
            }

            previous = word;
            previousIsStopWord = isStopWord;
        }

        Normalise(vector, normalised);
        return vector;
    }

    private static bool IsWordChar(char c) =>
        char.IsLetterOrDigit(c) || char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.NonSpacingMark
            or System.Globalization.UnicodeCategory.SpacingCombiningMark;

    private static void AddTrigrams(float[] vector, ReadOnlySpan<char> word)
    {
        // The word is framed by boundary marks ("<cat>") so prefixes and suffixes are features of their own.
        Span<char> framed = word.Length <= 126 ? stackalloc char[word.Length + 2] : new char[word.Length + 2];
        framed[0] = '<';
        word.CopyTo(framed[1..]);
        framed[^1] = '>';
        for (int start = 0; start + 3 <= framed.Length; start++)
        {
            Add(vector, Hash(TrigramSeed, framed.Slice(start, 3)), TrigramWeight);
        }
    }

    private static void Add(float[] vector, ulong hash, float weight)
    {
        ulong mixed = Mix(hash);
        int index = (int)(mixed % (ulong)vector.Length);

        // A sign from independent bits makes collisions cancel out on average instead of always adding up.
        vector[index] += (mixed >> 63) == 0 ? weight : -weight;
    }

    private static void Normalise(float[] vector, string text)
    {
        double sum = 0;
        foreach (float value in vector)
        {
            sum += (double)value * value;
        }

        if (sum == 0)
        {
            // An empty text (or features that cancelled out) still gets a unit vector, chosen by the text itself.
            vector[(int)(Mix(Hash(FallbackSeed, text)) % (ulong)vector.Length)] = 1f;
            return;
        }

        float scale = (float)(1 / Math.Sqrt(sum));
        for (int i = 0; i < vector.Length; i++)
        {
            vector[i] *= scale;
        }
    }

    // FNV-1a over UTF-16 code units: stable across processes and platforms.
    private static ulong Hash(ulong seed, ReadOnlySpan<char> text)
    {
        ulong hash = 14695981039346656037UL ^ seed;
        foreach (char c in text)
        {
            hash ^= c;
            hash *= 1099511628211UL;
        }

        // A separator so that ("ab", "c") and ("a", "bc") hash differently when chained into pairs.
        hash ^= 0xFF;
        return hash * 1099511628211UL;
    }

    // SplitMix64's finaliser spreads FNV's weak low bits over the whole word before the modulo and the sign bit.
    private static ulong Mix(ulong value)
    {
        value = (value ^ (value >> 30)) * 0xBF58476D1CE4E5B9UL;
        value = (value ^ (value >> 27)) * 0x94D049BB133111EBUL;
        return value ^ (value >> 31);
    }
}
