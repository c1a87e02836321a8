using System.Text;
using System.Text.Json;
using NexLLM.Connectors.Emulator.Shared;
using NexLLM.Connectors.Emulator.Streaming;

namespace NexLLM.Connectors.Emulator.ChatCompletions;

/// <summary>
/// Writes a choice's <c>logprobs</c> in the chat shape (docs/protocols/chat-completions.md#response):
/// <c>{"content":[{"token","logprob","bytes","top_logprobs":[…]}],"refusal":null}</c>, with the tokens and numbers of
/// <see cref="LogprobTokens"/>. <c>top_logprobs</c> lists the sampled token first, then alternatives, as many entries as
/// the request's <c>top_logprobs</c> (none for 0).
/// </summary>
internal static class ChatLogprobsWriter
{
    /// <summary>
    /// The tokens of an answer's text as its stream cuts them (each streamed piece tokenized on its own), so a whole answer
    /// and its stream report the same tokens.
    /// </summary>
    public static List<string> Tokens(string? text) => [.. StreamSplitter.SplitText(text).SelectMany(LogprobTokens.Tokenize)];

    /// <summary>Writes <c>"logprobs": {…}</c>; a part without tokens is <c>null</c>.</summary>
    /// <param name="writer">The writer, inside the choice object.</param>
    /// <param name="top">How many entries each token's <c>top_logprobs</c> has.</param>
    /// <param name="content">The content tokens and the position of the first in the whole answer, or <see langword="null"/>.</param>
    /// <param name="refusal">The refusal tokens and the position of the first, or <see langword="null"/>.</param>
    public static void Write(Utf8JsonWriter writer, int top, TokenRun? content, TokenRun? refusal)
    {
        writer.WriteStartObject("logprobs");
        WritePart(writer, "content", top, content);
        WritePart(writer, "refusal", top, refusal);
        writer.WriteEndObject();
    }

    private static void WritePart(Utf8JsonWriter writer, string name, int top, TokenRun? run)
    {
        if (run is not { Tokens.Count: > 0 } tokens)
        {
            writer.WriteNull(name);
            return;
        }

        writer.WriteStartArray(name);
        for (int i = 0; i < tokens.Tokens.Count; i++)
        {
            string token = tokens.Tokens[i];
            double sampled = LogprobTokens.Logprob(token, tokens.Position + i);
            writer.WriteStartObject();
            WriteToken(writer, token, sampled);
            writer.WriteStartArray("top_logprobs");
            if (top > 0)
            {
                writer.WriteStartObject();
                WriteToken(writer, token, sampled);
                writer.WriteEndObject();
                foreach (var (alternative, logprob) in LogprobTokens.Alternatives(token, sampled, top - 1))
                {
                    writer.WriteStartObject();
                    WriteToken(writer, alternative, logprob);
                    writer.WriteEndObject();
                }
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    // token, logprob and the token's UTF-8 bytes (OpenAI sends them so that tokens cutting a character can be rejoined).
    private static void WriteToken(Utf8JsonWriter writer, string token, double logprob)
    {
        writer.WriteString("token", token);
        writer.WriteNumber("logprob", logprob);
        writer.WriteStartArray("bytes");
        foreach (byte b in Encoding.UTF8.GetBytes(token))
        {
            writer.WriteNumberValue(b);
        }

        writer.WriteEndArray();
    }
}
