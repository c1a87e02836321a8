using System.Text.Json;
using NexLLM.Connectors.Emulator.Engine;
using NexLLM.Connectors.Emulator.Hosting;

namespace NexLLM.Connectors.Emulator.Claude;

/// <summary>
/// One block of a Claude message's <c>content</c>, in the order Claude sends them (docs/protocols/claude-messages.md): <c>thinking</c>
/// (with its signature), <c>redacted_thinking</c>, <c>text</c>, then <c>tool_use</c> blocks.
/// </summary>
/// <param name="Type">The block type: <c>thinking</c>, <c>redacted_thinking</c>, <c>text</c> or <c>tool_use</c>.</param>
/// <param name="Text">The thinking text, the redacted data, the text, or the tool input as JSON text.</param>
internal sealed record ClaudeContentBlock(string Type, string Text)
{
    public const string Thinking = "thinking";
    public const string RedactedThinking = "redacted_thinking";
    public const string TextType = "text";
    public const string ToolUse = "tool_use";

    /// <summary>Gets the signature of a thinking block.</summary>
    public string? Signature { get; init; }

    /// <summary>Gets the id of a tool-use block.</summary>
    public string? Id { get; init; }

    /// <summary>Gets the tool name of a tool-use block.</summary>
    public string? Name { get; init; }

    /// <summary>
    /// The blocks of a reply. Thinking is signed (and redacted data remembered) so that the emulator accepts them when
    /// they come back. A refusal is text (with stop reason <c>refusal</c>). An empty text block is sent only when the
    /// message would otherwise be empty.
    /// </summary>
    public static IReadOnlyList<ClaudeContentBlock> From(ChatEngineReply reply, ClaudeThinkingSigner signer)
    {
        var blocks = new List<ClaudeContentBlock>();
        if (reply.Reasoning is { } reasoning)
        {
            blocks.Add(new ClaudeContentBlock(Thinking, reasoning) { Signature = signer.Sign(reasoning) });
        }

        if (reply.RedactedReasoning is { } data)
        {
            signer.Issue(data);
            blocks.Add(new ClaudeContentBlock(RedactedThinking, data));
        }

        string text = (reply.Text ?? "") + (reply.Refusal ?? "");
        if (text.Length > 0 || (blocks.Count == 0 && reply.ToolCalls.Count == 0))
        {
            blocks.Add(new ClaudeContentBlock(TextType, text));
        }

        blocks.AddRange(reply.ToolCalls.Select(call => new ClaudeContentBlock(ToolUse, call.ArgumentsJson) { Id = call.Id, Name = call.Name }));
        return blocks;
    }

    /// <summary>
    /// Writes the block as an object: whole, as in a message's <c>content</c>, or as a stream's <c>content_block_start</c>
    /// has it (docs/protocols/claude-messages.md): thinking with empty <c>thinking</c> and <c>signature</c>, text empty, tool use with
    /// <c>input: {}</c> — the deltas bring the rest. Redacted thinking is whole either way.
    /// </summary>
    public void WriteTo(Utf8JsonWriter w, bool asStreamStart)
    {
        w.WriteStartObject();
        w.WriteString("type", Type);
        switch (Type)
        {
            case Thinking:
                w.WriteString("thinking", asStreamStart ? "" : Text);
                w.WriteString("signature", asStreamStart ? "" : Signature);
                break;
            case RedactedThinking:
                w.WriteString("data", Text);
                break;
            case ToolUse:
                w.WriteString("id", Id);
                w.WriteString("name", Name);
                JsonBuffer.WriteArguments(w, "input", asStreamStart ? "" : Text);
                break;
            default:
                w.WriteString("text", asStreamStart ? "" : Text);
                break;
        }

        w.WriteEndObject();
    }
}
