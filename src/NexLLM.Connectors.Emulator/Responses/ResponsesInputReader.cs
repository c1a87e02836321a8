using System.Text.Json;
using NexLLM.Connectors.Emulator.Engine;
using NexLLM.Connectors.Emulator.Hosting;

namespace NexLLM.Connectors.Emulator.Responses;

/// <summary>
/// Reads <c>instructions</c> and <c>input</c> (docs/protocols/responses.md) into the engine's turns. A string input is
/// one user message. Message items (<c>type</c> optional) keep their role (<c>developer</c> is a system turn); their
/// <c>input_text</c>, <c>output_text</c> and <c>refusal</c> parts make the text, <c>input_image</c>, <c>input_file</c>
/// and <c>input_audio</c> parts count as attachments. A <c>function_call</c> is a call of the assistant turn before
/// it (or of a new one), a <c>function_call_output</c> a tool turn after that assistant turn. Reasoning items were checked
/// (<see cref="ResponsesInputValidator"/>) and carry nothing else; other items are ignored.
/// </summary>
internal static class ResponsesInputReader
{
    /// <summary>The system turn of <c>instructions</c> (a string, or message items), if any.</summary>
    public static IReadOnlyList<ChatTurn> ReadInstructions(JsonElement root)
    {
        var instructions = JsonRead.Field(root, "instructions");
        return instructions.ValueKind switch
        {
            JsonValueKind.String when instructions.GetString() is { Length: > 0 } text => [new ChatTurn(ChatRole.System, text)],
            JsonValueKind.Array => ReadItems(instructions),
            _ => [],
        };
    }

    /// <summary>The turns of <c>input</c>.</summary>
    public static IReadOnlyList<ChatTurn> ReadInput(JsonElement input) => input.ValueKind switch
    {
        JsonValueKind.String => [new ChatTurn(ChatRole.User, input.GetString()!)],
        JsonValueKind.Array => ReadItems(input),
        _ => [],
    };

    // A run of function calls and outputs, in whatever order, is one assistant turn with the calls, then the results:
    // the conversation then ends with all of them, as when the calls are echoed first and the outputs after.
    private static List<ChatTurn> ReadItems(JsonElement items)
    {
        var turns = new List<ChatTurn>();
        var calls = new List<ChatToolCall>();
        var results = new List<ChatTurn>();
        void EndRun()
        {
            if (calls.Count > 0 && turns.Count > 0 && turns[^1].Role == ChatRole.Assistant)
            {
                turns[^1] = turns[^1] with { ToolCalls = [.. turns[^1].ToolCalls, .. calls] };
            }
            else if (calls.Count > 0)
            {
                turns.Add(new ChatTurn(ChatRole.Assistant, "") { ToolCalls = [.. calls] });
            }

            turns.AddRange(results);
            calls.Clear();
            results.Clear();
        }

        foreach (var item in items.EnumerateArray().Where(item => item.ValueKind == JsonValueKind.Object))
        {
            switch (JsonRead.Text(item, "type") ?? "message")
            {
                case "message":
                    EndRun();
                    turns.Add(ReadMessage(item));
                    break;
                case "function_call":
                    calls.Add(new ChatToolCall(JsonRead.Text(item, "call_id") ?? "", JsonRead.Text(item, "name") ?? "", JsonRead.Text(item, "arguments") ?? ""));
                    break;
                case "function_call_output":
                    var (text, attachments) = ReadContent(JsonRead.Field(item, "output"));
                    results.Add(new ChatTurn(ChatRole.Tool, text) { ToolCallId = JsonRead.Text(item, "call_id"), AttachmentCount = attachments });
                    break;
            }
        }

        EndRun();
        return turns;
    }

    private static ChatTurn ReadMessage(JsonElement message)
    {
        var role = JsonRead.Text(message, "role") switch
        {
            "system" or "developer" => ChatRole.System,
            "assistant" => ChatRole.Assistant,
            _ => ChatRole.User,
        };
        var (text, attachments) = ReadContent(JsonRead.Field(message, "content"));
        return new ChatTurn(role, text) { AttachmentCount = attachments };
    }

    // Content (and a function call's output) is a string or parts.
    private static (string Text, int Attachments) ReadContent(JsonElement content)
    {
        if (content.ValueKind == JsonValueKind.String)
        {
            return (content.GetString()!, 0);
        }

        var texts = new List<string>();
        int attachments = 0;
        foreach (var part in content.ValueKind == JsonValueKind.Array ? [.. content.EnumerateArray()] : Array.Empty<JsonElement>())
        {
            switch (JsonRead.Text(part, "type"))
            {
                case "input_text" or "output_text":
                    texts.Add(JsonRead.Text(part, "text") ?? "");
                    break;
                case "refusal":
                    texts.Add(JsonRead.Text(part, "refusal") ?? "");
                    break;
                case "input_image" or "input_file" or "input_audio":
                    attachments++;
                    break;
            }
        }

        return (string.Join("\n", texts), attachments);
    }
}
