namespace NexLLM.Connectors.Chat.Claude;

/// <summary>
/// Anthropic's rules for <c>cache_control</c> breakpoints, checked on the mapped request before it is sent
/// (docs/protocols/claude-messages.md#prompt-caching): at most 4 in a request, automatic caching (the top-level
/// <c>cache_control</c>) taking one of them; and, read in the order tools, system, messages, no 1-hour breakpoint after a
/// 5-minute one. Anthropic refuses either with a 400, so each is the caller's mistake, an <see cref="ArgumentException"/>
/// naming the breakpoints by Claude's own paths.
/// </summary>
internal static class ClaudeCacheBreakpoints
{
    /// <summary>The most <c>cache_control</c> breakpoints Anthropic accepts in one request.</summary>
    public const int Max = 4;

    private const string Automatic = "the top-level cache_control (automatic caching)";

    /// <summary>Throws when the request breaks one of the rules.</summary>
    /// <param name="request">The mapped request.</param>
    /// <exception cref="ArgumentException">More than 4 breakpoints, or a 1-hour breakpoint after a 5-minute one.</exception>
    public static void Check(ClaudeRequest request)
    {
        List<(string Where, bool OneHour)> breakpoints = InOrder(request);
        if (breakpoints.Count > Max)
        {
            string automatic = request.CacheControl is null ? "" : ", automatic caching taking one of them";
            throw new ArgumentException(
                $"The request has {breakpoints.Count} cache breakpoints ({string.Join(", ", breakpoints.Select(static b => b.Where))}); " +
                $"Claude accepts at most {Max}{automatic}, and refuses more: remove some.");
        }

        string? firstFiveMinutes = null;
        foreach ((string where, bool oneHour) in breakpoints)
        {
            if (!oneHour)
            {
                firstFiveMinutes ??= where;
            }
            else if (firstFiveMinutes is not null)
            {
                throw new ArgumentException(
                    $"The 1-hour cache breakpoint at {where} comes after a 5-minute one at {firstFiveMinutes}. Claude reads tools, then system, " +
                    "then messages (numbered after consecutive messages of one role are merged), and refuses a longer TTL after a shorter one: " +
                    "use one TTL, or put the 1-hour breakpoints first.");
            }
        }

        // Automatic caching marks the last block; Anthropic refuses it when that block already has a breakpoint of the other TTL.
        if (request.CacheControl is { } top && request.Messages is [.., { Content: [.., { CacheControl: { } last }] }] && IsOneHour(top) != IsOneHour(last))
        {
            int m = request.Messages.Count - 1;
            throw new ArgumentException(
                $"Automatic caching (the top-level cache_control) asks for {Ttl(top)}, but the last block, messages.{m}.content.{request.Messages[m].Content.Count - 1}, " +
                $"has a breakpoint of {Ttl(last)}; Claude puts the automatic breakpoint on that block and refuses two TTLs there: use one TTL.");
        }
    }

    // Tools, system, messages (Anthropic's order), then the automatic breakpoint, which lands on the last block.
    private static List<(string Where, bool OneHour)> InOrder(ClaudeRequest request)
    {
        var found = new List<(string, bool)>();
        for (int i = 0; i < (request.Tools?.Count ?? 0); i++)
        {
            Add(found, $"tools.{i}", request.Tools![i].CacheControl);
        }

        for (int i = 0; i < (request.System?.Count ?? 0); i++)
        {
            Add(found, $"system.{i}", request.System![i].CacheControl);
        }

        for (int m = 0; m < request.Messages.Count; m++)
        {
            List<ClaudeContentBlock> blocks = request.Messages[m].Content;
            for (int b = 0; b < blocks.Count; b++)
            {
                Add(found, $"messages.{m}.content.{b}", blocks[b].CacheControl);
            }
        }

        Add(found, Automatic, request.CacheControl);
        return found;
    }

    private static void Add(List<(string, bool)> found, string where, ClaudeCacheControl? cacheControl)
    {
        if (cacheControl is not null)
        {
            found.Add((where, IsOneHour(cacheControl)));
        }
    }

    private static bool IsOneHour(ClaudeCacheControl cacheControl) => cacheControl.Ttl == "1h";

    private static string Ttl(ClaudeCacheControl cacheControl) => IsOneHour(cacheControl) ? "1 hour" : "5 minutes";
}
