using System.Text.Json;

namespace NexLLM.Connectors.Emulator.Responses;

/// <summary>A part of an output message's <c>content</c>: <c>output_text</c> (with empty annotations and log probabilities) or <c>refusal</c>.</summary>
/// <param name="IsRefusal">Whether it is a refusal.</param>
/// <param name="Text">The text or the refusal.</param>
internal sealed record ResponsesContentPart(bool IsRefusal, string Text)
{
    /// <summary>Writes the part whole, or empty as <c>response.content_part.added</c> has it.</summary>
    public void WriteTo(Utf8JsonWriter w, bool empty)
    {
        string text = empty ? "" : Text;
        w.WriteStartObject();
        if (IsRefusal)
        {
            w.WriteString("type", "refusal");
            w.WriteString("refusal", text);
        }
        else
        {
            w.WriteString("type", "output_text");
            w.WriteStartArray("annotations");
            w.WriteEndArray();
            w.WriteStartArray("logprobs");
            w.WriteEndArray();
            w.WriteString("text", text);
        }

        w.WriteEndObject();
    }
}
