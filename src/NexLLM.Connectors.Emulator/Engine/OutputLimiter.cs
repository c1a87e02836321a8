namespace NexLLM.Connectors.Emulator.Engine;

/// <summary>Applies stop sequences, then the output token limit (reasoning counts against it first), to a rule-based reply.</summary>
internal static class OutputLimiter
{
    public static (string? Reasoning, string Text, ReplyFinishReason Finish) Apply(ChatEngineRequest request, string? reasoning, string text)
    {
        // A stop sequence cuts the text before it; the reply still finishes with "stop".
        int stopAt = request.StopSequences
            .Where(stop => stop.Length > 0)
            .Select(stop => text.IndexOf(stop, StringComparison.Ordinal))
            .Where(index => index >= 0)
            .DefaultIfEmpty(-1)
            .Min();
        if (stopAt >= 0)
        {
            text = text[..stopAt];
        }

        if (request.MaxOutputTokens is not { } maxTokens)
        {
            return (reasoning, text, ReplyFinishReason.Stop);
        }

        int reasoningTokens = TokenEstimator.Tokens(reasoning);
        if (reasoningTokens >= maxTokens)
        {
            return (Cut(reasoning!, maxTokens), "", ReplyFinishReason.Length);
        }

        int budget = maxTokens - reasoningTokens;
        return TokenEstimator.Tokens(text) > budget
            ? (reasoning, Cut(text, budget), ReplyFinishReason.Length)
            : (reasoning, text, ReplyFinishReason.Stop);
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
