using System.Text.Json;
using NexLLM.Connectors.Emulator.Engine;
using NexLLM.Connectors.Emulator.Hosting;
using NexLLM.Connectors.Emulator.Shared;
using NexLLM.Connectors.Emulator.Streaming;

namespace NexLLM.Connectors.Emulator.ChatCompletions;

/// <summary>
/// Renders a reply as the <c>chat.completion.chunk</c> stream of docs/protocols/chat-completions.md: a role chunk with <c>content: ""</c>,
/// reasoning chunks, text chunks of a few words, refusal chunks, each tool call in several fragments (the first with
/// index, id, type, name and <c>arguments: ""</c>, then index and argument pieces), a chunk with only the finish
/// reason, the usage-only chunk with <c>choices: []</c>, then <c>[DONE]</c>.
/// </summary>
internal static class ChatCompletionsChunkWriter
{
    public static SseTranscript Build(ChatEngineReply reply, ChatCompletionMeta meta, bool includeUsage, EmulatorSettings settings)
    {
        var events = new List<SseEvent>
        {
            Chunk(meta, w =>
            {
                w.WriteString("role", "assistant");
                w.WriteString("content", "");
            }),
        };

        foreach (string piece in StreamSplitter.SplitText(reply.Reasoning))
        {
            events.Add(Chunk(meta, w => w.WriteString(settings.ReasoningField, piece)));
        }

        foreach (string piece in StreamSplitter.SplitText(reply.Text))
        {
            events.Add(Chunk(meta, w => w.WriteString("content", piece)));
        }

        foreach (string piece in StreamSplitter.SplitText(reply.Refusal))
        {
            events.Add(Chunk(meta, w => w.WriteString("refusal", piece)));
        }

        for (int i = 0; i < reply.ToolCalls.Count; i++)
        {
            var call = reply.ToolCalls[i];

            // Claude-converted streams number tool calls by Claude content block: they start above 0 with gaps (docs/protocols/chat-completions.md).
            int index = settings.ToolCallIndexBase == 0 ? i : settings.ToolCallIndexBase + (2 * i);
            events.Add(ToolCallChunk(meta, index, w =>
            {
                w.WriteString("id", call.Id);
                w.WriteString("type", "function");
                w.WriteStartObject("function");
                w.WriteString("name", call.Name);
                w.WriteString("arguments", "");
                w.WriteEndObject();
            }));

            foreach (string piece in StreamSplitter.SplitArguments(call.ArgumentsJson))
            {
                events.Add(ToolCallChunk(meta, index, w =>
                {
                    w.WriteStartObject("function");
                    w.WriteString("arguments", piece);
                    w.WriteEndObject();
                }));
            }
        }

        int finishIndex = events.Count;
        events.Add(Chunk(meta, _ => { }, OpenAIFinishReason.Of(reply)));

        if (includeUsage)
        {
            // Sent by new-api even when stream_options is absent (docs/protocols/chat-completions.md "new-api specifics", docs/protocols/chat-completions.md#gotchas).
            events.Add(new SseEvent(null, JsonBuffer.ToText(w =>
            {
                meta.WriteStart(w, "chat.completion.chunk");
                w.WriteStartArray("choices");
                w.WriteEndArray();
                GatewayUsageWriter.Write(w, reply.Usage);
                w.WriteEndObject();
            })));
        }

        return new SseTranscript(events, finishIndex, DoneData: "[DONE]", ErrorEventName: null);
    }

    private static SseEvent ToolCallChunk(ChatCompletionMeta meta, int index, Action<Utf8JsonWriter> writeCall) => Chunk(meta, w =>
    {
        w.WriteStartArray("tool_calls");
        w.WriteStartObject();
        w.WriteNumber("index", index);
        writeCall(w);
        w.WriteEndObject();
        w.WriteEndArray();
    });

    private static SseEvent Chunk(ChatCompletionMeta meta, Action<Utf8JsonWriter> writeDelta, string? finishReason = null) =>
        new(null, JsonBuffer.ToText(w =>
        {
            meta.WriteStart(w, "chat.completion.chunk");
            w.WriteStartArray("choices");
            w.WriteStartObject();
            w.WriteNumber("index", 0);
            w.WriteStartObject("delta");
            writeDelta(w);
            w.WriteEndObject();
            w.WriteNull("logprobs");
            JsonBuffer.WriteStringOrNull(w, "finish_reason", finishReason);
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteNull("usage");
            w.WriteEndObject();
        }));
}
