using System.Text.Json;
using Microsoft.Extensions.AI;
using NexLLM.Connectors.Http;

namespace NexLLM.Connectors.Chat.Responses;

/// <summary>
/// Turns Responses stream events into <see cref="ChatResponseUpdate"/>s as they arrive, one stream at a time
/// (docs/protocols/responses.md#streaming): text and reasoning deltas at once, each function call when its arguments are
/// done, reasoning's encrypted content and hosted tool items when their item is done, usage and the finish reason at
/// <c>response.completed</c> or <c>response.incomplete</c>.
/// </summary>
internal sealed class ResponsesStreamMapper(IStreamContext stream) : IChatStreamMapper<ResponsesTextDelta, ResponsesStreamEvent>
{
    private readonly Dictionary<string, ResponsesOutputItem> _calls = new(StringComparer.Ordinal);
    private readonly HashSet<string> _handedOutCalls = new(StringComparer.Ordinal);
    private string? _responseId;
    private string? _model;
    private DateTimeOffset? _created;
    private string? _messageId;
    private string? _reasoningItemId;
    private bool _started;
    private bool _yielded;
    private bool _calledFunctions;
    private bool _reasoningStreamed;
    private bool _summarySeparator;
    private List<AIContent>? _pendingReasoning;

    /// <summary>Gets a value indicating whether <c>response.completed</c> or <c>response.incomplete</c> arrived.</summary>
    public bool Ended { get; private set; }

    /// <summary>
    /// Whether an event carries nothing a caller would see: the lifecycle events before the answer, and a reasoning item
    /// done before any of its text was shown (its encrypted content waits for the first update). Read inside the retry boundary.
    /// </summary>
    public static bool IsPrelude(ResponsesStreamItem item) =>
        !item.IsText && item.Parsed.Value is { } value
        && (value.Type is "response.created" or "response.in_progress" or "response.queued"
                or "response.output_item.added" or "response.content_part.added" or "response.reasoning_summary_part.added"
            || (value.Type == "response.output_item.done" && value.Item?.Type == "reasoning"));

    /// <summary>Maps a text or reasoning delta read by the fast path.</summary>
    public ChatResponseUpdate Map(in ResponsesTextDelta delta) => Delta(delta.IsReasoning, delta.Text);

    /// <summary>Maps one event; returns <see langword="null"/> when it carries nothing worth an update.</summary>
    /// <exception cref="ResponseContentException">The event holds content no caller can use.</exception>
    public ChatResponseUpdate? Map(ResponsesStreamEvent value)
    {
        switch (value.Type)
        {
            case "response.created" or "response.in_progress" or "response.queued":
                Begin(value);
                return null;
            case "response.output_item.added":
                Add(value.Item);
                return null;
            case "response.output_text.delta":
                return string.IsNullOrEmpty(value.Delta) ? null : Delta(isReasoning: false, value.Delta);
            case "response.reasoning_summary_text.delta" or "response.reasoning_text.delta":
                return string.IsNullOrEmpty(value.Delta) ? null : Delta(isReasoning: true, value.Delta);
            case "response.reasoning_summary_part.added":
                // Parts of a summary are apart by a blank line, as in a whole response (ResponsesOutputMapper), which skips
                // empty parts: the line goes before the next text, once, and only when text came before.
                _summarySeparator = _reasoningStreamed;
                return null;
            case "response.refusal.done":
                return Update(new ErrorContent(value.Refusal ?? string.Empty) { ErrorCode = "Refusal" });
            case "response.function_call_arguments.done":
                return CallDone(value);
            case "response.output_item.done" when value.Item is { } item:
                return ItemDone(item, value.ItemJson);
            case "response.completed" or "response.incomplete":
                return End(value);
            default:
                // Content parts, text done, annotation and tool-progress events: what they say arrives whole with their item.
                return null;
        }
    }

    /// <summary>Hands out what is known, with the request id, when a lenient caller accepts a stream without its end.</summary>
    public ChatResponseUpdate FlushIncomplete()
    {
        ChatResponseUpdate update = Update([]);
        update.MessageId = _messageId ?? _responseId;
        update.AdditionalProperties = ResponseProperties.Create(stream.RequestId, null);
        return update;
    }

    private void Begin(ResponsesStreamEvent value)
    {
        if (value.Type == "response.created" && _started)
        {
            // The gateway failed over mid-stream and writes a second answer (docs/protocols/gateway.md#sse-framing).
            if (_yielded)
            {
                throw stream.Error(
                    NexLLMErrorKind.InStreamError,
                    "NexLLM responses stream restarted (the gateway failed over mid-stream) after part of the answer was delivered; the answer is incomplete.",
                    transient: true);
            }

            _calls.Clear();
            _handedOutCalls.Clear();
            _pendingReasoning = null;
            _messageId = null;
            _reasoningItemId = null;
            _calledFunctions = false;
            _reasoningStreamed = false;
            _summarySeparator = false;
        }

        _started = true;
        Remember(value.Response);
    }

    /// <summary>Keeps what a lifecycle event says of the response (a later event may add what an earlier one left out).</summary>
    private void Remember(ResponsesResponseHeader? response)
    {
        _responseId = response?.Id ?? _responseId;
        _model = response?.Model ?? _model;
        _created = UnixTime.FromSeconds(response?.CreatedAt) ?? _created;
    }

