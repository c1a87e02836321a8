using System.Text.Json;
using Microsoft.Extensions.AI;

namespace NexLLM.Connectors;

/// <summary>
/// Represents one piece of a streamed legacy completion (docs/protocols/completions.md): new text of one choice, its finish
/// reason, or the usage of the request. The texts of the updates of one <see cref="ChoiceIndex"/>, in order, are that choice's text.
/// </summary>
public sealed class NexLLMCompletionUpdate
{
    /// <summary>Gets or sets the completion's id (<c>cmpl-…</c>).</summary>
    public string? Id { get; set; }

    /// <summary>Gets or sets the model that answers.</summary>
    public string? ModelId { get; set; }

    /// <summary>Gets or sets when the completion was created.</summary>
    public DateTimeOffset? CreatedAt { get; set; }

    /// <summary>Gets or sets the choice this update belongs to (see <see cref="NexLLMCompletionChoice.Index"/>).</summary>
    public int ChoiceIndex { get; set; }

    /// <summary>Gets or sets the new text, empty for an update that carries only a finish reason or usage.</summary>
    public string Text { get; set; } = string.Empty;

    /// <summary>Gets or sets why the choice stopped, on the update that ends it.</summary>
    public ChatFinishReason? FinishReason { get; set; }

    /// <summary>Gets or sets the finish reason exactly as the gateway sent it.</summary>
    public string? RawFinishReason { get; set; }

    /// <summary>Gets or sets the <c>logprobs</c> of this piece of text, when they were asked for.</summary>
    public JsonElement? Logprobs { get; set; }

    /// <summary>Gets or sets the token counts of the request, on the update that reports them (near the end of the stream).</summary>
    public UsageDetails? Usage { get; set; }

    /// <summary>Gets or sets the gateway's request id; set on the updates that end a stream (a finish reason, the usage, the last one).</summary>
    public string? RequestId { get; set; }

    /// <inheritdoc />
    public override string ToString() => Text;
}
