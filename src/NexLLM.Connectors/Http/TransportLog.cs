using Microsoft.Extensions.Logging;

namespace NexLLM.Connectors.Http;

/// <summary>
/// The transport's log lines. Structured only; no bodies, prompts or header values; server text is escaped by the
/// caller (<see cref="LogText"/>) so it cannot forge lines.
/// </summary>
internal static partial class TransportLog
{
    [LoggerMessage(1, LogLevel.Debug, "Sending {Method} {Path} (attempt {Attempt}).")]
    public static partial void Sending(ILogger logger, string method, string path, int attempt);

    [LoggerMessage(6, LogLevel.Debug, "{Method} {Path} answered {Status} after {ElapsedMs} ms (response headers).")]
    public static partial void Received(ILogger logger, string method, string path, int status, long elapsedMs);

    [LoggerMessage(2, LogLevel.Information, "Retrying {Path} in {DelayMs} ms after {Kind} (status {Status}, type {ErrorType}, request id {RequestId}).")]
    public static partial void Retrying(ILogger logger, string path, long delayMs, NexLLMErrorKind kind, int? status, string? errorType, string? requestId);

    [LoggerMessage(3, LogLevel.Debug, "{Path} failed after {Attempts} attempt(s): {Kind} (status {Status}, type {ErrorType}, code {ErrorCode}, request id {RequestId}).")]
    public static partial void Failed(ILogger logger, string path, int attempts, NexLLMErrorKind kind, int? status, string? errorType, string? errorCode, string? requestId);

    [LoggerMessage(4, LogLevel.Warning, "The HttpClient given to NexLLMClient has a finite Timeout of {Timeout}; set it to Timeout.InfiniteTimeSpan and let NexLLMClientOptions govern timeouts, or long answers will be cut off.")]
    public static partial void FiniteHttpClientTimeout(ILogger logger, TimeSpan timeout);

    [LoggerMessage(5, LogLevel.Debug, "{Protocol} has no equivalent of {Option}; it was not sent.")]
    public static partial void OptionIgnored(ILogger logger, string protocol, string option);
}
