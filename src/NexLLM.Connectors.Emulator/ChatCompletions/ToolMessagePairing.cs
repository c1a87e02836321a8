using System.Globalization;
using System.Text.Json;
using NexLLM.Connectors.Emulator.Hosting;
using NexLLM.Connectors.Emulator.Shared;

namespace NexLLM.Connectors.Emulator.ChatCompletions;

/// <summary>
/// OpenAI's rule for tool turns on chat completions (strict mode, docs/emulator.md#strict-mode): an assistant message with
/// <c>tool_calls</c> must be followed, right away, by one <c>tool</c> message per call id, and a <c>tool</c> message must
/// answer a call of the assistant message before its run of tool messages. OpenAI's wording, its <c>param</c> and a null
/// <c>code</c>; OpenAI spells "preceeding" so.
/// </summary>
internal static class ToolMessagePairing
{
    /// <summary>Returns OpenAI's refusal of the first broken pair, or <see langword="null"/>.</summary>
    public static OpenAIUpstreamError? FindError(IReadOnlyList<JsonElement> messages)
    {
        for (int i = 0; i < messages.Count; i++)
        {
            string? role = JsonRead.Text(messages[i], "role");
            if (role == "tool")
            {
                // Not part of the run after an assistant's calls (those are read below): it answers nothing.
                return OpenAIUpstreamError.Invalid(
                    "Invalid parameter: messages with role 'tool' must be a response to a preceeding message with 'tool_calls'.",
                    Param(i, "role"));
            }

            var calls = JsonRead.Items(messages[i], "tool_calls").Select(call => JsonRead.Text(call, "id") ?? "").ToList();
            if (role != "assistant" || calls.Count == 0)
            {
                continue;
            }

            var answered = new HashSet<string>(StringComparer.Ordinal);
            int next = i + 1;
            for (; next < messages.Count && JsonRead.Text(messages[next], "role") == "tool"; next++)
            {
                string id = JsonRead.Text(messages[next], "tool_call_id") ?? "";
                if (!calls.Contains(id))
                {
                    return OpenAIUpstreamError.Invalid(
                        $"Invalid parameter: 'tool_call_id' of '{id}' not found in 'tool_calls' of previous message.",
                        Param(next, "tool_call_id"));
                }

                answered.Add(id);
            }

            var missing = calls.Where(id => !answered.Contains(id)).ToList();
            if (missing.Count > 0)
            {
                // OpenAI names the message that should have been a tool message, or the whole list when the conversation ends there.
                return OpenAIUpstreamError.Invalid(
                    "An assistant message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id'. " +
                    $"The following tool_call_ids did not have response messages: {string.Join(", ", missing)}",
                    next < messages.Count ? Param(next, "role") : "messages");
            }

            i = next - 1;
        }

        return null;
    }

    private static string Param(int index, string field) => string.Create(CultureInfo.InvariantCulture, $"messages.[{index}].{field}");
}
