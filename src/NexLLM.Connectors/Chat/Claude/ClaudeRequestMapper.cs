using Microsoft.Extensions.AI;
using NexLLM.Connectors.Http;

namespace NexLLM.Connectors.Chat.Claude;

/// <summary>Maps M.E.AI messages and options onto a Messages request (docs/protocols/claude-messages.md). Pure: no I/O.</summary>
internal static class ClaudeRequestMapper
{
    public const string Protocol = "Claude messages";

    /// <summary>Claude requires <c>max_tokens</c>; this is sent when the caller sets no <see cref="ChatOptions.MaxOutputTokens"/>.</summary>
    public const int DefaultMaxTokens = 4096;

    /// <summary>
    /// The most <c>max_tokens</c> is raised to when it has to exceed the thinking budget: the output limit of Claude Sonnet 4.5,
    /// Haiku 4.5 and the other 64K models (docs/protocols/claude-messages.md#thinking). A caller's own larger value is kept.
    /// </summary>
    public const int MaxRaisedTokens = 64_000;

    /// <summary>Thinking budgets for <see cref="ReasoningEffort"/> Low, Medium, High and ExtraHigh (docs/architecture.md#conventions).</summary>
    private static readonly int[] Budgets = [1024, 8192, 16384, 32768];

    /// <exception cref="ArgumentException">Content Claude cannot carry, or cache breakpoints Claude refuses (<see cref="ClaudeCacheBreakpoints"/>).</exception>
    public static ClaudeRequest Map(IEnumerable<ChatMessage> messages, ChatOptions? options, string model, bool stream, Action<string> ignored)
    {
        string modelId = options?.ModelId is { } requested ? Throw.IfNotIdentifier(requested, "options.ModelId") : model;
        AdditionalPropertiesDictionary? typed = options?.AdditionalProperties;
        (List<ClaudeContentBlock>? system, List<ClaudeMessage> turns) = ClaudeMessageMapper.Map(Throw.IfNull(messages), options?.Instructions, ignored);
        MarkLast(system, CacheControlOf(typed, ChatOptionKeys.ClaudeSystemCacheControl));

        ClaudeThinking? thinking = MapThinking(options);
        int maxTokens = options?.MaxOutputTokens ?? DefaultMaxTokens;
        if (thinking?.BudgetTokens is int budget && maxTokens <= budget)
        {
            // max_tokens counts thinking and answer together and must exceed the budget: keep the answer's share, but not
            // above the output limit of the current models, which refuse more with a 400 (docs/protocols/claude-messages.md#thinking).
            maxTokens = Math.Min(maxTokens + budget, Math.Max(MaxRaisedTokens, budget + 1));
        }

        var request = new ClaudeRequest
        {
            Model = modelId,
            MaxTokens = maxTokens,
            System = system,
            Messages = turns,
            Stream = stream ? true : null,
            Thinking = thinking,
        };

        if (options is null)
        {
            ClaudeCacheBreakpoints.Check(request);
            return request;
        }

        request.StopSequences = options.StopSequences is { Count: > 0 } stop ? stop : null;
        request.Temperature = options.Temperature;
        request.TopP = options.TopP;
        request.TopK = options.TopK;
        request.Metadata = typed?.TryGetValue(ChatOptionKeys.ClaudeUserId, out string? userId) is true ? new ClaudeMetadata { UserId = userId } : null;
        request.CacheControl = CacheControlOf(typed, ChatOptionKeys.ClaudeCacheControl);
        request.OutputConfig = MapOutputFormat(options.ResponseFormat, ignored);
        MapTools(request, options, CacheControlOf(typed, ChatOptionKeys.ClaudeToolsCacheControl), ignored);
        KeepToThinkingRules(request, ignored);
        if (request.Thinking is null)
        {
            // Thinking was left out above: max_tokens goes back to the caller's own limit, not the one raised for a budget.
            request.MaxTokens = options.MaxOutputTokens ?? DefaultMaxTokens;
        }

        if (options.Seed is not null)
        {
            ignored(nameof(ChatOptions.Seed));
        }

        if (options.FrequencyPenalty is not null || options.PresencePenalty is not null)
        {
            ignored("FrequencyPenalty/PresencePenalty");
        }

        if (options.ConversationId is not null)
        {
            ignored(nameof(ChatOptions.ConversationId));
        }

        ClaudeCacheBreakpoints.Check(request);
        return request;
    }

    /// <summary>
    /// The <c>anthropic-beta</c> values asked for with <see cref="NexLLMClaudeExtensions.WithClaudeBeta"/>, if any. Checked
    /// again here: the reserved key can also be written directly, and a line break would smuggle in another header.
    /// </summary>
    public static string? BetaHeader(ChatOptions? options)
    {
        if (options?.AdditionalProperties?.TryGetValue(ChatOptionKeys.ClaudeBeta, out string? beta) is not true || string.IsNullOrEmpty(beta))
        {
            return null;
        }

        HeaderRules.Validate("anthropic-beta", beta, nameof(options));
        return beta;
    }

    /// <summary>A <c>cache_control</c> from a reserved key holding <c>5m</c> or <c>1h</c>.</summary>
    public static ClaudeCacheControl? CacheControlOf(AdditionalPropertiesDictionary? properties, string key) =>
        properties?.TryGetValue(key, out string? ttl) is true && ttl is not null
            ? new ClaudeCacheControl { Ttl = ttl == "5m" ? null : ttl }
            : null;

    private static void MarkLast(List<ClaudeContentBlock>? blocks, ClaudeCacheControl? cacheControl)
    {
        if (cacheControl is not null && blocks is { Count: > 0 })
        {
            blocks[^1].CacheControl = cacheControl;
        }
    }

