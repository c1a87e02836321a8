namespace NexLLM.Connectors;

/// <summary>The wire format an <see cref="Microsoft.Extensions.AI.IChatClient"/> from <see cref="NexLLMClient.GetChatClient"/> speaks.</summary>
public enum NexLLMChatProtocol
{
    /// <summary>OpenAI chat completions: <c>POST /v1/chat/completions</c>. Every model the gateway serves understands it.</summary>
    ChatCompletions,
}
