namespace NexLLM.Connectors.Emulator.Engine;

/// <summary>Token counts in the OpenAI convention: prompt includes cached input and cache writes, completion includes reasoning.</summary>
internal sealed record ChatUsage(int PromptTokens, int CompletionTokens, int CachedTokens, int ReasoningTokens, int CacheWriteTokens)
{
    public int TotalTokens => PromptTokens + CompletionTokens;
}
