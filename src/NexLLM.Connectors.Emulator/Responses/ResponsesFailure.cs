using NexLLM.Connectors.Emulator.Scripting;

namespace NexLLM.Connectors.Emulator.Responses;

/// <summary>The <c>error</c> of a response with status <c>failed</c>: <c>{code, message}</c> (docs/protocols/responses.md).</summary>
/// <param name="Code">The code, e.g. <c>server_error</c>.</param>
/// <param name="Message">The message.</param>
internal sealed record ResponsesFailure(string Code, string Message)
{
    /// <summary>The failure a <see cref="EmulatorFaultKind.Failed"/> fault describes, or <see langword="null"/> for any other fault.</summary>
    public static ResponsesFailure? Of(EmulatorFault? fault) => fault is { Kind: EmulatorFaultKind.Failed }
        ? new(fault.ErrorInfo?.Code ?? "server_error", fault.ErrorInfo?.Message ?? FaultErrorInfo.ServerErrorMessage)
        : null;
}
