using Microsoft.Extensions.AI;
using NexLLM.Connectors.Chat;

namespace NexLLM.Connectors;

/// <summary>Typed NexLLM options on <see cref="ChatOptions"/>, stored under reserved <c>nexllm.</c> keys that are never sent as fields.</summary>
public static class NexLLMChatOptionsExtensions
{
    /// <summary>
    /// Asks for strict schema adherence: <c>"strict": true</c> on a JSON-schema response format and on function tools
    /// (chat completions). Strict schemas must list every property as required and forbid additional properties.
    /// </summary>
    /// <param name="options">The options to change.</param>
    /// <param name="strict">Whether to ask for strictness.</param>
    /// <returns>The same <paramref name="options"/>, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    public static ChatOptions WithStrictJsonSchema(this ChatOptions options, bool strict = true)
    {
        Throw.IfNull(options);
        (options.AdditionalProperties ??= [])[ChatOptionKeys.StrictJsonSchema] = strict;
        return options;
    }

    /// <summary>
    /// Sets an explicit thinking budget in tokens, for the protocols that take one: Claude (<c>thinking.budget_tokens</c>,
    /// at least 1,024; <c>max_tokens</c> is raised above it) and Gemini (<c>thinkingConfig.thinkingBudget</c>). It wins over
    /// the budget derived from <see cref="ChatOptions.Reasoning"/>.
    /// </summary>
    /// <param name="options">The options to change.</param>
    /// <param name="budgetTokens">The budget; 0 turns thinking off.</param>
    /// <returns>The same <paramref name="options"/>, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="budgetTokens"/> is negative.</exception>
    public static ChatOptions WithThinkingBudget(this ChatOptions options, int budgetTokens)
    {
        Throw.IfNull(options);
        (options.AdditionalProperties ??= [])[ChatOptionKeys.ThinkingBudget] = Throw.IfOutOfRange(budgetTokens, 0, int.MaxValue);
        return options;
    }

    /// <summary>
    /// Opts a <see cref="NexLLMChatProtocol.Responses"/> request into server state: <c>store: true</c>, and the response id
    /// as <see cref="ChatResponse.ConversationId"/>, to be passed back as <see cref="ChatOptions.ConversationId"/>
    /// (<c>previous_response_id</c>) with only the new messages. A caller-set <see cref="ChatOptions.ConversationId"/> opts in
    /// too. Without it the adapter is stateless (<c>store: false</c>, the whole history each turn), because the gateway may
    /// send the next turn to another upstream account, where a stored response is unknown. Other protocols ignore it.
    /// </summary>
    /// <param name="options">The options to change.</param>
    /// <param name="store">Whether the response is stored.</param>
    /// <returns>The same <paramref name="options"/>, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    public static ChatOptions WithResponsesStore(this ChatOptions options, bool store = true)
    {
        Throw.IfNull(options);
        (options.AdditionalProperties ??= [])[ChatOptionKeys.ResponsesStore] = store;
        return options;
    }
}
