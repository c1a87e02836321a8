using System.Text.Json;

namespace NexLLM.Connectors.Emulator.Responses;

/// <summary>
/// A <c>reasoning</c> output item: <c>summary</c> holds the reasoning as one <c>summary_text</c> part when a summary was
/// asked for (else it is empty), and <c>encrypted_content</c> is there when <c>include</c> asked for it.
/// </summary>
/// <param name="Id">The item id, <c>rs_…</c>.</param>
/// <param name="Text">The reasoning text.</param>
/// <param name="Summarised">Whether the text is shown as a summary.</param>
/// <param name="EncryptedContent">The sealed reasoning, or <see langword="null"/>.</param>
internal sealed record ResponsesReasoningItem(string Id, string Text, bool Summarised, string? EncryptedContent) : ResponsesOutputItem(Id)
{
    public override void WriteTo(Utf8JsonWriter w, bool added)
    {
        w.WriteStartObject();
        w.WriteString("id", Id);
        w.WriteString("type", "reasoning");
        w.WriteStartArray("summary");
        if (!added && Summarised)
        {
            WriteSummaryPart(w, Text);
        }

        w.WriteEndArray();

        // OpenAI's added item may carry it incomplete; the done item is the one to echo back, so only it has it here.
        if (!added && EncryptedContent is not null)
        {
            w.WriteString("encrypted_content", EncryptedContent);
        }

        w.WriteEndObject();
    }

    /// <summary>Writes a <c>summary_text</c> part.</summary>
    public static void WriteSummaryPart(Utf8JsonWriter w, string text)
    {
        w.WriteStartObject();
        w.WriteString("type", "summary_text");
        w.WriteString("text", text);
        w.WriteEndObject();
    }
}
