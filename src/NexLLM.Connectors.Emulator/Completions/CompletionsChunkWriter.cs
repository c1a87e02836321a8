using System.Text.Json;
using NexLLM.Connectors.Emulator.ChatCompletions;
using NexLLM.Connectors.Emulator.Engine;
using NexLLM.Connectors.Emulator.Hosting;
using NexLLM.Connectors.Emulator.Shared;
using NexLLM.Connectors.Emulator.Streaming;

namespace NexLLM.Connectors.Emulator.Completions;

/// <summary>
/// Renders the choices as a <c>text_completion</c> stream (docs/protocols/completions.md#streaming): text chunks of a few words
/// (of three tokens with their logprobs, when asked for), the choices interleaved as they would be generated side by side;
/// then a chunk with each choice's finish reason; then the usage chunk new-api writes when the upstream sent none
/// (<c>"object":"chat.completion.chunk"</c>, <c>"choices":[]</c>, new-api's extras), unless <c>include_usage</c> is false; then <c>[DONE]</c>.
/// </summary>
internal static class CompletionsChunkWriter
{
    private const int TokensPerChunk = 3;

    public static SseTranscript Build(IReadOnlyList<CompletionChoice> choices, ChatUsage usage, ChatCompletionMeta meta, bool includeUsage)
    {
        List<List<(string Text, Action<Utf8JsonWriter>? Logprobs)>> pieces = [.. choices.Select(Pieces)];
        var events = new List<SseEvent>();
        for (int round = 0; round < pieces.Max(p => p.Count); round++)
        {
            for (int c = 0; c < choices.Count; c++)
            {
                if (round < pieces[c].Count)
                {
                    (string text, Action<Utf8JsonWriter>? logprobs) = pieces[c][round];
                    events.Add(Chunk(meta, choices[c].Index, text, null, logprobs));
                }
            }
        }

        int finishIndex = events.Count;
        foreach (CompletionChoice choice in choices)
        {
            events.Add(Chunk(meta, choice.Index, "", choice.FinishReason, null));
        }

        if (includeUsage)
        {
            events.Add(new SseEvent(null, JsonBuffer.ToText(w =>
            {
                meta.WriteStart(w, "chat.completion.chunk");
                w.WriteStartArray("choices");
                w.WriteEndArray();
                GatewayUsageWriter.Write(w, usage);
                w.WriteEndObject();
            })));
        }

        return new SseTranscript(events, finishIndex, DoneData: "[DONE]", ErrorEventName: null);
    }

    private static List<(string Text, Action<Utf8JsonWriter>? Logprobs)> Pieces(CompletionChoice choice)
    {
        if (choice.Logprobs is not { } logprobs)
        {
            return [.. StreamSplitter.SplitText(choice.Text).Select(text => (text, (Action<Utf8JsonWriter>?)null))];
        }

        var pieces = new List<(string, Action<Utf8JsonWriter>?)>();
        for (int start = 0; start < logprobs.Count; start += TokensPerChunk)
        {
            int first = start;
            pieces.Add((logprobs.Text(first, TokensPerChunk), w => logprobs.Write(w, first, TokensPerChunk)));
        }

        return pieces;
    }

    private static SseEvent Chunk(ChatCompletionMeta meta, int index, string text, string? finishReason, Action<Utf8JsonWriter>? logprobs) =>
        new(null, JsonBuffer.ToText(w =>
        {
            meta.WriteStart(w, CompletionsResponseWriter.ObjectType);
            w.WriteStartArray("choices");
            CompletionsResponseWriter.WriteChoice(w, index, text, finishReason, logprobs);
            w.WriteEndArray();
            w.WriteEndObject();
        }));
}
