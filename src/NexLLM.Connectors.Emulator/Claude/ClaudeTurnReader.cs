using System.Text.Json;
using NexLLM.Connectors.Emulator.Engine;

namespace NexLLM.Connectors.Emulator.Claude;

/// <summary>
/// Reads <c>system</c> and <c>messages</c> (docs/protocols/claude-messages.md) into the engine's turns. Content is a string or blocks:
/// <c>text</c> blocks make the text; <c>image</c>, <c>document</c> and other input blocks count as attachments;
/// an assistant's <c>tool_use</c> blocks are its calls (id, name, <c>input</c> as JSON text); each <c>tool_result</c>
/// block of a user message is a tool turn, placed after that message's own text so the conversation ends with the
/// results (its content is a string or text blocks, prefixed with <c>error: </c> when <c>is_error</c>);
/// <c>thinking</c> and <c>redacted_thinking</c> blocks were checked by <see cref="ClaudeRequestValidator"/> and carry nothing else.
/// </summary>
internal static class ClaudeTurnReader
{
    public static IReadOnlyList<ChatTurn> Read(JsonElement root)
    {
        var turns = new List<ChatTurn>();
        if (root.TryGetProperty("system", out var system) && SystemText(system) is { Length: > 0 } instructions)
        {
            turns.Add(new ChatTurn(ChatRole.System, instructions));
        }

        foreach (var message in ClaudeRequestReader.Items(root, "messages").Where(m => m.ValueKind == JsonValueKind.Object))
        {
            var content = message.TryGetProperty("content", out var c) ? c : default;
            switch (ClaudeRequestReader.Text(message, "role"))
            {
                case "assistant":
                    turns.Add(ReadAssistant(content));
                    break;
                case "system":
                    turns.Add(new ChatTurn(ChatRole.System, SystemText(content)));
                    break;
                default:
                    ReadUser(content, turns);
                    break;
            }
        }

        return turns;
    }

    private static string SystemText(JsonElement system) => system.ValueKind switch
    {
        JsonValueKind.String => system.GetString()!,
        JsonValueKind.Array => string.Join("\n", system.EnumerateArray().Select(block => ClaudeRequestReader.Text(block, "text")).OfType<string>()),
        _ => "",
    };

    private static ChatTurn ReadAssistant(JsonElement content)
    {
        if (content.ValueKind == JsonValueKind.String)
        {
            return new ChatTurn(ChatRole.Assistant, content.GetString()!);
        }

        var texts = new List<string>();
        var calls = new List<ChatToolCall>();
        foreach (var block in Blocks(content))
        {
            switch (ClaudeRequestReader.Text(block, "type"))
            {
                case "text":
                    texts.Add(ClaudeRequestReader.Text(block, "text") ?? "");
                    break;
                case "tool_use":
                    string input = block.TryGetProperty("input", out var i) && i.ValueKind == JsonValueKind.Object ? i.GetRawText() : "{}";
                    calls.Add(new ChatToolCall(ClaudeRequestReader.Text(block, "id") ?? "", ClaudeRequestReader.Text(block, "name") ?? "", input));
                    break;
            }
        }

        return new ChatTurn(ChatRole.Assistant, string.Join("\n", texts)) { ToolCalls = calls };
    }

    private static void ReadUser(JsonElement content, List<ChatTurn> turns)
    {
        if (content.ValueKind == JsonValueKind.String)
        {
            turns.Add(new ChatTurn(ChatRole.User, content.GetString()!));
            return;
        }

        var texts = new List<string>();
        var results = new List<ChatTurn>();
        int attachments = 0;
        foreach (var block in Blocks(content))
        {
            switch (ClaudeRequestReader.Text(block, "type"))
            {
                case "text":
                    texts.Add(ClaudeRequestReader.Text(block, "text") ?? "");
                    break;
                case "tool_result":
                    results.Add(ReadToolResult(block));
                    break;
                case "thinking" or "redacted_thinking":
                    break;
                default:
                    attachments++; // image, document (PDF or text), search_result…
                    break;
            }
        }

        if (results.Count == 0 || texts.Count > 0 || attachments > 0)
        {
            turns.Add(new ChatTurn(ChatRole.User, string.Join("\n", texts)) { AttachmentCount = attachments });
        }

        turns.AddRange(results);
    }

    private static ChatTurn ReadToolResult(JsonElement block)
    {
        var content = block.TryGetProperty("content", out var c) ? c : default;
        string text = content.ValueKind switch
        {
            JsonValueKind.String => content.GetString()!,
            JsonValueKind.Array => string.Join("\n", content.EnumerateArray().Select(part => ClaudeRequestReader.Text(part, "text")).OfType<string>()),
            _ => "",
        };
        int attachments = content.ValueKind == JsonValueKind.Array
            ? content.EnumerateArray().Count(part => ClaudeRequestReader.Text(part, "type") is not (null or "text"))
            : 0;
        bool isError = block.TryGetProperty("is_error", out var e) && e.ValueKind == JsonValueKind.True;
        return new ChatTurn(ChatRole.Tool, isError ? "error: " + text : text)
        {
            ToolCallId = ClaudeRequestReader.Text(block, "tool_use_id"),
            AttachmentCount = attachments,
        };
    }

    private static IEnumerable<JsonElement> Blocks(JsonElement content) =>
        content.ValueKind == JsonValueKind.Array ? content.EnumerateArray().Where(b => b.ValueKind == JsonValueKind.Object) : [];
}
