namespace NexLLM.Connectors.Emulator;

/// <summary>
/// Token counts for a scripted <see cref="EmulatorReply"/>. Every count left <see langword="null"/> is computed the
/// way the emulator always computes it (about one token per four characters).
/// </summary>
/// <remarks>
/// The counts follow the OpenAI convention, whatever wire format renders them: <see cref="PromptTokens"/> includes
/// <see cref="CachedTokens"/> and <see cref="CacheWriteTokens"/>, and <see cref="CompletionTokens"/> includes
/// <see cref="ReasoningTokens"/>. Each wire format converts them to its own convention (docs/protocols/gateway.md#gotchas): on
/// <c>/v1/messages</c>, <c>input_tokens</c> = <see cref="PromptTokens"/> − <see cref="CachedTokens"/> −
/// <see cref="CacheWriteTokens"/>, <c>cache_read_input_tokens</c> = <see cref="CachedTokens"/>,
/// <c>cache_creation_input_tokens</c> = <see cref="CacheWriteTokens"/> (all of it 5-minute cache), and
/// <c>output_tokens</c> = <see cref="CompletionTokens"/>.
/// </remarks>
public sealed record EmulatorUsage
{
    /// <summary>Gets the input tokens, cached input and cache writes included.</summary>
    public int? PromptTokens { get; init; }

    /// <summary>Gets the output tokens, reasoning included.</summary>
    public int? CompletionTokens { get; init; }

    /// <summary>Gets the input tokens read from the provider's prompt cache (default 0).</summary>
    public int? CachedTokens { get; init; }

    /// <summary>Gets the reasoning tokens (part of <see cref="CompletionTokens"/>).</summary>
    public int? ReasoningTokens { get; init; }

    /// <summary>Gets the input tokens written to the provider's prompt cache (default 0).</summary>
    public int? CacheWriteTokens { get; init; }
}
