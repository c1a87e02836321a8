using System.Text.Json;

namespace NexLLM.Connectors.Emulator.Responses;

/// <summary>An assistant <c>message</c> output item: its text and refusal parts; <c>incomplete</c> when the response is.</summary>
/// <param name="Id">The item id, <c>msg_…</c>.</param>
/// <param name="Parts">The content parts.</param>
/// <param name="Incomplete">Whether the response ended early (output limit, content filter).</param>
internal sealed record ResponsesMessageItem(string Id, IReadOnlyList<ResponsesContentPart> Parts, bool Incomplete) : ResponsesOutputItem(Id)
{
    public override void WriteTo(Utf8JsonWriter w, bool added)
    {
        w.WriteStartObject();
        w.WriteString("id", Id);
        w.WriteString("type", "message");
        w.WriteString("status", added ? "in_progress" : Incomplete ? "incomplete" : "completed");
        w.WriteStartArray("content");
        foreach (var part in added ? [] : Parts)
        {
            part.WriteTo(w, empty: false);
        }

        w.WriteEndArray();
        w.WriteString("role", "assistant");
        w.WriteEndObject();
    }
}
