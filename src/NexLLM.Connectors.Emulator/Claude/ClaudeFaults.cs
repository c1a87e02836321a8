using NexLLM.Connectors.Emulator.Hosting;
using NexLLM.Connectors.Emulator.Scripting;

namespace NexLLM.Connectors.Emulator.Claude;

/// <summary>
/// Renders the in-stream error faults in Claude's shape when their JSON was not given verbatim: a stream error is
/// Anthropic's <c>event: error</c> with <c>{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}</c>
/// by default (docs/protocols/claude-messages.md); a raw stream error is what new-api's deferred error writer appends on <c>/v1/messages</c>,
/// <c>{"type":"error","error":{"type","message":"… (request id: …)"}}</c> with no <c>data:</c> prefix (docs/protocols/gateway.md#error-bodies, docs/protocols/gateway.md#sse-framing).
/// Every other fault, and every verbatim payload, is played as is.
/// </summary>
internal static class ClaudeFaults
{
    public static EmulatorFault? Adapt(EmulatorFault? fault) => fault switch
    {
        { Kind: EmulatorFaultKind.StreamError or EmulatorFaultKind.Failed, ErrorInfo: { } info } => fault.WithPayload(_ => ErrorEvent(info)),
        { Kind: EmulatorFaultKind.RawStreamError, ErrorInfo: { } info } => fault.WithPayload(requestId =>
            GatewayErrorBodies.Claude(info.Type ?? "new_api_error", info.Message ?? "upstream stream failed", requestId)),
        _ => fault,
    };

    // Anthropic's own event: it passes through the gateway untouched, so its message carries no request id.
    private static byte[] ErrorEvent(FaultErrorInfo info) => JsonBuffer.ToBytes(w =>
    {
        w.WriteStartObject();
        w.WriteString("type", "error");
        w.WriteStartObject("error");
        w.WriteString("type", info.Type ?? "overloaded_error");
        w.WriteString("message", info.Message ?? "Overloaded");
        w.WriteEndObject();
        w.WriteEndObject();
    });
}
