using System.Text.Json;
using NexLLM.Connectors.Emulator.Engine;
using NexLLM.Connectors.Emulator.Hosting;

namespace NexLLM.Connectors.Emulator.Claude;

/// <summary>
/// Reads a <c>POST /v1/messages</c> body in two steps, as the request really travels. First new-api's own checks
/// (<c>GetAndValidateClaudeRequest</c>, new-api relay/helper/valid_request.go): the body unmarshals into <c>dto.ClaudeRequest</c>
/// (a field of the wrong JSON type fails with Go's message), <c>messages</c> and <c>model</c> are required and
/// <c>max_tokens</c> must not be absurd; failures are <see cref="FormatException"/>s, answered like every new-api
/// validation error with HTTP 500 (docs/protocols/gateway.md#statuses). Then Anthropic's checks (<see cref="ClaudeRequestValidator"/>),
/// answered 400 <c>invalid_request_error</c>. Then the body is mapped to the neutral request.
/// </summary>
internal static class ClaudeRequestReader
{
    private static readonly GoJsonFields Go = new("ClaudeRequest");

    /// <summary>Runs new-api's checks and parses the body; <paramref name="root"/> is a detached copy.</summary>
    public static bool TryParse(byte[] body, out JsonElement root, out string? gatewayError) =>
        RequestJson.TryParse(body, CheckGatewayRules, out root, out gatewayError);

    /// <summary>Maps a body that passed both sets of checks to the neutral request.</summary>
    public static ClaudeCall Read(JsonElement root)
    {
        string model = root.GetProperty("model").GetString()!;
        var toolChoice = root.TryGetProperty("tool_choice", out var choice) && choice.ValueKind == JsonValueKind.Object ? choice : default;
        var request = new ChatEngineRequest
        {
            Model = model,
            Turns = ClaudeTurnReader.Read(root),
            Tools = ReadTools(root),
            ToolChoice = ReadToolChoice(toolChoice),
            ParallelToolCalls = !(toolChoice.ValueKind == JsonValueKind.Object
                && toolChoice.TryGetProperty("disable_parallel_tool_use", out var disable)
                && disable.ValueKind == JsonValueKind.True),
            ReasoningRequested = ThinkingRequested(root, model),
            MaxOutputTokens = (int)Math.Min(Go.OptionalInteger(root, "max_tokens", unsigned: true) ?? 0, int.MaxValue),
            StopSequences = Items(root, "stop_sequences").Select(s => s.GetString() ?? "").ToList(),
            ResponseFormat = ReadOutputFormat(root),
            NewToolCallId = ClaudeMessageMeta.NewToolUseId,
        };
        return new ClaudeCall(request, Go.OptionalBool(root, "stream") ?? false);
    }

    /// <summary>Whether a <c>thinking</c> config asks for thinking (<c>enabled</c> or <c>adaptive</c>); new-api's <c>-thinking</c> model suffix does too (docs/protocols/gateway.md#re-serialisation).</summary>
    public static bool ThinkingRequested(JsonElement root, string model) =>
        root.TryGetProperty("thinking", out var thinking) && thinking.ValueKind == JsonValueKind.Object
            ? thinking.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() is "enabled" or "adaptive"
            : model.EndsWith("-thinking", StringComparison.Ordinal);

    // The Go types of dto.ClaudeRequest; system, tools, tool_choice, metadata, output_config… are `any` or raw JSON and take anything.
    private static void CheckGatewayRules(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw Go.NotAnObject(root.ValueKind);
        }

