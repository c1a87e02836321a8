using System.Globalization;
using System.Text.Json;
using NexLLM.Connectors.Emulator.Hosting;
using NexLLM.Connectors.Emulator.Shared;

namespace NexLLM.Connectors.Emulator.ChatCompletions;

/// <summary>
/// What OpenAI refuses on <c>POST /v1/chat/completions</c> that new-api lets through, checked in strict mode only
/// (docs/emulator.md#strict-mode) on the body as new-api sends it upstream (<see cref="ReasoningModelRewrite"/>): out-of-range
/// <c>temperature</c>, <c>n</c> and <c>top_logprobs</c>; tool turns that do not pair up (<see cref="ToolMessagePairing"/>); a
/// strict <c>json_schema</c> response format or strict function whose schema breaks OpenAI's structured-outputs rules
/// (<see cref="StrictJsonSchema"/>). new-api relays OpenAI's 400 with its <c>type</c>, <c>param</c> and <c>code</c>, the
/// request id appended to the message (docs/protocols/gateway.md#error-bodies).
/// </summary>
internal static class ChatCompletionsStrictChecks
{
    /// <summary>Returns OpenAI's refusal, or <see langword="null"/> when OpenAI would answer.</summary>
    public static OpenAIUpstreamError? FindError(JsonElement root) =>
        RangeError(root)
        ?? ToolMessagePairing.FindError(JsonRead.Items(root, "messages"))
        ?? ResponseFormatError(root)
        ?? ToolSchemaError(root);

    private static OpenAIUpstreamError? RangeError(JsonElement root)
    {
        // The JSON kinds were checked by new-api's struct (a string here is its 500 already).
        if (JsonRead.Field(root, "temperature") is { ValueKind: JsonValueKind.Number } temperature && temperature.GetDouble() is < 0 or > 2)
        {
            return OpenAIUpstreamError.DecimalOutOfRange("temperature", temperature.GetDouble(), 0, 2);
        }

        // new-api's omitempty drops n: 0, so only a negative n reaches OpenAI below its minimum.
        if (JsonRead.Integer(root, "n") is { } n && n is < 0 or > ChatCompletionsRequestReader.MaxChoices)
        {
            return OpenAIUpstreamError.OutOfRange("n", n, 1, ChatCompletionsRequestReader.MaxChoices);
        }

        if (JsonRead.Integer(root, "top_logprobs") is { } top && top is < 0 or > ChatCompletionsRequestReader.MaxTopLogprobs)
        {
            return OpenAIUpstreamError.OutOfRange("top_logprobs", top, 0, ChatCompletionsRequestReader.MaxTopLogprobs);
        }

        return null;
    }

    private static OpenAIUpstreamError? ResponseFormatError(JsonElement root)
    {
        var format = JsonRead.Object(root, "response_format");
        var jsonSchema = JsonRead.Object(format, "json_schema");
        if (JsonRead.Text(format, "type") != "json_schema" || JsonRead.Bool(jsonSchema, "strict") != true)
        {
            return null;
        }

        return StrictJsonSchema.FindViolation(JsonRead.Object(jsonSchema, "schema")) is { } violation
            ? OpenAIUpstreamError.Invalid(
                $"Invalid schema for response_format '{JsonRead.Text(jsonSchema, "name")}': {violation}", "response_format", "invalid_json_schema")
            : null;
    }

    private static OpenAIUpstreamError? ToolSchemaError(JsonElement root)
    {
        var tools = JsonRead.Items(root, "tools");
        for (int i = 0; i < tools.Count; i++)
        {
            var function = JsonRead.Object(tools[i], "function");
            if (JsonRead.Bool(function, "strict") == true && StrictJsonSchema.FindViolation(JsonRead.Object(function, "parameters")) is { } violation)
            {
                return OpenAIUpstreamError.Invalid(
                    $"Invalid schema for function '{JsonRead.Text(function, "name")}': {violation}",
                    string.Create(CultureInfo.InvariantCulture, $"tools[{i}].function.parameters"),
                    "invalid_function_parameters");
            }
        }

        return null;
    }
}
