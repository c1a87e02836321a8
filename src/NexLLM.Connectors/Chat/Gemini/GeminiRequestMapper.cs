using Microsoft.Extensions.AI;
using NexLLM.Connectors.Common;

namespace NexLLM.Connectors.Chat.Gemini;

/// <summary>Maps M.E.AI messages and options onto a generateContent request (docs/protocols/gemini.md). Pure: no I/O.</summary>
internal static class GeminiRequestMapper
{
    public const string Protocol = "Gemini generateContent";

    /// <summary>The smallest budget Gemini 2.5 Pro takes; it refuses 0 (docs/protocols/gemini.md#thinking-budgets).</summary>
    private const int ProMinBudget = 128;

    /// <summary>
    /// <c>thinkingBudget</c> for <see cref="ReasoningEffort"/> Low, Medium and High (ExtraHigh too) on Gemini 2.5, whose
    /// documented control is the budget: inside the range of every 2.5 model, Pro 128 to 32,768, Flash 0 to 24,576,
    /// Flash-Lite 512 to 24,576 (docs/protocols/gemini.md#thinking-budgets).
    /// </summary>
    private static readonly int[] Budgets25 = [1024, 8192, 24576];

    public static GeminiRequest Map(IEnumerable<ChatMessage> messages, ChatOptions? options, string model, Action<string> ignored)
    {
        (GeminiContent? system, List<GeminiContent> contents) = GeminiMessageMapper.Map(Throw.IfNull(messages), options?.Instructions, ignored);
        var request = new GeminiRequest { Contents = contents, SystemInstruction = system };
        if (options is null)
        {
            return request;
        }

        AdditionalPropertiesDictionary? typed = options.AdditionalProperties;
        bool jsonSchema = typed?.TryGetValue(ChatOptionKeys.GeminiJsonSchema, out bool asJson) is true && asJson;
        request.GenerationConfig = MapGenerationConfig(options, jsonSchema, model, ignored);
        MapTools(request, options, jsonSchema, ignored);
        request.SafetySettings = typed?.TryGetValue(ChatOptionKeys.GeminiSafetySettings, out NexLLMGeminiSafetySetting[]? settings) is true && settings is { Length: > 0 }
            ? [.. settings.Select(static s => new GeminiSafetySetting { Category = s.Category, Threshold = s.Threshold })]
            : null;
        request.CachedContent = typed?.TryGetValue(ChatOptionKeys.GeminiCachedContent, out string? cached) is true ? cached : null;

        if (options.ConversationId is not null)
        {
            ignored(nameof(ChatOptions.ConversationId));
        }

        return request;
    }

    private static GeminiGenerationConfig? MapGenerationConfig(ChatOptions options, bool jsonSchema, string model, Action<string> ignored)
    {
        var config = new GeminiGenerationConfig
        {
            Temperature = options.Temperature,
            TopP = options.TopP,
            TopK = options.TopK,
            MaxOutputTokens = options.MaxOutputTokens,
            StopSequences = options.StopSequences is { Count: > 0 } stop ? stop : null,
            Seed = options.Seed,
            PresencePenalty = options.PresencePenalty,
            FrequencyPenalty = options.FrequencyPenalty,
            ThinkingConfig = MapThinking(options, model, ignored),
        };

        if (options.ResponseFormat is ChatResponseFormatJson json)
        {
            config.ResponseMimeType = "application/json";
            if (json.Schema is { } schema)
            {
                if (jsonSchema)
                {
                    config.ResponseJsonSchema = schema;
                }
                else
                {
                    config.ResponseSchema = GeminiSchema.ConvertCached(json, schema);
                }
            }
        }

        bool empty = config is
        {
            Temperature: null, TopP: null, TopK: null, MaxOutputTokens: null, StopSequences: null, Seed: null, PresencePenalty: null,
            FrequencyPenalty: null, ThinkingConfig: null, ResponseMimeType: null,
        };
        return empty ? null : config;
    }

