namespace NexLLM.Connectors.Emulator.Responses;

/// <summary>What a model name says about its reasoning on <c>/v1/responses</c> (docs/protocols/responses.md#gotchas).</summary>
internal static class ResponsesModels
{
    /// <summary>
    /// Whether the model reasons without being asked: the o-series (<c>o1</c>, <c>o3</c>, <c>o4-mini</c>…), <c>gpt-5*</c>
    /// except the <c>-chat</c> models, and the <c>codex</c> models.
    /// </summary>
    public static bool Reasons(string model)
    {
        string name = model.ToLowerInvariant();
        return (name.Length > 1 && name[0] == 'o' && char.IsAsciiDigit(name[1]))
            || (name.StartsWith("gpt-5", StringComparison.Ordinal) && !name.Contains("-chat", StringComparison.Ordinal))
            || name.Contains("codex", StringComparison.Ordinal);
    }

    /// <summary>
    /// Whether OpenAI refuses <c>include: ["reasoning.encrypted_content"]</c> for the model: the models without reasoning,
    /// gpt-4o, gpt-4.1 and their relatives (gpt-4*, chatgpt-4o*, gpt-3.5*). Other names are let through.
    /// </summary>
    public static bool RefusesEncryptedReasoning(string model)
    {
        string name = model.ToLowerInvariant();
        return name.StartsWith("gpt-4", StringComparison.Ordinal)
            || name.StartsWith("chatgpt-4", StringComparison.Ordinal)
            || name.StartsWith("gpt-3.5", StringComparison.Ordinal);
    }
}
