using Microsoft.Extensions.AI;

namespace NexLLM.Connectors.Chat.Claude;

/// <summary>Claude stop reasons (docs/protocols/claude-messages.md) to M.E.AI finish reasons; the raw value is always kept beside.</summary>
internal static class ClaudeStopReason
{
    public static ChatFinishReason? Map(string? raw) => raw switch
    {
        _ when string.IsNullOrWhiteSpace(raw) => null,
        "end_turn" or "stop_sequence" => ChatFinishReason.Stop,
        "max_tokens" or "model_context_window_exceeded" => ChatFinishReason.Length,
        "tool_use" => ChatFinishReason.ToolCalls,
        "refusal" => ChatFinishReason.ContentFilter,
        _ => new ChatFinishReason(raw),
    };
}
