using Microsoft.Extensions.AI;
using NexLLM.Connectors.Http;

namespace NexLLM.Connectors.Chat.Gemini;

/// <summary>
/// Turns streamGenerateContent chunks into <see cref="ChatResponseUpdate"/>s as they arrive (docs/protocols/gemini.md): text and
/// thoughts at once, each function call whole as it comes. The stream has no terminator: the finish reason and the usage
/// (cumulative: the last chunk's counts, never a sum) go out in one final update when the stream ends.
/// </summary>
internal sealed class GeminiStreamMapper(IStreamContext stream) : IChatStreamMapper<GeminiTextChunk, GeminiResponse>
{
    private string? _responseId;
    private string? _model;
    private GeminiUsage? _usage;
    private GeminiCandidate? _finalCandidate;
    private GeminiPromptFeedback? _feedback;
    private string? _finishReason;
    private bool _sawFunctionCall;
    private bool _yielded;

    /// <summary>Gets a value indicating whether a finish reason (or a prompt block) arrived: the answer is complete.</summary>
    public bool Finished => _finishReason is not null;

    /// <summary>Whether a chunk carries nothing a caller would see: read inside the retry boundary.</summary>
    public static bool IsPrelude(JsonEvent<GeminiResponse> item) =>
        item.Value is { PromptFeedback: null, UsageMetadata: null } chunk
        && (GeminiContentMapper.Answer(chunk.Candidates) is not { } answer
            || (string.IsNullOrEmpty(answer.FinishReason) && answer.Content?.Parts is not { Count: > 0 }));

    /// <summary>Whether an event carries nothing a caller would see: read inside the retry boundary.</summary>
    public static bool IsPrelude(GeminiStreamItem item) => !item.IsText && IsPrelude(item.Parsed);

    /// <summary>Maps a text chunk read by <see cref="GeminiChunkReader"/>: what <see cref="Map(GeminiResponse)"/> gives for the same chunk.</summary>
    public ChatResponseUpdate Map(in GeminiTextChunk chunk)
    {
        Begin(chunk.ResponseId, chunk.ModelVersion);
        if (chunk.Usage is { } usage && !usage.Matches(_usage))
        {
            // The counts repeat on every chunk: a new object only when they change.
            _usage = usage.ToWire();
        }

        _yielded = true;
        return Update([new TextContent(chunk.Text)]);
    }

    public ChatResponseUpdate? Map(GeminiResponse chunk)
    {
        Begin(chunk.ResponseId, chunk.ModelVersion);
        _usage = chunk.UsageMetadata ?? _usage;
        var contents = new List<AIContent>();
        // Only the answer candidate (index 0): with candidateCount above 1 a chunk can carry another candidate's parts alone.
        GeminiCandidate? candidate = GeminiContentMapper.Answer(chunk.Candidates);
        foreach (GeminiPart? part in candidate?.Content?.Parts ?? [])
        {
            if (part is not null)
            {
                GeminiContentMapper.AddPart(part, contents);
            }
        }

        _sawFunctionCall |= contents.Exists(static c => c is FunctionCallContent);
        if (candidate is not null && !string.IsNullOrWhiteSpace(candidate.FinishReason))
        {
            _finishReason = candidate.FinishReason;
            _finalCandidate = candidate;
        }
        else if (candidate is null && chunk.PromptFeedback is { BlockReason: { Length: > 0 } blockReason } feedback)
        {
            contents.Add(GeminiContentMapper.Blocked(feedback));
            _finishReason = blockReason;
            _feedback = feedback;
        }

        if (contents.Count == 0)
        {
            return null;
        }

        _yielded = true;
        return Update(contents);
    }

    /// <summary>The end of a complete stream: finish reason, usage once, the request id, safety ratings and grounding.</summary>
    public ChatResponseUpdate Final()
    {
        ChatResponseUpdate update = Update(_usage is { } usage ? [new UsageContent(GeminiContentMapper.Usage(usage))] : []);
        update.FinishReason = _feedback is not null ? ChatFinishReason.ContentFilter : GeminiContentMapper.FinishReason(_finishReason, _sawFunctionCall);
        AdditionalPropertiesDictionary? properties = ResponseProperties.Create(stream.RequestId, _finishReason);
        GeminiContentMapper.AddCandidateFacts(_finalCandidate, _feedback, ref properties);
        update.AdditionalProperties = properties;
        return update;
    }

    /// <summary>What every chunk says about the response: its id (a new one is a restart) and the model.</summary>
    private void Begin(string? responseId, string? modelVersion)
    {
        if (!string.IsNullOrEmpty(_responseId) && responseId is { Length: > 0 } id && !string.Equals(id, _responseId, StringComparison.Ordinal))
        {
            // A new response id in the same HTTP response: the gateway failed over mid-stream (docs/protocols/gateway.md#sse-framing, docs/protocols/gateway.md#gotchas).
            if (_yielded)
            {
                throw stream.Error(
                    NexLLMErrorKind.InStreamError,
                    "NexLLM Gemini stream restarted (the gateway failed over mid-stream) after part of the answer was delivered; the answer is incomplete.",
                    transient: true);
            }

            // Read on as the new response: its id from now on, so that its own next chunk is not taken for another restart.
            _responseId = id;
            _usage = null;
            _finishReason = null;
            _finalCandidate = null;
            _feedback = null;
            _sawFunctionCall = false;
        }

        if (string.IsNullOrEmpty(_responseId))
        {
            _responseId = responseId;
        }

        _model = modelVersion ?? _model;
    }

    private ChatResponseUpdate Update(List<AIContent> contents) =>
        new(ChatRole.Assistant, contents) { ResponseId = _responseId, MessageId = _responseId, ModelId = _model };
}
