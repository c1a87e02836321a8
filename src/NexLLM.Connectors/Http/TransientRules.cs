namespace NexLLM.Connectors.Http;

/// <summary>Which failures may succeed when repeated (docs/reliability.md, "retries" and "never retry what is not safe").</summary>
internal static class TransientRules
{
    public static bool IsTransientStatus(int status) => status is 408 or 409 or 429 or 500 or 502 or 503 or 504 or 529;

    /// <summary>
    /// A transient status can still carry a verdict that repeating cannot change: new-api reports bad requests as
    /// HTTP 500 <c>invalid_request</c> and a model no channel serves as HTTP 503 <c>model_not_found</c> (docs/protocols/gateway.md#statuses, docs/protocols/gateway.md#gotchas).
    /// </summary>
    public static bool IsTransient(int status, string? errorCode) =>
        IsTransientStatus(status)
        && !(status == 500 && string.Equals(errorCode, "invalid_request", StringComparison.Ordinal))
        && !(status == 503 && string.Equals(errorCode, "model_not_found", StringComparison.Ordinal));

    /// <summary>An error reported inside a 200 stream has no status: decide from its type or code.</summary>
    public static bool IsTransientStreamError(string? type, string? code)
    {
        if (code is not null && int.TryParse(code, out int numeric))
        {
            return IsTransientStatus(numeric);
        }

        return type is "overloaded_error" or "rate_limit_error" or "api_error" or "timeout_error" or "server_error"
            or "internal_server_error" or "RESOURCE_EXHAUSTED" or "UNAVAILABLE" or "INTERNAL" or "DEADLINE_EXCEEDED"
            || code is "rate_limit_exceeded" or "server_error" or "overloaded" or "overloaded_error";
    }
}
