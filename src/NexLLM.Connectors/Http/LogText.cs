using System.Text;

namespace NexLLM.Connectors.Http;

/// <summary>
/// Makes server- and model-supplied text safe to put in a log line or exception message: control characters are escaped
/// (so a CR/LF cannot forge a log line) and the length is bounded.
/// </summary>
internal static class LogText
{
    public const int DefaultMaxLength = 2048;

    /// <summary>Escapes control characters and bounds the result to <paramref name="maxLength"/> characters, the ellipsis of a cut included.</summary>
    public static string Escape(string? text, int maxLength = DefaultMaxLength)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        if (text.Length <= maxLength && !NeedsEscaping(text))
        {
            return text;
        }

        var builder = new StringBuilder(Math.Min(text.Length, maxLength) + 1);
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            string? escaped = c switch
            {
                '\r' => "\\r",
                '\n' => "\\n",
                '\t' => "\\t",
                _ when char.IsControl(c) => "\\u" + ((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture),
                _ => null,
            };

            // A surrogate pair is kept whole; an escape is never cut in two.
            int consumed = escaped is null && char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? 2 : 1;
            int width = escaped?.Length ?? consumed;
            bool last = i + consumed >= text.Length;
            if (builder.Length + width + (last ? 0 : 1) > maxLength)
            {
                return builder.Append('…').ToString();
            }

            if (escaped is not null)
            {
                builder.Append(escaped);
            }
            else
            {
                builder.Append(text, i, consumed);
            }

            i += consumed - 1;
        }

        return builder.ToString();
    }

    private static bool NeedsEscaping(ReadOnlySpan<char> span)
    {
        foreach (char c in span)
        {
            if (char.IsControl(c))
            {
                return true;
            }
        }

        return false;
    }
}
