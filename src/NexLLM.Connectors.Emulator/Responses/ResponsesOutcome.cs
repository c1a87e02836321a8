using NexLLM.Connectors.Emulator.Engine;

namespace NexLLM.Connectors.Emulator.Responses;

/// <summary>
/// How a response ends (docs/protocols/responses.md): its <c>status</c>, <c>output</c>, <c>incomplete_details.reason</c>,
/// <c>error</c> and <c>usage</c>. A reply cut by the output limit is <c>incomplete</c> with reason
/// <c>max_output_tokens</c>, one stopped by a content filter <c>incomplete</c> with <c>content_filter</c>; a
/// <see cref="ResponsesFailure"/> makes it <c>failed</c>.
/// </summary>
internal sealed record ResponsesOutcome(string Status, IReadOnlyList<ResponsesOutputItem> Output)
{
    public const string Completed = "completed";
    public const string Incomplete = "incomplete";
    public const string FailedStatus = "failed";

    /// <summary>The state of <c>response.created</c> and <c>response.in_progress</c>.</summary>
    public static ResponsesOutcome InProgress { get; } = new("in_progress", []);

    public string? IncompleteReason { get; init; }

    public ResponsesFailure? Failure { get; init; }

    /// <summary>Gets the usage, only on a response that completed or is incomplete.</summary>
    public ChatUsage? Usage { get; init; }

    /// <summary>The outcome of a reply: reasoning first, then a message with the text and refusal, then the function calls.</summary>
    public static ResponsesOutcome Of(ChatEngineReply reply, ResponsesCall call, ResponsesReasoningSealer sealer)
    {
        string? reason = reply.FinishReason switch
        {
            ReplyFinishReason.Length => "max_output_tokens",
            ReplyFinishReason.ContentFilter => "content_filter",
            _ => null,
        };

        var items = new List<ResponsesOutputItem>();
        if (reply.Reasoning is { } reasoning)
        {
            string? sealedReasoning = call.EncryptedReasoning ? sealer.Seal(reasoning) : null;
            items.Add(new ResponsesReasoningItem(ResponsesIds.Reasoning(), reasoning, call.ReasoningSummary, sealedReasoning));
        }

        var parts = new List<ResponsesContentPart>();
        if (!string.IsNullOrEmpty(reply.Text) || (reply.Refusal is null && reply.ToolCalls.Count == 0 && items.Count == 0))
        {
            parts.Add(new ResponsesContentPart(IsRefusal: false, reply.Text ?? ""));
        }

        if (reply.Refusal is { } refusal)
        {
            parts.Add(new ResponsesContentPart(IsRefusal: true, refusal));
        }

        if (parts.Count > 0)
        {
            items.Add(new ResponsesMessageItem(ResponsesIds.Message(), parts, Incomplete: reason is not null));
        }

        items.AddRange(reply.ToolCalls.Select(toolCall => new ResponsesFunctionCallItem(ResponsesIds.FunctionCall(), toolCall)));
        return new ResponsesOutcome(reason is null ? Completed : Incomplete, items) { IncompleteReason = reason, Usage = reply.Usage };
    }

    /// <summary>A failed response with the items finished before the failure, and no usage.</summary>
    public static ResponsesOutcome Failed(IReadOnlyList<ResponsesOutputItem> finished, ResponsesFailure failure) =>
        new(FailedStatus, finished) { Failure = failure };

    /// <summary>The assistant turn of the output, for the conversation a stored response continues; <see langword="null"/> when there is nothing to say.</summary>
    public ChatTurn? AssistantTurn()
    {
        var texts = Output.OfType<ResponsesMessageItem>().SelectMany(message => message.Parts).Select(part => part.Text).ToList();
        var calls = Output.OfType<ResponsesFunctionCallItem>().Select(item => item.Call).ToList();
        return texts.Count == 0 && calls.Count == 0 ? null : new ChatTurn(ChatRole.Assistant, string.Join("\n", texts)) { ToolCalls = calls };
    }
}
