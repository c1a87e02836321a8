using Microsoft.Extensions.AI;

namespace NexLLM.Connectors.Chat.Claude;

/// <summary>Maps response content blocks to M.E.AI contents; used for whole responses and for blocks that arrive whole in a stream.</summary>
internal static class ClaudeContentMapper
{
    public static AIContent? Map(ClaudeContentBlock block) => block.Type switch
    {
        "text" => Text(block.Text ?? string.Empty, block.Citations),
        "thinking" => new TextReasoningContent(block.Thinking ?? string.Empty) { ProtectedData = block.Signature, RawRepresentation = block },
        "redacted_thinking" => RedactedThinking(block.Data),
        "tool_use" => Call(block.Id, block.Name, block.Input),
        _ => null,
    };

    public static TextContent Text(string text, List<ClaudeCitation>? citations)
    {
        var content = new TextContent(text);
        if (citations is { Count: > 0 })
        {
            content.Annotations = [.. citations.Select(Citation)];
        }

        return content;
    }

    /// <summary>A <c>redacted_thinking</c> block: no readable text, its data echoed back as it came.</summary>
    public static TextReasoningContent RedactedThinking(string? data) =>
        new(string.Empty)
        {
            ProtectedData = data,
            AdditionalProperties = new() { [ChatOptionKeys.ClaudeRedactedThinking] = true },
        };

    public static FunctionCallContent Call(string? id, string? name, System.Text.Json.JsonElement? input) =>
        FunctionCalls.FromElement(id, name ?? string.Empty, input);

    public static CitationAnnotation Citation(ClaudeCitation citation) =>
        new()
        {
            Title = citation.Title ?? citation.DocumentTitle,
            Url = Uri.TryCreate(citation.Url, UriKind.Absolute, out Uri? url) ? url : null,
            Snippet = citation.CitedText,
            RawRepresentation = citation,
        };
}