    private void Add(ResponsesOutputItem? item)
    {
        switch (item?.Type)
        {
            case "message":
                // One answer is one message, as a whole response maps to (ResponsesResponseMapper): its first message
                // item names it, and a later one does not split it.
                _messageId ??= item.Id;
                break;
            case "function_call" when item.Id is { } id:
                _calls[id] = item;
                break;
            case "reasoning":
                _reasoningStreamed = false;
                _summarySeparator = false;
                _reasoningItemId = item.Id;
                break;
        }
    }

    private ChatResponseUpdate Delta(bool isReasoning, string text)
    {
        if (isReasoning)
        {
            _reasoningStreamed = true;
            var reasoning = new TextReasoningContent(_summarySeparator ? "\n\n" + text : text);
            _summarySeparator = false;
            if (_reasoningItemId is { } id)
            {
                // The item's id goes on its first delta: M.E.AI's coalescing keeps the first content's properties (and the
                // last one's ProtectedData), and the id must go back with the encrypted content (docs/protocols/responses.md#request).
                reasoning.AdditionalProperties = new() { [ChatOptionKeys.ResponsesItemId] = id };
                _reasoningItemId = null;
            }

            return Update(reasoning);
        }

        return Update(new TextContent(text));
    }

    private ChatResponseUpdate? CallDone(ResponsesStreamEvent value)
    {
        if (value.ItemId is not { } id || !_calls.Remove(id, out ResponsesOutputItem? call))
        {
            // A call this stream never announced: its item, when done, says all there is.
            return null;
        }

        call.Arguments = value.Arguments ?? call.Arguments;
        call.Name = value.Name ?? call.Name;
        _handedOutCalls.Add(id);
        _calledFunctions = true;
        return Update(ResponsesOutputMapper.FunctionCall(call));
    }

    private ChatResponseUpdate? ItemDone(ResponsesOutputItem item, JsonElement? json)
    {
        switch (item.Type)
        {
            case "function_call":
                // Handed out already when its arguments were done; otherwise now (also a call no output_item.added announced).
                if (item.Id is { } id)
                {
                    _calls.Remove(id);
                    if (!_handedOutCalls.Add(id))
                    {
                        return null;
                    }
                }

                _calledFunctions = true;
                return Update(ResponsesOutputMapper.FunctionCall(item));
            case "reasoning":
                // The text came as deltas; what is left is the encrypted content and the id that carry it to the next turn.
                _reasoningItemId = null;
                TextReasoningContent reasoning = ResponsesOutputMapper.Reasoning(item, _reasoningStreamed ? string.Empty : ResponsesOutputMapper.ReasoningText(item));
                if (reasoning.Text.Length == 0 && !_reasoningStreamed)
                {
                    // Nothing to show: it travels with the next update, so that a stream restarted before the answer
                    // began drops it with the rest (docs/protocols/gateway.md#sse-framing).
                    if (reasoning.ProtectedData is not null)
                    {
                        (_pendingReasoning ??= []).Add(reasoning);
                    }

                    return null;
                }

                return reasoning.ProtectedData is null && reasoning.Text.Length == 0 ? null : Update(reasoning);
            case "message":
                // The text came as deltas; the citations come with the item.
                List<AIAnnotation>? annotations = null;
                foreach (ResponsesOutputPart? part in item.Content ?? [])
                {
                    if (ResponsesOutputMapper.AnnotationsOf(part) is { } found)
                    {
                        (annotations ??= []).AddRange(found);
                    }
                }

                return annotations is null ? null : Update(new AIContent { Annotations = annotations });
            default:
                var contents = new List<AIContent>(2);
                ResponsesOutputMapper.AddOther(item, contents, json);
                return Update(contents);
        }
    }

    private ChatResponseUpdate End(ResponsesStreamEvent value)
    {
        Ended = true;
        ResponsesResponseHeader response = value.Response ?? new ResponsesResponseHeader();
        response.Status ??= value.Type == "response.completed" ? "completed" : "incomplete";
        Remember(response);
        var contents = new List<AIContent>(1);
        if (response.Usage is { } usage)
        {
            contents.Add(new UsageContent(ResponsesUsageMapper.Map(usage)));
        }

        ChatResponseUpdate update = Update(contents);
        update.MessageId = _messageId ?? _responseId;
        update.FinishReason = ResponsesStatus.Map(response, _calledFunctions);
        update.ConversationId = response.Store is true ? _responseId : null;

        // The last update carries the request id and the raw finish reason (docs/architecture.md#conventions).
        update.AdditionalProperties = ResponseProperties.Create(stream.RequestId, ResponsesStatus.Raw(response));
        return update;
    }

    private ChatResponseUpdate Update(AIContent content) => Update([content]);

    private ChatResponseUpdate Update(List<AIContent> contents)
    {
        if (_pendingReasoning is { } pending)
        {
            contents.InsertRange(0, pending);
            _pendingReasoning = null;
        }

        _yielded = true;
        return new ChatResponseUpdate(ChatRole.Assistant, contents)
        {
            // No message id before the message item: M.E.AI adds such updates to the message that follows (the last
            // update names it, with the response id when there is no message item, as a whole response does).
            ResponseId = _responseId,
            MessageId = _messageId,
            ModelId = _model,
            CreatedAt = _created,
        };
    }
}
