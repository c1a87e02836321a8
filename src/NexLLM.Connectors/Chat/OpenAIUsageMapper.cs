using Microsoft.Extensions.AI;

namespace NexLLM.Connectors.Chat;

/// <summary>
/// Normalises the usage of the OpenAI-shaped routes (chat completions, legacy completions) to the M.E.AI contract.
/// <c>prompt_tokens</c> already includes cached tokens, and new-api includes Claude cache reads and writes in it
/// (docs/protocols/claude-messages.md, docs/protocols/gateway.md#gotchas); <c>completion_tokens</c> includes reasoning.
/// </summary>
internal static class OpenAIUsageMapper
{
    public static UsageDetails Map(OpenAIUsage usage)
    {
        PromptTokensDetails? input = usage.PromptTokensDetails;
        CompletionTokensDetails? output = usage.CompletionTokensDetails;
        var details = new UsageDetails
        {
            InputTokenCount = usage.PromptTokens,
            OutputTokenCount = usage.CompletionTokens,
            TotalTokenCount = usage.TotalTokens ?? (usage.PromptTokens + usage.CompletionTokens),
            CachedInputTokenCount = input?.CachedTokens ?? usage.PromptCacheHitTokens,
            ReasoningTokenCount = output?.ReasoningTokens,
            InputAudioTokenCount = input?.AudioTokens,
            InputTextTokenCount = input?.TextTokens,
            OutputAudioTokenCount = output?.AudioTokens,
            OutputTextTokenCount = output?.TextTokens,
        };

        long? split = usage.ClaudeCacheCreation5mTokens + usage.ClaudeCacheCreation1hTokens ?? usage.ClaudeCacheCreation5mTokens ?? usage.ClaudeCacheCreation1hTokens;
        UsageCounts.AddIfPositive(details, NexLLMUsageCounts.CacheCreationInputTokens, input?.CacheWriteTokens ?? input?.CachedCreationTokens ?? split);
        UsageCounts.AddIfPositive(details, NexLLMUsageCounts.CacheCreation5mInputTokens, usage.ClaudeCacheCreation5mTokens);
        UsageCounts.AddIfPositive(details, NexLLMUsageCounts.CacheCreation1hInputTokens, usage.ClaudeCacheCreation1hTokens);
        UsageCounts.AddIfPositive(details, NexLLMUsageCounts.AudioInputTokens, input?.AudioTokens);
        UsageCounts.AddIfPositive(details, NexLLMUsageCounts.AudioOutputTokens, output?.AudioTokens);
        return details;
    }
}
