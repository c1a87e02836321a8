namespace NexLLM.Connectors.Emulator.Engine;

/// <summary>Realistic token counts without a tokenizer: about one token per four characters, plus small per-item overheads.</summary>
internal static class TokenEstimator
{
    private const int PerRequest = 3;
    private const int PerTurn = 4;
    private const int PerTool = 8;

    // What OpenAI charges a low-detail image; the emulator counts every attachment so.
    public const int PerAttachment = 85;

    public static int Tokens(string? text) => string.IsNullOrEmpty(text) ? 0 : (text.Length + 3) / 4;

    public static int PromptTokens(ChatEngineRequest request)
    {
        int tokens = PerRequest;
        foreach (var turn in request.Turns)
        {
            tokens += PerTurn + Tokens(turn.Text) + (turn.AttachmentCount * PerAttachment);
            tokens += turn.ToolCalls.Sum(call => Tokens(call.Name) + Tokens(call.ArgumentsJson));
        }

        foreach (var tool in request.Tools)
        {
            tokens += PerTool + Tokens(tool.Name) + Tokens(tool.Description) + Tokens(tool.Parameters?.GetRawText());
        }

        return tokens;
    }

    /// <summary>Computes the usage of a reply: completion = reasoning + text + refusal + tool calls.</summary>
    public static ChatUsage Usage(ChatEngineRequest request, string? reasoning, string? text, string? refusal, IReadOnlyList<ChatToolCall> calls)
    {
        int reasoningTokens = Tokens(reasoning);
        int completion = reasoningTokens + Tokens(text) + Tokens(refusal)
            + calls.Sum(call => Tokens(call.Name) + Tokens(call.ArgumentsJson));
        return new ChatUsage(PromptTokens(request), completion, CachedTokens: 0, reasoningTokens, CacheWriteTokens: 0);
    }
}
