using System.Text.Json;
using NexLLM.Connectors.Emulator.Engine;
using NexLLM.Connectors.Emulator.Hosting;
using NexLLM.Connectors.Emulator.Shared;

namespace NexLLM.Connectors.Emulator.Responses;

/// <summary>
/// OpenAI's checks of <c>input</c> (docs/protocols/responses.md): its type, each item's required fields, message roles
/// and content part types (chat's <c>text</c> and <c>image_url</c> parts are refused), echoed reasoning (an
/// <c>encrypted_content</c> this emulator did not seal is 400 <c>invalid_encrypted_content</c>; a reasoning item
/// without it must name a stored item, else 404 "Items are not persisted when <c>store</c> is set to false",
/// docs/protocols/responses.md#gotchas), and that every function call output answers a call and every call is answered,
/// across the previous response and this input.
/// </summary>
internal static class ResponsesInputValidator
{
    private static readonly string[] Roles = ["assistant", "system", "developer", "user"];

    private static readonly string[] PartTypes = ["input_text", "input_image", "input_file", "input_audio", "output_text", "refusal"];

    public static OpenAIUpstreamError? FindError(JsonElement input, IReadOnlyList<ChatTurn> previousTurns, ResponseStore store, ResponsesReasoningSealer sealer)
    {
        if (input.ValueKind == JsonValueKind.String)
        {
            return FindPairingError(previousTurns, []);
        }

        if (input.ValueKind != JsonValueKind.Array)
        {
            return OpenAIUpstreamError.InvalidType("input", "one of a string or array of input items", input);
        }

        var items = input.EnumerateArray().ToList();
        for (int i = 0; i < items.Count; i++)
        {
            if (FindItemError(items[i], $"input[{i}]", store, sealer) is { } error)
            {
                return error;
            }
        }

        return FindPairingError(previousTurns, items);
    }

    private static OpenAIUpstreamError? FindItemError(JsonElement item, string path, ResponseStore store, ResponsesReasoningSealer sealer)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            return OpenAIUpstreamError.InvalidType(path, "an object", item);
        }

        return (JsonRead.Text(item, "type") ?? "message") switch
        {
            "message" => FindMessageError(item, path),
            "function_call" => Missing(item, path, "call_id", "name", "arguments"),
            "function_call_output" => Missing(item, path, "call_id", "output"),
            "reasoning" => Missing(item, path, "summary") ?? FindReasoningError(item, store, sealer),
            _ => null, // item_reference and built-in tool items are OpenAI's to look up; the engine ignores them
        };
    }

    private static OpenAIUpstreamError? FindMessageError(JsonElement message, string path)
    {
        if (Missing(message, path, "role", "content") is { } missing)
        {
            return missing;
        }

        if (JsonRead.Text(message, "role") is not { } role)
        {
            return OpenAIUpstreamError.InvalidType($"{path}.role", "a string", JsonRead.Field(message, "role"));
        }

        if (!Roles.Contains(role))
        {
            return OpenAIUpstreamError.InvalidValue($"{path}.role", role, Roles);
        }

        var content = JsonRead.Field(message, "content");
        if (content.ValueKind is not (JsonValueKind.String or JsonValueKind.Array))
        {
            return OpenAIUpstreamError.InvalidType($"{path}.content", "one of a string or array of input content", content);
        }

        var parts = JsonRead.Items(message, "content");
        for (int j = 0; j < parts.Count; j++)
        {
            string type = JsonRead.Text(parts[j], "type") ?? "";
            if (!PartTypes.Contains(type))
            {
                return OpenAIUpstreamError.InvalidValue($"{path}.content[{j}].type", type, PartTypes);
            }
        }

        return null;
    }

    private static OpenAIUpstreamError? FindReasoningError(JsonElement item, ResponseStore store, ResponsesReasoningSealer sealer)
    {
        string id = JsonRead.Text(item, "id") ?? "";
        if (JsonRead.Text(item, "encrypted_content") is { } encrypted)
        {
            return sealer.Verify(encrypted)
                ? null
                : OpenAIUpstreamError.Invalid(
                    $"The encrypted content for item {id} could not be verified. Reason: Encrypted content could not be decrypted or parsed.",
                    "",
                    "invalid_encrypted_content");
        }

        // Without its encrypted content a reasoning item is a reference to a stored one.
        return store.ContainsItem(id)
            ? null
            : OpenAIUpstreamError.NotFound(
                $"Item with id '{id}' not found. Items are not persisted when `store` is set to false. Try again with `store` set to true, or remove this item from your input.",
                "input");
    }

    // A function_call_output must answer a function call, and a function call must be answered, wherever they are.
    private static OpenAIUpstreamError? FindPairingError(IReadOnlyList<ChatTurn> previousTurns, IReadOnlyList<JsonElement> items)
    {
        var calls = previousTurns.SelectMany(turn => turn.ToolCalls).Select(call => call.Id)
            .Concat(CallIds(items, "function_call")).ToList();
        var outputs = previousTurns.Where(turn => turn.Role == ChatRole.Tool).Select(turn => turn.ToolCallId ?? "")
            .Concat(CallIds(items, "function_call_output")).ToList();

        if (outputs.FirstOrDefault(id => !calls.Contains(id)) is { } stray)
        {
            return OpenAIUpstreamError.Invalid($"No tool call found for function call output with call_id {stray}.", "input");
        }

        return calls.FirstOrDefault(id => !outputs.Contains(id)) is { } unanswered
            ? OpenAIUpstreamError.Invalid($"No tool output found for function call {unanswered}.", "input")
            : null;
    }

    private static IEnumerable<string> CallIds(IReadOnlyList<JsonElement> items, string type) =>
        items.Where(item => JsonRead.Text(item, "type") == type).Select(item => JsonRead.Text(item, "call_id") ?? "");

    private static OpenAIUpstreamError? Missing(JsonElement item, string path, params string[] names) =>
        names.FirstOrDefault(name => JsonRead.Field(item, name).ValueKind is JsonValueKind.Undefined or JsonValueKind.Null) is { } missing
            ? OpenAIUpstreamError.MissingParameter($"{path}.{missing}")
            : null;
}
