using System.Text.Json;
using NexLLM.Connectors.Emulator.Engine;

namespace NexLLM.Connectors.Emulator.Claude;

/// <summary>
/// Writes Claude usage (docs/protocols/claude-messages.md, docs/protocols/gateway.md#gotchas) from the engine's OpenAI-convention counts: <c>input_tokens</c>
/// excludes cache reads and writes, <c>cache_read_input_tokens</c> are the cached tokens, cache writes are
/// <c>cache_creation_input_tokens</c> (all of them 5-minute cache), <c>output_tokens</c> include thinking.
/// </summary>
internal static class ClaudeUsageWriter
{
    /// <summary>
    /// The <c>usage</c> of a whole message: the counts, the <c>cache_creation</c> breakdown by TTL, <c>server_tool_use</c>
    /// (no server tool is ever called), <c>output_tokens_details</c> when there was thinking, <c>service_tier</c> and
    /// <c>inference_geo</c> (docs/protocols/claude-messages.md#message-fields).
    /// </summary>
    public static void WriteMessageUsage(Utf8JsonWriter w, ChatUsage usage) => WriteUsage(w, usage, start: false);

    /// <summary>
    /// The <c>usage</c> of <c>message_start</c>, as Anthropic streams it: the input and cache counts, <c>output_tokens: 1</c>,
    /// <c>service_tier</c> and <c>inference_geo</c>; no <c>server_tool_use</c> or <c>output_tokens_details</c> yet.
    /// </summary>
    public static void WriteStartUsage(Utf8JsonWriter w, ChatUsage usage) => WriteUsage(w, usage, start: true);

    /// <summary>The cumulative <c>usage</c> of <c>message_delta</c>: output tokens plus the input and cache counts.</summary>
    public static void WriteDeltaUsage(Utf8JsonWriter w, ChatUsage usage)
    {
        w.WriteStartObject("usage");
        w.WriteNumber("input_tokens", InputTokens(usage));
        w.WriteNumber("cache_creation_input_tokens", usage.CacheWriteTokens);
        w.WriteNumber("cache_read_input_tokens", usage.CachedTokens);
        w.WriteNumber("output_tokens", usage.CompletionTokens);
        WriteThinkingTokens(w, usage);
        w.WriteEndObject();
    }

    // Cache writes are all 5-minute cache: the breakdown by TTL adds up to cache_creation_input_tokens.
    private static void WriteUsage(Utf8JsonWriter w, ChatUsage usage, bool start)
    {
        w.WriteStartObject("usage");
        w.WriteNumber("input_tokens", InputTokens(usage));
        w.WriteNumber("output_tokens", start ? 1 : usage.CompletionTokens);
        w.WriteNumber("cache_creation_input_tokens", usage.CacheWriteTokens);
        w.WriteNumber("cache_read_input_tokens", usage.CachedTokens);
        w.WriteStartObject("cache_creation");
        w.WriteNumber("ephemeral_5m_input_tokens", usage.CacheWriteTokens);
        w.WriteNumber("ephemeral_1h_input_tokens", 0);
        w.WriteEndObject();
        if (!start)
        {
            w.WriteStartObject("server_tool_use");
            w.WriteNumber("web_search_requests", 0);
            w.WriteNumber("web_fetch_requests", 0);
            w.WriteEndObject();
            WriteThinkingTokens(w, usage);
        }

        w.WriteString("service_tier", ClaudeMessageMeta.ServiceTier);
        w.WriteString("inference_geo", ClaudeMessageMeta.InferenceGeo);
        w.WriteEndObject();
    }

    private static int InputTokens(ChatUsage usage) => Math.Max(0, usage.PromptTokens - usage.CachedTokens - usage.CacheWriteTokens);

    // output_tokens_details{thinking_tokens} is optional (docs/protocols/claude-messages.md): sent only when there was thinking.
    private static void WriteThinkingTokens(Utf8JsonWriter w, ChatUsage usage)
    {
        if (usage.ReasoningTokens > 0)
        {
            w.WriteStartObject("output_tokens_details");
            w.WriteNumber("thinking_tokens", usage.ReasoningTokens);
            w.WriteEndObject();
        }
    }
}
