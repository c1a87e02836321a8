using System.Buffers;
using System.Text.Json;

namespace NexLLM.Connectors.Emulator.Hosting;

/// <summary>The error bodies new-api writes, byte for byte where it matters (docs/protocols/gateway.md#error-bodies).</summary>
internal static class GatewayErrorBodies
{
    /// <summary>gin's <c>c.JSON</c> content type.</summary>
    public const string JsonContentType = "application/json; charset=utf-8";

    /// <summary>new-api's <c>common.request_id</c> message: gateway-built messages end with the request id (new-api common/utils.go MessageWithRequestId).</summary>
    public static string WithRequestId(string message, string requestId) => $"{message} (request id: {requestId})";

    /// <summary>
    /// Middleware errors (auth, distributor, rate limit) on every route: <c>abortWithOpenAiMessage</c> writes a
    /// <c>gin.H</c> map, which Go serialises with sorted keys, so <c>code</c> comes first and there is no <c>param</c>.
    /// </summary>
    public static byte[] Middleware(string message, string code, string requestId) => GinJson(w =>
    {
        w.WriteStartObject();
        w.WriteStartObject("error");
        w.WriteString("code", code);
        w.WriteString("message", WithRequestId(message, requestId));
        w.WriteString("type", "new_api_error");
        w.WriteEndObject();
        w.WriteEndObject();
    });

    /// <summary>
    /// Relay errors on OpenAI and Gemini routes: the <c>types.OpenAIError</c> struct, in field order message, type, param, code.
    /// <paramref name="param"/> is an upstream error's <c>param</c>, which new-api keeps (a JSON null becomes Go's empty string).
    /// </summary>
    public static byte[] OpenAI(string message, string type, string? code, string requestId, string param = "") => GinJson(w =>
    {
        w.WriteStartObject();
        w.WriteStartObject("error");
        w.WriteString("message", WithRequestId(message, requestId));
        w.WriteString("type", type);
        w.WriteString("param", param);
        JsonBuffer.WriteStringOrNull(w, "code", code);
        w.WriteEndObject();
        w.WriteEndObject();
    });

    /// <summary>
    /// A Google error as new-api relays it on any route (docs/protocols/gateway.md#error-bodies): Google's message with the
    /// request id, <c>type: "upstream_error"</c> (Google's error has no type), <c>param: ""</c> and Google's numeric <c>code</c>.
    /// </summary>
    public static byte[] GoogleRelayed(string message, int code, string requestId) => JsonBuffer.ToBytes(w =>
    {
        w.WriteStartObject();
        w.WriteStartObject("error");
        w.WriteString("message", WithRequestId(message, requestId));
        w.WriteString("type", "upstream_error");
        w.WriteString("param", "");
        w.WriteNumber("code", code);
        w.WriteEndObject();
        w.WriteEndObject();
    });

    /// <summary>Relay errors on <c>/v1/messages</c>: <c>{"type":"error","error":{"type","message"}}</c>, no top-level request id.</summary>
    public static byte[] Claude(string type, string message, string requestId) => GinJson(w =>
    {
        w.WriteStartObject();
        w.WriteString("type", "error");
        w.WriteStartObject("error");
        w.WriteString("type", type);
        w.WriteString("message", WithRequestId(message, requestId));
        w.WriteEndObject();
        w.WriteEndObject();
    });

    /// <summary>new-api's <c>RelayNotFound</c> for an unknown path or method: 404, OpenAI shape, no request id in the message.</summary>
    public static byte[] NotFound(string method, string path) =>
        OpenAIWithoutRequestId($"Invalid URL ({method} {path})", "invalid_request_error", param: "", code: "");

    /// <summary>An OpenAI error object written by a controller directly (no request id appended).</summary>
    public static byte[] OpenAIWithoutRequestId(string message, string type, string param, string code) => GinJson(w =>
    {
        w.WriteStartObject();
        w.WriteStartObject("error");
        w.WriteString("message", message);
        w.WriteString("type", type);
        w.WriteString("param", param);
        w.WriteString("code", code);
        w.WriteEndObject();
        w.WriteEndObject();
    });

    /// <summary>
    /// JSON as gin's <c>c.JSON</c> writes it: Go's <c>json.Marshal</c> escapes <c>&lt;</c>, <c>&gt;</c> and <c>&amp;</c>
    /// (as <c>\u003c</c>, <c>\u003e</c>, <c>\u0026</c>) and leaves other text as raw UTF-8. Those three characters can only
    /// occur inside strings, so escaping them in the written bytes is safe.
    /// </summary>
    private static byte[] GinJson(Action<Utf8JsonWriter> write)
    {
        byte[] json = JsonBuffer.ToBytes(write);
        if (json.AsSpan().IndexOfAny("<>&"u8) < 0)
        {
            return json;
        }

        var escaped = new ArrayBufferWriter<byte>(json.Length + 16);
        foreach (byte b in json)
        {
            escaped.Write(b switch
            {
                (byte)'<' => "\\u003c"u8,
                (byte)'>' => "\\u003e"u8,
                (byte)'&' => "\\u0026"u8,
                _ => new ReadOnlySpan<byte>(in b),
            });
        }

        return escaped.WrittenSpan.ToArray();
    }
}
