using Microsoft.Extensions.AI;

namespace NexLLM.Connectors.Chat;

/// <summary>
/// The finish reasons of the OpenAI-shaped routes (docs/protocols/chat-completions.md, docs/protocols/completions.md#response).
/// new-api passes unknown upstream values through (e.g. Claude's <c>pause_turn</c>); they become a
/// <see cref="ChatFinishReason"/> of their own, never a wrong known one.
/// </summary>
internal static class OpenAIFinishReason
{
    public static ChatFinishReason? Map(string? raw) => raw switch
    {
        _ when string.IsNullOrWhiteSpace(raw) => null,
        "stop" => ChatFinishReason.Stop,
        "length" or "model_context_window_exceeded" => ChatFinishReason.Length,
        "tool_calls" or "function_call" => ChatFinishReason.ToolCalls,
        "content_filter" => ChatFinishReason.ContentFilter,
        _ => new ChatFinishReason(raw),
    };
}
