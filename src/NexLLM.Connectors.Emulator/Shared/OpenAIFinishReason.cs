using NexLLM.Connectors.Emulator.Engine;

namespace NexLLM.Connectors.Emulator.Shared;

/// <summary>
/// The OpenAI name of a reply's finish reason. Chat completions send it; new-api's stream converted from an OpenAI
/// channel to Gemini renames it, so the Gemini route starts from the same name.
/// </summary>
internal static class OpenAIFinishReason
{
    /// <summary>The OpenAI name of a finish reason; a scripted raw value is sent as is.</summary>
    public static string Of(ChatEngineReply reply) => reply.RawFinishReason ?? reply.FinishReason switch
    {
        ReplyFinishReason.Length => "length",
        ReplyFinishReason.ToolCalls => "tool_calls",
        ReplyFinishReason.ContentFilter => "content_filter",
        _ => "stop",
    };
}
