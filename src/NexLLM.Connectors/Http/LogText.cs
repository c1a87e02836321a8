using System.Text;

namespace NexLLM.Connectors.Http;

/// <summary>
/// Makes server- and model-supplied text safe to put in a log line or exception message: control characters are escaped
/// (so a CR/LF cannot forge a log line) and the length is bounded.
/// </summary>
internal static class LogText
{
    public const int DefaultMaxLength = 2048;

    public static string Escape(string? text, int maxLength = DefaultMaxLength)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        bool truncated = text.Length > maxLength;
        ReadOnlySpan<char> span = truncated ? text.AsSpan(0, maxLength) : text.AsSpan();
        if (!NeedsEscaping(span))
        {
            return truncated ? string.Concat(span, "…") : text;
        }

        var builder = new StringBuilder(span.Length + 16);
        foreach (char c in span)
        {
            switch (c)
            {
                case '\r': builder.Append("\\r"); break;
                case '\n': builder.Append("\\n"); break;
                case '\t': builder.Append("\\t"); break;
                default:
                    if (char.IsControl(c))
                    {
                        builder.Append("\\u").Append(((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        if (truncated)
        {
            builder.Append('…');
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
