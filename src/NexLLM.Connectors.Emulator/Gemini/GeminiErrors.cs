using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using NexLLM.Connectors.Emulator.Hosting;
using NexLLM.Connectors.Emulator.Scripting;

namespace NexLLM.Connectors.Emulator.Gemini;

/// <summary>
/// The error bodies of the Gemini routes. Through new-api they are OpenAI-shaped (docs/protocols/gateway.md#error-bodies, docs/protocols/gemini.md): a Google error
/// relayed by new-api keeps Google's message and numeric <c>code</c>, gets <c>type: "upstream_error"</c> and
/// <c>param: ""</c>, and new-api's request id at the end of the message. Only inside a stream does Google's own shape
/// <c>{"error":{"code","message","status"}}</c> reach the client, because new-api passes stream chunks through as they are.
/// </summary>
internal static class GeminiErrors
{
    private static readonly JsonWriterOptions IndentedOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = true,
        NewLine = "\n",
    };

    /// <summary>A Google error as new-api relays it: <c>{"error":{"message":"… (request id: …)","type":"upstream_error","param":"","code":400}}</c>.</summary>
    public static byte[] Upstream(string message, int code, string requestId) => GatewayErrorBodies.GoogleRelayed(message, code, requestId);

    /// <summary>
    /// Adapts the in-stream error faults whose JSON was not given verbatim. A stream error is a Google error chunk,
    /// <c>data: {"error":{"code":503,"message":"The model is overloaded. Please try again later.","status":"UNAVAILABLE"}}</c>
    /// by default (the header's <c>code=</c> is the numeric code, <c>type=</c> the status, <c>message=</c> the message):
    /// new-api's native stream handler passes upstream <c>data:</c> lines through unchanged. A raw stream error is
    /// new-api's deferred error writer appending its OpenAI-shaped error (docs/protocols/gateway.md#error-bodies, docs/protocols/gateway.md#sse-framing), written indented over
    /// several lines as Google writes its error bodies, so a client must collect the brace-balanced lines (docs/protocols/sse.md#gotchas).
    /// </summary>
    public static EmulatorFault? AdaptFault(EmulatorFault? fault) => fault switch
    {
        { Kind: EmulatorFaultKind.StreamError or EmulatorFaultKind.Failed, ErrorInfo: { } info } => fault.WithPayload(_ => GoogleError(info)),
        { Kind: EmulatorFaultKind.RawStreamError, ErrorInfo: { } info } => fault.WithPayload(requestId => IndentedGatewayError(info, requestId)),
        _ => fault,
    };

    /// <summary>Google's status name for an HTTP code (GD troubleshooting table, docs/protocols/gemini.md).</summary>
    public static string Status(int code) => code switch
    {
        400 => "INVALID_ARGUMENT",
        401 => "UNAUTHENTICATED",
        403 => "PERMISSION_DENIED",
        404 => "NOT_FOUND",
        429 => "RESOURCE_EXHAUSTED",
        499 => "CANCELLED",
        500 => "INTERNAL",
        503 => "UNAVAILABLE",
        504 => "DEADLINE_EXCEEDED",
        _ => "UNKNOWN",
    };

    private static byte[] GoogleError(FaultErrorInfo info) => JsonBuffer.ToBytes(w =>
    {
        int code = int.TryParse(info.Code, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int parsed) ? parsed : 503;
        w.WriteStartObject();
        w.WriteStartObject("error");
        w.WriteNumber("code", code);
        w.WriteString("message", info.Message ?? "The model is overloaded. Please try again later.");
        w.WriteString("status", info.Type ?? Status(code));
        w.WriteEndObject();
        w.WriteEndObject();
    });

    private static byte[] IndentedGatewayError(FaultErrorInfo info, string requestId)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer, IndentedOptions))
        {
            w.WriteStartObject();
            w.WriteStartObject("error");
            w.WriteString("message", GatewayErrorBodies.WithRequestId(info.Message ?? "upstream stream failed", requestId));
            w.WriteString("type", info.Type ?? "new_api_error");
            w.WriteString("param", "");
            JsonBuffer.WriteStringOrNull(w, "code", info.Code);
            w.WriteEndObject();
            w.WriteEndObject();
        }

        return [.. buffer.WrittenSpan, (byte)'\n'];
    }
}
