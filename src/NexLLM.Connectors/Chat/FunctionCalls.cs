using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.AI;
using NexLLM.Connectors.Http;

namespace NexLLM.Connectors.Chat;

/// <summary>Function-call arguments and results, to and from their JSON text on the wire.</summary>
internal static class FunctionCalls
{
    // M.E.AI's resolvers (source-generated where they can be), but compact: the text is sent back to the model on every
    // turn, and indentation would only cost prompt tokens.
    private static readonly JsonSerializerOptions Compact = new(AIJsonUtilities.DefaultOptions)
    {
        WriteIndented = false,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly JsonTypeInfo<IDictionary<string, object?>> ArgumentsTypeInfo =
        (JsonTypeInfo<IDictionary<string, object?>>)Compact.GetTypeInfo(typeof(IDictionary<string, object?>));

    /// <summary>
    /// Builds a call from its JSON arguments (a missing id gets a fresh one). Malformed arguments do not throw: they land in
    /// <see cref="FunctionCallContent.Exception"/>, which function invocation reports back to the model (M.E.AI's convention).
    /// </summary>
    public static FunctionCallContent Parse(string? callId, string name, string? argumentsJson) =>
        FunctionCallContent.CreateFromParsedArguments(
            string.IsNullOrWhiteSpace(argumentsJson) ? "{}" : argumentsJson,
            string.IsNullOrEmpty(callId) ? NewCallId() : callId,
            name,
            static json => JsonSerializer.Deserialize(json, ArgumentsTypeInfo));

    /// <summary>An id for a call the server sent without one: unique, so that results never answer the wrong call.</summary>
    public static string NewCallId() => "call_" + Guid.NewGuid().ToString("N")[..24];

    /// <summary>Serializes a call's arguments for an assistant message of the history.</summary>
    public static string SerializeArguments(FunctionCallContent call) => SerializeArguments(call.Arguments, call.Name, call.CallId);

    /// <summary>Serializes a tool call's arguments (a function's or a hosted tool's) as JSON text.</summary>
    public static string SerializeArguments(IDictionary<string, object?>? arguments, string name, string callId)
    {
        if (arguments is null || arguments.Count == 0)
        {
            return "{}";
        }

        try
        {
            return JsonSerializer.Serialize(arguments, ArgumentsTypeInfo);
        }
        catch (Exception ex) when (ex is NotSupportedException or JsonException)
        {
            throw new ArgumentException(
                $"The arguments of tool call '{name}' ({callId}) contain a value that cannot be serialized here; use JsonElement or primitive values.", ex);
        }
    }

    /// <summary>Reads a hosted tool call's JSON arguments; text that is not a JSON object gives <see langword="null"/>.</summary>
    public static IDictionary<string, object?>? ParseArguments(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(json, ArgumentsTypeInfo);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Serializes a call's arguments as a JSON object (formats that carry arguments as an object, not as text).</summary>
    public static JsonElement ArgumentsElement(FunctionCallContent call)
    {
        try
        {
            return JsonSerializer.SerializeToElement(call.Arguments ?? new Dictionary<string, object?>(), ArgumentsTypeInfo);
        }
        catch (Exception ex) when (ex is NotSupportedException or JsonException)
        {
            throw new ArgumentException(
                $"The arguments of function call '{call.Name}' ({call.CallId}) contain a value that cannot be serialized here; use JsonElement or primitive values.", ex);
        }
    }

    /// <summary>Builds a call from arguments that arrived as a JSON object.</summary>
    /// <exception cref="ResponseContentException">A string inside the arguments is not valid UTF-8.</exception>
    public static FunctionCallContent FromElement(string? callId, string name, JsonElement? arguments) =>
        arguments is { ValueKind: JsonValueKind.Object } element ? Parse(callId, name, RawText(element, name)) : Parse(callId, name, null);

    private static string RawText(JsonElement arguments, string name)
    {
        try
        {
            return arguments.GetRawText();
        }
        catch (InvalidOperationException ex)
        {
            // The reader that parsed the response does not check UTF-8 inside strings; transcoding them does. Arguments
            // are acted on, so they are refused rather than repaired (InvalidUtf8 has the rule).
            throw new ResponseContentException($"the arguments of tool call '{ResponseContentException.Quote(name)}' are not valid UTF-8", ex);
        }
    }

    /// <summary>Turns a function result into the text a tool message carries.</summary>
    public static string SerializeResult(FunctionResultContent result)
    {
        switch (result.Result)
        {
            case null:
                return result.Exception is { } exception ? $"Error: {exception.Message}" : string.Empty;
            case string text:
                return text;
            case JsonElement element:
                return element.ValueKind == JsonValueKind.String ? element.GetString()! : element.GetRawText();
            case TextContent content:
                return content.Text;
            case IEnumerable<AIContent> contents:
                return string.Concat(contents.OfType<TextContent>().Select(static c => c.Text));
            default:
                try
                {
                    return JsonSerializer.Serialize(result.Result, Compact.GetTypeInfo(result.Result.GetType()));
                }
                catch (Exception ex) when (ex is NotSupportedException or JsonException)
                {
                    throw new ArgumentException(
                        $"The result of function call {result.CallId} has type {result.Result.GetType().Name}, which cannot be serialized here; return a string or JsonElement.", ex);
                }
        }
    }
}
