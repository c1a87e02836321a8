using Microsoft.AspNetCore.Http;

namespace NexLLM.Connectors.Emulator.Hosting;

/// <summary>Per-request state shared by the middleware and the endpoints (stored as an HTTP feature).</summary>
internal sealed class EmulatorExchange(string requestId, byte[] body, CancellationToken aborted)
{
    public string RequestId { get; } = requestId;

    /// <summary>Gets the whole request body, read once by the recording middleware.</summary>
    public byte[] Body { get; } = body;

    /// <summary>Gets a token cancelled when the client leaves or the emulator stops: every wait honours it.</summary>
    public CancellationToken Aborted { get; } = aborted;

    /// <summary>Gets or sets the fault that still lets an answer start (a delay or a stream fault), for the endpoint to play.</summary>
    public EmulatorFault? Fault { get; set; }

    public static EmulatorExchange Of(HttpContext context) =>
        context.Features.Get<EmulatorExchange>() ?? throw new InvalidOperationException("The recording middleware did not run.");
}
