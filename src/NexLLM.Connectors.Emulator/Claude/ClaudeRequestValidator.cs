using System.Text.Json;

namespace NexLLM.Connectors.Emulator.Claude;

/// <summary>
/// The checks Anthropic's API makes and new-api does not: new-api forwards the request, and relays Anthropic's answer
/// (HTTP 400, <c>invalid_request_error</c>, the message ending with new-api's request id, docs/protocols/gateway.md#error-bodies, docs/protocols/claude-messages.md). The
/// messages follow Anthropic's wording. They catch the client bugs that matter: no <c>max_tokens</c>, empty messages or
/// text blocks, a thinking budget that does not fit, thinking echoed back altered (its <c>signature</c> no longer matches, see
/// <see cref="ClaudeThinkingSigner"/>) or redacted data the emulator never sent, and tool uses and tool results that do not pair up.
/// Strict mode adds the checks of <see cref="ClaudeStrictRules"/> and <see cref="ClaudeCacheControlRules"/> and refuses a <c>system</c> role inside <c>messages</c>
/// (docs/emulator.md#strict-mode).
/// </summary>
internal static class ClaudeRequestValidator
{
    private const int MinThinkingBudget = 1024;

    /// <summary>Returns the error Anthropic would answer, or <see langword="null"/> when the request is valid.</summary>
    /// <param name="root">The body, past new-api's checks.</param>
    /// <param name="signer">The emulator's thinking signer, which verifies thinking sent back.</param>
    /// <param name="strict">Whether the checks of strict mode apply.</param>
    public static string? FindError(JsonElement root, ClaudeThinkingSigner signer, bool strict)
    {
        // new-api's ClaudeRequest has max_tokens with omitempty, so a 0 reaches Anthropic as no max_tokens at all.
        long maxTokens = root.TryGetProperty("max_tokens", out var max) && max.ValueKind == JsonValueKind.Number ? max.GetInt64() : 0;
        if (maxTokens == 0)
        {
            return "max_tokens: Field required";
        }

        var messages = ClaudeRequestReader.Items(root, "messages");
        if (!strict)
        {
            return ThinkingError(root, maxTokens) ?? MessageError(messages, signer, strict) ?? PairingError(messages);
        }

        return ClaudeStrictRules.RequestError(root, maxTokens)
            ?? ClaudeCacheControlRules.Error(root, messages)
            ?? ThinkingError(root, maxTokens)
            ?? ClaudeStrictRules.SamplingError(root)
            ?? MessageError(messages, signer, strict)
            ?? PairingError(messages)
            ?? ClaudeStrictRules.ThinkingTurnError(root, messages);
    }

