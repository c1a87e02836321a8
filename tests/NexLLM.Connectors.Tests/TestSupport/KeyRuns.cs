using System.Globalization;
using System.Text.RegularExpressions;

namespace NexLLM.Connectors.Tests.TestSupport;

/// <summary>
/// Finds pieces of an API key in captured text by plain search, independent of the library's redactor: the longest run of
/// the text's characters that occurs in the key, ignoring case, in the text as written and with its JSON escapes decoded.
/// </summary>
public static partial class KeyRuns
{
    /// <summary>The longest run of characters of <paramref name="text"/> (as written, or with <c>\uXXXX</c> escapes decoded) found in <paramref name="key"/>.</summary>
    public static int Longest(string text, string key) => Math.Max(LongestAsWritten(text, key), LongestAsWritten(DecodeJsonEscapes(text), key));

    private static int LongestAsWritten(string text, string key)
    {
        string lowerText = text.ToLowerInvariant();
        string lowerKey = key.ToLowerInvariant();
        int longest = 0;
        for (int i = 0; i + longest < lowerText.Length; i++)
        {
            int length = longest + 1;
            while (i + length <= lowerText.Length && lowerKey.AsSpan().Contains(lowerText.AsSpan(i, length), StringComparison.Ordinal))
            {
                longest = length++;
            }
        }

        return longest;
    }

    private static string DecodeJsonEscapes(string text) =>
        UnicodeEscape().Replace(text, static m => ((char)int.Parse(m.Groups[1].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToString());

    [GeneratedRegex(@"\\u([0-9a-fA-F]{4})")]
    private static partial Regex UnicodeEscape();
}
