using System.Text.Json;

namespace NexLLM.Connectors.Chat.ChatCompletions;

// Wire types of POST /v1/chat/completions, response side (docs/protocols/chat-completions.md). Only what we map is declared: unknown fields
// (system_fingerprint, obfuscation, new-api's usage extras...) are skipped by the reader without being materialised.

internal sealed class ChatCompletionResponse
{
    public string? Id { get; set; }

    public long? Created { get; set; }

    public string? Model { get; set; }

    public List<ChatChoice>? Choices { get; set; }

    public OpenAIUsage? Usage { get; set; }

    /// <summary>Gets or sets an error object some servers return with HTTP 200.</summary>
    public JsonElement? Error { get; set; }
}

internal sealed class ChatChoice
{
    public int Index { get; set; }

    public ChatResponseMessage? Message { get; set; }

    public string? FinishReason { get; set; }
}

internal sealed class ChatResponseMessage
{
    public string? Role { get; set; }

    public string? Content { get; set; }

    public string? Refusal { get; set; }

    /// <summary>Gets or sets reasoning text, DeepSeek style (how new-api exposes Claude thinking and Gemini thoughts).</summary>
    public string? ReasoningContent { get; set; }

    /// <summary>Gets or sets reasoning text, OpenRouter style.</summary>
    public string? Reasoning { get; set; }

    public List<ToolCall>? ToolCalls { get; set; }
}
