using Microsoft.Extensions.AI;

namespace NexLLM.Connectors.Chat.ChatCompletions;

/// <summary>Maps M.E.AI messages and options onto a chat-completions request (docs/protocols/chat-completions.md). Pure: no I/O.</summary>
internal static class ChatCompletionsRequestMapper
{
    public const string Protocol = "chat completions";

    /// <summary>Maps a conversation and its options.</summary>
    /// <param name="messages">The conversation.</param>
    /// <param name="options">The options, if any.</param>
    /// <param name="model">The client's model, used when <see cref="ChatOptions.ModelId"/> is not set.</param>
    /// <param name="stream">Whether to ask for a stream.</param>
    /// <param name="ignored">Called with the name of each option the format has no field for.</param>
    public static ChatCompletionRequest Map(IEnumerable<ChatMessage> messages, ChatOptions? options, string model, bool stream, Action<string> ignored)
    {
        string modelId = options?.ModelId is { } requested ? Throw.IfNotIdentifier(requested, "options.ModelId") : model;
        var request = new ChatCompletionRequest { Model = modelId, Messages = MapMessages(messages, options?.Instructions, ignored) };
        if (stream)
        {
            request.Stream = true;
            request.StreamOptions = new StreamOptions { IncludeUsage = true };
        }

        if (options is null)
        {
            return request;
        }

        bool strict = options.AdditionalProperties?.TryGetValue(ChatOptionKeys.StrictJsonSchema, out object? value) is true && value is true;
        request.Temperature = options.Temperature;
        request.TopP = options.TopP;
        request.FrequencyPenalty = options.FrequencyPenalty;
        request.PresencePenalty = options.PresencePenalty;
        request.Seed = options.Seed;
        request.Stop = options.StopSequences is { Count: > 0 } stop ? stop : null;
        if (options.MaxOutputTokens is { } maxTokens)
        {
            // OpenAI's reasoning models reject max_tokens; most other upstreams only know max_tokens (docs/protocols/chat-completions.md).
            if (UsesMaxCompletionTokens(modelId))
            {
                request.MaxCompletionTokens = maxTokens;
            }
            else
            {
                request.MaxTokens = maxTokens;
            }
        }

        request.ReasoningEffort = OpenAIShapes.Effort(options.Reasoning?.Effort, ignored);
        request.ResponseFormat = MapResponseFormat(options.ResponseFormat, strict);
        MapTools(request, options, strict, ignored);

        if (options.TopK is not null)
        {
            ignored(nameof(ChatOptions.TopK));
        }

        if (options.ConversationId is not null)
        {
            ignored(nameof(ChatOptions.ConversationId));
        }

        if (options.Reasoning?.Output is not null)
        {
            ignored("Reasoning.Output");
        }

        return request;
    }

    /// <summary>OpenAI's o-series and gpt-5 models take <c>max_completion_tokens</c> only.</summary>
    public static bool UsesMaxCompletionTokens(string model) =>
        model.StartsWith("o1", StringComparison.OrdinalIgnoreCase)
        || model.StartsWith("o3", StringComparison.OrdinalIgnoreCase)
        || model.StartsWith("o4", StringComparison.OrdinalIgnoreCase)
        || model.StartsWith("gpt-5", StringComparison.OrdinalIgnoreCase);

    private static List<ChatRequestMessage> MapMessages(IEnumerable<ChatMessage> messages, string? instructions, Action<string> ignored)
    {
        var result = new List<ChatRequestMessage>();
        if (!string.IsNullOrEmpty(instructions))
        {
            result.Add(new ChatRequestMessage { Role = "system", Content = new MessageContent { Text = instructions } });
        }

        foreach (ChatMessage message in Throw.IfNull(messages))
        {
            if (message is null)
            {
                throw new ArgumentException("The conversation contains a null message.", nameof(messages));
            }

            ChatMessageMapper.Append(message, result, ignored);
        }

        return result;
    }

    private static ResponseFormat? MapResponseFormat(ChatResponseFormat? format, bool strict) => format switch
    {
        ChatResponseFormatJson { Schema: { } schema } json => new ResponseFormat
        {
            Type = "json_schema",
            JsonSchema = new JsonSchemaFormat
            {
                Name = json.SchemaName ?? "response",
                Description = json.SchemaDescription,
                Schema = strict ? OpenAIShapes.StrictSchemas.GetOrCreateTransformedSchema(json) : schema,
                Strict = strict ? true : null,
            },
        },
        ChatResponseFormatJson => new ResponseFormat { Type = "json_object" },
        _ => null,
    };

    private static void MapTools(ChatCompletionRequest request, ChatOptions options, bool strict, Action<string> ignored)
    {
        List<ToolDefinition>? definitions = FunctionTools.Define(
            options,
            function => new ToolDefinition
            {
                Function = new FunctionDefinition
                {
                    Name = function.Name,
                    Description = FunctionTools.DescriptionOf(function),
                    Parameters = strict ? OpenAIShapes.StrictSchemas.GetOrCreateTransformedSchema(function) : function.JsonSchema,
                    Strict = strict ? true : null,
                },
            },
            ignored);
        if (definitions is null)
        {
            return;
        }

        request.Tools = definitions;
        request.ParallelToolCalls = options.AllowMultipleToolCalls;
        request.ToolChoice = options.ToolMode switch
        {
            null => null,
            NoneChatToolMode => new ToolChoice { Mode = "none" },
            RequiredChatToolMode { RequiredFunctionName: { } name } => new ToolChoice { FunctionName = name },
            RequiredChatToolMode => new ToolChoice { Mode = "required" },
            _ => new ToolChoice { Mode = "auto" },
        };
    }
}
