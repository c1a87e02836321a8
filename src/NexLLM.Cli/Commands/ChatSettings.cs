using Microsoft.Extensions.AI;
using NexLLM.Connectors;

namespace NexLLM.Cli.Commands;

/// <summary>How a chat is asked: model, protocol, system prompt, streaming, reasoning and answer format.</summary>
internal sealed class ChatSettings
{
    /// <summary>The protocols by their command-line names.</summary>
    public static IReadOnlyDictionary<string, NexLLMChatProtocol> Protocols { get; } = new Dictionary<string, NexLLMChatProtocol>(StringComparer.OrdinalIgnoreCase)
    {
        ["chat"] = NexLLMChatProtocol.ChatCompletions,
        ["responses"] = NexLLMChatProtocol.Responses,
        ["claude"] = NexLLMChatProtocol.ClaudeMessages,
        ["gemini"] = NexLLMChatProtocol.GeminiGenerateContent,
        ["auto"] = NexLLMChatProtocol.Auto,
    };

    /// <summary>Gets or sets the model id.</summary>
    public required string Model { get; set; }

    /// <summary>Gets or sets the protocol's command-line name (a key of <see cref="Protocols"/>).</summary>
    public required string Protocol { get; set; }

    /// <summary>Gets the system prompt, if any.</summary>
    public string? SystemPrompt { get; init; }

    /// <summary>Gets a value indicating whether the answer is streamed.</summary>
    public bool Stream { get; init; } = true;

    /// <summary>Gets the reasoning effort, if asked for.</summary>
    public ReasoningEffort? Reasoning { get; init; }

    /// <summary>Gets the answer's format (a JSON schema), if asked for.</summary>
    public ChatResponseFormat? ResponseFormat { get; init; }

    /// <summary>Creates a chat client for the current model and protocol.</summary>
    /// <param name="client">The NexLLM client.</param>
    /// <returns>The chat client.</returns>
    public IChatClient CreateClient(NexLLMClient client) => CreateClient(client, Model, Protocol);

    /// <summary>Creates a chat client for this model and protocol (the library checks the model id).</summary>
    /// <param name="client">The NexLLM client.</param>
    /// <param name="model">The model id.</param>
    /// <param name="protocol">The protocol's command-line name (a key of <see cref="Protocols"/>).</param>
    /// <returns>The chat client.</returns>
    /// <exception cref="ArgumentException"><paramref name="model"/> is not a model id.</exception>
    public static IChatClient CreateClient(NexLLMClient client, string model, string protocol) => client.GetChatClient(model, Protocols[protocol]);

    /// <summary>Creates the options of one request.</summary>
    /// <returns>The options.</returns>
    public ChatOptions CreateOptions() => new()
    {
        Reasoning = Reasoning is { } effort ? new ReasoningOptions { Effort = effort } : null,
        ResponseFormat = ResponseFormat,
    };

    /// <summary>The conversation's first messages: the system prompt, if any.</summary>
    /// <returns>A new list.</returns>
    public List<ChatMessage> NewConversation() =>
        SystemPrompt is { Length: > 0 } system ? [new ChatMessage(ChatRole.System, system)] : [];
}
