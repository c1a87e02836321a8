using System.Text.Json;
using NexLLM.Connectors.Emulator.Hosting;
using NexLLM.Connectors.Emulator.Shared;

namespace NexLLM.Connectors.Emulator.Responses;

/// <summary>
/// The checks of a <c>POST /v1/responses</c> body, in the two layers of the real gateway. new-api's own
/// (<see cref="CheckGatewayRules"/>, <c>GetAndValidateResponsesRequest</c> in new-api relay/helper/valid_request.go): the
/// body unmarshals into <c>dto.OpenAIResponsesRequest</c>, whose typed fields fail with Go's message (the others are
/// raw JSON and take anything), then a model and an input are required; answered with HTTP 500 <c>invalid_request</c>
/// (docs/protocols/gateway.md#statuses). Then OpenAI's (<see cref="FindError"/>), relayed with OpenAI's status:
/// wrong types, missing parameters, encrypted reasoning for a model without reasoning, an unknown
/// <c>previous_response_id</c>, and the input items (<see cref="ResponsesInputValidator"/>).
/// </summary>
internal static class ResponsesRequestValidator
{
    /// <summary>The <c>include</c> value that asks for the reasoning items' <c>encrypted_content</c>.</summary>
    public const string EncryptedReasoning = "reasoning.encrypted_content";

    private static readonly GoJsonFields Go = new("OpenAIResponsesRequest");

    /// <summary>new-api's checks, for <see cref="RequestJson"/>: throws new-api's message when the body is refused.</summary>
    public static void CheckGatewayRules(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw Go.NotAnObject(root.ValueKind);
        }

        string model = Go.OptionalString(root, "model") ?? "";
        long? maxOutputTokens = Go.OptionalInteger(root, "max_output_tokens", unsigned: true);
        Go.OptionalInteger(root, "max_tool_calls", unsigned: true);
        Go.OptionalString(root, "previous_response_id");
        Go.OptionalString(root, "service_tier");
        Go.OptionalString(root, "truncation");
        Go.OptionalString(root, "user");
        Go.OptionalBool(root, "stream");
        Go.CheckKind(root, "temperature", "float64", null, JsonValueKind.Number);
        Go.CheckKind(root, "top_p", "float64", null, JsonValueKind.Number);
        Go.CheckKind(root, "reasoning", "dto.Reasoning", null, JsonValueKind.Object);
        Go.CheckKind(JsonRead.Object(root, "reasoning"), "effort", "string", "reasoning.effort", JsonValueKind.String);
        Go.CheckKind(JsonRead.Object(root, "reasoning"), "summary", "string", "reasoning.summary", JsonValueKind.String);

        if (model.Length == 0)
        {
            throw new FormatException("model is required");
        }

        if (JsonRead.Field(root, "input").ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            throw new FormatException("input is required");
        }

        if (maxOutputTokens > int.MaxValue / 2)
        {
            throw new FormatException("max_output_tokens is invalid");
        }
    }

    /// <summary>Returns OpenAI's answer to a body new-api let through, or <see langword="null"/> when OpenAI accepts it.</summary>
    public static OpenAIUpstreamError? FindError(JsonElement root, ResponseStore store, ResponsesReasoningSealer sealer)
    {
        if ((FindTypeError(root) ?? FindIncludeError(root) ?? FindToolError(root) ?? FindFormatError(root)) is { } error)
        {
            return error;
        }

        StoredResponse? previous = null;
        if (JsonRead.Text(root, "previous_response_id") is { Length: > 0 } previousId && (previous = store.Find(previousId)) is null)
        {
            return OpenAIUpstreamError.Invalid(
                $"Previous response with id '{previousId}' not found.", "previous_response_id", "previous_response_not_found");
        }

        return ResponsesInputValidator.FindError(JsonRead.Field(root, "input"), previous?.Turns ?? [], store, sealer);
    }

    /// <summary>Whether <c>include</c> asks for the reasoning items' encrypted content.</summary>
    public static bool IncludesEncryptedReasoning(JsonElement root) =>
        JsonRead.Items(root, "include").Any(value => value.ValueKind == JsonValueKind.String && value.GetString() == EncryptedReasoning);

    private static OpenAIUpstreamError? FindTypeError(JsonElement root)
    {
        foreach (string name in new[] { "store", "parallel_tool_calls" })
        {
            if (JsonRead.Field(root, name) is { ValueKind: not (JsonValueKind.Undefined or JsonValueKind.Null or JsonValueKind.True or JsonValueKind.False) } value)
            {
                return OpenAIUpstreamError.InvalidType(name, "a boolean", value);
            }
        }

        foreach (string name in new[] { "include", "tools" })
        {
            if (JsonRead.Field(root, name) is { ValueKind: not (JsonValueKind.Undefined or JsonValueKind.Null or JsonValueKind.Array) } value)
            {
                return OpenAIUpstreamError.InvalidType(name, "an array", value);
            }
        }

        return JsonRead.Field(root, "instructions") is { ValueKind: not (JsonValueKind.Undefined or JsonValueKind.Null or JsonValueKind.String or JsonValueKind.Array) } instructions
            ? OpenAIUpstreamError.InvalidType("instructions", "a string", instructions)
            : null;
    }

    // OpenAI refuses encrypted reasoning for models without reasoning (docs/protocols/responses.md#gotchas).
    private static OpenAIUpstreamError? FindIncludeError(JsonElement root) =>
        IncludesEncryptedReasoning(root) && ResponsesModels.RefusesEncryptedReasoning(JsonRead.Text(root, "model") ?? "")
            ? OpenAIUpstreamError.Invalid("Encrypted content is not supported with this model.", "include")
            : null;

    // Function tools are flat here; a chat-style tool ({type, function: {name…}}) has no name (docs/protocols/responses.md).
    private static OpenAIUpstreamError? FindToolError(JsonElement root)
    {
        var tools = JsonRead.Items(root, "tools");
        for (int i = 0; i < tools.Count; i++)
        {
            if (tools[i].ValueKind != JsonValueKind.Object)
            {
                return OpenAIUpstreamError.InvalidType($"tools[{i}]", "an object", tools[i]);
            }

            if (JsonRead.Text(tools[i], "type") == "function" && JsonRead.Text(tools[i], "name") is not { Length: > 0 })
            {
                return OpenAIUpstreamError.MissingParameter($"tools[{i}].name");
            }
        }

        var choice = JsonRead.Field(root, "tool_choice");
        if (choice.ValueKind == JsonValueKind.String && choice.GetString() is not ("none" or "auto" or "required"))
        {
            return OpenAIUpstreamError.InvalidValue("tool_choice", choice.GetString()!, "none", "auto", "required");
        }

        return JsonRead.Text(choice, "type") == "function" && JsonRead.Text(choice, "name") is not { Length: > 0 }
            ? OpenAIUpstreamError.MissingParameter("tool_choice.name")
            : null;
    }

    // text.format is flat too: json_schema carries its name and schema beside the type, not under json_schema: {…}.
    private static OpenAIUpstreamError? FindFormatError(JsonElement root)
    {
        var format = JsonRead.Object(JsonRead.Object(root, "text"), "format");
        if (JsonRead.Text(format, "type") != "json_schema")
        {
            return null;
        }

        return JsonRead.Text(format, "name") is not { Length: > 0 } ? OpenAIUpstreamError.MissingParameter("text.format.name")
            : JsonRead.Object(format, "schema").ValueKind != JsonValueKind.Object ? OpenAIUpstreamError.MissingParameter("text.format.schema")
            : null;
    }
}
