using System.Text.Json;
using NexLLM.Connectors.Emulator.Engine;
using NexLLM.Connectors.Emulator.Hosting;

namespace NexLLM.Connectors.Emulator.Gemini;

/// <summary>
/// Renders a reply as a whole <c>GenerateContentResponse</c> (docs/protocols/gemini.md), as a Gemini channel answers and new-api
/// passes it through unchanged: <c>{"candidates":[{"content":{"role":"model","parts":[…]},"finishReason","index":0,
/// "safetyRatings":[…]}],"usageMetadata":{…},"modelVersion","responseId"}</c>, or, for a scripted prompt block, no
/// candidates and <c>promptFeedback{blockReason, safetyRatings}</c>.
/// </summary>
internal static class GeminiResponseWriter
{
    public static byte[] Write(ChatEngineReply reply, IReadOnlyList<GeminiReplyPart> parts, GeminiResponseMeta meta, GeminiUsage usage) =>
        reply.BlockReason is { } blockReason
            ? WritePromptBlock(blockReason, meta, usage)
            : JsonBuffer.ToBytes(w =>
            {
                w.WriteStartObject();
                WriteCandidates(w, GeminiResponseMeta.FinishReason(reply), writeParts: parts.Count == 0 ? null : pw =>
                {
                    foreach (var part in parts)
                    {
                        part.WriteTo(pw);
                    }
                });
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
    /// Writes <c>candidates</c> with one candidate. <paramref name="writeParts"/> writes the items of <c>parts</c>;
    /// <see langword="null"/> leaves <c>parts</c> out (<c>"content":{"role":"model"}</c>, as Gemini answers when nothing
    /// was generated). <paramref name="finishReason"/> is left out when <see langword="null"/> (a stream chunk before the last).
    /// </summary>
    public static void WriteCandidates(Utf8JsonWriter w, string? finishReason, Action<Utf8JsonWriter>? writeParts)
    {
        w.WriteStartArray("candidates");
        w.WriteStartObject();
        w.WriteStartObject("content");
        w.WriteString("role", "model");
        if (writeParts is not null)
        {
            w.WriteStartArray("parts");
            writeParts(w);
            w.WriteEndArray();
        }

        w.WriteEndObject();
        if (finishReason is not null)
        {
            w.WriteString("finishReason", finishReason);
        }

        w.WriteNumber("index", 0);
        GeminiResponseMeta.WriteSafetyRatings(w, "safetyRatings", blocked: finishReason == "SAFETY");
        w.WriteEndObject();
        w.WriteEndArray();
    }
}
