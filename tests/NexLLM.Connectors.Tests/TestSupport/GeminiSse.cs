using System.Globalization;

namespace NexLLM.Connectors.Tests.TestSupport;

/// <summary>
/// Builds SSE bytes exactly as the gateway frames Gemini streams (docs/protocols/gateway.md#sse-framing, docs/protocols/gemini.md): <c>data: json\n\n</c> per chunk, and
/// no terminator: the stream simply ends.
/// </summary>
public static class GeminiSse
{
    /// <summary>The chunks, each framed; nothing after the last one.</summary>
    public static string Events(params string[] jsonChunks) => Sse.Events(jsonChunks);
}

/// <summary>streamGenerateContent chunk JSON (a <c>GenerateContentResponse</c>) in the shape of docs/protocols/gemini.md.</summary>
public static class GeminiChunk
{
    public const string DefaultId = "resp-1";

    public const string Model = "gemini-2.5-flash";

    /// <summary>A chunk of one candidate with the given parts; <paramref name="finishReason"/> and usage only when given.</summary>
    public static string Parts(string partsJson, string? finishReason = null, string? usageJson = null, string id = DefaultId) =>
        $$$"""{"candidates":[{"content":{"role":"model","parts":{{{partsJson}}}},{{{(finishReason is null ? string.Empty : $"\"finishReason\":\"{finishReason}\",")}}}"index":0}]{{{(usageJson is null ? string.Empty : $",\"usageMetadata\":{usageJson}")}}},"modelVersion":"{{{Model}}}","responseId":"{{{id}}}"}""";

    public static string Text(string text, string? finishReason = null, string? usageJson = null, string id = DefaultId) =>
        Parts($"[{TextPart(text)}]", finishReason, usageJson, id);

    public static string TextPart(string text, string? signature = null) =>
        $"{{\"text\":{Json.Quote(text, asciiOnly: false)}{Signature(signature)}}}";

    public static string ThoughtPart(string text, string? signature = null) =>
        $"{{\"text\":{Json.Quote(text, asciiOnly: false)},\"thought\":true{Signature(signature)}}}";

    public static string CallPart(string name, string argsJson, string? signature = null) =>
        $"{{\"functionCall\":{{\"name\":\"{name}\",\"args\":{argsJson}}}{Signature(signature)}}}";

    /// <summary>Cumulative usage as Gemini sends it on every chunk (the last chunk's counts are the totals).</summary>
    public static string Usage(int prompt, int candidates, int? thoughts = null) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"{{\"promptTokenCount\":{prompt},\"candidatesTokenCount\":{candidates},\"totalTokenCount\":{prompt + candidates + (thoughts ?? 0)}{(thoughts is null ? string.Empty : $",\"thoughtsTokenCount\":{thoughts}")}}}");

    /// <summary>An error object in Google's shape (<c>{"error":{code,message,status}}</c>).</summary>
    public static string GoogleError(int code, string status, string message) =>
        string.Create(CultureInfo.InvariantCulture, $"{{\"error\":{{\"code\":{code},\"message\":{Json.Quote(message)},\"status\":\"{status}\"}}}}");

    /// <summary>An error object in the gateway's OpenAI shape with a numeric code, as new-api relays Gemini errors (docs/protocols/gateway.md#error-bodies).</summary>
    public static string GatewayError(int code, string message, string type = "upstream_error") =>
        string.Create(CultureInfo.InvariantCulture, $"{{\"error\":{{\"message\":{Json.Quote(message)},\"type\":\"{type}\",\"param\":\"\",\"code\":{code}}}}}");

    private static string Signature(string? signature) => signature is null ? string.Empty : $",\"thoughtSignature\":{Json.Quote(signature)}";
}
