using Microsoft.Extensions.AI;
using NexLLM.Connectors;

namespace ReadmeSnippets;

/// <summary>docs/guides/prompt-caching.md, on the client of the README's "Use it" (in the tests, the emulator's, with scripted usage).</summary>
internal static class PromptCachingSnippets
{
    /// <summary>Two questions on one long cached document: the first writes the cache, the second reads it.</summary>
    public static async Task PromptCachingAsync(NexLLMClient nexllm, string handbook)
    {
        // <snippet:prompt-caching>
        IChatClient claude = nexllm.GetChatClient("claude-sonnet-4-5", NexLLMChatProtocol.ClaudeMessages);
        ChatOptions options = new ChatOptions { Instructions = "Answer from the handbook only." }.WithClaudeSystemCaching(NexLLMCacheTtl.OneHour);

        foreach (string question in (string[])["How many days of leave do I get?", "Who approves travel?"])
        {
            List<ChatMessage> messages =
            [
                new ChatMessage(ChatRole.User, handbook).WithClaudeCacheBreakpoint(NexLLMCacheTtl.OneHour),   // the long, unchanging part
                new(ChatRole.User, question),
            ];
            ChatResponse response = await claude.GetResponseAsync(messages, options);

            UsageDetails usage = response.Usage!;
            long written = usage.AdditionalCounts?.TryGetValue(NexLLMUsageCounts.CacheCreationInputTokens, out long w) is true ? w : 0;
            Console.WriteLine($"{usage.InputTokenCount} input tokens: {usage.CachedInputTokenCount ?? 0} read from the cache, {written} written to it");
        }
        // </snippet:prompt-caching>
    }
}
