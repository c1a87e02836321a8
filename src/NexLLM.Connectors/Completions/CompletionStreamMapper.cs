using NexLLM.Connectors.Chat;
using NexLLM.Connectors.Http;

namespace NexLLM.Connectors.Completions;

/// <summary>
/// Turns the chunks of one legacy completion stream into <see cref="NexLLMCompletionUpdate"/>s (docs/protocols/completions.md#streaming):
/// one update per choice that brings text, logprobs or its finish reason, and one for the usage. Remembers which choices
/// started and which finished, for the end-of-stream rule, and the completion id, to tell a restarted answer.
/// </summary>
internal sealed class CompletionStreamMapper(IStreamContext stream)
{
    private readonly HashSet<int> _started = [];
    private readonly HashSet<int> _finished = [];

    // Reused for every chunk: the pipeline hands out one chunk's updates before it maps the next.
    private readonly List<NexLLMCompletionUpdate> _updates = [];
    private string? _id;
    private string? _model;
    private bool _yielded;

    /// <summary>
    /// Gets a value indicating whether the answer finished: a finish reason arrived, and every choice that started has one
    /// (with several choices, one that stopped half-way is as incomplete as a single one).
    /// </summary>
    public bool Finished => _finished.Count > 0 && _finished.IsSupersetOf(_started);

    /// <summary>Whether an event carries nothing a caller would see: read inside the retry boundary.</summary>
    public static bool IsPrelude(JsonEvent<CompletionResponse> item)
    {
        if (item.IsDone || item.Value is not { } chunk || chunk.Usage is not null)
        {
            return false;
        }

        foreach (CompletionResponseChoice? choice in chunk.Choices ?? [])
        {
            if (choice is not null && (!string.IsNullOrEmpty(choice.Text) || !string.IsNullOrWhiteSpace(choice.FinishReason) || HasLogprobs(choice)))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Maps one chunk.</summary>
    /// <returns>Its updates, valid until the next call; empty when it carries nothing.</returns>
    /// <exception cref="NexLLMException">The stream started a second answer after part of the first was handed out.</exception>
    public List<NexLLMCompletionUpdate> Map(CompletionResponse chunk)
    {
        _updates.Clear();
        if (_id is not null && chunk.Id is { Length: > 0 } id && !string.Equals(id, _id, StringComparison.Ordinal))
        {
            // A new completion id is a second answer: the gateway failed over mid-stream (docs/protocols/gateway.md#gotchas).
            // This format has no role chunk to confirm it, and its answers are not numbered: the id is the only sign.
            if (_yielded)
            {
                throw stream.Error(
                    NexLLMErrorKind.InStreamError,
                    "NexLLM completion stream restarted (the gateway failed over mid-stream) after part of the answer was delivered; the answer is incomplete.",
                    transient: true);
            }

            _started.Clear();
            _finished.Clear();
            _id = null;
        }

        _id ??= string.IsNullOrEmpty(chunk.Id) ? null : chunk.Id;
        _model ??= chunk.Model;

        // Null entries ("choices":[null]) carry nothing: skipped, never a NullReferenceException.
        foreach (CompletionResponseChoice? choice in chunk.Choices ?? [])
        {
            if (choice is null)
            {
                continue;
            }

            _started.Add(choice.Index);
            string? finish = string.IsNullOrWhiteSpace(choice.FinishReason) ? null : choice.FinishReason;
            if (finish is not null)
            {
                _finished.Add(choice.Index);
            }

            if (!string.IsNullOrEmpty(choice.Text) || finish is not null || HasLogprobs(choice))
            {
                NexLLMCompletionUpdate update = NewUpdate(chunk, choice.Index, finish is not null);
                update.Text = choice.Text ?? string.Empty;
                update.FinishReason = OpenAIFinishReason.Map(finish);
                update.RawFinishReason = finish;
                update.Logprobs = choice.Logprobs;
                _updates.Add(update);
            }
        }

        if (chunk.Usage is { } usage)
        {
            // The usage ends the stream (new-api writes it last, docs/protocols/completions.md#streaming): it carries the request id.
            NexLLMCompletionUpdate update = _updates.Count > 0 ? _updates[^1] : NewUpdate(chunk, 0, endsStream: true);
            update.Usage = OpenAIUsageMapper.Map(usage);
            update.RequestId = stream.RequestId;
            if (_updates.Count == 0)
            {
                _updates.Add(update);
            }
        }

        _yielded |= _updates.Count > 0;
        return _updates;
    }

    /// <summary>The last update of a stream a lenient caller accepted without its end: nothing new, but the request id.</summary>
    public NexLLMCompletionUpdate Last() => new() { Id = _id, ModelId = _model, RequestId = stream.RequestId };

    // A JSON null (what is sent when none were asked for) reads as no value.
    private static bool HasLogprobs(CompletionResponseChoice choice) => choice.Logprobs is not null;

    private NexLLMCompletionUpdate NewUpdate(CompletionResponse chunk, int choiceIndex, bool endsStream) => new()
    {
        Id = chunk.Id,
        ModelId = chunk.Model,
        CreatedAt = UnixTime.FromSeconds(chunk.Created),
        ChoiceIndex = choiceIndex,

        // The finish and usage updates end the stream: they carry the request id (docs/architecture.md#conventions).
        RequestId = endsStream ? stream.RequestId : null,
    };
}
