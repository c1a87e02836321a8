namespace NexLLM.Connectors.Emulator.Claude;

/// <summary>
/// The largest <c>max_tokens</c> Anthropic accepts per model (strict mode, docs/emulator.md#strict-mode), with the
/// snapshot an alias resolves to (Anthropic names the snapshot in its refusal). Source: Anthropic's model pages,
/// https://platform.claude.com/docs/en/models/sonnet-4-5/overview and
/// https://platform.claude.com/docs/en/models/haiku-4-5/overview ("Max output: 64K tokens"; the refusal Anthropic
/// gives for 65,536 names 64,000). Models not listed here are not checked.
/// </summary>
internal static class ClaudeOutputLimits
{
    private static readonly (string Prefix, string Snapshot, int MaxOutputTokens)[] Limits =
    [
        ("claude-sonnet-4-5", "claude-sonnet-4-5-20250929", 64_000),
        ("claude-haiku-4-5", "claude-haiku-4-5-20251001", 64_000),
    ];

    /// <summary>The model's snapshot name and output limit, or <see langword="null"/> for a model without a known limit.</summary>
    public static (string Snapshot, int MaxOutputTokens)? For(string model) =>
        Limits.FirstOrDefault(limit => model.StartsWith(limit.Prefix, StringComparison.Ordinal)) is { Prefix: not null } known
            ? (known.Snapshot, known.MaxOutputTokens)
            : null;
}