    /// <summary>
    /// Reasoning None disables thinking; Low to ExtraHigh give fixed budgets; a typed budget or adaptive thinking wins
    /// (docs/architecture.md#conventions).
    /// </summary>
    private static ClaudeThinking? MapThinking(ChatOptions? options)
    {
        AdditionalPropertiesDictionary? typed = options?.AdditionalProperties;
        if (typed?.TryGetValue(ChatOptionKeys.ClaudeAdaptiveThinking, out bool adaptive) is true && adaptive)
        {
            return new ClaudeThinking { Type = "adaptive" };
        }

        if (typed?.TryGetValue(ChatOptionKeys.ThinkingBudget, out int budget) is true)
        {
            return budget == 0 ? new ClaudeThinking { Type = "disabled" } : new ClaudeThinking { Type = "enabled", BudgetTokens = budget };
        }

        return options?.Reasoning?.Effort switch
        {
            null => null,
            ReasoningEffort.None => new ClaudeThinking { Type = "disabled" },
            ReasoningEffort.Low => new ClaudeThinking { Type = "enabled", BudgetTokens = Budgets[0] },
            ReasoningEffort.Medium => new ClaudeThinking { Type = "enabled", BudgetTokens = Budgets[1] },
            ReasoningEffort.High => new ClaudeThinking { Type = "enabled", BudgetTokens = Budgets[2] },
            _ => new ClaudeThinking { Type = "enabled", BudgetTokens = Budgets[3] },
        };
    }

    /// <summary>
    /// What Anthropic refuses with thinking, with a 400 (docs/protocols/claude-messages.md#thinking), is not sent, each logged
    /// as ignored: a tool choice that forces tool use wins over thinking (M.E.AI's function invocation forces only the first
    /// call); extended thinking is left out while the assistant turn in progress has tool calls that did not start with
    /// thinking (that forced call, or history from another provider, whose reasoning carries no Claude signature) —
    /// Anthropic's own advice for that case; and extended thinking drops a temperature other than 1, top_k, and a top_p below 0.95.
    /// </summary>
    private static void KeepToThinkingRules(ClaudeRequest request, Action<string> ignored)
    {
        if (request.Thinking is { Type: not "disabled" } && request.ToolChoice?.Type is "any" or "tool")
        {
            ignored("Reasoning with a tool mode that requires a tool call");
            request.Thinking = null;
        }

        if (request.Thinking?.Type != "enabled")
        {
            return;
        }

        if (TurnInProgressLacksThinking(request.Messages))
        {
            ignored("Reasoning in a tool-use turn that started without thinking");
            request.Thinking = null;
            return;
        }

        if (request.Temperature is { } temperature && temperature != 1)
        {
            ignored("Temperature other than 1 with extended thinking");
            request.Temperature = null;
        }

        if (request.TopK is not null)
        {
            ignored("TopK with extended thinking");
            request.TopK = null;
        }

        if (request.TopP is { } topP && topP < 0.95)
        {
            // Anthropic takes top_p from 0.95 to 1 with thinking.
            ignored("TopP below 0.95 with extended thinking");
            request.TopP = null;
        }
    }

    // The assistant turn in progress: the assistant messages after the last user message that is not tool results. With
    // thinking on, its first message must start with thinking when the turn used tools.
    private static bool TurnInProgressLacksThinking(List<ClaudeMessage> turns)
    {
        int start = turns.FindLastIndex(static t => t.Role == "user" && !t.Content.Exists(static b => b.Type == "tool_result")) + 1;
        var assistants = turns.Skip(start).Where(static t => t.Role == "assistant").ToList();
        return assistants.Exists(static t => t.Content.Exists(static b => b.Type == "tool_use"))
            && assistants[0].Content[0].Type is not ("thinking" or "redacted_thinking");
    }

    private static ClaudeOutputConfig? MapOutputFormat(ChatResponseFormat? format, Action<string> ignored)
    {
        switch (format)
        {
            case ChatResponseFormatJson { Schema: { } schema }:
                return new ClaudeOutputConfig { Format = new ClaudeOutputFormat { Schema = schema } };
            case ChatResponseFormatJson:
                // Claude has structured output from a schema but no schema-less JSON mode.
                ignored("ResponseFormat.Json without a schema");
                return null;
            default:
                return null;
        }
    }

    private static void MapTools(ClaudeRequest request, ChatOptions options, ClaudeCacheControl? cacheControl, Action<string> ignored)
    {
        List<ClaudeTool>? definitions = FunctionTools.Define(
            options,
            static function => new ClaudeTool { Name = function.Name, Description = FunctionTools.DescriptionOf(function), InputSchema = function.JsonSchema },
            ignored);
        if (definitions is null)
        {
            return;
        }

        definitions[^1].CacheControl = cacheControl;
        request.Tools = definitions;
        bool? disableParallel = options.AllowMultipleToolCalls is false ? true : null;
        request.ToolChoice = options.ToolMode switch
        {
            NoneChatToolMode => new ClaudeToolChoice { Type = "none" },
            RequiredChatToolMode { RequiredFunctionName: { } name } => new ClaudeToolChoice { Type = "tool", Name = name, DisableParallelToolUse = disableParallel },
            RequiredChatToolMode => new ClaudeToolChoice { Type = "any", DisableParallelToolUse = disableParallel },
            AutoChatToolMode => new ClaudeToolChoice { Type = "auto", DisableParallelToolUse = disableParallel },
            _ => disableParallel is null ? null : new ClaudeToolChoice { Type = "auto", DisableParallelToolUse = true },
        };
    }
}
