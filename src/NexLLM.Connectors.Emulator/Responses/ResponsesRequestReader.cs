using System.Text.Json;
using NexLLM.Connectors.Emulator.Engine;
using NexLLM.Connectors.Emulator.Hosting;

namespace NexLLM.Connectors.Emulator.Responses;

/// <summary>
/// Maps a <c>POST /v1/responses</c> body that passed both layers of checks (<see cref="ResponsesRequestValidator"/>)
/// to the neutral request: the conversation (<see cref="ResponsesInputReader"/>, after the previous response's when
/// <c>previous_response_id</c> names one), the flat function tools (built-in tools are accepted and ignored),
/// <c>tool_choice</c>, <c>parallel_tool_calls</c>, reasoning, <c>max_output_tokens</c> and <c>text.format</c>.
/// </summary>
internal static class ResponsesRequestReader
{
    public static ResponsesCall Read(JsonElement root, ResponseStore store)
    {
        string model = JsonRead.Text(root, "model") ?? "";
        var previous = JsonRead.Text(root, "previous_response_id") is { Length: > 0 } id ? store.Find(id)?.Turns ?? [] : [];
        IReadOnlyList<ChatTurn> conversation = [.. previous, .. ResponsesInputReader.ReadInput(JsonRead.Field(root, "input"))];
        long? maxOutputTokens = JsonRead.Integer(root, "max_output_tokens");
        var reasoning = JsonRead.Object(root, "reasoning");

        var request = new ChatEngineRequest
        {
            Model = model,
            Turns = [.. ResponsesInputReader.ReadInstructions(root), .. conversation],
            Tools = ReadTools(root),
            ToolChoice = ReadToolChoice(JsonRead.Field(root, "tool_choice")),
            ParallelToolCalls = JsonRead.Bool(root, "parallel_tool_calls") ?? true,
            ReasoningRequested = JsonRead.Text(reasoning, "effort") is { Length: > 0 } effort ? effort != "none" : ResponsesModels.Reasons(model),
            MaxOutputTokens = maxOutputTokens is { } limit ? (int)limit : null,
            ResponseFormat = ReadFormat(JsonRead.Object(JsonRead.Object(root, "text"), "format")),
        };

        return new ResponsesCall
        {
            Request = request,
            Conversation = conversation,
            Body = root,
            Stream = JsonRead.Bool(root, "stream") ?? false,
            Store = JsonRead.Bool(root, "store") ?? true,
            EncryptedReasoning = ResponsesRequestValidator.IncludesEncryptedReasoning(root),

            // new-api's dto.Reasoning has effort and summary only: the older generate_summary never reaches OpenAI.
            ReasoningSummary = JsonRead.Text(reasoning, "summary") is "auto" or "concise" or "detailed",
        };
    }

    private static List<ChatToolDefinition> ReadTools(JsonElement root)
    {
        var tools = new List<ChatToolDefinition>();
        foreach (var tool in JsonRead.Items(root, "tools").Where(tool => JsonRead.Text(tool, "type") == "function"))
        {
            JsonElement? parameters = JsonRead.Object(tool, "parameters") is { ValueKind: JsonValueKind.Object } p ? p.Clone() : null;
            tools.Add(new ChatToolDefinition(JsonRead.Text(tool, "name") ?? "", JsonRead.Text(tool, "description"), parameters));
        }

        return tools;
    }

    // "none" | "auto" | "required" | {type: "function", name}; a forced built-in tool or an allowed_tools list is read as auto.
    private static ChatToolChoice ReadToolChoice(JsonElement choice) => choice.ValueKind switch
    {
        JsonValueKind.String when choice.GetString() == "none" => new ChatToolChoice(ToolChoiceMode.None),
        JsonValueKind.String when choice.GetString() == "required" => new ChatToolChoice(ToolChoiceMode.Required),
        JsonValueKind.Object when JsonRead.Text(choice, "type") == "function" => new ChatToolChoice(ToolChoiceMode.Named, JsonRead.Text(choice, "name")),
        _ => ChatToolChoice.Auto,
    };

    private static ChatResponseFormat ReadFormat(JsonElement format) => JsonRead.Text(format, "type") switch
    {
        "json_object" => new ChatResponseFormat(ResponseFormatKind.JsonObject),
        "json_schema" => new ChatResponseFormat(ResponseFormatKind.JsonSchema, JsonRead.Object(format, "schema").Clone()),
        _ => ChatResponseFormat.Text,
    };
}
