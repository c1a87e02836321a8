using System.Text.Json;
using NexLLM.Connectors.Emulator.Engine;

namespace NexLLM.Connectors.Emulator.Responses;

/// <summary>A <c>function_call</c> output item: the call's <c>call_id</c>, name and arguments (JSON text, verbatim).</summary>
/// <param name="Id">The item id, <c>fc_…</c>.</param>
/// <param name="Call">The call.</param>
internal sealed record ResponsesFunctionCallItem(string Id, ChatToolCall Call) : ResponsesOutputItem(Id)
{
    public override void WriteTo(Utf8JsonWriter w, bool added)
    {
        w.WriteStartObject();
        w.WriteString("id", Id);
        w.WriteString("type", "function_call");
        w.WriteString("status", added ? "in_progress" : "completed");
        w.WriteString("arguments", added ? "" : Call.ArgumentsJson);
        w.WriteString("call_id", Call.Id);
        w.WriteString("name", Call.Name);
        w.WriteEndObject();
    }
}
