using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;
using NexLLM.Connectors.Http;

namespace NexLLM.Connectors.Chat.Claude;

/// <summary>
/// Turns Messages stream events into <see cref="ChatResponseUpdate"/>s as they arrive (docs/protocols/claude-messages.md): text and thinking
/// deltas at once; a tool call at its <c>content_block_stop</c>; a thinking block's signature as reasoning with
/// <see cref="TextReasoningContent.ProtectedData"/> (M.E.AI coalesces it with the block's text); the stop reason at
/// <c>message_delta</c>; usage once, at <c>message_stop</c>, because the counts are cumulative.
/// </summary>
internal sealed class ClaudeStreamMapper(IStreamContext stream) : IChatStreamMapper<ClaudeTextDelta, ClaudeStreamEvent>
{
    private readonly Dictionary<int, Block> _blocks = [];
    private string? _messageId;
    private string? _model;
    private ClaudeUsage? _usage;
    private string? _stopReason;
    private bool _yielded;
    private long _accumulated;

    /// <summary>Gets a value indicating whether <c>message_stop</c> arrived: the answer is complete.</summary>
    public bool Stopped { get; private set; }

    /// <summary>Whether an event carries nothing a caller would see (the start marker, pings, an empty block start): read inside the retry boundary.</summary>
    public static bool IsPrelude(ClaudeStreamItem item) => !item.IsText && IsPrelude(item.Parsed);

    /// <summary>Whether a parsed event carries nothing a caller would see.</summary>
    public static bool IsPrelude(JsonEvent<ClaudeStreamEvent> item) => item.Value switch
    {
        { Type: "message_start" or "ping" } => true,
        { Type: "content_block_start", ContentBlock: { } block } =>
            block.Type != "redacted_thinking" && string.IsNullOrEmpty(block.Text) && string.IsNullOrEmpty(block.Thinking),
        _ => false,
    };

    /// <summary>Maps a text or thinking delta read by <see cref="ClaudeEventReader"/>: what <see cref="Map(ClaudeStreamEvent)"/> gives for the same event.</summary>
    public ChatResponseUpdate Map(in ClaudeTextDelta delta) =>
        Update(delta.IsThinking ? new TextReasoningContent(delta.Text) : new TextContent(delta.Text));

    public ChatResponseUpdate? Map(ClaudeStreamEvent item) => item.Type switch
    {
        "message_start" => Start(item.Message),
        "content_block_start" when item.ContentBlock is { } block => BlockStart(item.Index, block),
        "content_block_delta" when item.Delta is { } delta => BlockDelta(item.Index, delta),
        "content_block_stop" => BlockStop(item.Index),
        "message_delta" => MessageDelta(item),
        "message_stop" => MessageStop(),
        _ => null, // ping, and event types added after this was written
    };

    /// <summary>Hands out the tool calls whose blocks never closed, with the request id, for a lenient caller that accepts a stream without its end.</summary>
    public ChatResponseUpdate FlushIncomplete()
    {
        var contents = new List<AIContent>();
        foreach (Block block in _blocks.Values)
        {
            if (block.Type == "tool_use")
            {
                contents.Add(block.ToCall());
            }
        }

        ChatResponseUpdate update = Update(contents);
        update.AdditionalProperties = ResponseProperties.Create(stream.RequestId, _stopReason);
        return update;
    }

    private ChatResponseUpdate? Start(ClaudeResponse? message)
    {
        if (message is null && _messageId is not null)
        {
            // Carries no message, so it starts none: not a failover restart, which brings its own message and id.
            return null;
        }

        if (_messageId is not null)
        {
            // A second message_start in one response: the gateway failed over mid-stream and starts over (docs/protocols/gateway.md#sse-framing, docs/protocols/gateway.md#gotchas).
            if (_yielded)
            {
                throw stream.Error(
                    NexLLMErrorKind.InStreamError,
                    "NexLLM Claude message stream restarted (the gateway failed over mid-stream) after part of the answer was delivered; the answer is incomplete.",
                    transient: true);
            }

            _blocks.Clear();
            _stopReason = null;
        }

        _messageId = message?.Id ?? string.Empty;
        _model = message?.Model;
        _usage = message?.Usage;
        return null;
    }

