using System.Text.Json;
using NexLLM.Connectors.Emulator.Shared;

namespace NexLLM.Connectors.Emulator.Completions;

/// <summary>
/// A plausible <c>logprobs</c> object for a choice's text, in the shape of OpenAI's completions (docs/protocols/completions.md#response):
/// <c>tokens</c>, <c>token_logprobs</c>, <c>top_logprobs</c> (the sampled token and as many alternatives as asked for) and
/// <c>text_offset</c>, with the tokens and numbers of <see cref="LogprobTokens"/>. An echoed prompt's first token has no log
/// probability (<c>null</c>), as nothing came before it.
/// </summary>
internal sealed class CompletionLogprobs
{
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
        _tokens = LogprobTokens.Tokenize(text);
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
        foreach (var (alternative, logprob) in LogprobTokens.Alternatives(_tokens[i], sampled, _alternatives))
        {
            w.WriteNumber(alternative, logprob);
        }

        w.WriteEndObject();
    }

    private double Logprob(int i) => LogprobTokens.Logprob(_tokens[i], i);
}
