using Microsoft.Extensions.AI;

namespace NexLLM.Connectors.Chat.Claude;

/// <summary>
/// Claude usage to the M.E.AI contract: <c>input_tokens</c> excludes cache reads and writes, so input = input + cache
/// read + cache write (as new-api computes <c>prompt_tokens</c>: docs/protocols/claude-messages.md); cache reads are the cached input; cache
/// writes go to <see cref="UsageDetails.AdditionalCounts"/>.
/// </summary>
internal static class ClaudeUsageMapper
{
    public static UsageDetails Map(ClaudeUsage usage)
    {
        long? input = usage.InputTokens is null && usage.CacheReadInputTokens is null && usage.CacheCreationInputTokens is null
            ? null
            : (usage.InputTokens ?? 0) + (usage.CacheReadInputTokens ?? 0) + (usage.CacheCreationInputTokens ?? 0);
        var details = new UsageDetails
        {
            InputTokenCount = input,
            OutputTokenCount = usage.OutputTokens,
            TotalTokenCount = input + usage.OutputTokens,
            CachedInputTokenCount = usage.CacheReadInputTokens,
            ReasoningTokenCount = usage.OutputTokensDetails?.ThinkingTokens,
        };

        UsageCounts.AddIfPositive(details, NexLLMUsageCounts.CacheCreationInputTokens, usage.CacheCreationInputTokens);
        UsageCounts.AddIfPositive(details, NexLLMUsageCounts.CacheCreation5mInputTokens, usage.CacheCreation?.Ephemeral5mInputTokens);
        UsageCounts.AddIfPositive(details, NexLLMUsageCounts.CacheCreation1hInputTokens, usage.CacheCreation?.Ephemeral1hInputTokens);
        UsageCounts.AddIfPositive(details, NexLLMUsageCounts.WebSearchRequests, usage.ServerToolUse?.WebSearchRequests);
        return details;
    }

    /// <summary>Folds a <c>message_delta</c>'s cumulative counts over what <c>message_start</c> said: later values replace, never add.</summary>
    public static ClaudeUsage Merge(ClaudeUsage? start, ClaudeUsage? delta)
    {
        if (start is null || delta is null)
        {
            return delta ?? start ?? new ClaudeUsage();
        }

        return new ClaudeUsage
        {
            InputTokens = delta.InputTokens ?? start.InputTokens,
            OutputTokens = delta.OutputTokens ?? start.OutputTokens,
            CacheCreationInputTokens = delta.CacheCreationInputTokens ?? start.CacheCreationInputTokens,
            CacheReadInputTokens = delta.CacheReadInputTokens ?? start.CacheReadInputTokens,
            CacheCreation = delta.CacheCreation ?? start.CacheCreation,
            ServerToolUse = delta.ServerToolUse ?? start.ServerToolUse,
            OutputTokensDetails = delta.OutputTokensDetails ?? start.OutputTokensDetails,
        };
    }
}
