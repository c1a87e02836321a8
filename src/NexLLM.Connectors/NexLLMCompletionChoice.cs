using System.Text.Json;
using Microsoft.Extensions.AI;

namespace NexLLM.Connectors;

/// <summary>Represents one generated text of a legacy completion (docs/protocols/completions.md).</summary>
public sealed class NexLLMCompletionChoice
{
    /// <summary>
    /// Gets or sets the choice's position: with several prompts and <see cref="NexLLMCompletionOptions.N"/> choices each, the
    /// choices of prompt <c>p</c> are <c>p * N</c> to <c>p * N + N - 1</c>.
    /// </summary>
    public int Index { get; set; }

    /// <summary>Gets or sets the generated text (after the prompt, when it was echoed).</summary>
    public string Text { get; set; } = string.Empty;

    /// <summary>Gets or sets why the generation stopped: <see cref="ChatFinishReason.Stop"/>, <see cref="ChatFinishReason.Length"/>, <see cref="ChatFinishReason.ContentFilter"/>, or another value as sent.</summary>
    public ChatFinishReason? FinishReason { get; set; }

    /// <summary>Gets or sets the finish reason exactly as the gateway sent it (<c>finish_reason</c>).</summary>
    public string? RawFinishReason { get; set; }

    /// <summary>Gets or sets the <c>logprobs</c> object (<c>tokens</c>, <c>token_logprobs</c>, <c>top_logprobs</c>, <c>text_offset</c>), when they were asked for.</summary>
    public JsonElement? Logprobs { get; set; }

    /// <inheritdoc />
    public override string ToString() => Text;
}
