using System.Text.Json;
using NexLLM.Connectors.Chat;
using NexLLM.Connectors.Http;

namespace NexLLM.Connectors.Completions;

/// <summary>Maps a non-streamed legacy completion to a <see cref="NexLLMCompletion"/>. Pure: no I/O.</summary>
internal static class CompletionResponseMapper
{
    /// <summary>Maps the body.</summary>
    /// <returns>The completion, or <see langword="null"/> when the body holds no choice.</returns>
    public static NexLLMCompletion? Map(CompletionResponse response, JsonElement raw, string? requestId)
    {
        // Null entries ("choices":[null]) carry nothing: skipped, never a NullReferenceException.
        List<NexLLMCompletionChoice> choices = [];
        foreach (CompletionResponseChoice? choice in response.Choices ?? [])
        {
            if (choice is not null)
            {
                choices.Add(new NexLLMCompletionChoice
                {
                    Index = choice.Index,
                    Text = choice.Text ?? string.Empty,
                    FinishReason = OpenAIFinishReason.Map(choice.FinishReason),
                    RawFinishReason = choice.FinishReason,
                    Logprobs = choice.Logprobs,
                });
            }
        }

        if (choices.Count == 0)
        {
            return null;
        }

        // Stable: choices with the same index (a broken upstream) keep the order they came in.
        return new NexLLMCompletion
        {
            Id = response.Id,
            ModelId = response.Model,
            CreatedAt = UnixTime.FromSeconds(response.Created),
            Choices = [.. choices.OrderBy(static c => c.Index)],
            Usage = response.Usage is { } usage ? OpenAIUsageMapper.Map(usage) : null,
            RequestId = requestId,
            RawRepresentation = raw,
        };
    }
}
