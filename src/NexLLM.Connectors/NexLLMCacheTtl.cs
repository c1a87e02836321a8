namespace NexLLM.Connectors;

/// <summary>How long a prompt-cache entry lives (Claude <c>cache_control.ttl</c>).</summary>
public enum NexLLMCacheTtl
{
    /// <summary>Five minutes, refreshed on each hit: the API's default, and the cheaper write.</summary>
    FiveMinutes,

    /// <summary>One hour: a dearer write, for prompts reused less often than every five minutes.</summary>
    OneHour,
}
