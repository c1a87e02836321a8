using Microsoft.Extensions.AI;

namespace NexLLM.Connectors.Chat.Responses;

/// <summary>
/// Normalises Responses usage to the M.E.AI contract: <c>input_tokens</c> already includes cached tokens and
/// <c>output_tokens</c> includes reasoning (docs/protocols/responses.md#response).
/// </summary>
internal static class ResponsesUsageMapper
{
    public static UsageDetails Map(ResponsesUsage usage)
    {
        var details = new UsageDetails
        {
            InputTokenCount = usage.InputTokens,
            OutputTokenCount = usage.OutputTokens,
            TotalTokenCount = usage.TotalTokens ?? (usage.InputTokens + usage.OutputTokens),
            CachedInputTokenCount = usage.InputTokensDetails?.CachedTokens,
            ReasoningTokenCount = usage.OutputTokensDetails?.ReasoningTokens,
        };
        UsageCounts.AddIfPositive(details, NexLLMUsageCounts.CacheCreationInputTokens, usage.InputTokensDetails?.CacheWriteTokens);
        return details;
    }
}
