namespace NexLLM.Connectors.Http;

/// <summary>Header names and values must not carry CR or LF, which would let them smuggle another header.</summary>
internal static class HeaderRules
{
    public static void Validate(string name, string? value, string paramName)
    {
        if (string.IsNullOrWhiteSpace(name) || HasLineBreakOrControl(name))
        {
            throw new ArgumentException($"The header name '{Printable(name)}' is empty or contains control characters.", paramName);
        }

        if (value is not null && value.AsSpan().IndexOfAny('\r', '\n', '\0') >= 0)
        {
            throw new ArgumentException($"The value of header '{name}' contains a line break.", paramName);
        }
    }

    private static bool HasLineBreakOrControl(string text)
    {
        foreach (char c in text)
        {
            if (char.IsControl(c) || char.IsWhiteSpace(c))
            {
                return true;
            }
        }

        return false;
    }

    private static string Printable(string? text) => LogText.Escape(text);
}
