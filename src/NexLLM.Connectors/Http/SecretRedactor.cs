using System.Globalization;
using System.Text;

namespace NexLLM.Connectors.Http;

/// <summary>
/// Removes the API key from any server text that leaves the client (exception messages, excerpts, error fields, and through
/// them logs and telemetry). A server may echo the whole key, the key without the <c>sk-</c> prefix (the gateway strips it
/// before the look-up), or only a piece of it (<c>token sk-CANARY7f3a9... is not valid</c>), and it may write the key inside
/// a JSON string with some characters escaped (<c>\u0041</c>, <c>\/</c>), once or twice (<c>\\u0041</c>: JSON inside a JSON
/// string). So every run of <see cref="MinRun"/> or more consecutive characters of the key is replaced, compared without
/// regard to case, in the text as written and in the text with those escapes decoded (a run found there covers every
/// character it was written with).
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

        // Marks, per character of the text as written, whether it belongs to a run of the key: found in the text as written,
        // or in the text with its escapes decoded (a decoded run marks every character it was written with).
        bool[]? covered = null;
        Cover(DecodedText.From(text, decode: false), text.Length, ref covered);
        if (text.Contains('\\', StringComparison.Ordinal))
        {
            Cover(DecodedText.From(text, decode: true), text.Length, ref covered);
        }

        return covered is null ? text : Rewrite(text, covered);
    }

    private void Cover(DecodedText view, int textLength, ref bool[]? covered)
    {
        for (int i = 0; i + _run <= view.Length; i++)
        {
            if (IsKeyRun(view, i))
            {
                covered ??= new bool[textLength];
                int start = view.StartOf(i);
                int end = view.StartOf(i + _run - 1) + view.WidthOf(i + _run - 1);
                covered.AsSpan(start, end - start).Fill(true);
            }
        }
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

    private static string Rewrite(string text, bool[] covered)
    {
        var result = new StringBuilder(text.Length);
        for (int i = 0; i < text.Length;)
        {
            if (!covered[i])
            {
                result.Append(text[i++]);
                continue;
            }

            result.Append(Placeholder);
            while (i < text.Length && covered[i])
            {
                i++;
            }
        }

        return result.ToString();
    }

    /// <summary>
    /// A view of a text with the JSON string escapes a key's characters can be written with decoded (<c>\uXXXX</c>, also
    /// escaped once more as <c>\\uXXXX</c>; <c>\/</c>, <c>\\</c>, <c>\"</c>), mapping each decoded character back to the
    /// original characters it was written with. Other escapes stay as they are: a key has no control characters.
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

        public static DecodedText From(string text, bool decode)
        {
            if (!decode || !text.Contains('\\', StringComparison.Ordinal))
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

            // \uXXXX, or \\uXXXX: the same escape written inside another JSON string.
            int u = text[i + 1] == '\\' && i + 2 < text.Length && text[i + 2] == 'u' ? i + 2 : i + 1;
            if (text[u] == 'u' && u + 4 < text.Length
                && ushort.TryParse(text.AsSpan(u + 1, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out ushort code))
            {
                return ((char)code, u + 5 - i);
            }

            char next = text[i + 1];
            return next switch
            {
                '/' or '\\' or '"' => (next, 2),
                _ => (text[i], 1),
            };
        }
    }
}
