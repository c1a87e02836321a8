using Microsoft.Extensions.Logging;

namespace NexLLM.Connectors.Emulator.Hosting;

/// <summary>The emulator's log messages (source-generated). Bodies are never logged.</summary>
internal static partial class EmulatorLog
{
    [LoggerMessage(1, LogLevel.Information, "{Method} {Path} -> {StatusCode} in {ElapsedMs} ms (request id {RequestId})")]
    public static partial void RequestCompleted(ILogger logger, string method, string path, int statusCode, long elapsedMs, string requestId);

    [LoggerMessage(2, LogLevel.Information, "Fault {Fault} on {Method} {Path} (request id {RequestId})")]
    public static partial void FaultApplied(ILogger logger, string fault, string method, string path, string requestId);

    [LoggerMessage(3, LogLevel.Information, "Scripted reply used for {Path} (request id {RequestId})")]
    public static partial void ScriptedReplyUsed(ILogger logger, string path, string requestId);

    [LoggerMessage(4, LogLevel.Debug, "Request {RequestId} ended early: {Reason}")]
    public static partial void RequestEndedEarly(ILogger logger, string requestId, string reason);
}
