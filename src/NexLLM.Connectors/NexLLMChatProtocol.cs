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

    /// <summary>
    /// Gemini's native format, <c>POST /v1beta/models/{model}:generateContent</c> and <c>:streamGenerateContent</c> at the
    /// host root: thought signatures, safety settings and ratings, grounding.
    /// </summary>
    GeminiGenerateContent,

    /// <summary>
    /// The model's native format, chosen per request (for the request's <see cref="Microsoft.Extensions.AI.ChatOptions.ModelId"/>
    /// when it has one). Once <see cref="NexLLMClient.ListModelsAsync"/> has run, a listed model's
    /// <see cref="NexLLMModel.SupportedEndpointTypes"/> decide, in this order: <c>anthropic</c> gives <see cref="ClaudeMessages"/>,
    /// <c>gemini</c> <see cref="GeminiGenerateContent"/>, <c>openai</c> <see cref="ChatCompletions"/>, and <c>openai-response</c>
    /// alone <see cref="Responses"/>. Otherwise the model's family decides: Claude models (<c>claude-*</c>) speak
    /// <see cref="ClaudeMessages"/>, Gemini models (<c>gemini-*</c>) <see cref="GeminiGenerateContent"/>, every other model
    /// <see cref="ChatCompletions"/>.
    /// </summary>
    Auto,

    /// <summary>
    /// The OpenAI Responses API, <c>POST /v1/responses</c>: typed output items, reasoning carried between turns as encrypted
    /// content, hosted tools. Stateless by default through the gateway (<c>store: false</c>, the whole history each turn);
    /// served for models of OpenAI-compatible channels only.
    /// </summary>
    Responses,
}
