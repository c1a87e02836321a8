using System.Text.Json;

namespace NexLLM.Connectors.Realtime;

/// <summary>The <c>error</c> of an <c>error</c> event: <c>{type, code, message, param, event_id}</c>; the code may be a number.</summary>
internal sealed class RealtimeError
{
    public string? Type { get; init; }

    public JsonElement? Code { get; init; }

    public string? Message { get; init; }

    public string? Param { get; init; }

    /// <summary>Gets the id of the client event that caused the error.</summary>
    public string? EventId { get; init; }
}
