using System.Text.Json;
using NexLLM.Connectors.Emulator.Engine;
using NexLLM.Connectors.Emulator.Hosting;
using NexLLM.Connectors.Emulator.Shared;
using NexLLM.Connectors.Emulator.Streaming;

namespace NexLLM.Connectors.Emulator.ChatCompletions;

/// <summary>
/// Renders a reply as the <c>chat.completion.chunk</c> stream of docs/protocols/chat-completions.md: per choice a role chunk
/// with <c>content: ""</c>, reasoning chunks, text chunks of a few words (with their <c>logprobs</c> when asked for),
/// refusal chunks, each tool call in several fragments (the first with index, id, type, name and <c>arguments: ""</c>,
/// then index and argument pieces); with several choices (<c>n</c>) their chunks take turns, as OpenAI interleaves them.
/// Then a chunk with only the finish reason per choice, the usage-only chunk with <c>choices: []</c>, and <c>[DONE]</c>.
/// </summary>
internal static class ChatCompletionsChunkWriter
{
    /// <param name="choices">The reply of each choice (<see cref="ChatCompletionChoices"/>).</param>
    /// <param name="meta">The envelope fields.</param>
    /// <param name="call">The request (usage chunk, <c>logprobs</c>).</param>
    /// <param name="settings">The emulator's settings (reasoning field, tool-call index base).</param>
    public static SseTranscript Build(IReadOnlyList<ChatEngineReply> choices, ChatCompletionMeta meta, ChatCompletionsCall call, EmulatorSettings settings)
    {
        var events = Interleave([.. choices.Select((reply, index) => DeltaChunks(reply, index, meta, call.TopLogprobs, settings))]);

        int finishIndex = events.Count;
        for (int index = 0; index < choices.Count; index++)
        {
            events.Add(Chunk(meta, index, _ => { }, finishReason: OpenAIFinishReason.Of(choices[index])));
        }

        if (call.IncludeUsage)
        {
            // Sent by new-api even when stream_options is absent (docs/protocols/chat-completions.md "new-api specifics", docs/protocols/chat-completions.md#gotchas).
            events.Add(new SseEvent(null, JsonBuffer.ToText(w =>
            {
                meta.WriteStart(w, "chat.completion.chunk");
                w.WriteStartArray("choices");
                w.WriteEndArray();
                GatewayUsageWriter.Write(w, ChatCompletionChoices.Usage(choices));
                w.WriteEndObject();
            })));
        }

        return new SseTranscript(events, finishIndex, DoneData: "[DONE]", ErrorEventName: null);
    }

    // One choice's chunks before its finish reason.
    private static List<SseEvent> DeltaChunks(ChatEngineReply reply, int index, ChatCompletionMeta meta, int? topLogprobs, EmulatorSettings settings)
    {
        var events = new List<SseEvent>
        {
            Chunk(meta, index, w =>
            {
                w.WriteString("role", "assistant");
                w.WriteString("content", "");
            }),
        };

        foreach (string piece in StreamSplitter.SplitText(reply.Reasoning))
        {
            events.Add(Chunk(meta, index, w => w.WriteString(settings.ReasoningField, piece)));
        }

        AddTextChunks(events, meta, index, reply.Text, "content", topLogprobs);
        AddTextChunks(events, meta, index, reply.Refusal, "refusal", topLogprobs);

        for (int i = 0; i < reply.ToolCalls.Count; i++)
        {
            var toolCall = reply.ToolCalls[i];

            // Claude-converted streams number tool calls by Claude content block: they start above 0 with gaps (docs/protocols/chat-completions.md).
            int callIndex = settings.ToolCallIndexBase == 0 ? i : settings.ToolCallIndexBase + (2 * i);
            events.Add(ToolCallChunk(meta, index, callIndex, w =>
            {
                w.WriteString("id", toolCall.Id);
                w.WriteString("type", "function");
                w.WriteStartObject("function");
                w.WriteString("name", toolCall.Name);
                w.WriteString("arguments", "");
                w.WriteEndObject();
            }));

            foreach (string piece in StreamSplitter.SplitArguments(toolCall.ArgumentsJson))
            {
                events.Add(ToolCallChunk(meta, index, callIndex, w =>
                {
                    w.WriteStartObject("function");
                    w.WriteString("arguments", piece);
                    w.WriteEndObject();
                }));
            }
        }

        return events;
    }

    // Text or refusal pieces of a few words; with logprobs, each chunk carries the tokens of its piece.
    private static void AddTextChunks(List<SseEvent> events, ChatCompletionMeta meta, int index, string? text, string field, int? topLogprobs)
    {
        int position = 0;
        foreach (string piece in StreamSplitter.SplitText(text))
        {
            var tokens = LogprobTokens.Tokenize(piece);
            var run = new TokenRun(tokens, position);
            position += tokens.Count;
            Action<Utf8JsonWriter>? logprobs = topLogprobs is { } top
                ? w => ChatLogprobsWriter.Write(w, top, field == "content" ? run : null, field == "refusal" ? run : null)
                : null;
            events.Add(Chunk(meta, index, w => w.WriteString(field, piece), logprobs));
        }
    }

    // The choices' chunks taking turns: the first chunk of each, then the second of each, and so on.
    private static List<SseEvent> Interleave(IReadOnlyList<List<SseEvent>> perChoice)
    {
        if (perChoice.Count == 1)
        {
            return perChoice[0];
        }

        var events = new List<SseEvent>();
        for (int position = 0; events.Count < perChoice.Sum(c => c.Count); position++)
        {
            events.AddRange(perChoice.Where(c => position < c.Count).Select(c => c[position]));
        }

        return events;
    }

    private static SseEvent ToolCallChunk(ChatCompletionMeta meta, int index, int callIndex, Action<Utf8JsonWriter> writeCall) => Chunk(meta, index, w =>
    {
        w.WriteStartArray("tool_calls");
        w.WriteStartObject();
        w.WriteNumber("index", callIndex);
        writeCall(w);
        w.WriteEndObject();
        w.WriteEndArray();
    });

    private static SseEvent Chunk(
        ChatCompletionMeta meta, int index, Action<Utf8JsonWriter> writeDelta, Action<Utf8JsonWriter>? writeLogprobs = null, string? finishReason = null) =>
        new(null, JsonBuffer.ToText(w =>
        {
            meta.WriteStart(w, "chat.completion.chunk");
            w.WriteStartArray("choices");
            w.WriteStartObject();
            w.WriteNumber("index", index);
            w.WriteStartObject("delta");
            writeDelta(w);
            w.WriteEndObject();
            if (writeLogprobs is null)
            {
                w.WriteNull("logprobs");
            }
            else
            {
                writeLogprobs(w);
            }

            JsonBuffer.WriteStringOrNull(w, "finish_reason", finishReason);
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteNull("usage");
            w.WriteEndObject();
        }));
}
