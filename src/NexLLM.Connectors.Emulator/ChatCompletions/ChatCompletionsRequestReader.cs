using System.Text.Json;
using NexLLM.Connectors.Emulator.Engine;
using NexLLM.Connectors.Emulator.Hosting;

namespace NexLLM.Connectors.Emulator.ChatCompletions;

/// <summary>
/// Maps a <c>POST /v1/chat/completions</c> body to the neutral request, in the second of the two steps the Claude and
/// Gemini routes take too: the body has passed new-api's checks (<see cref="ChatCompletionsRequestValidator"/>, run
/// by <see cref="GatewayIntake"/>), so reading it is lenient and never fails.
/// </summary>
internal static class ChatCompletionsRequestReader
{
    /// <summary>OpenAI's largest <c>n</c>.</summary>
    public const int MaxChoices = 128;

    /// <summary>OpenAI's largest <c>top_logprobs</c>.</summary>
    public const int MaxTopLogprobs = 20;

    /// <summary>Maps a body that passed new-api's checks to the neutral request.</summary>
    public static ChatCompletionsCall Read(JsonElement root)
    {
        string model = JsonRead.Text(root, "model") ?? "";
        long? maxTokens = JsonRead.Integer(root, "max_completion_tokens") ?? JsonRead.Integer(root, "max_tokens");
        var request = new ChatEngineRequest
        {
            Model = model,
            Turns = JsonRead.Items(root, "messages").Select(ReadTurn).ToList(),
            Tools = ReadTools(root),
            ToolChoice = ReadToolChoice(root),
            ParallelToolCalls = JsonRead.Bool(root, "parallel_tool_calls") ?? true,
            ReasoningRequested = ReasoningRequested(root, model),
            MaxOutputTokens = maxTokens is { } limit ? (int)Math.Min(limit, int.MaxValue) : null,
            StopSequences = ReadStop(root),
            ResponseFormat = ReadResponseFormat(root),
        };

        // new-api sends the usage chunk unless stream_options.include_usage is explicitly false.
        bool includeUsage = JsonRead.Bool(JsonRead.Object(root, "stream_options"), "include_usage") != false;

        // OpenAI's ranges: n from 1 to 128, top_logprobs from 0 to 20 (strict mode refuses values outside them, friendly mode clamps).
        int choices = (int)Math.Clamp(JsonRead.Integer(root, "n") ?? 1, 1, MaxChoices);
        int? topLogprobs = JsonRead.Bool(root, "logprobs") == true
            ? (int)Math.Clamp(JsonRead.Integer(root, "top_logprobs") ?? 0, 0, MaxTopLogprobs)
            : null;
        return new ChatCompletionsCall(request, JsonRead.Bool(root, "stream") ?? false, includeUsage, choices, topLogprobs);
    }

    private static ChatTurn ReadTurn(JsonElement message)
    {
        var role = (JsonRead.Text(message, "role") ?? "user") switch
        {
            "system" or "developer" => ChatRole.System,
            "assistant" => ChatRole.Assistant,
            "tool" or "function" => ChatRole.Tool,
            _ => ChatRole.User,
        };

        var texts = new List<string>();
        int attachments = 0;
        var content = JsonRead.Field(message, "content");
        if (content.ValueKind == JsonValueKind.String)
        {
            texts.Add(content.GetString()!);
        }
        else if (content.ValueKind == JsonValueKind.Array)
        {
            foreach (var part in content.EnumerateArray())
            {
                if (JsonRead.Text(part, "type") == "text")
                {
                    texts.Add(JsonRead.Text(part, "text") ?? "");
                }
                else
                {
                    attachments++; // image_url, input_audio, file
                }
            }
        }

        var calls = JsonRead.Items(message, "tool_calls")
            .Where(c => c.ValueKind == JsonValueKind.Object)
            .Select(c => new ChatToolCall(
                JsonRead.Text(c, "id") ?? "",
                JsonRead.Text(JsonRead.Object(c, "function"), "name") ?? "",
                JsonRead.Text(JsonRead.Object(c, "function"), "arguments") ?? ""))
            .ToList();

        return new ChatTurn(role, string.Join("\n", texts))
        {
            ToolCalls = calls,
            ToolCallId = JsonRead.Text(message, "tool_call_id"),
            ToolName = role == ChatRole.Tool ? JsonRead.Text(message, "name") : null,
            AttachmentCount = attachments,
        };
    }

