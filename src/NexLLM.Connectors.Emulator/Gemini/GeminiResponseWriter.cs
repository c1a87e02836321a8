using System.Text.Json;
using NexLLM.Connectors.Emulator.Engine;
using NexLLM.Connectors.Emulator.Hosting;

namespace NexLLM.Connectors.Emulator.Gemini;

/// <summary>
/// Renders a reply as a whole <c>GenerateContentResponse</c> (docs/protocols/gemini.md), as a Gemini channel answers and new-api
/// passes it through unchanged: <c>{"candidates":[{"content":{"role":"model","parts":[…]},"finishReason","index":0,
/// "safetyRatings":[…]}…],"usageMetadata":{…},"modelVersion","responseId"}</c> (one candidate per
/// <c>candidateCount</c>), or, for a scripted prompt block, no candidates and <c>promptFeedback{blockReason, safetyRatings}</c>.
/// </summary>
internal static class GeminiResponseWriter
{
    public static byte[] Write(ChatEngineReply reply, IReadOnlyList<GeminiCandidate> candidates, GeminiResponseMeta meta, GeminiUsage usage) =>
        reply.BlockReason is { } blockReason
            ? WritePromptBlock(blockReason, meta, usage)
            : JsonBuffer.ToBytes(w =>
            {
                w.WriteStartObject();
                WriteCandidates(w, [.. candidates.Select(candidate => new CandidateEntry(
                    candidate.Index,
                    GeminiResponseMeta.FinishReason(candidate.Reply),
                    candidate.Parts.Count == 0 ? null : pw =>
                    {
                        foreach (var part in candidate.Parts)
                        {
                            part.WriteTo(pw);
                        }
                    }))]);
                usage.WriteTo(w);
                meta.WriteEnd(w);
            });

    /// <summary>
    /// A prompt block: no candidates, <c>promptFeedback</c> with the reason and the ratings, and only the prompt's
    /// tokens in the usage (nothing was generated).
    /// </summary>
    public static byte[] WritePromptBlock(string blockReason, GeminiResponseMeta meta, GeminiUsage usage) => JsonBuffer.ToBytes(w =>
    {
        w.WriteStartObject();
        w.WriteStartObject("promptFeedback");
        w.WriteString("blockReason", blockReason);
        GeminiResponseMeta.WriteSafetyRatings(w, "safetyRatings", blocked: blockReason == "SAFETY");
        w.WriteEndObject();
        (usage with { Candidates = 0, Thoughts = 0 }).WriteTo(w);
        meta.WriteEnd(w);
    });

    /// <summary>
    /// Writes <c>candidates</c>, one object per entry. An entry's <see cref="CandidateEntry.WriteParts"/> writes the items
    /// of <c>parts</c>; <see langword="null"/> leaves <c>parts</c> out (<c>"content":{"role":"model"}</c>, as Gemini answers
    /// when nothing was generated). Its finish reason is left out when <see langword="null"/> (a stream chunk before its last).
    /// </summary>
    public static void WriteCandidates(Utf8JsonWriter w, IReadOnlyList<CandidateEntry> entries)
    {
        w.WriteStartArray("candidates");
        foreach (var entry in entries)
        {
            w.WriteStartObject();
            w.WriteStartObject("content");
            w.WriteString("role", "model");
            if (entry.WriteParts is not null)
            {
                w.WriteStartArray("parts");
                entry.WriteParts(w);
                w.WriteEndArray();
            }

            w.WriteEndObject();
            if (entry.FinishReason is not null)
            {
                w.WriteString("finishReason", entry.FinishReason);
            }

            w.WriteNumber("index", entry.Index);
            GeminiResponseMeta.WriteSafetyRatings(w, "safetyRatings", blocked: entry.FinishReason == "SAFETY");
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    /// <summary>One candidate object of an answer or a stream chunk.</summary>
    /// <param name="Index">Its <c>index</c>.</param>
    /// <param name="FinishReason">Its <c>finishReason</c>, or <see langword="null"/> to leave it out.</param>
    /// <param name="WriteParts">Writes the items of its <c>parts</c>, or <see langword="null"/> to leave <c>parts</c> out.</param>
    internal readonly record struct CandidateEntry(int Index, string? FinishReason, Action<Utf8JsonWriter>? WriteParts);
}
