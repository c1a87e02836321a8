namespace NexLLM.Connectors;

/// <summary>The wire format an <see cref="Microsoft.Extensions.AI.IChatClient"/> from <see cref="NexLLMClient.GetChatClient"/> speaks.</summary>
public enum NexLLMChatProtocol
{
    /// <summary>OpenAI chat completions: <c>POST /v1/chat/completions</c>. Every model the gateway serves understands it.</summary>
    ChatCompletions,

    /// <summary>
    /// The Claude Messages format, <c>POST /v1/messages</c>: thinking with signatures, prompt caching, citations. The
    /// gateway serves it for Claude models natively, and converts it for the others.
    /// </summary>
    ClaudeMessages,
}
