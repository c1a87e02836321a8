using Microsoft.Extensions.AI;

namespace NexLLM.Connectors.Chat.Responses;

/// <summary>
/// A response's <c>status</c> and <c>incomplete_details.reason</c> as a finish reason (docs/protocols/responses.md#response):
/// the length limit and the content filter have M.E.AI values; a completed answer stopped, or asked for tools.
/// </summary>
internal static class ResponsesStatus
{
    /// <summary>The raw value kept in <c>nexllm.finish_reason</c>: the reason an answer is incomplete, else its status.</summary>
    public static string? Raw(ResponsesResponseHeader response) =>
        response.Status == "incomplete" && !string.IsNullOrWhiteSpace(response.IncompleteDetails?.Reason) ? response.IncompleteDetails.Reason
        : string.IsNullOrWhiteSpace(response.Status) ? null
        : response.Status;

    public static ChatFinishReason? Map(ResponsesResponseHeader response, bool calledFunctions) => Raw(response) switch
    {
        null => null,
        "completed" => calledFunctions ? ChatFinishReason.ToolCalls : ChatFinishReason.Stop,
        "max_output_tokens" => ChatFinishReason.Length,
        "content_filter" => ChatFinishReason.ContentFilter,
        var other => new ChatFinishReason(other),
    };
}
