using Microsoft.Extensions.AI;

namespace NexLLM.Connectors.Chat;

/// <summary>Fills <see cref="UsageDetails.AdditionalCounts"/> only with counts that say something, so most responses allocate no dictionary.</summary>
internal static class UsageCounts
{
    public static void AddIfPositive(UsageDetails usage, string name, long? count)
    {
        if (count is > 0)
        {
            (usage.AdditionalCounts ??= [])[name] = count.Value;
        }
    }
}
