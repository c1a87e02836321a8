using System.Text.Json;

namespace NexLLM.Connectors.Emulator.Realtime;

/// <summary>
/// Reads the <c>item</c> of <c>conversation.item.create</c> as OpenAI checks it (openai-python beta
/// <c>conversation_item_param.py</c>): a message with a role and content parts, a function call, or a function call's
/// output with its <c>call_id</c>. Input audio parts are heard with the speech route's decoder.
/// </summary>
internal static class RealtimeItemReader
{
    private static readonly string[] ItemTypes = ["message", "function_call", "function_call_output"];
    private static readonly string[] Roles = ["user", "assistant", "system"];

    public static (RealtimeItem? Item, RealtimeError? Error) Read(JsonElement root, RealtimeDialect dialect)
    {
        if (!root.TryGetProperty("item", out var item) || item.ValueKind != JsonValueKind.Object)
        {
            return (null, Missing("item"));
        }

        string? type = String(item, "type");
        if (type is null)
        {
            return (null, Missing("item.type"));
        }

        if (!ItemTypes.Contains(type))
        {
            return (null, RealtimeError.Invalid("invalid_value", $"Invalid value: '{type}'. Supported values are: 'message', 'function_call', and 'function_call_output'.", "item.type"));
        }

        string id = String(item, "id") is { Length: > 0 } given ? given : RealtimeItem.NewId();
        return type switch
        {
            "function_call_output" => String(item, "call_id") is not { } callId ? (null, Missing("item.call_id"))
                : String(item, "output") is not { } output ? (null, Missing("item.output"))
                : (new RealtimeItem { Id = id, Type = type, CallId = callId, Output = output }, null),
            "function_call" => String(item, "call_id") is not { } call ? (null, Missing("item.call_id"))
                : String(item, "name") is not { } name ? (null, Missing("item.name"))
                : (new RealtimeItem { Id = id, Type = type, CallId = call, Name = name, Arguments = String(item, "arguments") ?? "" }, null),
            _ => ReadMessage(item, id, dialect),
        };
    }

    private static (RealtimeItem?, RealtimeError?) ReadMessage(JsonElement item, string id, RealtimeDialect dialect)
    {
        string? role = String(item, "role");
        if (role is null)
        {
            return (null, Missing("item.role"));
        }

        if (!Roles.Contains(role))
        {
            return (null, RealtimeError.Invalid("invalid_value", $"Invalid value: '{role}'. Supported values are: 'user', 'assistant', and 'system'.", "item.role"));
        }

        if (!item.TryGetProperty("content", out var content) || content.ValueKind != JsonValueKind.Array)
        {
            return (null, Missing("item.content"));
        }

        // The part types each role may carry: the beta names assistant text "text", GA "output_text".
        string[] allowed = role switch
        {
            "user" => ["input_text", "input_audio"],
            "system" => ["input_text"],
            _ => [dialect.TextPart, "text", "output_text", "audio", "output_audio"],
        };

        var parts = new List<RealtimeContentPart>();
        int index = 0;
        foreach (var part in content.EnumerateArray())
        {
            string param = $"item.content[{index++}]";
            string? partType = part.ValueKind == JsonValueKind.Object ? String(part, "type") : null;
            if (partType is null || !allowed.Contains(partType))
            {
                return (null, RealtimeError.Invalid(
                    "invalid_value",
                    $"Invalid value: '{partType}'. Supported values for a {role} message are: {string.Join(", ", allowed.Distinct().Select(a => $"'{a}'"))}.",
                    param + ".type"));
            }

            if (partType is "input_audio")
            {
                if (String(part, "audio") is not { } audio)
                {
                    return (null, Missing(param + ".audio"));
                }

                if (RealtimeAudio.TryDecodeBase64(audio) is not { } pcm)
                {
                    return (null, RealtimeError.Invalid("invalid_value", "Invalid 'audio': the value is not valid base64.", param + ".audio"));
                }

                parts.Add(new RealtimeContentPart(partType, null, String(part, "transcript"), RealtimeAudio.Hear(pcm)));
                continue;
            }

            if (partType is "audio" or "output_audio")
            {
                parts.Add(new RealtimeContentPart(partType, null, String(part, "transcript") ?? ""));
                continue;
            }

            if (String(part, "text") is not { } text)
            {
                return (null, Missing(param + ".text"));
            }

            parts.Add(new RealtimeContentPart(partType, text));
        }

        return (new RealtimeItem { Id = id, Type = "message", Role = role, Content = parts }, null);
    }

    private static string? String(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static RealtimeError Missing(string param) =>
        RealtimeError.Invalid("missing_required_parameter", $"Missing required parameter: '{param}'.", param);
}
