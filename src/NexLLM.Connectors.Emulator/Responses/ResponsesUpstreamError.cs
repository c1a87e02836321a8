using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace NexLLM.Connectors.Emulator.Responses;

/// <summary>
/// An error OpenAI answers on <c>/v1/responses</c>, relayed by new-api with OpenAI's status, type
/// <c>invalid_request_error</c>, <c>param</c> and <c>code</c> (docs/protocols/gateway.md#error-bodies). The factories
/// write OpenAI's wording for its common request checks.
/// </summary>
/// <param name="Status">The HTTP status, 400 unless OpenAI uses another.</param>
/// <param name="Message">OpenAI's message (new-api appends the request id).</param>
/// <param name="Param">The request field at fault, <c>""</c> when OpenAI names none (new-api writes its JSON null so).</param>
/// <param name="Code">OpenAI's code, or <see langword="null"/>.</param>
internal sealed record ResponsesUpstreamError(int Status, string Message, string Param, string? Code)
{
    public static ResponsesUpstreamError Invalid(string message, string param, string? code = null) =>
        new(StatusCodes.Status400BadRequest, message, param, code);

    public static ResponsesUpstreamError NotFound(string message, string param) =>
        new(StatusCodes.Status404NotFound, message, param, null);

    public static ResponsesUpstreamError InvalidType(string param, string expected, JsonElement actual) =>
        Invalid($"Invalid type for '{param}': expected {expected}, but got {Describe(actual)} instead.", param, "invalid_type");

    public static ResponsesUpstreamError MissingParameter(string param) =>
        Invalid($"Missing required parameter: '{param}'.", param, "missing_required_parameter");

    public static ResponsesUpstreamError InvalidValue(string param, string value, params string[] supported)
    {
        string list = supported.Length == 1
            ? $"'{supported[0]}'"
            : string.Join(", ", supported[..^1].Select(s => $"'{s}'")) + $", and '{supported[^1]}'";
        return Invalid($"Invalid value: '{value}'. Supported values are: {list}.", param, "invalid_value");
    }

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.Number => value.TryGetInt64(out _) ? "an integer" : "a decimal",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        _ => "null",
    };
}
