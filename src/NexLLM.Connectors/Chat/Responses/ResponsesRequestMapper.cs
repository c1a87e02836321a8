using Microsoft.Extensions.AI;

namespace NexLLM.Connectors.Chat.Responses;

/// <summary>
/// Maps M.E.AI messages and options onto a Responses request (docs/protocols/responses.md). Pure: no I/O.
/// Stateless by default (docs/protocols/responses.md#through-the-gateway): <c>store: false</c> and the whole history each
/// turn, with encrypted reasoning asked for when the model reasons, because the gateway may send the next turn to another
/// upstream account that never saw a stored response.
/// </summary>
internal static class ResponsesRequestMapper
{
    public const string Protocol = "responses";

    private const string EncryptedReasoning = "reasoning.encrypted_content";

    /// <summary>Maps a conversation and its options.</summary>
    /// <param name="messages">The conversation.</param>
    /// <param name="options">The options, if any.</param>
    /// <param name="model">The client's model, used when <see cref="ChatOptions.ModelId"/> is not set.</param>
    /// <param name="stream">Whether to ask for a stream.</param>
    /// <param name="ignored">Called with the name of each option the format has no field for.</param>
    public static ResponsesRequest Map(IEnumerable<ChatMessage> messages, ChatOptions? options, string model, bool stream, Action<string> ignored)
    {
        string modelId = options?.ModelId is { } requested ? Throw.IfNotIdentifier(requested, "options.ModelId") : model;
        bool stored = options is not null && (options.ConversationId is not null || IsSet(options, ChatOptionKeys.ResponsesStore));
        var request = new ResponsesRequest
        {
            Model = modelId,
            Input = ResponsesInputMapper.Map(messages, ignored),
            Instructions = string.IsNullOrEmpty(options?.Instructions) ? null : options.Instructions,
            Stream = stream ? true : null,
            Store = stored,
            PreviousResponseId = options?.ConversationId,
        };

        // Encrypted reasoning is what carries reasoning from one stateless turn to the next; a model without reasoning
        // refuses the request that asks for it (docs/protocols/responses.md#gotchas).
        if (!stored && (options?.Reasoning is not null || IsReasoningModel(modelId)))
        {
            request.Include = [EncryptedReasoning];
        }

        if (options is null)
        {
            return request;
        }

        bool strict = IsSet(options, ChatOptionKeys.StrictJsonSchema);
        request.MaxOutputTokens = options.MaxOutputTokens;
        request.Temperature = options.Temperature;
        request.TopP = options.TopP;
        request.Text = MapTextFormat(options.ResponseFormat, strict);
        request.Reasoning = MapReasoning(options.Reasoning, ignored);
        MapTools(request, options, strict, ignored);
        LogIgnored(options, ignored);
        return request;
    }

    /// <summary>
    /// OpenAI's reasoning families (docs/protocols/responses.md#gotchas): o1, o3, o4, gpt-5 except its chat models, codex.
    /// A provider prefix (<c>openai/o3</c>) is looked through.
    /// </summary>
    public static bool IsReasoningModel(string model)
    {
        string name = model[(model.LastIndexOf('/') + 1)..];
        return name.StartsWith("o1", StringComparison.OrdinalIgnoreCase)
            || name.StartsWith("o3", StringComparison.OrdinalIgnoreCase)
            || name.StartsWith("o4", StringComparison.OrdinalIgnoreCase)
            || (name.StartsWith("gpt-5", StringComparison.OrdinalIgnoreCase) && !name.Contains("-chat", StringComparison.OrdinalIgnoreCase))
            || name.Contains("codex", StringComparison.OrdinalIgnoreCase);
    }

    private static bool IsSet(ChatOptions options, string key) =>
        options.AdditionalProperties?.TryGetValue(key, out object? value) is true && value is true;

    private static ResponsesReasoningOptions? MapReasoning(ReasoningOptions? reasoning, Action<string> ignored)
    {
        if (reasoning is null)
        {
            return null;
        }

        string? effort = OpenAIShapes.Effort(reasoning.Effort, ignored);

        string? summary = reasoning.Output switch
        {
            null or ReasoningOutput.None => null,
            ReasoningOutput.Summary => "auto",
            ReasoningOutput.Full => "detailed",
            _ => Ignored(ignored, "Reasoning.Output"),
        };

        return effort is null && summary is null ? null : new ResponsesReasoningOptions { Effort = effort, Summary = summary };
    }

    private static string? Ignored(Action<string> ignored, string option)
    {
        ignored(option);
        return null;
    }

    private static ResponsesTextOptions? MapTextFormat(ChatResponseFormat? format, bool strict) => format switch
    {
        ChatResponseFormatJson { Schema: { } schema } json => new ResponsesTextOptions
        {
            Format = new ResponsesTextFormat
            {
                Type = "json_schema",
                Name = json.SchemaName ?? "response",
                Description = json.SchemaDescription,
                Schema = strict ? OpenAIShapes.StrictSchemas.GetOrCreateTransformedSchema(json) : schema,
                Strict = strict,
            },
        },
        ChatResponseFormatJson => new ResponsesTextOptions { Format = new ResponsesTextFormat { Type = "json_object" } },
        _ => null,
    };

    private static void MapTools(ResponsesRequest request, ChatOptions options, bool strict, Action<string> ignored)
    {
        // The Responses API takes a function as strict unless told otherwise, so "strict" is always written: false for a
        // schema that was not made strict (docs/protocols/responses.md#request).
        List<ResponsesTool>? tools = FunctionTools.Define(
            options,
            function => new ResponsesTool
            {
                Type = "function",
                Name = function.Name,
                Description = FunctionTools.DescriptionOf(function),
                Parameters = strict ? OpenAIShapes.StrictSchemas.GetOrCreateTransformedSchema(function) : function.JsonSchema,
                Strict = strict,
            },
            ignored,
            ResponsesHostedTools.Define);
        if (tools is null)
        {
            return;
        }

        request.Tools = tools;
        request.ParallelToolCalls = options.AllowMultipleToolCalls;
        request.ToolChoice = options.ToolMode switch
        {
            null => null,
            NoneChatToolMode => new ResponsesToolChoice { Mode = "none" },
            RequiredChatToolMode { RequiredFunctionName: { } name } => new ResponsesToolChoice { FunctionName = name },
            RequiredChatToolMode => new ResponsesToolChoice { Mode = "required" },
            _ => new ResponsesToolChoice { Mode = "auto" },
        };
    }

    private static void LogIgnored(ChatOptions options, Action<string> ignored)
    {
        if (options.AllowBackgroundResponses is not null)
        {
            // The gateway drops "background" and has no route to fetch a response later (docs/protocols/responses.md#through-the-gateway).
            ignored(nameof(ChatOptions.AllowBackgroundResponses));
        }

        if (options.ContinuationToken is not null)
        {
            ignored(nameof(ChatOptions.ContinuationToken));
        }

        if (options.TopK is not null)
        {
            ignored(nameof(ChatOptions.TopK));
        }

        if (options.FrequencyPenalty is not null)
        {
            ignored(nameof(ChatOptions.FrequencyPenalty));
        }

        if (options.PresencePenalty is not null)
        {
            ignored(nameof(ChatOptions.PresencePenalty));
        }

        if (options.Seed is not null)
        {
            ignored(nameof(ChatOptions.Seed));
        }

        if (options.StopSequences is { Count: > 0 })
        {
            ignored(nameof(ChatOptions.StopSequences));
        }
    }
}
