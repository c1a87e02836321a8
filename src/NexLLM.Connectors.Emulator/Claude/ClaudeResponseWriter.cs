using NexLLM.Connectors.Emulator.Engine;
using NexLLM.Connectors.Emulator.Hosting;

namespace NexLLM.Connectors.Emulator.Claude;

/// <summary>
/// Renders a reply as a whole Claude message (docs/protocols/claude-messages.md#message-fields): <c>{"id":"msg_…","type":"message",
/// "role":"assistant","model","content":[…],"stop_reason","stop_sequence","stop_details":null,"container":null,"usage":{…}}</c>,
/// the fields the current Messages API returns, <c>null</c> where it sends null (no refusal, no code-execution container).
/// </summary>
internal static class ClaudeResponseWriter
{
    public static byte[] Write(ChatEngineReply reply, IReadOnlyList<ClaudeContentBlock> blocks, ClaudeMessageMeta meta) => JsonBuffer.ToBytes(w =>
    {
        w.WriteStartObject();
        w.WriteString("id", meta.Id);
        w.WriteString("type", "message");
        w.WriteString("role", "assistant");
        w.WriteString("model", meta.Model);
        w.WriteStartArray("content");
        foreach (var block in blocks)
        {
            block.WriteTo(w, asStreamStart: false);
        }

        w.WriteEndArray();
        w.WriteString("stop_reason", ClaudeMessageMeta.StopReason(reply));
        JsonBuffer.WriteStringOrNull(w, "stop_sequence", ClaudeMessageMeta.StopSequence(reply));
        ClaudeMessageMeta.WriteStopDetails(w, reply);
        w.WriteNull("container");
        ClaudeUsageWriter.WriteMessageUsage(w, reply.Usage);
        w.WriteEndObject();
    });
}