        string model = Go.OptionalString(root, "model") ?? "";
        Go.CheckKind(root, "messages", "[]dto.ClaudeMessage", null, JsonValueKind.Array);
        long? maxTokens = Go.OptionalInteger(root, "max_tokens", unsigned: true);
        Go.OptionalInteger(root, "max_tokens_to_sample", unsigned: true);
        Go.OptionalInteger(root, "top_k", unsigned: false);
        Go.OptionalBool(root, "stream");
        Go.CheckKind(root, "temperature", "float64", null, JsonValueKind.Number);
        Go.CheckKind(root, "top_p", "float64", null, JsonValueKind.Number);
        Go.CheckKind(root, "stop_sequences", "[]string", null, JsonValueKind.Array);
        Go.CheckKind(root, "thinking", "dto.Thinking", null, JsonValueKind.Object);
        foreach (var stop in Items(root, "stop_sequences"))
        {
            if (stop.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
            {
                throw new FormatException($"json: cannot unmarshal {GoJsonFields.GoKind(stop.ValueKind)} into Go struct field ClaudeRequest.stop_sequences of type string");
            }
        }

        if (root.TryGetProperty("thinking", out var thinking) && thinking.ValueKind == JsonValueKind.Object)
        {
            Go.OptionalString(thinking, "type", "thinking.type");
            Go.OptionalInteger(thinking, "budget_tokens", unsigned: false, "thinking.budget_tokens");
        }

        var messages = Items(root, "messages");
        foreach (var message in messages)
        {
            if (message.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null))
            {
                throw new FormatException($"json: cannot unmarshal {GoJsonFields.GoKind(message.ValueKind)} into Go struct field ClaudeRequest.messages of type dto.ClaudeMessage");
            }

            Go.OptionalString(message, "role", "messages.role");
        }

        // The order of GetAndValidateClaudeRequest: messages, then model, then the token limit.
        if (messages.Count == 0)
        {
            throw new FormatException("field messages is required");
        }

        if (model.Length == 0)
        {
            throw new FormatException("field model is required");
        }

        if (maxTokens > int.MaxValue / 2)
        {
            throw new FormatException("max_tokens is invalid");
        }
    }

    // Custom tools ({name, description, input_schema}, type absent or "custom") take part; server tools (web search…) are accepted and ignored.
    private static List<ChatToolDefinition> ReadTools(JsonElement root)
    {
        var tools = new List<ChatToolDefinition>();
        foreach (var tool in Items(root, "tools").Where(t => t.ValueKind == JsonValueKind.Object))
        {
            string? type = tool.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            if (type is null or "custom" && Text(tool, "name") is { Length: > 0 } name)
            {
                JsonElement? schema = tool.TryGetProperty("input_schema", out var s) && s.ValueKind == JsonValueKind.Object ? s.Clone() : null;
                tools.Add(new ChatToolDefinition(name, Text(tool, "description"), schema));
            }
        }

        return tools;
    }

    private static ChatToolChoice ReadToolChoice(JsonElement choice) => Text(choice, "type") switch
    {
        "none" => new ChatToolChoice(ToolChoiceMode.None),
        "any" => new ChatToolChoice(ToolChoiceMode.Required),
        "tool" when Text(choice, "name") is { Length: > 0 } name => new ChatToolChoice(ToolChoiceMode.Named, name),
        _ => ChatToolChoice.Auto,
    };

    // Structured outputs: output_config.format, or the older top-level output_format (beta), {type:"json_schema", schema}.
    private static ChatResponseFormat ReadOutputFormat(JsonElement root)
    {
        var format = root.TryGetProperty("output_config", out var config) && config.ValueKind == JsonValueKind.Object
            && config.TryGetProperty("format", out var f) && f.ValueKind == JsonValueKind.Object
                ? f
                : root.TryGetProperty("output_format", out var legacy) && legacy.ValueKind == JsonValueKind.Object ? legacy : default;
        return Text(format, "type") == "json_schema" && format.TryGetProperty("schema", out var schema) && schema.ValueKind == JsonValueKind.Object
            ? new ChatResponseFormat(ResponseFormatKind.JsonSchema, schema.Clone())
            : ChatResponseFormat.Text;
    }

    /// <summary>The items of an array property of an object; empty when it is missing or not an array.</summary>
    internal static IReadOnlyList<JsonElement> Items(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? [.. value.EnumerateArray()]
            : [];

    /// <summary>A string property of an object, or <see langword="null"/> (for anything that is not an object or a string).</summary>
    internal static string? Text(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
