using System.Text.Json;
using NexLLM.Connectors.Emulator.Engine;

namespace NexLLM.Connectors.Emulator.Shared;

/// <summary>
/// Writes <c>usage</c> as new-api re-serialises it (new-api dto/openai_response.go <c>Usage</c>): the OpenAI fields plus
/// new-api's extras (<c>input_tokens</c>, <c>output_tokens</c>, <c>input_tokens_details: null</c>,
/// <c>claude_cache_creation_*</c>…) that clients must ignore (docs/protocols/chat-completions.md, docs/protocols/gateway.md#gotchas).
/// new-api writes this one struct on chat completions and on rerank alike, so both routes write it from here.
/// </summary>
internal static class GatewayUsageWriter
{
    public static void Write(Utf8JsonWriter writer, ChatUsage usage)
    {
        writer.WriteStartObject("usage");
        writer.WriteNumber("prompt_tokens", usage.PromptTokens);
        writer.WriteNumber("completion_tokens", usage.CompletionTokens);
        writer.WriteNumber("total_tokens", usage.TotalTokens);

        writer.WriteStartObject("prompt_tokens_details");
        writer.WriteNumber("cached_tokens", usage.CachedTokens);
        if (usage.CacheWriteTokens > 0)
        {
            // OpenAI's name and new-api's name for cache writes; both are part of prompt_tokens.
            writer.WriteNumber("cache_write_tokens", usage.CacheWriteTokens);
            writer.WriteNumber("cached_creation_tokens", usage.CacheWriteTokens);
        }

        writer.WriteNumber("text_tokens", 0);
        writer.WriteNumber("audio_tokens", 0);
        writer.WriteNumber("image_tokens", 0);
        writer.WriteEndObject();

        writer.WriteStartObject("completion_tokens_details");
        writer.WriteNumber("text_tokens", 0);
        writer.WriteNumber("audio_tokens", 0);
        writer.WriteNumber("reasoning_tokens", usage.ReasoningTokens);
        writer.WriteEndObject();

        // new-api extras: zero or null on OpenAI-format answers.
        writer.WriteNumber("input_tokens", 0);
        writer.WriteNumber("output_tokens", 0);
        writer.WriteNull("input_tokens_details");
        writer.WriteNumber("claude_cache_creation_5_m_tokens", usage.CacheWriteTokens);
        writer.WriteNumber("claude_cache_creation_1_h_tokens", 0);
        writer.WriteEndObject();
    }
}
