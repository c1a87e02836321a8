using System.Text;
using Microsoft.Extensions.AI;
using NexLLM.Connectors.Http;

namespace NexLLM.Connectors.Chat.ChatCompletions;

/// <summary>
/// Turns chat-completions chunks into <see cref="ChatResponseUpdate"/>s as they arrive, one stream at a time. Holds the
/// state a stream needs: tool-call fragments, a refusal being spelled out, whether the answer has finished.
/// </summary>
internal sealed class ChatCompletionsStreamMapper(IStreamContext stream) : IChatStreamMapper<ChatTextChunk, ChatCompletionChunk>
{
    private ToolCallAccumulator _toolCalls = new(stream.MaxAccumulatedChars);
    private StringBuilder? _refusal;
    private string? _responseId;
    private bool _yielded;

    /// <summary>Gets a value indicating whether a finish reason arrived (so <c>[DONE]</c> closes a complete answer).</summary>
    public bool Finished { get; private set; }

    /// <summary>Whether an event carries nothing a caller would see (the leading role-only chunk): read inside the retry boundary.</summary>
    public static bool IsPrelude(ChatCompletionsStreamItem item) => !item.IsText && IsPrelude(item.Parsed);

    /// <summary>Whether a chunk carries nothing a caller would see (the leading role-only chunk).</summary>
    public static bool IsPrelude(JsonEvent<ChatCompletionChunk> item)
    {
        if (item.IsDone || item.Value is not { } chunk || chunk.Usage is not null)
        {
            return false;
        }

        foreach (ChunkChoice? choice in chunk.Choices ?? [])
        {
            if (choice is { FinishReason.Length: > 0 }
                || choice?.Delta is { } delta && (!string.IsNullOrEmpty(delta.Content) || !string.IsNullOrEmpty(delta.ReasoningContent ?? delta.Reasoning)
                    || !string.IsNullOrEmpty(delta.Refusal) || delta.ToolCalls is { Count: > 0 }))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Maps a text-only chunk: what <see cref="Map(ChatCompletionChunk)"/> gives for the same chunk, without the serializer's
    /// objects (<see cref="ChatCompletionsChunkReader"/> hands out only chunks with visible text, so there is always an update).
    /// </summary>
    public ChatResponseUpdate Map(in ChatTextChunk chunk)
    {
        if (string.IsNullOrEmpty(_responseId))
        {
            _responseId = chunk.Id;
        }

        string? reasoning = chunk.ReasoningContent ?? chunk.Reasoning;
        List<AIContent> contents = (reasoning is { Length: > 0 }, chunk.Content is { Length: > 0 }) switch
        {
            (true, true) => [new TextReasoningContent(reasoning), new TextContent(chunk.Content)],
            (true, false) => [new TextReasoningContent(reasoning)],
            _ => [new TextContent(chunk.Content)],
        };

        _yielded = true;
        return new ChatResponseUpdate(ChatRole.Assistant, contents)
        {
            ResponseId = chunk.Id,
            MessageId = chunk.Id,
            ModelId = chunk.Model,
            CreatedAt = UnixTime.FromSeconds(chunk.Created),
        };
    }

    /// <summary>Maps one chunk; returns <see langword="null"/> when it carries nothing worth an update (a bare role chunk).</summary>
    public ChatResponseUpdate? Map(ChatCompletionChunk chunk)
    {
        if (IsRestart(chunk))
        {
            // The gateway failed over to another channel mid-stream and is writing a second answer (docs/protocols/gateway.md#sse-framing, docs/protocols/gateway.md#gotchas).
            if (_yielded)
            {
                throw stream.Error(
                    NexLLMErrorKind.InStreamError,
                    "NexLLM chat completion stream restarted (the gateway failed over mid-stream) after part of the answer was delivered; the answer is incomplete.",
                    transient: true);
            }

            _toolCalls = new ToolCallAccumulator(stream.MaxAccumulatedChars);
            _refusal = null;
            _responseId = null;
            Finished = false;
        }

        if (string.IsNullOrEmpty(_responseId))
        {
            _responseId = chunk.Id;
        }

        List<AIContent>? contents = null;
        string? rawFinishReason = null;

        // Null entries ("choices":[null], "tool_calls":[null]) carry nothing: skipped, never a NullReferenceException.
        foreach (ChunkChoice? choice in chunk.Choices ?? [])
        {
            if (choice is null)
            {
                continue;
            }

            if (choice.Delta is { } delta)
            {
                AddDelta(delta, choice.Index, ref contents);
            }

            if (!string.IsNullOrWhiteSpace(choice.FinishReason))
            {
                rawFinishReason = choice.FinishReason;
                Finished = true;
                contents ??= [];
                _toolCalls.FlushGroup(choice.Index, contents);
                AddRefusal(contents);
            }
        }

        if (chunk.Usage is { } usage)
        {
            (contents ??= []).Add(new UsageContent(OpenAIUsageMapper.Map(usage)));
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
            CreatedAt = UnixTime.FromSeconds(chunk.Created),
            FinishReason = OpenAIFinishReason.Map(rawFinishReason),

            // No RawRepresentation: the wire chunk is an internal type no caller can use, and text chunks are read without
            // one (ChatCompletionsChunkReader); the Claude and Gemini streams set none either.

            // The finish and usage updates end the stream: they carry the request id (docs/architecture.md#conventions).
            AdditionalProperties = rawFinishReason is not null || chunk.Usage is not null ? ResponseProperties.Create(stream.RequestId, rawFinishReason) : null,
        };
    }

    /// <summary>Hands out what is left, with the request id, when a lenient caller accepts a stream without its end.</summary>
    public ChatResponseUpdate FlushIncomplete()
    {
        var contents = new List<AIContent>();
        _toolCalls.Flush(contents);
        AddRefusal(contents);
        return new ChatResponseUpdate(ChatRole.Assistant, contents)
        {
            ResponseId = _responseId,
            MessageId = _responseId,
            AdditionalProperties = ResponseProperties.Create(stream.RequestId, null),
        };
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
            _refusal ??= new StringBuilder();
            if (_refusal.Length + refusal.Length > stream.MaxAccumulatedChars)
            {
                throw stream.Error(NexLLMErrorKind.ResponseTooLarge, "NexLLM chat completion stream: the refusal text outgrew NexLLMClientOptions.MaxResponseBytes.", transient: false);
            }

            _refusal.Append(refusal);
        }

        foreach (ToolCallDelta? fragment in delta.ToolCalls ?? [])
        {
            if (fragment is null)
            {
                continue;
            }

            try
            {
                _toolCalls.Append(((long)choiceIndex << 32) | (uint)fragment.Index, fragment.Id, fragment.Function?.Name, fragment.Function?.Arguments, contents ??= []);
            }
            catch (FormatException ex)
            {
                throw stream.Error(NexLLMErrorKind.InvalidResponse, $"NexLLM chat completion stream is inconsistent: {ex.Message}", transient: false, ex);
            }
            catch (InvalidDataException ex)
            {
                throw stream.Error(NexLLMErrorKind.ResponseTooLarge, $"NexLLM chat completion stream: {ex.Message}", transient: false, ex);
            }
        }
    }

    private void AddRefusal(List<AIContent> contents)
    {
        if (_refusal is { Length: > 0 })
        {
            contents.Add(new ErrorContent(_refusal.ToString()) { ErrorCode = "Refusal" });
            _refusal = null;
        }
    }

    /// <summary>A new chat id that starts over with a role is a second answer, not a continuation.</summary>
    private bool IsRestart(ChatCompletionChunk chunk) =>
        !string.IsNullOrEmpty(_responseId)
        && chunk.Id is { Length: > 0 } id
        && !string.Equals(id, _responseId, StringComparison.Ordinal)
        && chunk.Choices is { Count: > 0 } choices
        && choices[0]?.Delta?.Role is not null;
}
