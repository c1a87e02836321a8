namespace NexLLM.Connectors.Emulator.Engine;

/// <summary>Applies stop sequences, then the output token limit (reasoning counts against it first), to a rule-based reply.</summary>
internal static class OutputLimiter
{
    /// <returns>The limited reasoning and text, the finish reason, and the stop sequence that cut the text (when one did and the limit did not).</returns>
    public static (string? Reasoning, string Text, ReplyFinishReason Finish, string? StopSequence) Apply(ChatEngineRequest request, string? reasoning, string text)
    {
        // A stop sequence cuts the text before it (the earliest one wins); the reply still finishes with "stop".
        int stopAt = -1;
        string? stopSequence = null;
        foreach (string stop in request.StopSequences.Where(stop => stop.Length > 0))
        {
            int index = text.IndexOf(stop, StringComparison.Ordinal);
            if (index >= 0 && (stopAt < 0 || index < stopAt))
            {
                (stopAt, stopSequence) = (index, stop);
            }
        }

        if (stopAt >= 0)
        {
            text = text[..stopAt];
        }

        if (request.MaxOutputTokens is not { } maxTokens)
        {
            return (reasoning, text, ReplyFinishReason.Stop, stopSequence);
        }

        int reasoningTokens = TokenEstimator.Tokens(reasoning);
        if (reasoningTokens >= maxTokens)
        {
            return (Cut(reasoning!, maxTokens), "", ReplyFinishReason.Length, null);
        }

        int budget = maxTokens - reasoningTokens;
        return TokenEstimator.Tokens(text) > budget
            ? (reasoning, Cut(text, budget), ReplyFinishReason.Length, null)
            : (reasoning, text, ReplyFinishReason.Stop, stopSequence);
    }

    // About four characters per token, never splitting a surrogate pair.
    private static string Cut(string text, int tokens)
    {
        int length = Math.Min(text.Length, Math.Max(0, tokens) * 4);
        if (length > 0 && length < text.Length && char.IsLowSurrogate(text[length]))
        {
            length--;
        }

        return text[..length];
    }
}
