using System.Text.Json;

namespace NexLLM.Connectors.Emulator.Responses;

/// <summary>One item of a response's <c>output</c> (docs/protocols/responses.md): reasoning, a message or a function call.</summary>
/// <param name="Id">The item id (<c>rs_…</c>, <c>msg_…</c>, <c>fc_…</c>).</param>
internal abstract record ResponsesOutputItem(string Id)
{
    /// <summary>Writes the item as an object: whole, or as <c>response.output_item.added</c> has it (in progress, still empty).</summary>
    public abstract void WriteTo(Utf8JsonWriter w, bool added);
}