    private static string? ThinkingError(JsonElement root, long maxTokens)
    {
        if (!root.TryGetProperty("thinking", out var thinking) || thinking.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        string? type = ClaudeRequestReader.Text(thinking, "type");
        if (type is not ("enabled" or "disabled" or "adaptive"))
        {
            return $"thinking: Input tag '{type}' found using 'type' does not match any of the expected tags: 'adaptive', 'disabled', 'enabled'";
        }

        if (type == "enabled")
        {
            if (!thinking.TryGetProperty("budget_tokens", out var budget) || budget.ValueKind != JsonValueKind.Number)
            {
                return "thinking.enabled.budget_tokens: Field required";
            }

            if (budget.GetInt64() < MinThinkingBudget)
            {
                return $"thinking.enabled.budget_tokens: Input should be greater than or equal to {MinThinkingBudget}";
            }

            if (budget.GetInt64() >= maxTokens)
            {
                return "`max_tokens` must be greater than `thinking.budget_tokens`. Please consult our documentation at " +
                    "https://docs.claude.com/en/docs/build-with-claude/extended-thinking#max-tokens-and-context-window-size";
            }
        }

        string? forced = root.TryGetProperty("tool_choice", out var choice) ? ClaudeRequestReader.Text(choice, "type") : null;
        return type != "disabled" && forced is "any" or "tool" ? "Thinking may not be enabled when tool_choice forces tool use." : null;
    }

    private static string? MessageError(IReadOnlyList<JsonElement> messages, ClaudeThinkingSigner signer, bool strict)
    {
        for (int i = 0; i < messages.Count; i++)
        {
            var message = messages[i];
            if (message.ValueKind != JsonValueKind.Object)
            {
                return $"messages.{i}: Input should be a valid dictionary";
            }

            // Anthropic takes only user and assistant; the friendly emulator also reads a system role as instructions.
            string? role = ClaudeRequestReader.Text(message, "role");
            if (role is not ("user" or "assistant") && (strict || role != "system"))
            {
                return $"messages.{i}.role: Input should be 'user' or 'assistant'";
            }

            if (!message.TryGetProperty("content", out var content) || content.ValueKind is not (JsonValueKind.String or JsonValueKind.Array))
            {
                return $"messages.{i}.content: Field required";
            }

            var blocks = ClaudeRequestReader.Items(message, "content");
            bool isEmpty = content.ValueKind == JsonValueKind.String ? content.GetString()!.Length == 0 : blocks.Count == 0;
            if (isEmpty && !(i == messages.Count - 1 && ClaudeRequestReader.Text(message, "role") == "assistant"))
            {
                return $"messages.{i}: all messages must have non-empty content except for the optional final assistant message";
            }

            for (int j = 0; j < blocks.Count; j++)
            {
                // Thinking must come back exactly as it was sent: the signature proves it (docs/protocols/claude-messages.md#gotchas).
                var block = blocks[j];
                switch (ClaudeRequestReader.Text(block, "type"))
                {
                    case "text" when string.IsNullOrWhiteSpace(ClaudeRequestReader.Text(block, "text")):
                        return $"messages.{i}.content.{j}: text content blocks must contain non-whitespace text";
                    case "thinking" when !signer.Verify(ClaudeRequestReader.Text(block, "thinking") ?? "", ClaudeRequestReader.Text(block, "signature")):
                        return $"messages.{i}.content.{j}: Invalid `signature` in `thinking` block";
                    case "redacted_thinking" when !signer.WasIssued(ClaudeRequestReader.Text(block, "data")):
                        return $"messages.{i}.content.{j}: Invalid `data` in `redacted_thinking` block";
                }
            }
        }

        return null;
    }

    // Every tool_use must be answered by a tool_result in the very next message, and every tool_result must answer a
    // tool_use of the message just before it.
    private static string? PairingError(IReadOnlyList<JsonElement> messages)
    {
        for (int i = 0; i < messages.Count; i++)
        {
            var uses = BlockIds(messages[i], "tool_use", "id").Select(use => use.Id).ToList();
            var results = BlockIds(messages[i], "tool_result", "tool_use_id");
            var previousUses = i > 0 ? BlockIds(messages[i - 1], "tool_use", "id").Select(use => use.Id).ToHashSet(StringComparer.Ordinal) : [];
            if (results.FirstOrDefault(result => !previousUses.Contains(result.Id)) is { Id: not null } stray)
            {
                return $"messages.{i}.content.{stray.Index}: unexpected `tool_use_id` found in `tool_result` blocks: {stray.Id}. " +
                    "Each `tool_result` block must have a corresponding `tool_use` block in the previous message.";
            }

            if (uses.Count > 0 && i + 1 < messages.Count)
            {
                var answered = BlockIds(messages[i + 1], "tool_result", "tool_use_id").Select(result => result.Id).ToHashSet(StringComparer.Ordinal);
                var missing = uses.Where(id => !answered.Contains(id)).ToList();
                if (missing.Count > 0)
                {
                    return $"messages.{i}: `tool_use` ids were found without `tool_result` blocks immediately after: {string.Join(", ", missing)}. " +
                        "Each `tool_use` block must have a corresponding `tool_result` block in the next message.";
                }
            }
        }

        return null;
    }

    private static List<(int Index, string Id)> BlockIds(JsonElement message, string type, string idField)
    {
        var blocks = ClaudeRequestReader.Items(message, "content");
        var ids = new List<(int, string)>();
        for (int j = 0; j < blocks.Count; j++)
        {
            if (ClaudeRequestReader.Text(blocks[j], "type") == type)
            {
                ids.Add((j, ClaudeRequestReader.Text(blocks[j], idField) ?? ""));
            }
        }

        return ids;
    }
}
