using System.Text.Json;
using NexLLM.Connectors.Emulator.Engine;

namespace NexLLM.Connectors.Emulator.Gemini;

/// <summary>
/// Gemini's <c>usageMetadata</c> (docs/protocols/gemini.md, docs/protocols/gateway.md#gotchas), from the engine's OpenAI-convention counts:
/// <c>promptTokenCount</c> includes <c>cachedContentTokenCount</c>; <c>candidatesTokenCount</c> excludes thoughts;
/// <c>thoughtsTokenCount</c> are the reasoning tokens; <c>totalTokenCount</c> = prompt + candidates + thoughts.
/// <c>promptTokensDetails</c> splits the prompt by modality: each media part counts as many tokens as the engine gives an attachment.
/// </summary>
/// <param name="Prompt">The prompt tokens, cached ones included.</param>
/// <param name="Candidates">The output tokens, thoughts excluded.</param>
/// <param name="Thoughts">The thought tokens.</param>
/// <param name="Cached">The cached prompt tokens.</param>
/// <param name="MediaParts">The media parts of the prompt per modality.</param>
internal sealed record GeminiUsage(int Prompt, int Candidates, int Thoughts, int Cached, IReadOnlyDictionary<string, int> MediaParts)
{
    private static readonly string[] MediaModalities = ["IMAGE", "AUDIO", "VIDEO", "DOCUMENT"];

    public int Total => Prompt + Candidates + Thoughts;

    public static GeminiUsage From(ChatUsage usage, IReadOnlyDictionary<string, int> mediaParts) => new(
        usage.PromptTokens,
        Math.Max(0, usage.CompletionTokens - usage.ReasoningTokens),
        usage.ReasoningTokens,
        usage.CachedTokens,
        mediaParts);

    /// <summary>
    /// The usage of an answer with several candidates: one prompt, and the output of every candidate (each one generated),
    /// candidate 0's counts plus, for each other candidate, the same counts and the tokens of its mark.
    /// </summary>
    public static GeminiUsage From(IReadOnlyList<GeminiCandidate> candidates, IReadOnlyDictionary<string, int> mediaParts)
    {
        var first = From(candidates[0].Reply.Usage, mediaParts);
        return first with
        {
            Candidates = (first.Candidates * candidates.Count) + candidates.Sum(candidate => candidate.ExtraTokens(candidates[0])),
            Thoughts = first.Thoughts * candidates.Count,
        };
    }

    /// <summary>Writes the <c>usageMetadata</c> of a Gemini channel's answer.</summary>
    public void WriteTo(Utf8JsonWriter w)
    {
        w.WriteStartObject("usageMetadata");
        w.WriteNumber("promptTokenCount", Prompt);
        w.WriteNumber("candidatesTokenCount", Candidates);
        w.WriteNumber("totalTokenCount", Total);
        w.WriteNumber("thoughtsTokenCount", Thoughts);
        w.WriteNumber("cachedContentTokenCount", Cached);
        w.WriteStartArray("promptTokensDetails");
        int remaining = Prompt;
        var media = new List<(string Modality, int Tokens)>();
        foreach (string modality in MediaModalities)
        {
            if (MediaParts.GetValueOrDefault(modality) is > 0 and var count)
            {
                int tokens = Math.Min(remaining, count * TokenEstimator.PerAttachment);
                remaining -= tokens;
                media.Add((modality, tokens));
            }
        }

        WriteDetail(w, "TEXT", remaining);
        foreach (var (modality, tokens) in media)
        {
            WriteDetail(w, modality, tokens);
        }

        w.WriteEndArray();
        if (Cached > 0)
        {
            w.WriteStartArray("cacheTokensDetails");
            WriteDetail(w, "TEXT", Cached);
            w.WriteEndArray();
        }

        w.WriteEndObject();
    }

    /// <summary>
    /// Writes the <c>usageMetadata</c> of a stream new-api converted from an OpenAI channel (new-api service/convert.go
    /// <c>StreamResponseOpenAI2Gemini</c>): its Go struct in field order, no <c>omitempty</c>, the details <c>null</c>.
    /// </summary>
    public static void WriteConverted(Utf8JsonWriter w, int prompt, int candidates, int total)
    {
        w.WriteStartObject("usageMetadata");
        w.WriteNumber("promptTokenCount", prompt);
        w.WriteNumber("toolUsePromptTokenCount", 0);
        w.WriteNumber("candidatesTokenCount", candidates);
        w.WriteNumber("totalTokenCount", total);
        w.WriteNumber("thoughtsTokenCount", 0);
        w.WriteNumber("cachedContentTokenCount", 0);
        w.WriteNull("promptTokensDetails");
        w.WriteNull("toolUsePromptTokensDetails");
        w.WriteNull("candidatesTokensDetails");
        w.WriteEndObject();
    }

    private static void WriteDetail(Utf8JsonWriter w, string modality, int tokens)
    {
        w.WriteStartObject();
        w.WriteString("modality", modality);
        w.WriteNumber("tokenCount", tokens);
        w.WriteEndObject();
    }
}
