using System.Text.Json;
using NexLLM.Connectors.Emulator.Engine;

namespace NexLLM.Connectors.Emulator.Gemini;

/// <summary>
/// Reads <c>systemInstruction</c> and <c>contents</c> (docs/protocols/gemini.md) into the engine's turns. A <c>user</c> (or
/// <c>function</c>, or empty-role) content gives a user turn from its text parts, with its <c>inlineData</c> and
/// <c>fileData</c> parts counted as attachments, and a tool turn per <c>functionResponse</c> part (named by the
/// function, its content the <c>response</c> object as JSON), placed after the text so that a turn of results ends the
/// conversation with them. A <c>model</c> content gives an assistant turn: its text parts, and its <c>functionCall</c>
/// parts as calls. Thought parts carry nothing for the engine (their signatures were checked by <see cref="GeminiRequestValidator"/>).
/// </summary>
internal static class GeminiContentReader
{
    public static IReadOnlyList<ChatTurn> Read(JsonElement root)
    {
        var turns = new List<ChatTurn>();
        var system = GeminiJson.Object(root, "systemInstruction", "system_instruction");
        if (GeminiJson.PartsText(system) is { Length: > 0 } instructions)
        {
            turns.Add(new ChatTurn(ChatRole.System, instructions));
        }

        foreach (var content in GeminiJson.Items(root, "contents").Where(c => c.ValueKind == JsonValueKind.Object))
        {
            if (GeminiJson.Text(content, "role") == "model")
            {
                turns.Add(ReadModel(content));
            }
            else
            {
                ReadUser(content, turns);
            }
        }

        return turns;
    }

    /// <summary>Counts the media parts of the user's contents per modality.</summary>
    public static IReadOnlyDictionary<string, int> CountMedia(JsonElement root)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var content in GeminiJson.Items(root, "contents").Where(c => GeminiJson.Text(c, "role") != "model"))
        {
            foreach (var media in GeminiJson.Parts(content).Select(GeminiJson.Media).Where(m => m.ValueKind == JsonValueKind.Object))
            {
                string modality = GeminiJson.Modality(media);
                counts[modality] = counts.GetValueOrDefault(modality) + 1;
            }
        }

        return counts;
    }

    private static ChatTurn ReadModel(JsonElement content)
    {
        var calls = new List<ChatToolCall>();
        foreach (var part in GeminiJson.Parts(content))
        {
            var call = GeminiJson.Object(part, "functionCall");
            if (call.ValueKind == JsonValueKind.Object)
            {
                string args = GeminiJson.Object(call, "args") is { ValueKind: JsonValueKind.Object } a ? a.GetRawText() : "{}";
                calls.Add(new ChatToolCall(GeminiJson.Text(call, "id") ?? "", GeminiJson.Text(call, "name") ?? "", args));
            }
        }

        return new ChatTurn(ChatRole.Assistant, GeminiJson.PartsText(content)) { ToolCalls = calls };
    }

    private static void ReadUser(JsonElement content, List<ChatTurn> turns)
    {
        var results = new List<ChatTurn>();
        int attachments = 0;
        foreach (var part in GeminiJson.Parts(content))
        {
            var response = GeminiJson.Object(part, "functionResponse");
            if (response.ValueKind == JsonValueKind.Object)
            {
                var value = GeminiJson.Field(response, "response");
                results.Add(new ChatTurn(ChatRole.Tool, value.ValueKind == JsonValueKind.Undefined ? "" : value.GetRawText())
                {
                    ToolName = GeminiJson.Text(response, "name"),
                    ToolCallId = GeminiJson.Text(response, "id"),
                });
            }
            else if (GeminiJson.Media(part).ValueKind == JsonValueKind.Object)
            {
                attachments++;
            }
        }

        string text = GeminiJson.PartsText(content);
        if (results.Count == 0 || text.Length > 0 || attachments > 0)
        {
            turns.Add(new ChatTurn(ChatRole.User, text) { AttachmentCount = attachments });
        }

        turns.AddRange(results);
    }
}
