namespace NexLLM.Connectors.Emulator;

/// <summary>
/// An exact reply for the next chat request, queued with <see cref="NexLLMEmulator.Enqueue(EmulatorReply)"/>.
/// It replaces the emulator's rule-based reply entirely: nothing is truncated, filtered or added, whatever the
/// request asked for (max tokens, stop sequences, tools, response format).
/// </summary>
/// <example>
/// <code>
/// emulator.Enqueue(EmulatorReply.FromText("Hello!") with { Reasoning = "The user greets me." });
/// emulator.Enqueue(EmulatorReply.FromToolCalls(new EmulatorToolCall("get_weather", """{"city":"Paris"}""")));
/// </code>
/// </example>
public sealed record EmulatorReply
{
    /// <summary>Gets the answer text; <see langword="null"/> for none.</summary>
    public string? Text { get; init; }

    /// <summary>
    /// Gets the reasoning text, sent before the answer (e.g. <c>reasoning_content</c>; on <c>/v1/messages</c> a
    /// <c>thinking</c> block with a valid signature; on the Gemini route a thought part with a valid
    /// <c>thoughtSignature</c>; on <c>/v1/responses</c> a reasoning item, its text as the summary when the request asks
    /// for one and sealed in <c>encrypted_content</c> when it includes that); <see langword="null"/> for none.
    /// </summary>
    public string? Reasoning { get; init; }

    /// <summary>
    /// Gets the <c>data</c> of a Claude <c>redacted_thinking</c> block, sent verbatim after the thinking block on
    /// <c>/v1/messages</c> (the emulator then accepts this data when a later request echoes it back); <see langword="null"/>
    /// for none. Other formats have no redacted reasoning and ignore it.
    /// </summary>
    public string? RedactedReasoning { get; init; }

    /// <summary>
    /// Gets a prompt-block reason for the Gemini route (<c>SAFETY</c>, <c>OTHER</c>, <c>BLOCKLIST</c>,
    /// <c>PROHIBITED_CONTENT</c>…): the answer then has no <c>candidates</c>, only <c>promptFeedback{blockReason,
    /// safetyRatings}</c> and the prompt's usage (docs/protocols/gemini.md), and the rest of this reply is not sent;
    /// <see langword="null"/> (the default) for a normal answer. Other formats have no prompt block and ignore it.
    /// </summary>
    public string? BlockReason { get; init; }

    /// <summary>Gets the function calls, in order.</summary>
    public IReadOnlyList<EmulatorToolCall> ToolCalls { get; init; } = [];

    /// <summary>
    /// Gets the refusal text (chat completions <c>message.refusal</c>; on <c>/v1/messages</c> a text block with stop
    /// reason <c>refusal</c>; on <c>/v1/responses</c> a <c>refusal</c> content part); <see langword="null"/> for none.
    /// </summary>
    public string? Refusal { get; init; }

    /// <summary>
    /// Gets the raw finish reason to send (e.g. <c>"length"</c>, <c>"content_filter"</c>, <c>"pause_turn"</c>), or
    /// <see langword="null"/> for <c>"tool_calls"</c> when there are tool calls and <c>"stop"</c> otherwise.
    /// On <c>/v1/messages</c> the OpenAI names <c>stop</c>, <c>length</c>, <c>tool_calls</c> and <c>content_filter</c>
    /// become <c>end_turn</c>, <c>max_tokens</c>, <c>tool_use</c> and <c>refusal</c> (so one script serves every
    /// format); any other value (<c>pause_turn</c>, <c>model_context_window_exceeded</c>…) is sent as given.
    /// On the Gemini route they become <c>STOP</c>, <c>MAX_TOKENS</c>, <c>STOP</c> and <c>SAFETY</c> (Claude's names too);
    /// any other value (<c>RECITATION</c>, <c>MALFORMED_FUNCTION_CALL</c>…) is sent as given.
    /// On <c>/v1/responses</c> <c>length</c> makes the response <c>incomplete</c> with reason <c>max_output_tokens</c>,
    /// <c>content_filter</c> <c>incomplete</c> with reason <c>content_filter</c>, anything else <c>completed</c> (a
    /// <c>failed</c> response is <see cref="EmulatorFault.Failed"/>).
    /// </summary>
    public string? FinishReason { get; init; }

    /// <summary>Gets the token counts to report; <see langword="null"/> computes all of them.</summary>
    public EmulatorUsage? Usage { get; init; }

    /// <summary>Creates a plain text reply.</summary>
    /// <param name="text">The answer text.</param>
    /// <returns>The reply.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is <see langword="null"/>.</exception>
    public static EmulatorReply FromText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new EmulatorReply { Text = text };
    }

    /// <summary>Creates a reply that calls functions (finish reason <c>tool_calls</c>).</summary>
    /// <param name="toolCalls">The calls, in order.</param>
    /// <returns>The reply.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="toolCalls"/> or one of its items is <see langword="null"/>.</exception>
    public static EmulatorReply FromToolCalls(params EmulatorToolCall[] toolCalls)
    {
        ArgumentNullException.ThrowIfNull(toolCalls);
        foreach (var call in toolCalls)
        {
            ArgumentNullException.ThrowIfNull(call, nameof(toolCalls));
        }

        return new EmulatorReply { ToolCalls = [.. toolCalls] };
    }
}
