namespace NexLLM.Connectors.Realtime;

/// <summary>
/// A conversation item, sent (<c>conversation.item.create</c>) or received (output items, <c>conversation.item.created</c>):
/// a <c>message</c> with content parts, a <c>function_call</c> or a <c>function_call_output</c>.
/// </summary>
internal sealed class RealtimeItem
{
    public string? Id { get; init; }

    public string? Type { get; init; }

    public string? Role { get; init; }

    public string? Status { get; init; }

    public IReadOnlyList<RealtimeContentPart>? Content { get; init; }

    public string? CallId { get; init; }

    public string? Name { get; init; }

    /// <summary>Gets a function call's arguments, as JSON text.</summary>
    public string? Arguments { get; init; }

    /// <summary>Gets a function result's output text.</summary>
    public string? Output { get; init; }
}
