using System.Text;
using System.Text.Json;
using NexLLM.Connectors.Emulator.Engine;
using NexLLM.Connectors.Emulator.Hosting;
using NexLLM.Connectors.Emulator.Shared;
using NexLLM.Connectors.Emulator.Streaming;

namespace NexLLM.Connectors.Emulator.Gemini;

/// <summary>
/// Renders a reply as the SSE stream of <c>:streamGenerateContent</c> (docs/protocols/gemini.md, docs/protocols/gateway.md#sse-framing): <c>data: &lt;json&gt;</c>
/// events with no <c>event:</c> line and no terminator. Each chunk is a whole <c>GenerateContentResponse</c> with
/// partial parts: thoughts, then text, in pieces of a few words (a thought's <c>thoughtSignature</c> on its last piece,
/// signing the whole thought), then each <c>functionCall</c> part whole with its signature. <c>usageMetadata</c> is on
/// every chunk, cumulative, the last one final; <c>finishReason</c> only on the last chunk.
/// </summary>
internal static class GeminiChunkWriter
{
    public static SseTranscript Build(ChatEngineReply reply, IReadOnlyList<GeminiReplyPart> parts, GeminiResponseMeta meta, GeminiUsage usage)
    {
        if (reply.BlockReason is { } blockReason)
        {
            var block = new SseEvent(null, Encoding.UTF8.GetString(GeminiResponseWriter.WritePromptBlock(blockReason, meta, usage)));
            return new SseTranscript([block], FinishIndex: 0, DoneData: null, ErrorEventName: null);
        }

        var pieces = Pieces(parts);
        var events = new List<SseEvent>();
        int thoughtTokens = 0;
        int candidateTokens = 0;
        string thoughtsSoFar = "";
        string textSoFar = "";
        for (int i = 0; i < pieces.Count; i++)
        {
            var (part, text, signature) = pieces[i];
            switch (part.Kind)
            {
                case GeminiReplyPart.Thought:
                    thoughtsSoFar += text;
                    thoughtTokens = TokenEstimator.Tokens(thoughtsSoFar);
                    break;
                case GeminiReplyPart.TextKind:
                    textSoFar += text;
                    break;
                default:
                    candidateTokens += TokenEstimator.Tokens(part.Name) + TokenEstimator.Tokens(part.Text);
                    break;
            }

            // Cumulative counts never exceed the final ones, which the last chunk carries exactly.
            bool last = i == pieces.Count - 1;
            var soFar = last ? usage : usage with
            {
                Thoughts = Math.Min(usage.Thoughts, thoughtTokens),
                Candidates = Math.Min(usage.Candidates, candidateTokens + TokenEstimator.Tokens(textSoFar)),
            };
            events.Add(Chunk(meta, last ? GeminiResponseMeta.FinishReason(reply) : null, soFar, w => WritePiece(w, part, text, signature)));
        }

        if (pieces.Count == 0)
        {
            events.Add(Chunk(meta, GeminiResponseMeta.FinishReason(reply), usage, writeParts: null));
        }

        return new SseTranscript(events, FinishIndex: events.Count - 1, DoneData: null, ErrorEventName: null);
    }

    /// <summary>
    /// The stream new-api writes when an OpenAI-compatible channel serves a Gemini request (new-api service/convert.go
    /// <c>StreamResponseOpenAI2Gemini</c>, relay/channel/openai/helper.go; docs/protocols/gemini.md): text chunks and whole function
    /// calls (no thoughts, no signatures, no <c>modelVersion</c>/<c>responseId</c>), each candidate with
    /// <c>"finishReason":null</c> and <c>"safetyRatings":[]</c> and usage with only the prompt counted; then one more
    /// chunk with <c>"parts":[]</c>, the finish reason and the final usage.
    /// </summary>
    public static SseTranscript BuildConverted(ChatEngineReply reply, IReadOnlyList<GeminiReplyPart> parts, GeminiResponseMeta meta, GeminiUsage usage)
    {
        if (reply.BlockReason is not null)
        {
            return Build(reply, parts, meta, usage);
        }

        var events = new List<SseEvent>();
        var converted = parts.Where(part => part.Kind != GeminiReplyPart.Thought).ToList();
        foreach (var (part, text, _) in Pieces(converted))
        {
            events.Add(ConvertedChunk(null, usage.Prompt, 0, w => WritePiece(w, part, text, signature: null)));
        }

        // The OpenAI finish reason, renamed by new-api: stop, tool_calls and anything unknown become STOP.
        string finish = OpenAIFinishReason.Of(reply) switch
        {
            "length" => "MAX_TOKENS",
            "content_filter" => "SAFETY",
            _ => "STOP",
        };
        int completion = usage.Candidates + usage.Thoughts;
        events.Add(ConvertedChunk(finish, usage.Prompt, completion, writeParts: _ => { }));
        return new SseTranscript(events, FinishIndex: events.Count - 1, DoneData: null, ErrorEventName: null);
    }

    // The stream pieces of the parts: thoughts and text in pieces of a few words, calls whole.
    private static List<(GeminiReplyPart Part, string Text, string? Signature)> Pieces(IReadOnlyList<GeminiReplyPart> parts)
    {
        var pieces = new List<(GeminiReplyPart, string, string?)>();
        foreach (var part in parts)
        {
            if (part.Kind == GeminiReplyPart.FunctionCall)
            {
                pieces.Add((part, part.Text, part.Signature));
                continue;
            }

            var texts = StreamSplitter.SplitText(part.Text);
            for (int i = 0; i < texts.Count; i++)
            {
                pieces.Add((part, texts[i], i == texts.Count - 1 ? part.Signature : null));
            }
        }

        return pieces;
    }

    private static void WritePiece(Utf8JsonWriter w, GeminiReplyPart part, string text, string? signature)
    {
        switch (part.Kind)
        {
            case GeminiReplyPart.Thought:
                GeminiReplyPart.WriteThought(w, text, signature);
                break;
            case GeminiReplyPart.TextKind:
                GeminiReplyPart.WriteText(w, text);
                break;
            default:
                part.WriteTo(w, withSignature: signature is not null);
                break;
        }
    }

    private static SseEvent Chunk(GeminiResponseMeta meta, string? finishReason, GeminiUsage usage, Action<Utf8JsonWriter>? writeParts) =>
        new(null, JsonBuffer.ToText(w =>
        {
            w.WriteStartObject();
            GeminiResponseWriter.WriteCandidates(w, finishReason, writeParts);
            usage.WriteTo(w);
            meta.WriteEnd(w);
        }));

    private static SseEvent ConvertedChunk(string? finishReason, int prompt, int completion, Action<Utf8JsonWriter> writeParts) =>
        new(null, JsonBuffer.ToText(w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("candidates");
            w.WriteStartObject();
            w.WriteStartObject("content");
            w.WriteString("role", "model");
            w.WriteStartArray("parts");
            writeParts(w);
            w.WriteEndArray();
            w.WriteEndObject();
            JsonBuffer.WriteStringOrNull(w, "finishReason", finishReason);
            w.WriteNumber("index", 0);
            w.WriteStartArray("safetyRatings");
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndArray();
            GeminiUsage.WriteConverted(w, prompt, completion, prompt + completion);
            w.WriteEndObject();
        }));
}