    // Only function tools take part; built-in tools (web search…) are accepted and ignored.
    private static List<ChatToolDefinition> ReadTools(JsonElement root)
    {
        var tools = new List<ChatToolDefinition>();
        foreach (var function in JsonRead.Items(root, "tools").Select(tool => JsonRead.Object(tool, "function")))
        {
            if (JsonRead.Text(function, "name") is { Length: > 0 } name)
            {
                JsonElement? parameters = JsonRead.Object(function, "parameters") is { ValueKind: JsonValueKind.Object } p ? p.Clone() : null;
                tools.Add(new ChatToolDefinition(name, JsonRead.Text(function, "description"), parameters));
            }
        }

        return tools;
    }

    private static ChatToolChoice ReadToolChoice(JsonElement root)
    {
        var choice = JsonRead.Field(root, "tool_choice");
        if (choice.ValueKind == JsonValueKind.String)
        {
            return choice.GetString() switch
            {
                "none" => new ChatToolChoice(ToolChoiceMode.None),
                "required" => new ChatToolChoice(ToolChoiceMode.Required),
                _ => ChatToolChoice.Auto,
            };
        }

        return JsonRead.Text(JsonRead.Object(choice, "function"), "name") is { Length: > 0 } name
            ? new ChatToolChoice(ToolChoiceMode.Named, name)
            : ChatToolChoice.Auto;
    }

    // reasoning_effort other than "none", OpenRouter's reasoning object, or new-api's "-thinking" model suffix (docs/protocols/gateway.md#re-serialisation).
    private static bool ReasoningRequested(JsonElement root, string model)
    {
        if (JsonRead.Text(root, "reasoning_effort") is { Length: > 0 } effort)
        {
            return effort != "none";
        }

        var reasoning = JsonRead.Object(root, "reasoning");
        if (reasoning.ValueKind == JsonValueKind.Object)
        {
            return JsonRead.Text(reasoning, "effort") is not "none" && JsonRead.Field(reasoning, "enabled").ValueKind != JsonValueKind.False;
        }

        return model.EndsWith("-thinking", StringComparison.Ordinal) || model.Contains("-thinking-", StringComparison.Ordinal);
    }

    /// <summary>Reads <c>stop</c>, a string or an array of strings (chat completions and legacy completions alike).</summary>
    internal static List<string> ReadStop(JsonElement root)
    {
        var stop = JsonRead.Field(root, "stop");
        return stop.ValueKind switch
        {
            JsonValueKind.String => [stop.GetString()!],
            JsonValueKind.Array => stop.EnumerateArray().Where(s => s.ValueKind == JsonValueKind.String).Select(s => s.GetString()!).ToList(),
            _ => [],
        };
    }

    private static ChatResponseFormat ReadResponseFormat(JsonElement root)
    {
        var format = JsonRead.Object(root, "response_format");
        var schema = JsonRead.Object(JsonRead.Object(format, "json_schema"), "schema");
        return JsonRead.Text(format, "type") switch
        {
            "json_object" => new ChatResponseFormat(ResponseFormatKind.JsonObject),
            "json_schema" when schema.ValueKind == JsonValueKind.Object => new ChatResponseFormat(ResponseFormatKind.JsonSchema, schema.Clone()),
            "json_schema" => new ChatResponseFormat(ResponseFormatKind.JsonObject),
            _ => ChatResponseFormat.Text,
        };
    }
}
