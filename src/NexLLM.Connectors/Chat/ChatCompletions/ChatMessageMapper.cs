using Microsoft.Extensions.AI;

namespace NexLLM.Connectors.Chat.ChatCompletions;

/// <summary>Maps one M.E.AI message to chat-completions messages: function results become separate <c>tool</c> messages.</summary>
internal static class ChatMessageMapper
{
    public static void Append(ChatMessage message, List<ChatRequestMessage> result, Action<string> ignored)
    {
        string role = message.Role.Value;
        List<AIContent>? parts = null;
        List<ToolCall>? toolCalls = null;
        List<ChatRequestMessage>? toolResults = null;
        string? reasoning = null;

        foreach (AIContent content in message.Contents)
        {
            switch (content)
            {
                case FunctionResultContent functionResult:
                    (toolResults ??= []).Add(new ChatRequestMessage
                    {
                        Role = "tool",
                        ToolCallId = functionResult.CallId,
                        Content = new MessageContent { Text = FunctionCalls.SerializeResult(functionResult) },
                    });
                    break;
                case FunctionCallContent call:
                    (toolCalls ??= []).Add(new ToolCall
                    {
                        Id = call.CallId,
                        Type = "function",
                        Function = new FunctionCall { Name = call.Name, Arguments = FunctionCalls.SerializeArguments(call) },
                    });
                    break;
                case TextReasoningContent thought:
                    // Written back on the next turn: DeepSeek-style providers require it on tool-call turns.
                    reasoning = reasoning is null ? thought.Text : reasoning + thought.Text;
                    break;
                case TextContent or DataContent or UriContent or HostedFileContent:
                    (parts ??= []).Add(content);
                    break;
                case UsageContent or ErrorContent:
                    break;
                default:
                    ignored($"content {content.GetType().Name}");
                    break;
            }
        }

        // Only an assistant message carries reasoning back; elsewhere the format has no field for it.
        if (reasoning is not null && role != "assistant")
        {
            ignored($"reasoning in a message of role {role}");
            reasoning = null;
        }

        // A tool message must come right after the assistant message whose call it answers (OpenAI refuses anything
        // between them, docs/protocols/chat-completions.md#request). So a message that makes calls goes before the results it
        // carries, and the results a message without calls carries (M.E.AI lets a user message hold results and text) go
        // before its own text, next to the calls they answer.
        bool resultsFirst = toolCalls is null;
        if (resultsFirst && toolResults is not null)
        {
            result.AddRange(toolResults);
        }

        if ((parts is not null && role != "tool") || toolCalls is not null || reasoning is not null)
        {
            result.Add(new ChatRequestMessage
            {
                Role = role,
                Name = message.AuthorName,
                Content = parts is null ? null : MapContent(parts, role, ignored),
                ToolCalls = toolCalls,
                ReasoningContent = reasoning,
            });
        }
        else if (parts is not null)
        {
            ignored("text in a tool message without a function result");
        }

        if (!resultsFirst && toolResults is not null)
        {
            result.AddRange(toolResults);
        }
    }

    private static MessageContent MapContent(List<AIContent> contents, string role, Action<string> ignored)
    {
        // Only user messages take parts other than text; a lone text stays a plain string, as most servers expect.
        if (role != "user" || contents.TrueForAll(static c => c is TextContent))
        {
            foreach (AIContent content in contents)
            {
                if (content is not TextContent)
                {
                    ignored($"content {content.GetType().Name} in a message of role {role}");
                }
            }

            return new MessageContent { Text = string.Concat(contents.OfType<TextContent>().Select(static t => t.Text)) };
        }

        var parts = new List<ContentPart>(contents.Count);
        foreach (AIContent content in contents)
        {
            parts.Add(MapPart(content));
        }

        return new MessageContent { Parts = parts };
    }

    private static ContentPart MapPart(AIContent content) => content switch
    {
        TextContent text => new ContentPart { Type = "text", Text = text.Text },
        DataContent data when data.HasTopLevelMediaType("image") => new ContentPart
        {
            Type = "image_url",
            ImageUrl = new ImageUrlPart { Url = data.Uri, Detail = OpenAIShapes.DetailOf(data) },
        },
        DataContent data when data.HasTopLevelMediaType("audio") => new ContentPart
        {
            Type = "input_audio",
            InputAudio = new InputAudioPart { Data = data.Base64Data.ToString(), Format = AudioFormat(data.MediaType) },
        },
        DataContent data => new ContentPart
        {
            Type = "file",
            File = new FilePart { FileData = data.Uri, Filename = data.Name ?? OpenAIShapes.DefaultFileName(data.MediaType) },
        },
        UriContent uri when uri.HasTopLevelMediaType("image") => new ContentPart
        {
            Type = "image_url",
            ImageUrl = new ImageUrlPart { Url = uri.Uri.AbsoluteUri, Detail = OpenAIShapes.DetailOf(uri) },
        },
        UriContent uri => throw new ArgumentException(
            $"Chat completions accept remote URLs only for images; '{uri.MediaType}' content at a URL must be sent as DataContent (bytes) instead."),
        HostedFileContent file => new ContentPart { Type = "file", File = new FilePart { FileId = file.FileId, Filename = file.Name } },
        _ => throw new ArgumentException($"Chat completions cannot carry {content.GetType().Name} in a user message."),
    };

    private static string AudioFormat(string mediaType) => mediaType.ToLowerInvariant() switch
    {
        "audio/wav" or "audio/x-wav" or "audio/wave" or "audio/vnd.wave" => "wav",
        "audio/mpeg" or "audio/mp3" => "mp3",
        var other => other["audio/".Length..],
    };
}
