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
/// every chunk, cumulative, the last one final; <c>finishReason</c> only on a candidate's last chunk. Several candidates
/// (<c>candidateCount</c>) take turns, one candidate with its <c>index</c> per chunk.
/// </summary>
internal static class GeminiChunkWriter
{
    public static SseTranscript Build(ChatEngineReply reply, IReadOnlyList<GeminiCandidate> candidates, GeminiResponseMeta meta, GeminiUsage usage)
    {
        if (reply.BlockReason is { } blockReason)
        {
            var block = new SseEvent(null, Encoding.UTF8.GetString(GeminiResponseWriter.WritePromptBlock(blockReason, meta, usage)));
            return new SseTranscript([block], FinishIndex: 0, DoneData: null, ErrorEventName: null);
        }

        // One candidate per chunk, the candidates taking turns: piece j of candidate 0, of candidate 1…, then piece j + 1.
        // A candidate with nothing to say gets one chunk with its finish reason and no parts.
        var pieces = candidates.Select(candidate => Pieces(candidate.Parts)).ToList();
        var progress = candidates.Select(_ => new OutputSoFar()).ToList();
        int rounds = Math.Max(1, pieces.Max(list => list.Count));
        var chunks = new List<(GeminiResponseWriter.CandidateEntry Entry, GeminiUsage SoFar)>();
        for (int j = 0; j < rounds; j++)
        {
            for (int c = 0; c < candidates.Count; c++)
            {
                string finishReason = GeminiResponseMeta.FinishReason(candidates[c].Reply);
                if (pieces[c].Count == 0 && j == 0)
                {
                    chunks.Add((new(candidates[c].Index, finishReason, WriteParts: null), SoFar(usage, progress)));
                }
                else if (j < pieces[c].Count)
                {
                    var (part, text, signature) = pieces[c][j];
                    progress[c].Add(part, text);
                    var entry = new GeminiResponseWriter.CandidateEntry(
                        candidates[c].Index, j == pieces[c].Count - 1 ? finishReason : null, w => WritePiece(w, part, text, signature));
                    chunks.Add((entry, SoFar(usage, progress)));
                }
            }
        }

        // Cumulative counts never exceed the final ones, which the last chunk carries exactly.
        var events = chunks.Select((chunk, i) => Chunk(meta, [chunk.Entry], i == chunks.Count - 1 ? usage : chunk.SoFar)).ToList();
        return new SseTranscript(events, FinishIndex: events.Count - 1, DoneData: null, ErrorEventName: null);
    }

    /// <summary>
    /// The stream new-api writes when an OpenAI-compatible channel serves a Gemini request (new-api service/convert.go
    /// <c>StreamResponseOpenAI2Gemini</c>, relay/channel/openai/helper.go; docs/protocols/gemini.md): text chunks and whole function
    /// calls (no thoughts, no signatures, no <c>modelVersion</c>/<c>responseId</c>), each candidate with
    /// <c>"finishReason":null</c> and <c>"safetyRatings":[]</c> and usage with only the prompt counted; then per candidate
    /// (an OpenAI choice) one more chunk with <c>"parts":[]</c> and the finish reason, the last one with the final usage.
    /// </summary>
    public static SseTranscript BuildConverted(ChatEngineReply reply, IReadOnlyList<GeminiCandidate> candidates, GeminiResponseMeta meta, GeminiUsage usage)
    {
        if (reply.BlockReason is not null)
        {
            return Build(reply, candidates, meta, usage);
        }

        var events = new List<SseEvent>();
        foreach (var candidate in candidates)
        {
            var converted = candidate.Parts.Where(part => part.Kind != GeminiReplyPart.Thought).ToList();
            foreach (var (part, text, _) in Pieces(converted))
            {
                events.Add(ConvertedChunk(candidate.Index, null, usage.Prompt, 0, w => WritePiece(w, part, text, signature: null)));
            }
        }

        int completion = usage.Candidates + usage.Thoughts;
        foreach (var candidate in candidates)
        {
            // The OpenAI finish reason, renamed by new-api: stop, tool_calls and anything unknown become STOP.
            string finish = OpenAIFinishReason.Of(candidate.Reply) switch
            {
                "length" => "MAX_TOKENS",
                "content_filter" => "SAFETY",
                _ => "STOP",
            };
            bool last = candidate.Index == candidates[^1].Index;
            events.Add(ConvertedChunk(candidate.Index, finish, usage.Prompt, last ? completion : 0, writeParts: _ => { }));
        }

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

    private static GeminiUsage SoFar(GeminiUsage usage, List<OutputSoFar> progress) => usage with
    {
        Thoughts = Math.Min(usage.Thoughts, progress.Sum(p => p.ThoughtTokens)),
        Candidates = Math.Min(usage.Candidates, progress.Sum(p => p.CandidateTokens)),
    };

    private static SseEvent Chunk(GeminiResponseMeta meta, IReadOnlyList<GeminiResponseWriter.CandidateEntry> entries, GeminiUsage usage) =>
        new(null, JsonBuffer.ToText(w =>
        {
            w.WriteStartObject();
            GeminiResponseWriter.WriteCandidates(w, entries);
            usage.WriteTo(w);
            meta.WriteEnd(w);
        }));

    private static SseEvent ConvertedChunk(int index, string? finishReason, int prompt, int completion, Action<Utf8JsonWriter> writeParts) =>
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
            w.WriteNumber("index", index);
            w.WriteStartArray("safetyRatings");
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndArray();
            GeminiUsage.WriteConverted(w, prompt, completion, prompt + completion);
            w.WriteEndObject();
        }));

    /// <summary>What one candidate's stream has said so far, counted as its usage counts it.</summary>
    private sealed class OutputSoFar
    {
        private string _thoughts = "";
        private string _text = "";
        private int _callTokens;

        public int ThoughtTokens => TokenEstimator.Tokens(_thoughts);

        public int CandidateTokens => _callTokens + TokenEstimator.Tokens(_text);

        public void Add(GeminiReplyPart part, string text)
        {
            switch (part.Kind)
            {
                case GeminiReplyPart.Thought:
                    _thoughts += text;
                    break;
                case GeminiReplyPart.TextKind:
                    _text += text;
                    break;
                default:
                    _callTokens += TokenEstimator.Tokens(part.Name) + TokenEstimator.Tokens(part.Text);
                    break;
            }
        }
    }
}
