using Microsoft.Extensions.AI;

namespace NexLLM.Connectors.Chat.Gemini;

/// <summary>Maps M.E.AI messages and options onto a generateContent request (docs/protocols/gemini.md). Pure: no I/O.</summary>
internal static class GeminiRequestMapper
{
    public const string Protocol = "Gemini generateContent";

    public static GeminiRequest Map(IEnumerable<ChatMessage> messages, ChatOptions? options, Action<string> ignored)
    {
        (GeminiContent? system, List<GeminiContent> contents) = GeminiMessageMapper.Map(Throw.IfNull(messages), options?.Instructions, ignored);
        var request = new GeminiRequest { Contents = contents, SystemInstruction = system };
        if (options is null)
        {
            return request;
        }

        AdditionalPropertiesDictionary? typed = options.AdditionalProperties;
        bool jsonSchema = typed?.TryGetValue(ChatOptionKeys.GeminiJsonSchema, out bool asJson) is true && asJson;
        request.GenerationConfig = MapGenerationConfig(options, jsonSchema);
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

    private static GeminiGenerationConfig? MapGenerationConfig(ChatOptions options, bool jsonSchema)
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
            ThinkingConfig = MapThinking(options),
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
    /// Reasoning None gives <c>thinkingBudget: 0</c>; Low, Medium, High give <c>thinkingLevel</c> LOW/MEDIUM/HIGH (ExtraHigh:
    /// HIGH); a typed budget wins; <c>Reasoning.Output</c> None hides thoughts, otherwise they are asked for (docs/architecture.md#conventions).
    /// </summary>
    private static GeminiThinkingConfig? MapThinking(ChatOptions options)
    {
        ReasoningOptions? reasoning = options.Reasoning;
        int? budget = options.AdditionalProperties?.TryGetValue(ChatOptionKeys.ThinkingBudget, out int typed) is true ? typed : null;
        if (reasoning is null && budget is null)
        {
            return null;
        }

        var config = new GeminiThinkingConfig { IncludeThoughts = reasoning?.Output is not ReasoningOutput.None };
        if (budget is not null)
        {
            config.ThinkingBudget = budget;

            // A budget of 0 turns thinking off, and Gemini rejects thoughts asked for without thinking (400 "include_thoughts
            // is only enabled when thinking is enabled").
            if (budget == 0)
            {
                config.IncludeThoughts = false;
            }
        }
        else
        {
            switch (reasoning?.Effort)
            {
                case ReasoningEffort.None:
                    config.ThinkingBudget = 0;
                    config.IncludeThoughts = false;
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
        }

        return config;
    }

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
