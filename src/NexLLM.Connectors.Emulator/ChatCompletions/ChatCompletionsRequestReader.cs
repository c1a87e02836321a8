using System.Text.Json;
using NexLLM.Connectors.Emulator.Engine;

namespace NexLLM.Connectors.Emulator.ChatCompletions;

/// <summary>
/// Reads and validates a <c>POST /v1/chat/completions</c> body like new-api: it unmarshals into Go structs, so a
/// field of the wrong JSON type fails with Go's message, and <c>GetAndValidateTextRequest</c> requires a model and
/// messages (NA relay/helper/valid_request.go). The caller answers failures with 500 <c>invalid_request</c> (WIRE.md §0.5).
/// </summary>
internal static class ChatCompletionsRequestReader
{
    public static bool TryRead(byte[] body, out ChatCompletionsCall? call, out string? error)
    {
        call = null;
        error = null;
        try
        {
            using var document = JsonDocument.Parse(body);
            call = Read(document.RootElement);
            return true;
        }
        catch (JsonException ex)
        {
            error = body.Length == 0 ? "unexpected end of JSON input" : $"invalid JSON request body: {ex.Message}";
            return false;
        }
        catch (FormatException ex)
        {
            error = ex.Message;
            return false;
        }
    }

    private static ChatCompletionsCall Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"json: cannot unmarshal {GoKind(root.ValueKind)} into Go value of type dto.GeneralOpenAIRequest");
        }

        string model = OptionalString(root, "model") ?? "";
        bool stream = OptionalBool(root, "stream") ?? false;
        int? maxTokens = OptionalTokenCount(root, "max_completion_tokens") ?? OptionalTokenCount(root, "max_tokens");
        CheckKind(root, "temperature", "float64", JsonValueKind.Number);
        CheckKind(root, "top_p", "float64", JsonValueKind.Number);
        CheckKind(root, "n", "int", JsonValueKind.Number);
        CheckKind(root, "seed", "float64", JsonValueKind.Number);
        CheckKind(root, "stream_options", "dto.StreamOptions", JsonValueKind.Object);
        CheckKind(root, "response_format", "dto.ResponseFormat", JsonValueKind.Object);
        CheckKind(root, "messages", "[]dto.Message", JsonValueKind.Array);
        CheckKind(root, "tools", "[]dto.ToolCallRequest", JsonValueKind.Array);

        if (model.Length == 0)
        {
            throw new FormatException("model is required");
        }

        if (maxTokens > int.MaxValue / 2)
        {
            throw new FormatException("max_tokens is invalid");
        }

        var turns = root.TryGetProperty("messages", out var messages) && messages.ValueKind == JsonValueKind.Array
            ? messages.EnumerateArray().Select(ReadTurn).ToList()
            : [];
        if (turns.Count == 0)
        {
            throw new FormatException("field messages is required");
        }

        bool includeUsage = !(root.TryGetProperty("stream_options", out var streamOptions)
            && streamOptions.ValueKind == JsonValueKind.Object
            && streamOptions.TryGetProperty("include_usage", out var include)
            && include.ValueKind == JsonValueKind.False);

        var request = new ChatEngineRequest
        {
            Model = model,
            Turns = turns,
            Tools = ReadTools(root),
            ToolChoice = ReadToolChoice(root),
            ParallelToolCalls = OptionalBool(root, "parallel_tool_calls") ?? true,
            ReasoningRequested = ReasoningRequested(root, model),
            MaxOutputTokens = maxTokens,
            StopSequences = ReadStop(root),
            ResponseFormat = ReadResponseFormat(root),
        };
        return new ChatCompletionsCall(request, stream, includeUsage);
    }

    private static ChatTurn ReadTurn(JsonElement message)
    {
        if (message.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"json: cannot unmarshal {GoKind(message.ValueKind)} into Go struct field GeneralOpenAIRequest.messages of type dto.Message");
        }

        var role = (OptionalString(message, "role") ?? "user") switch
        {
            "system" or "developer" => ChatRole.System,
            "assistant" => ChatRole.Assistant,
            "tool" or "function" => ChatRole.Tool,
            _ => ChatRole.User,
        };

        var texts = new List<string>();
        int attachments = 0;
        if (message.TryGetProperty("content", out var content))
        {
            if (content.ValueKind == JsonValueKind.String)
            {
                texts.Add(content.GetString()!);
            }
            else if (content.ValueKind == JsonValueKind.Array)
            {
                foreach (var part in content.EnumerateArray())
                {
                    if (part.ValueKind == JsonValueKind.Object && OptionalString(part, "type") == "text")
                    {
                        texts.Add(OptionalString(part, "text") ?? "");
                    }
                    else
                    {
                        attachments++; // image_url, input_audio, file
                    }
                }
            }
        }

        var calls = new List<ChatToolCall>();
        if (message.TryGetProperty("tool_calls", out var toolCalls) && toolCalls.ValueKind == JsonValueKind.Array)
        {
            foreach (var toolCall in toolCalls.EnumerateArray().Where(c => c.ValueKind == JsonValueKind.Object))
            {
                var function = toolCall.TryGetProperty("function", out var f) && f.ValueKind == JsonValueKind.Object ? f : default;
                calls.Add(new ChatToolCall(
                    OptionalString(toolCall, "id") ?? "",
                    function.ValueKind == JsonValueKind.Object ? OptionalString(function, "name") ?? "" : "",
                    function.ValueKind == JsonValueKind.Object ? OptionalString(function, "arguments") ?? "" : ""));
            }
        }

        return new ChatTurn(role, string.Join("\n", texts))
        {
            ToolCalls = calls,
            ToolCallId = OptionalString(message, "tool_call_id"),
            ToolName = role == ChatRole.Tool ? OptionalString(message, "name") : null,
            AttachmentCount = attachments,
        };
    }

    private static List<ChatToolDefinition> ReadTools(JsonElement root)
    {
        var tools = new List<ChatToolDefinition>();
        if (!root.TryGetProperty("tools", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            return tools;
        }

        foreach (var tool in list.EnumerateArray())
        {
            // Only function tools take part; built-in tools (web search…) are accepted and ignored.
            if (tool.ValueKind == JsonValueKind.Object
                && tool.TryGetProperty("function", out var function)
                && function.ValueKind == JsonValueKind.Object
                && OptionalString(function, "name") is { Length: > 0 } name)
            {
                JsonElement? parameters = function.TryGetProperty("parameters", out var p) && p.ValueKind == JsonValueKind.Object ? p.Clone() : null;
                tools.Add(new ChatToolDefinition(name, OptionalString(function, "description"), parameters));
            }
        }

        return tools;
    }

    private static ChatToolChoice ReadToolChoice(JsonElement root)
    {
        if (!root.TryGetProperty("tool_choice", out var choice))
        {
            return ChatToolChoice.Auto;
        }

        if (choice.ValueKind == JsonValueKind.String)
        {
            return choice.GetString() switch
            {
                "none" => new ChatToolChoice(ToolChoiceMode.None),
                "required" => new ChatToolChoice(ToolChoiceMode.Required),
                _ => ChatToolChoice.Auto,
            };
        }

        if (choice.ValueKind == JsonValueKind.Object
            && choice.TryGetProperty("function", out var function)
            && function.ValueKind == JsonValueKind.Object
            && OptionalString(function, "name") is { Length: > 0 } name)
        {
            return new ChatToolChoice(ToolChoiceMode.Named, name);
        }

        return ChatToolChoice.Auto;
    }

    // reasoning_effort other than "none", OpenRouter's reasoning object, or new-api's "-thinking" model suffix (WIRE.md §0.8).
    private static bool ReasoningRequested(JsonElement root, string model)
    {
        if (OptionalString(root, "reasoning_effort") is { Length: > 0 } effort)
        {
            return effort != "none";
        }

        if (root.TryGetProperty("reasoning", out var reasoning) && reasoning.ValueKind == JsonValueKind.Object)
        {
            return OptionalString(reasoning, "effort") is not "none" && !(reasoning.TryGetProperty("enabled", out var enabled) && enabled.ValueKind == JsonValueKind.False);
        }

        return model.EndsWith("-thinking", StringComparison.Ordinal) || model.Contains("-thinking-", StringComparison.Ordinal);
    }

    private static List<string> ReadStop(JsonElement root)
    {
        if (!root.TryGetProperty("stop", out var stop))
        {
            return [];
        }

        return stop.ValueKind switch
        {
            JsonValueKind.String => [stop.GetString()!],
            JsonValueKind.Array => stop.EnumerateArray().Where(s => s.ValueKind == JsonValueKind.String).Select(s => s.GetString()!).ToList(),
            _ => [],
        };
    }

    private static ChatResponseFormat ReadResponseFormat(JsonElement root)
    {
        if (!root.TryGetProperty("response_format", out var format) || format.ValueKind != JsonValueKind.Object)
        {
            return ChatResponseFormat.Text;
        }

        return OptionalString(format, "type") switch
        {
            "json_object" => new ChatResponseFormat(ResponseFormatKind.JsonObject),
            "json_schema" when format.TryGetProperty("json_schema", out var jsonSchema)
                && jsonSchema.ValueKind == JsonValueKind.Object
                && jsonSchema.TryGetProperty("schema", out var schema)
                && schema.ValueKind == JsonValueKind.Object
                => new ChatResponseFormat(ResponseFormatKind.JsonSchema, schema.Clone()),
            "json_schema" => new ChatResponseFormat(ResponseFormatKind.JsonObject),
            _ => ChatResponseFormat.Text,
        };
    }

    private static string? OptionalString(JsonElement obj, string name)
    {
        CheckKind(obj, name, "string", JsonValueKind.String);
        return obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }

    private static bool? OptionalBool(JsonElement obj, string name)
    {
        CheckKind(obj, name, "bool", JsonValueKind.True, JsonValueKind.False);
        return obj.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean() : null;
    }

    // max_tokens and max_completion_tokens are *uint in new-api: negative or fractional numbers fail to unmarshal.
    private static int? OptionalTokenCount(JsonElement obj, string name)
    {
        CheckKind(obj, name, "uint", JsonValueKind.Number);
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.Number)
        {
            return null;
        }

        if (!value.TryGetInt64(out long count) || count < 0)
        {
            throw new FormatException($"json: cannot unmarshal number {value.GetRawText()} into Go struct field GeneralOpenAIRequest.{name} of type uint");
        }

        return (int)Math.Min(count, int.MaxValue);
    }

    private static void CheckKind(JsonElement obj, string name, string goType, params JsonValueKind[] allowed)
    {
        if (obj.ValueKind == JsonValueKind.Object
            && obj.TryGetProperty(name, out var value)
            && value.ValueKind != JsonValueKind.Null
            && !allowed.Contains(value.ValueKind))
        {
            throw new FormatException($"json: cannot unmarshal {GoKind(value.ValueKind)} into Go struct field GeneralOpenAIRequest.{name} of type {goType}");
        }
    }

    private static string GoKind(JsonValueKind kind) => kind switch
    {
        JsonValueKind.True or JsonValueKind.False => "bool",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
