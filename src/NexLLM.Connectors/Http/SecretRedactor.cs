using System.Globalization;
using System.Text;

namespace NexLLM.Connectors.Http;

/// <summary>
/// Removes the API key from any server text that leaves the client (exception messages, excerpts, error fields, and through
/// them logs and telemetry). A server may echo the whole key, the key without the <c>sk-</c> prefix (the gateway strips it
/// before the look-up), or only a piece of it (<c>token sk-CANARY7f3a9... is not valid</c>), and it may write the key inside
/// a JSON string with some characters escaped (<c>\u0041</c>, <c>\/</c>). So every run of <see cref="MinRun"/> or more
/// consecutive characters of the key is replaced, compared without regard to case, in the text as written and in the text
/// with its JSON escapes decoded.
/// </summary>
internal sealed class SecretRedactor
{
    public const string Placeholder = "[REDACTED]";

    /// <summary>The shortest run of the key's characters that is redacted (a shorter key is redacted whole).</summary>
    public const int MinRun = 8;

    /// <summary>The key, lower-cased (invariant).</summary>
    private readonly string _key;
    private readonly int _run;

    public SecretRedactor(string? apiKey)
    {
        _key = apiKey?.ToLowerInvariant() ?? string.Empty;
        _run = Math.Min(MinRun, _key.Length);
    }

    /// <summary>Returns <paramref name="text"/> with every run of the key's characters replaced by <see cref="Placeholder"/>.</summary>
    public string Redact(string text)
    {
        if (_run == 0 || text.Length < _run)
        {
            return text;
        }

        // The text as the reader sees it: one decoded character per position, with the span of the original text it came from.
        DecodedText decoded = DecodedText.From(text);
        bool[]? covered = null;
        for (int i = 0; i + _run <= decoded.Length; i++)
        {
            if (IsKeyRun(decoded, i))
            {
                covered ??= new bool[decoded.Length];
                covered.AsSpan(i, _run).Fill(true);
            }
        }

        return covered is null ? text : Rewrite(text, decoded, covered);
    }

    /// <summary>Whether the <see cref="_run"/> characters at <paramref name="start"/> occur in the key, ignoring case.</summary>
    private bool IsKeyRun(DecodedText decoded, int start)
    {
        char first = char.ToLowerInvariant(decoded[start]);
        for (int at = _key.IndexOf(first, StringComparison.Ordinal); at >= 0 && at + _run <= _key.Length; at = _key.IndexOf(first, at + 1))
        {
            int k = 1;
            while (k < _run && char.ToLowerInvariant(decoded[start + k]) == _key[at + k])
            {
                k++;
            }

            if (k == _run)
            {
                return true;
            }
        }

        return false;
    }

    private static string Rewrite(string text, DecodedText decoded, bool[] covered)
    {
        var result = new StringBuilder(text.Length);
        for (int i = 0; i < decoded.Length;)
        {
            if (!covered[i])
            {
                result.Append(text, decoded.StartOf(i), decoded.WidthOf(i));
                i++;
                continue;
            }

            result.Append(Placeholder);
            while (i < decoded.Length && covered[i])
            {
                i++;
            }
        }

        return result.ToString();
    }

    /// <summary>
    /// A view of a text with its JSON string escapes decoded (<c>\uXXXX</c>, <c>\/</c>, <c>\\</c>, <c>\"</c>, <c>\n</c>...),
    /// mapping each decoded character back to the original characters it was written with.
    /// </summary>
    private readonly struct DecodedText
    {
        private readonly string _text;
        private readonly char[]? _chars;
        private readonly int[]? _starts;

        private DecodedText(string text, char[]? chars, int[]? starts, int length)
        {
            _text = text;
            _chars = chars;
            _starts = starts;
            Length = length;
        }

        public int Length { get; }

        public char this[int index] => _chars is null ? _text[index] : _chars[index];

        public static DecodedText From(string text)
        {
            if (!text.Contains('\\', StringComparison.Ordinal))
            {
                return new DecodedText(text, null, null, text.Length);
            }

            var chars = new char[text.Length];
            var starts = new int[text.Length + 1];
            int length = 0;
            for (int i = 0; i < text.Length;)
            {
                starts[length] = i;
                (chars[length++], int width) = DecodeAt(text, i);
                i += width;
            }

            starts[length] = text.Length;
            return new DecodedText(text, chars, starts, length);
        }

        public int StartOf(int index) => _starts is null ? index : _starts[index];

        public int WidthOf(int index) => _starts is null ? 1 : _starts[index + 1] - _starts[index];

        private static (char Value, int Width) DecodeAt(string text, int i)
        {
            if (text[i] != '\\' || i + 1 >= text.Length)
            {
                return (text[i], 1);
            }

            char next = text[i + 1];
            if (next == 'u' && i + 5 < text.Length
                && ushort.TryParse(text.AsSpan(i + 2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out ushort code))
            {
                return ((char)code, 6);
            }

            return next switch
            {
                '/' or '\\' or '"' or '\'' => (next, 2),
                _ => (text[i], 1),
            };
        }
    }
}