    private ChatResponseUpdate? BlockStart(int index, ClaudeContentBlock block)
    {
        _blocks[index] = new Block(block.Type, block.Id, block.Name, block.Input);
        return block.Type switch
        {
            "text" when block.Text is { Length: > 0 } text => Update(new TextContent(text)),
            "thinking" when block.Thinking is { Length: > 0 } thinking => Update(new TextReasoningContent(thinking)),
            "redacted_thinking" => Update(ClaudeContentMapper.RedactedThinking(block.Data)),
            _ => null,
        };
    }

    private ChatResponseUpdate? BlockDelta(int index, ClaudeDelta delta)
    {
        switch (delta.Type)
        {
            case "text_delta" when delta.Text is { Length: > 0 } text:
                return Update(new TextContent(text));
            case "thinking_delta" when delta.Thinking is { Length: > 0 } thinking:
                return Update(new TextReasoningContent(thinking));
            case "citations_delta" when delta.Citation is { } citation:
                return Update(new TextContent(string.Empty) { Annotations = [ClaudeContentMapper.Citation(citation)] });
            case "signature_delta" when _blocks.TryGetValue(index, out Block? signed):
                signed.Signature += delta.Signature;
                return null;
            case "input_json_delta" when _blocks.TryGetValue(index, out Block? call):
                _accumulated += delta.PartialJson?.Length ?? 0;
                if (_accumulated > stream.MaxAccumulatedChars)
                {
                    // Bounded memory (docs/reliability.md): each event is capped, the number of fragments is not.
                    throw stream.Error(NexLLMErrorKind.ResponseTooLarge, "NexLLM Claude message stream: tool input outgrew NexLLMClientOptions.MaxResponseBytes.", transient: false);
                }

                (call.Json ??= new StringBuilder()).Append(delta.PartialJson);
                return null;
            default:
                return null;
        }
    }

    private ChatResponseUpdate? BlockStop(int index)
    {
        if (!_blocks.Remove(index, out Block? block))
        {
            return null;
        }

        return block.Type switch
        {
            "tool_use" => Update(block.ToCall()),
            "thinking" when block.Signature is { Length: > 0 } signature => Update(new TextReasoningContent(string.Empty) { ProtectedData = signature }),
            _ => null,
        };
    }

    private ChatResponseUpdate? MessageDelta(ClaudeStreamEvent item)
    {
        _usage = ClaudeUsageMapper.Merge(_usage, item.Usage);
        if (item.Delta?.StopReason is not { } stopReason || string.IsNullOrWhiteSpace(stopReason))
        {
            return null;
        }

        _stopReason = stopReason;
        ChatResponseUpdate update = Update([]);

        // A finish reason the caller has seen belongs to this answer: a restart after it could not take it back.
        _yielded = true;
        update.FinishReason = ClaudeStopReason.Map(stopReason);
        update.AdditionalProperties = ResponseProperties.Create(stream.RequestId, stopReason);
        return update;
    }

    /// <summary>The end: usage once (cumulative counts), and the request id on this last update.</summary>
    private ChatResponseUpdate MessageStop()
    {
        Stopped = true;
        ChatResponseUpdate update = Update(_usage is { } usage ? [new UsageContent(ClaudeUsageMapper.Map(usage))] : []);
        update.AdditionalProperties = ResponseProperties.Create(stream.RequestId, _stopReason);
        return update;
    }

    private ChatResponseUpdate Update(AIContent content) => Update([content]);

    private ChatResponseUpdate Update(List<AIContent> contents)
    {
        _yielded |= contents.Count > 0;
        return new ChatResponseUpdate(ChatRole.Assistant, contents)
        {
            ResponseId = _messageId,
            MessageId = _messageId,
            ModelId = _model,
        };
    }

    /// <summary>A content block being streamed: its tool-call JSON or thinking signature accumulate until it stops.</summary>
    private sealed class Block(string type, string? id, string? name, JsonElement? input)
    {
        public string Type { get; } = type;

        public string? Id { get; } = id;

        public string? Name { get; } = name;

        public StringBuilder? Json { get; set; }

        public string? Signature { get; set; }

        /// <summary>
        /// The call, from its <c>input_json_delta</c> fragments; without any, from the <c>input</c> the block started with
        /// (<c>{}</c> from Anthropic, whole arguments from converting servers), as the Anthropic SDK's accumulator does.
        /// </summary>
        public FunctionCallContent ToCall() =>
            Json?.ToString() is { } json && !string.IsNullOrWhiteSpace(json)
                ? FunctionCalls.Parse(Id, Name ?? string.Empty, json)
                : ClaudeContentMapper.Call(Id, Name, input);
    }
}
