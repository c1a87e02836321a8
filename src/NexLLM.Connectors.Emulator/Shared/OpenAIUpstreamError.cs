using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using NexLLM.Connectors.Emulator.Hosting;

namespace NexLLM.Connectors.Emulator.Shared;

/// <summary>
/// An error OpenAI answers (on <c>/v1/responses</c>, the image routes…), relayed by new-api with OpenAI's status, type
/// <c>invalid_request_error</c>, <c>param</c> and <c>code</c> (docs/protocols/gateway.md#error-bodies). The factories
/// write OpenAI's wording for its common request checks.
/// </summary>
/// <param name="Status">The HTTP status, 400 unless OpenAI uses another.</param>
/// <param name="Message">OpenAI's message (new-api appends the request id).</param>
/// <param name="Param">The request field at fault, <c>""</c> when OpenAI names none (new-api writes its JSON null so).</param>
/// <param name="Code">OpenAI's code, or <see langword="null"/>.</param>
internal sealed record OpenAIUpstreamError(int Status, string Message, string Param, string? Code)
{
    public static OpenAIUpstreamError Invalid(string message, string param, string? code = null) =>
        new(StatusCodes.Status400BadRequest, message, param, code);

    public static OpenAIUpstreamError NotFound(string message, string param) =>
        new(StatusCodes.Status404NotFound, message, param, null);

    public static OpenAIUpstreamError InvalidType(string param, string expected, JsonElement actual) =>
        Invalid($"Invalid type for '{param}': expected {expected}, but got {Describe(actual)} instead.", param, "invalid_type");

    public static OpenAIUpstreamError MissingParameter(string param) =>
        Invalid($"Missing required parameter: '{param}'.", param, "missing_required_parameter");

    public static OpenAIUpstreamError InvalidValue(string param, string value, params string[] supported)
    {
        return Invalid($"Invalid value: '{value}'. Supported values are: {ListOf(supported)}.", param, "invalid_value");
    }

    /// <summary>OpenAI's way of listing values in a message: <c>'a'</c>, <c>'a', and 'b'</c>, <c>'a', 'b', and 'c'</c>.</summary>
    public static string ListOf(params string[] values) => values.Length == 1
        ? $"'{values[0]}'"
        : string.Join(", ", values[..^1].Select(s => $"'{s}'")) + $", and '{values[^1]}'";

    /// <summary>Writes the error as new-api relays it: OpenAI's status, the OpenAI shape, the request id appended to the message.</summary>
    public Task WriteAsync(HttpContext context)
    {
        byte[] body = GatewayErrorBodies.OpenAI(Message, "invalid_request_error", Code, EmulatorExchange.Of(context).RequestId, Param);
        return GatewayResponses.WriteAsync(context, Status, body);
    }

    public static OpenAIUpstreamError UnknownParameter(string param) =>
        Invalid($"Unknown parameter: '{param}'.", param, "unknown_parameter");

    public static OpenAIUpstreamError EmptyString(string param) =>
        Invalid($"Invalid '{param}': empty string. Expected a string with minimum length 1, but got an empty string instead.", param, "empty_string");

    public static OpenAIUpstreamError StringTooLong(string param, int maximum, int length) =>
        Invalid(
            string.Create(CultureInfo.InvariantCulture, $"Invalid '{param}': string too long. Expected a string with maximum length {maximum}, but got a string with length {length} instead."),
            param,
            "string_above_max_length");

    public static OpenAIUpstreamError OutOfRange(string param, long value, long minimum, long maximum) => value < minimum
        ? Invalid(
            string.Create(CultureInfo.InvariantCulture, $"Invalid '{param}': integer below minimum value. Expected a value >= {minimum}, but got {value} instead."),
            param,
            "integer_below_min_value")
        : Invalid(
            string.Create(CultureInfo.InvariantCulture, $"Invalid '{param}': integer above maximum value. Expected a value <= {maximum}, but got {value} instead."),
            param,
            "integer_above_max_value");

    /// <summary>OpenAI's wording for a decimal outside its range (the decimal variant of <see cref="OutOfRange"/>).</summary>
    public static OpenAIUpstreamError DecimalOutOfRange(string param, double value, double minimum, double maximum) => value < minimum
        ? Invalid(
            string.Create(CultureInfo.InvariantCulture, $"Invalid '{param}': decimal below minimum value. Expected a value >= {minimum}, but got {value} instead."),
            param,
            "decimal_below_min_value")
        : Invalid(
            string.Create(CultureInfo.InvariantCulture, $"Invalid '{param}': decimal above maximum value. Expected a value <= {maximum}, but got {value} instead."),
            param,
            "decimal_above_max_value");

    public static OpenAIUpstreamError ArrayTooLong(string param, int maximum, int length) =>
        Invalid(
            string.Create(CultureInfo.InvariantCulture, $"Invalid '{param}': array too long. Expected an array with maximum length {maximum}, but got an array with length {length} instead."),
            param,
            "array_above_max_length");

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
