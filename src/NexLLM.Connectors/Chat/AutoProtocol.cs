using NexLLM.Connectors.Common;

namespace NexLLM.Connectors.Chat;

/// <summary>
/// The protocol <see cref="NexLLMChatProtocol.Auto"/> speaks for a model (docs/protocols/models.md#auto): the model's
/// <c>supported_endpoint_types</c> when the client has listed the models and this one is listed, else its family.
/// </summary>
internal static class AutoProtocol
{
    public static NexLLMChatProtocol For(string model, NexLLMModel? listed)
    {
        if (listed?.SupportedEndpointTypes is { Count: > 0 } types)
        {
            // The native format first; chat completions over Responses, which only OpenAI-compatible channels serve.
            if (Has(types, "anthropic"))
            {
                return NexLLMChatProtocol.ClaudeMessages;
            }

            if (Has(types, "gemini"))
            {
                return NexLLMChatProtocol.GeminiGenerateContent;
            }

            if (Has(types, "openai"))
            {
                return NexLLMChatProtocol.ChatCompletions;
            }

            if (Has(types, "openai-response"))
            {
                return NexLLMChatProtocol.Responses;
            }
        }

        return ByFamily(model);
    }

    /// <summary>Claude models speak Claude Messages, Gemini models the Gemini format, every other model chat completions.</summary>
    public static NexLLMChatProtocol ByFamily(string model)
    {
        string name = GeminiModelPath.Strip(model);
        return name.StartsWith("claude", StringComparison.OrdinalIgnoreCase) ? NexLLMChatProtocol.ClaudeMessages
            : name.StartsWith("gemini", StringComparison.OrdinalIgnoreCase) ? NexLLMChatProtocol.GeminiGenerateContent
            : NexLLMChatProtocol.ChatCompletions;
    }

    private static bool Has(IReadOnlyList<string> types, string type)
    {
        foreach (string candidate in types)
        {
            if (string.Equals(candidate, type, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
