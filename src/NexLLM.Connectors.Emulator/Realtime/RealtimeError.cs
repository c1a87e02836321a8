namespace NexLLM.Connectors.Emulator.Realtime;

/// <summary>
/// An <c>error</c> event's error object: <c>{type, code, message, param, event_id}</c> (openai-python beta
/// <c>error_event.py</c>); <paramref name="EventId"/> names the client event that caused it.
/// </summary>
/// <param name="Type">The error type, e.g. <c>invalid_request_error</c>.</param>
/// <param name="Code">The error code, e.g. <c>unknown_parameter</c>.</param>
/// <param name="Message">The message.</param>
/// <param name="Param">The parameter at fault, or <see langword="null"/>.</param>
/// <param name="EventId">The client event's id, or <see langword="null"/>.</param>
internal sealed record RealtimeError(string Type, string? Code, string Message, string? Param = null, string? EventId = null)
{
    /// <summary>An <c>invalid_request_error</c>.</summary>
    public static RealtimeError Invalid(string code, string message, string? param = null) => new("invalid_request_error", code, message, param);
}
