namespace NexLLM.Connectors.Emulator.Engine;

/// <summary>
/// Decides which tools the reply calls: none when tool choice is <c>none</c>; the named one for a named choice;
/// otherwise the tools the last user message asks for (by name, a part of the name, or two words of the
/// description), or the first tool when a call is required and none is asked for. Several tools are called in
/// parallel unless <c>parallel_tool_calls</c> is false; one tool with a place argument is called once per place named.
/// </summary>
internal static class ToolCallPlanner
{
    // Name parts that say nothing about what a tool is for ("get_weather" is about "weather").
    private static readonly HashSet<string> GenericNameParts = new(StringComparer.Ordinal)
    {
        "get", "set", "list", "create", "update", "delete", "remove", "fetch", "find", "lookup", "look", "up", "do", "run",
        "make", "the", "a", "an", "to", "of", "for", "by", "with", "and", "or", "is", "new", "all", "current", "tool",
        "function", "api", "info", "data", "my",
    };

    private static readonly HashSet<string> DescriptionStopWords = new(StringComparer.Ordinal)
    {
        "with", "from", "that", "this", "these", "those", "returns", "return", "given", "current", "specified", "about",
        "which", "their", "there", "have", "will", "should", "when", "what", "where", "information", "value", "values",
        "string", "number", "using", "used", "user", "users", "into", "based", "also", "each", "some", "provide",
        "provides", "gets", "get", "function", "tool", "call", "calls", "useful", "optional", "required", "parameter",
        "parameters", "data", "details", "list", "lists", "find", "finds", "look", "looks", "like", "them", "then",
    };

    public static IReadOnlyList<ChatToolCall> Plan(ChatEngineRequest request, UserText user)
    {
        if (request.Tools.Count == 0 || request.ToolChoice.Mode == ToolChoiceMode.None)
        {
            return [];
        }

        List<ChatToolDefinition> chosen = request.ToolChoice.Mode == ToolChoiceMode.Named
            ? request.Tools.Where(t => t.Name == request.ToolChoice.FunctionName).Take(1).ToList()
            : request.Tools.Where(t => IsAskedFor(t, user)).ToList();

        if (chosen.Count == 0 && request.ToolChoice.Mode == ToolChoiceMode.Required)
        {
            chosen.Add(request.Tools[0]);
        }

        if (!request.ParallelToolCalls && chosen.Count > 1)
        {
            chosen.RemoveRange(1, chosen.Count - 1);
        }

        var calls = new List<ChatToolCall>();
        foreach (var tool in chosen)
        {
            bool oncePerPlace = chosen.Count == 1 && request.ParallelToolCalls && SchemaValueBuilder.TakesPlace(tool.Parameters);
            int count = oncePerPlace ? Math.Max(1, user.Places.Count) : 1;
            for (int place = 0; place < count; place++)
            {
                calls.Add(new ChatToolCall(request.NewToolCallId(), tool.Name, SchemaValueBuilder.BuildArguments(tool.Parameters, user, place)));
            }
        }

        return calls;
    }

    private static bool IsAskedFor(ChatToolDefinition tool, UserText user)
    {
        if (user.IsEmpty)
        {
            return false;
        }

        if (user.Text.Contains(tool.Name, StringComparison.OrdinalIgnoreCase)
            || user.Text.Contains(tool.Name.Replace('_', ' '), StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (NameParts(tool.Name).Any(user.Mentions))
        {
            return true;
        }

        var keywords = (tool.Description ?? "")
            .Split([' ', ',', '.', ';', ':', '(', ')', '"', '\'', '/', '-', '\n'], StringSplitOptions.RemoveEmptyEntries)
            .Select(w => w.ToLowerInvariant())
            .Where(w => w.Length >= 4 && !DescriptionStopWords.Contains(w))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        int needed = keywords.Count == 1 ? 1 : 2;
        return keywords.Count(user.Mentions) >= needed;
    }

    /// <summary>Splits <c>get_weather</c>, <c>getWeather</c>, <c>weather-now</c> into lower-case parts, without generic verbs.</summary>
    private static IEnumerable<string> NameParts(string name)
    {
        var part = new System.Text.StringBuilder();
        var parts = new List<string>();
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            bool boundary = c is '_' or '-' or '.' || (char.IsUpper(c) && i > 0 && char.IsLower(name[i - 1]));
            if (boundary && part.Length > 0)
            {
                parts.Add(part.ToString().ToLowerInvariant());
                part.Clear();
            }

            if (char.IsLetterOrDigit(c))
            {
                part.Append(c);
            }
        }

        if (part.Length > 0)
        {
            parts.Add(part.ToString().ToLowerInvariant());
        }

        return parts.Where(p => p.Length >= 3 && !GenericNameParts.Contains(p));
    }
}
