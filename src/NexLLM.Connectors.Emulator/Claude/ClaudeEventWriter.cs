using System.Text.Json;
using NexLLM.Connectors.Emulator.Engine;
using NexLLM.Connectors.Emulator.Hosting;
using NexLLM.Connectors.Emulator.Streaming;

namespace NexLLM.Connectors.Emulator.Claude;

/// <summary>
/// Renders a reply as the Claude event stream of docs/protocols/claude-messages.md, each event named by <c>event:</c> and by the JSON
/// <c>type</c> of its data: <c>message_start</c> (empty content, <c>stop_details: null</c>, input usage, <c>output_tokens: 1</c>), <c>ping</c>,
/// then per block <c>content_block_start</c> / <c>content_block_delta</c>… / <c>content_block_stop</c> (thinking in
/// <c>thinking_delta</c> pieces then one <c>signature_delta</c>; redacted thinking whole in its start; text in
/// <c>text_delta</c> pieces of a few words; tool input in <c>input_json_delta</c> pieces cut at uneven places after a
/// start with <c>input: {}</c>), then <c>message_delta</c> (stop reason, stop sequence, <c>stop_details</c>, <c>container: null</c>,
/// cumulative usage) and <c>message_stop</c>.
/// </summary>
internal static class ClaudeEventWriter
{
    /// <param name="reply">The reply.</param>
    /// <param name="blocks">Its content blocks.</param>
    /// <param name="meta">The message id and model.</param>
    /// <param name="extraBlankLine">Whether every event gets new-api's extra blank line (docs/protocols/gateway.md#sse-framing).</param>
    public static SseTranscript Build(ChatEngineReply reply, IReadOnlyList<ClaudeContentBlock> blocks, ClaudeMessageMeta meta, bool extraBlankLine)
    {
        var events = new List<SseEvent>();
        void Add(string type, Action<Utf8JsonWriter> write) => events.Add(new SseEvent(type, JsonBuffer.ToText(w =>
        {
            w.WriteStartObject();
            w.WriteString("type", type);
            write(w);
            w.WriteEndObject();
        }), extraBlankLine));

        Add("message_start", w =>
        {
            w.WriteStartObject("message");
            w.WriteString("id", meta.Id);
            w.WriteString("type", "message");
            w.WriteString("role", "assistant");
            w.WriteString("model", meta.Model);
            w.WriteStartArray("content");
            w.WriteEndArray();
            w.WriteNull("stop_reason");
            w.WriteNull("stop_sequence");
            ClaudeMessageMeta.WriteStopDetails(w, reply: null);
            ClaudeUsageWriter.WriteStartUsage(w, reply.Usage);
            w.WriteEndObject();
        });
        Add("ping", _ => { });

        for (int index = 0; index < blocks.Count; index++)
        {
            var block = blocks[index];
            int blockIndex = index;
            Add("content_block_start", w =>
            {
                w.WriteNumber("index", blockIndex);
                w.WritePropertyName("content_block");
                block.WriteTo(w, asStreamStart: true);
            });

            foreach (var (deltaType, field, piece) in Deltas(block))
            {
                Add("content_block_delta", w =>
                {
                    w.WriteNumber("index", blockIndex);
                    w.WriteStartObject("delta");
                    w.WriteString("type", deltaType);
                    w.WriteString(field, piece);
                    w.WriteEndObject();
                });
            }

            Add("content_block_stop", w => w.WriteNumber("index", blockIndex));
        }

        int finishIndex = events.Count;
        Add("message_delta", w =>
        {
            w.WriteStartObject("delta");
            w.WriteString("stop_reason", ClaudeMessageMeta.StopReason(reply));
            JsonBuffer.WriteStringOrNull(w, "stop_sequence", ClaudeMessageMeta.StopSequence(reply));
            ClaudeMessageMeta.WriteStopDetails(w, reply);
            w.WriteNull("container");
            w.WriteEndObject();
            ClaudeUsageWriter.WriteDeltaUsage(w, reply.Usage);
        });
        Add("message_stop", _ => { });
        return new SseTranscript(events, finishIndex, DoneData: null, ErrorEventName: "error");
    }

    private static IEnumerable<(string DeltaType, string Field, string Piece)> Deltas(ClaudeContentBlock block)
    {
        switch (block.Type)
        {
            case ClaudeContentBlock.Thinking:
                foreach (string piece in StreamSplitter.SplitText(block.Text))
                {
                    yield return ("thinking_delta", "thinking", piece);
                }

                yield return ("signature_delta", "signature", block.Signature ?? "");
                break;
            case ClaudeContentBlock.ToolUse:
                // A tool without arguments still gets one empty fragment, as Anthropic sends it (docs/protocols/claude-messages.md).
                var pieces = StreamSplitter.SplitArguments(block.Text);
                foreach (string piece in pieces.Count == 0 ? [""] : pieces)
                {
                    yield return ("input_json_delta", "partial_json", piece);
                }

                break;
            case ClaudeContentBlock.TextType:
                foreach (string piece in StreamSplitter.SplitText(block.Text))
                {
                    yield return ("text_delta", "text", piece);
                }

                break;
        }
    }
}