    /// <summary>
    /// A typed budget wins. Otherwise <see cref="ReasoningEffort"/> goes to the control the model's family takes
    /// (docs/protocols/gemini.md#thinking-levels): on Gemini 2.5, <c>thinkingBudget</c> from <see cref="Budgets25"/> (None: 0,
    /// or on 2.5 Pro, which always thinks, its smallest budget); on other models, <c>thinkingLevel</c> LOW/MEDIUM/HIGH
    /// (ExtraHigh: HIGH; None: budget 0). <c>Reasoning.Output</c> None hides thoughts, otherwise they are asked for.
    /// </summary>
    private static GeminiThinkingConfig? MapThinking(ChatOptions options, string model, Action<string> ignored)
    {
        ReasoningOptions? reasoning = options.Reasoning;
        int? budget = options.AdditionalProperties?.TryGetValue(ChatOptionKeys.ThinkingBudget, out int typed) is true ? typed : null;
        if (reasoning is null && budget is null)
        {
            return null;
        }

        var config = new GeminiThinkingConfig { IncludeThoughts = reasoning?.Output is not ReasoningOutput.None };
        bool gemini25 = IsGemini25(model);
        switch (budget is null ? reasoning?.Effort : null)
        {
            case null:
                config.ThinkingBudget = budget;
                break;
            case ReasoningEffort.None when gemini25 && IsPro(model):
                ignored("ReasoningEffort.None on Gemini 2.5 Pro, which always thinks (its smallest budget, 128, is sent instead)");
                config.ThinkingBudget = ProMinBudget;
                config.IncludeThoughts = false;
                break;
            case ReasoningEffort.None:
                config.ThinkingBudget = 0;
                break;
            case ReasoningEffort effort when gemini25:
                config.ThinkingBudget = effort switch
                {
                    ReasoningEffort.Low => Budgets25[0],
                    ReasoningEffort.Medium => Budgets25[1],
                    _ => Budgets25[2],
                };
                break;
            case ReasoningEffort.Low:
                config.ThinkingLevel = "LOW";
                break;
            case ReasoningEffort.Medium:
                config.ThinkingLevel = "MEDIUM";
                break;
            case ReasoningEffort.High or ReasoningEffort.ExtraHigh:
                config.ThinkingLevel = "HIGH";
                break;
        }

        // A budget of 0 turns thinking off, and Gemini rejects thoughts asked for without thinking (400 "include_thoughts
        // is only enabled when thinking is enabled").
        if (config.ThinkingBudget == 0)
        {
            config.IncludeThoughts = false;
        }

        return config;
    }

    /// <summary>Gemini 2.5 models (<c>gemini-2.5-pro</c>, <c>-flash</c>, <c>-flash-lite</c>, their previews), with or without Google's <c>models/</c> prefix.</summary>
    private static bool IsGemini25(string model) => GeminiModelPath.Strip(model).StartsWith("gemini-2.5", StringComparison.OrdinalIgnoreCase);

    private static bool IsPro(string model) => GeminiModelPath.Strip(model).Contains("-pro", StringComparison.OrdinalIgnoreCase);

    private static void MapTools(GeminiRequest request, ChatOptions options, bool jsonSchema, Action<string> ignored)
    {
        List<GeminiFunctionDeclaration>? declarations = FunctionTools.Define(
            options,
            function => new GeminiFunctionDeclaration
            {
                Name = function.Name,
                Description = FunctionTools.DescriptionOf(function),
                Parameters = jsonSchema ? null : GeminiSchema.ConvertCached(function, function.JsonSchema),
                ParametersJsonSchema = jsonSchema ? function.JsonSchema : null,
            },
            ignored);
        if (declarations is null)
        {
            return;
        }

        request.Tools = [new GeminiTool { FunctionDeclarations = declarations }];
        request.ToolConfig = options.ToolMode switch
        {
            null => null,
            NoneChatToolMode => Config("NONE"),
            RequiredChatToolMode { RequiredFunctionName: { } name } => Config("ANY", [name]),
            RequiredChatToolMode => Config("ANY"),
            _ => Config("AUTO"),
        };

        if (options.AllowMultipleToolCalls is not null)
        {
            ignored(nameof(ChatOptions.AllowMultipleToolCalls));
        }

        static GeminiToolConfig Config(string mode, List<string>? allowed = null) =>
            new() { FunctionCallingConfig = new GeminiFunctionCallingConfig { Mode = mode, AllowedFunctionNames = allowed } };
    }
}
