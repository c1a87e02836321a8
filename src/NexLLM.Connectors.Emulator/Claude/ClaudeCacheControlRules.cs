using System.Globalization;
using System.Text.Json;

namespace NexLLM.Connectors.Emulator.Claude;

/// <summary>
/// Anthropic's limits on <c>cache_control</c> breakpoints, checked in strict mode (docs/emulator.md#strict-mode), with
/// Anthropic's wording: at most 4 blocks with <c>cache_control</c>; and, the blocks read in the order tools, system,
/// messages, no <c>ttl: "1h"</c> block after a 5-minute one (no <c>ttl</c>, or <c>"5m"</c>). Only the blocks directly in
/// <c>tools</c>, <c>system</c> and each message's <c>content</c> are read; the top-level <c>cache_control</c> (automatic
/// caching) is not checked: Anthropic's wording for its refusals was not found.
/// </summary>
internal static class ClaudeCacheControlRules
{
    private const int MaxBlocks = 4;

    /// <summary>Returns Anthropic's message for the first rule the request breaks, or <see langword="null"/>.</summary>
    public static string? Error(JsonElement root, IReadOnlyList<JsonElement> messages)
    {
        List<(string Path, bool OneHour)> marked = Marked(root, messages);
        if (marked.Count > MaxBlocks)
        {
            return string.Create(CultureInfo.InvariantCulture, $"A maximum of {MaxBlocks} blocks with cache_control may be provided. Found {marked.Count}.");
        }

        bool fiveMinutesSeen = false;
        foreach ((string path, bool oneHour) in marked)
        {
            if (oneHour && fiveMinutesSeen)
            {
                return path + ".cache_control.ttl: a ttl='1h' cache_control block must not come after a ttl='5m' cache_control block. " +
                    "Note that blocks are processed in the following order: `tools`, `system`, `messages`.";
            }

            fiveMinutesSeen |= !oneHour;
        }

        return null;
    }

    // In Anthropic's order. A custom tool's path has "custom" in it, as in Anthropic's input_schema message (tools.0.custom.…).
    private static List<(string Path, bool OneHour)> Marked(JsonElement root, IReadOnlyList<JsonElement> messages)
    {
        var marked = new List<(string, bool)>();
        var tools = ClaudeRequestReader.Items(root, "tools");
        for (int i = 0; i < tools.Count; i++)
        {
            string kind = ClaudeRequestReader.Text(tools[i], "type") is null or "custom" ? ".custom" : "";
            Add(marked, string.Create(CultureInfo.InvariantCulture, $"tools.{i}{kind}"), tools[i]);
        }

        var system = ClaudeRequestReader.Items(root, "system");
        for (int i = 0; i < system.Count; i++)
        {
            Add(marked, string.Create(CultureInfo.InvariantCulture, $"system.{i}"), system[i]);
        }

        for (int m = 0; m < messages.Count; m++)
        {
            var blocks = ClaudeRequestReader.Items(messages[m], "content");
            for (int b = 0; b < blocks.Count; b++)
            {
                Add(marked, string.Create(CultureInfo.InvariantCulture, $"messages.{m}.content.{b}"), blocks[b]);
            }
        }

        return marked;
    }

    private static void Add(List<(string, bool)> marked, string path, JsonElement block)
    {
        if (block.ValueKind == JsonValueKind.Object && block.TryGetProperty("cache_control", out var cacheControl) && cacheControl.ValueKind == JsonValueKind.Object)
        {
            marked.Add((path, ClaudeRequestReader.Text(cacheControl, "ttl") == "1h"));
        }
    }
}
