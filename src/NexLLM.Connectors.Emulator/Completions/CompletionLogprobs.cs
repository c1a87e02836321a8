using System.Globalization;
using System.Text.Json;

namespace NexLLM.Connectors.Emulator.Completions;

/// <summary>
/// A plausible <c>logprobs</c> object for a choice's text, in the shape of OpenAI's completions (docs/protocols/completions.md#response):
/// <c>tokens</c>, <c>token_logprobs</c>, <c>top_logprobs</c> (the sampled token and as many alternatives as asked for) and
/// <c>text_offset</c>. Tokens are the text's words with the spaces before them (longer pieces cut every 8 characters), so they
/// concatenate back to the text; the numbers are deterministic, negative and the sampled token's the largest of its position.
/// An echoed prompt's first token has no log probability (<c>null</c>), as nothing came before it.
/// </summary>
internal sealed class CompletionLogprobs
{
    private const int MaxTokenLength = 8;

    // Alternatives offered at every position, in this order (the sampled token itself is skipped).
    private static readonly string[] Alternatives = [" the", ",", " a", ".", " and", " of"];

    private readonly List<string> _tokens;
    private readonly int _offset;
    private readonly int _alternatives;
    private readonly bool _firstHasNone;

    /// <param name="text">The choice's text.</param>
    /// <param name="offset">Where the text starts, counted from the start of the prompt (0 when the prompt is echoed).</param>
    /// <param name="alternatives">How many alternatives each position lists (<c>logprobs</c>).</param>
    /// <param name="echoed">Whether the text starts with the prompt.</param>
    public CompletionLogprobs(string text, int offset, int alternatives, bool echoed)
    {
        _tokens = Tokenize(text);
        _offset = offset;
        _alternatives = alternatives;
        _firstHasNone = echoed;
    }

    /// <summary>Gets the number of tokens.</summary>
    public int Count => _tokens.Count;

    /// <summary>The text of the tokens from <paramref name="start"/>, <paramref name="count"/> of them.</summary>
    public string Text(int start, int count) => string.Concat(_tokens.Skip(start).Take(count));

    /// <summary>Writes <c>"logprobs": {…}</c> for the tokens from <paramref name="start"/>, <paramref name="count"/> of them.</summary>
    public void Write(Utf8JsonWriter w, int start, int count)
    {
        int end = Math.Min(_tokens.Count, start + count);
        w.WriteStartObject("logprobs");
        w.WriteStartArray("tokens");
        for (int i = start; i < end; i++)
        {
            w.WriteStringValue(_tokens[i]);
        }

        w.WriteEndArray();
        w.WriteStartArray("token_logprobs");
        for (int i = start; i < end; i++)
        {
            if (i == 0 && _firstHasNone)
            {
                w.WriteNullValue();
            }
            else
            {
                w.WriteNumberValue(Logprob(i));
            }
        }

        w.WriteEndArray();
        w.WriteStartArray("top_logprobs");
        for (int i = start; i < end; i++)
        {
            WriteTop(w, i);
        }

        w.WriteEndArray();
        w.WriteStartArray("text_offset");
        int offset = _offset + _tokens.Take(start).Sum(t => t.Length);
        for (int i = start; i < end; i++)
        {
            w.WriteNumberValue(offset);
            offset += _tokens[i].Length;
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private void WriteTop(Utf8JsonWriter w, int i)
    {
        if (i == 0 && _firstHasNone)
        {
            w.WriteNullValue();
            return;
        }

        double sampled = Logprob(i);
        w.WriteStartObject();
        w.WriteNumber(_tokens[i], sampled);
        int written = 0;
        foreach (string alternative in Alternatives)
        {
            if (written == _alternatives)
            {
                break;
            }

            if (alternative != _tokens[i])
            {
                written++;
                w.WriteNumber(alternative, Math.Round(sampled - (0.75 * written), 6));
            }
        }

        w.WriteEndObject();
    }

    // Between -0.01 and -2.5, from the token and its position (FNV-1a: the same in every process).
    private double Logprob(int i)
    {
        uint hash = 2166136261;
        foreach (char c in _tokens[i] + i.ToString(CultureInfo.InvariantCulture))
        {
            hash = (hash ^ c) * 16777619;
        }

        return -Math.Round(0.01 + (hash % 2490 / 1000.0), 6);
    }

    private static List<string> Tokenize(string text)
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
}
