using System.Globalization;
using System.Text.Json;

namespace NexLLM.Connectors.Emulator.Claude;

/// <summary>
/// What Anthropic refuses on <c>POST /v1/messages</c> that the friendly emulator lets through, checked in strict mode only
/// (docs/emulator.md#strict-mode), with Anthropic's wording: a <c>max_tokens</c> above the model's output limit
/// (<see cref="ClaudeOutputLimits"/>), a custom tool without <c>input_schema</c>, <c>temperature</c> other than 1 or a
/// <c>top_k</c> while thinking is enabled, and, while thinking is enabled, a final assistant turn with tool use that does
/// not start with its thinking. (A <c>system</c> role inside <c>messages</c> is refused by
/// <see cref="ClaudeRequestValidator"/> with Anthropic's role message.)
/// </summary>
internal static class ClaudeStrictRules
{
    private const string ThinkingConsiderations =
        "Please consult our documentation at https://docs.claude.com/en/docs/build-with-claude/extended-thinking#important-considerations-when-using-extended-thinking";

    /// <summary>A <c>max_tokens</c> above the model's limit, or a custom tool without <c>input_schema</c>.</summary>
    public static string? RequestError(JsonElement root, long maxTokens)
    {
        string model = ClaudeRequestReader.Text(root, "model") ?? "";
        if (ClaudeOutputLimits.For(model) is var (snapshot, limit) && maxTokens > limit)
        {
            return string.Create(CultureInfo.InvariantCulture, $"max_tokens: {maxTokens} > {limit}, which is the maximum allowed number of output tokens for {snapshot}");
        }

        var tools = ClaudeRequestReader.Items(root, "tools");
        for (int i = 0; i < tools.Count; i++)
        {
            // Custom tools have no type (or "custom"); server tools (web_search_20250305…) have none of these fields.
            string? type = ClaudeRequestReader.Text(tools[i], "type");
            if (tools[i].ValueKind == JsonValueKind.Object && type is null or "custom" && !tools[i].TryGetProperty("input_schema", out _))
            {
                return string.Create(CultureInfo.InvariantCulture, $"tools.{i}.custom.input_schema: Field required");
            }
        }

        return null;
    }

    /// <summary>Sampling settings extended thinking does not allow: <c>temperature</c> other than 1, any <c>top_k</c>.</summary>
    public static string? SamplingError(JsonElement root)
    {
        if (!ThinkingEnabled(root))
        {
            return null;
        }

        if (root.TryGetProperty("temperature", out var temperature) && temperature.ValueKind == JsonValueKind.Number && temperature.GetDouble() != 1)
        {
            return "`temperature` may only be set to 1 when thinking is enabled. " + ThinkingConsiderations;
        }

        return root.TryGetProperty("top_k", out var topK) && topK.ValueKind != JsonValueKind.Null
            ? "`top_k` must be unset when thinking is enabled. " + ThinkingConsiderations
            : null;
    }

    /// <summary>
    /// With thinking enabled, the assistant turn in progress — the assistant messages after the last user message that is
    /// not tool results — must start with its <c>thinking</c> (or <c>redacted_thinking</c>) block when it used tools, so
    /// the thinking that led to those tool calls comes back.
    /// </summary>
    public static string? ThinkingTurnError(JsonElement root, IReadOnlyList<JsonElement> messages)
    {
        if (!ThinkingEnabled(root))
        {
            return null;
        }

        int turnStart = messages.Count;
        while (turnStart > 0 && !IsUserPrompt(messages[turnStart - 1]))
        {
            turnStart--;
        }

        var assistants = Enumerable.Range(turnStart, messages.Count - turnStart)
            .Where(i => ClaudeRequestReader.Text(messages[i], "role") == "assistant")
            .ToList();
        if (assistants.Count == 0 || !assistants.Any(i => BlockTypes(messages[i]).Contains("tool_use")))
        {
            return null;
        }

        int first = assistants[0];
        string found = BlockTypes(messages[first]).FirstOrDefault() ?? "text";
        return found is "thinking" or "redacted_thinking"
            ? null
            : string.Create(CultureInfo.InvariantCulture, $"messages.{first}.content.0.type: Expected `thinking` or `redacted_thinking`, but found `{found}`. ") +
                "When `thinking` is enabled, a final `assistant` message must start with a thinking block (preceeding the lastmost set of " +
                "`tool_use` and `tool_result` blocks). We recommend you include thinking blocks from previous turns. To avoid this requirement, " +
                "disable `thinking`. Please consult our documentation at https://docs.claude.com/en/docs/build-with-claude/extended-thinking";
    }

    // Only "enabled" thinking: adaptive thinking may answer without thinking, so its turns cannot be held to this.
    private static bool ThinkingEnabled(JsonElement root) =>
        root.TryGetProperty("thinking", out var thinking) && ClaudeRequestReader.Text(thinking, "type") == "enabled";

    // A user message that starts a turn: one without tool results (those continue the assistant's turn).
    private static bool IsUserPrompt(JsonElement message) =>
        ClaudeRequestReader.Text(message, "role") == "user" && !BlockTypes(message).Contains("tool_result");

    private static List<string> BlockTypes(JsonElement message)
    {
        if (message.ValueKind == JsonValueKind.Object && message.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.String)
        {
            return ["text"];
        }

        return [.. ClaudeRequestReader.Items(message, "content").Select(block => ClaudeRequestReader.Text(block, "type") ?? "")];
    }
}
