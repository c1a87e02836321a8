using NexLLM.Connectors.Emulator.Hosting;
using NexLLM.Connectors.Emulator.Scripting;
using NexLLM.Connectors.Emulator.Streaming;

namespace NexLLM.Connectors.Emulator.Responses;

/// <summary>
/// Renders a stream error fault whose JSON was not given verbatim as the Responses <c>error</c> event,
/// <c>{"type":"error","code","message","param","sequence_number"}</c> (docs/protocols/responses.md), numbered where the
/// fault strikes (<see cref="SseStreamPlayer"/>: after <c>afterChunks</c> events, at the latest before the terminal
/// event): OpenAI's generic server error unless the fault says otherwise. Every other fault is played as is; a raw
/// stream error is already new-api's OpenAI-shaped error.
/// </summary>
internal static class ResponsesFaults
{
    public static EmulatorFault? Adapt(EmulatorFault? fault, SseTranscript transcript) => fault switch
    {
        { Kind: EmulatorFaultKind.StreamError, ErrorInfo: { } info } =>
            fault.WithPayload(_ => ErrorEvent(info, Math.Min(fault.AfterChunks, transcript.FinishIndex))),
        _ => fault,
    };

    private static byte[] ErrorEvent(FaultErrorInfo info, int sequenceNumber) => JsonBuffer.ToBytes(w =>
    {
        w.WriteStartObject();
        w.WriteString("type", "error");
        w.WriteString("code", info.Code ?? "server_error");
        w.WriteString("message", info.Message ?? FaultErrorInfo.ServerErrorMessage);
        w.WriteNull("param");
        w.WriteNumber("sequence_number", sequenceNumber);
        w.WriteEndObject();
    });
}
