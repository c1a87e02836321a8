using Microsoft.Extensions.AI;
using NexLLM.Connectors.Http;

namespace NexLLM.Connectors.Chat.ChatCompletions;

/// <summary>
/// Turns chat-completions chunks into <see cref="ChatResponseUpdate"/>s as they arrive, one stream at a time. Holds the
/// state a stream needs: tool-call fragments, a refusal being spelled out, whether the answer has finished.
/// </summary>
internal sealed class ChatCompletionsStreamMapper(ErrorFactory errors, string? requestId)
{
    private ToolCallAccumulator _toolCalls = new();
    private string? _responseId;
    private string? _refusal;
    private bool _yielded;

    /// <summary>Gets a value indicating whether a finish reason arrived (so <c>[DONE]</c> closes a complete answer).</summary>
    public bool Finished { get; private set; }

    /// <summary>Maps one chunk; returns <see langword="null"/> when it carries nothing worth an update (a bare role chunk).</summary>
    public ChatResponseUpdate? Map(ChatCompletionChunk chunk)
    {
        if (IsRestart(chunk))
        {
            // The gateway failed over to another channel mid-stream and is writing a second answer (WIRE.md §0.7, §14.21).
            if (_yielded)
            {
                throw errors.Create(
                    NexLLMErrorKind.InStreamError,
                    "NexLLM chat completion stream restarted (the gateway failed over mid-stream) after part of the answer was delivered; the answer is incomplete.",
                    transient: false,
                    200,
                    requestId);
            }

            _toolCalls = new ToolCallAccumulator();
            _refusal = null;
            Finished = false;
        }

        _responseId ??= chunk.Id;
        List<AIContent>? contents = null;
        string? rawFinishReason = null;
        // Null entries ("choices":[null], "tool_calls":[null]) carry nothing: skipped, never a NullReferenceException.
        foreach (ChunkChoice? choice in chunk.Choices ?? [])
        {
            if (choice is null)
            {
                continue;
            }

            ChatDelta? delta = choice.Delta;
            if (delta is not null)
            {
                AddDelta(delta, choice.Index, ref contents);
            }

            if (choice.FinishReason is { Length: > 0 } finish)
            {
                rawFinishReason = finish;
                Finished = true;
                contents ??= [];
                _toolCalls.FlushGroup(choice.Index, contents);
                if (_refusal is not null)
                {
                    contents.Add(new ErrorContent(_refusal) { ErrorCode = "Refusal" });
                    _refusal = null;
                }
            }
        }

        if (chunk.Usage is { } usage)
        {
            (contents ??= []).Add(new UsageContent(ChatCompletionsUsage.Map(usage)));
        }

        if (rawFinishReason is null && contents is not { Count: > 0 })
        {
            return null;
        }

        _yielded = true;
        return new ChatResponseUpdate(ChatRole.Assistant, contents)
        {
            ResponseId = chunk.Id,
            MessageId = chunk.Id,
            ModelId = chunk.Model,
            CreatedAt = ResponseProperties.FromUnixSeconds(chunk.Created),
            FinishReason = ChatCompletionsFinishReason.Map(rawFinishReason),
            RawRepresentation = chunk,

            // The finish and usage updates end the stream: they carry the request id (ARCHITECTURE.md binding details).
            AdditionalProperties = rawFinishReason is not null || chunk.Usage is not null ? ResponseProperties.Create(requestId, rawFinishReason) : null,
        };
    }

    /// <summary>Hands out what is left when a lenient caller accepts a stream without its end.</summary>
    public ChatResponseUpdate? FlushIncomplete()
    {
        if (!_toolCalls.HasPending)
        {
            return null;
        }

        var contents = new List<AIContent>();
        _toolCalls.Flush(contents);
        return new ChatResponseUpdate(ChatRole.Assistant, contents) { ResponseId = _responseId, MessageId = _responseId };
    }

    private void AddDelta(ChatDelta delta, int choiceIndex, ref List<AIContent>? contents)
    {
        if ((delta.ReasoningContent ?? delta.Reasoning) is { Length: > 0 } reasoning)
        {
            (contents ??= []).Add(new TextReasoningContent(reasoning));
        }

        if (delta.Content is { Length: > 0 } text)
        {
            (contents ??= []).Add(new TextContent(text));
        }

        if (delta.Refusal is { Length: > 0 } refusal)
        {
            _refusal += refusal;
        }

        if (delta.ToolCalls is { } toolCalls)
        {
            contents ??= [];
            foreach (ToolCallDelta? fragment in toolCalls)
            {
                if (fragment is null)
                {
                    continue;
                }

                try
                {
                    _toolCalls.Append(((long)choiceIndex << 32) | (uint)fragment.Index, fragment.Id, fragment.Function?.Name, fragment.Function?.Arguments, contents);
                }
                catch (FormatException ex)
                {
                    throw errors.Create(NexLLMErrorKind.InvalidResponse, $"NexLLM chat completion stream is inconsistent: {ex.Message}", transient: false, 200, requestId, inner: ex);
                }
            }
        }
    }

    /// <summary>A new chat id that starts over with a role is a second answer, not a continuation.</summary>
    private bool IsRestart(ChatCompletionChunk chunk) =>
        _responseId is not null
        && chunk.Id is { Length: > 0 } id
        && !string.Equals(id, _responseId, StringComparison.Ordinal)
        && chunk.Choices is { Count: > 0 } choices
        && choices[0]?.Delta?.Role is not null;
}
