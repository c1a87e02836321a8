using Microsoft.Extensions.AI;

namespace NexLLM.Connectors.Chat.Claude;

/// <summary>
/// Maps a conversation to Claude's <c>system</c> blocks and alternating <c>user</c>/<c>assistant</c> turns: system
/// messages join <c>system</c>; function results become <c>tool_result</c> blocks of a user turn; consecutive turns of
/// one role are merged; thinking is echoed back with its signature unchanged (docs/protocols/claude-messages.md).
/// </summary>
internal static class ClaudeMessageMapper
{
    public static (List<ClaudeContentBlock>? System, List<ClaudeMessage> Turns) Map(IEnumerable<ChatMessage> messages, string? instructions, Action<string> ignored)
    {
        List<ClaudeContentBlock>? system = string.IsNullOrEmpty(instructions) ? null : [new ClaudeContentBlock { Type = "text", Text = instructions }];
        var turns = new List<ClaudeMessage>();
        foreach (ChatMessage message in messages)
        {
            if (message is null)
            {
                throw new ArgumentException("The conversation contains a null message.", nameof(messages));
            }

            bool isSystem = message.Role == ChatRole.System;
            var blocks = new List<ClaudeContentBlock>(message.Contents.Count);
            foreach (AIContent content in message.Contents)
            {
                if ((isSystem ? SystemBlock(content) : Block(content, message.Role == ChatRole.Assistant, ignored)) is not { } block)
                {
                    continue;
                }

                block.CacheControl ??= ClaudeRequestMapper.CacheControlOf(content.AdditionalProperties, ChatOptionKeys.CacheControl);
                blocks.Add(block);
            }

            if (blocks.Count == 0)
            {
                continue;
            }

            blocks[^1].CacheControl ??= ClaudeRequestMapper.CacheControlOf(message.AdditionalProperties, ChatOptionKeys.CacheControl);
            if (isSystem)
            {
                (system ??= []).AddRange(blocks);
                continue;
            }

            string role = message.Role == ChatRole.Assistant ? "assistant" : "user";
            if (turns.Count > 0 && turns[^1].Role == role)
            {
                turns[^1].Content.AddRange(blocks);
            }
            else
            {
                turns.Add(new ClaudeMessage { Role = role, Content = blocks });
            }
        }

        foreach (ClaudeMessage turn in turns)
        {
            ResultsFirst(turn);
        }

        return (system, turns);
    }

    /// <summary>Claude wants a user turn's tool_result blocks before anything else in it (M.E.AI history can interleave them).</summary>
    private static void ResultsFirst(ClaudeMessage turn)
    {
        if (turn.Role == "user" && turn.Content.Exists(static b => b.Type == "tool_result"))
        {
            turn.Content = [.. turn.Content.Where(static b => b.Type == "tool_result"), .. turn.Content.Where(static b => b.Type != "tool_result")];
        }
    }

    private static ClaudeContentBlock? SystemBlock(AIContent content) =>
        content is TextContent { Text.Length: > 0 } text ? new ClaudeContentBlock { Type = "text", Text = text.Text } : null;

    private static ClaudeContentBlock? Block(AIContent content, bool assistant, Action<string> ignored)
    {
        switch (content)
        {
            case TextContent text:
                // Claude rejects empty text blocks.
                return text.Text.Length > 0 ? new ClaudeContentBlock { Type = "text", Text = text.Text } : null;

            case TextReasoningContent reasoning when assistant:
                return Thinking(reasoning, ignored);

            case FunctionCallContent call:
                return new ClaudeContentBlock { Type = "tool_use", Id = call.CallId, Name = call.Name, Input = FunctionCalls.ArgumentsElement(call) };

            case FunctionResultContent result:
                return ToolResult(result);

            case DataContent or UriContent:
                return Media(content);

            case TextReasoningContent or UsageContent or ErrorContent:
                return null;

            default:
                ignored($"content {content.GetType().Name}");
                return null;
        }
    }

    /// <summary>Only thinking Claude signed can go back: unsigned reasoning (from another provider) would be rejected.</summary>
    private static ClaudeContentBlock? Thinking(TextReasoningContent reasoning, Action<string> ignored)
    {
        if (reasoning.ProtectedData is not { Length: > 0 } protectedData)
        {
            ignored("reasoning without a Claude signature");
            return null;
        }

        return reasoning.AdditionalProperties?.TryGetValue(ChatOptionKeys.ClaudeRedactedThinking, out bool redacted) is true && redacted
            ? new ClaudeContentBlock { Type = "redacted_thinking", Data = protectedData }
            : new ClaudeContentBlock { Type = "thinking", Thinking = reasoning.Text, Signature = protectedData };
    }

    private static ClaudeContentBlock ToolResult(FunctionResultContent result)
    {
        var content = new List<ClaudeContentBlock>();
        switch (result.Result)
        {
            case AIContent single:
                AddResultContent(single, result, content);
                break;
            case IEnumerable<AIContent> many:
                foreach (AIContent item in many)
                {
                    AddResultContent(item, result, content);
                }

                break;
            default:
                AddResultText(FunctionCalls.SerializeResult(result), content);
                break;
        }

        return new ClaudeContentBlock
        {
            Type = "tool_result",
            ToolUseId = result.CallId,
            Content = content.Count > 0 ? content : null,
            IsError = result.Exception is not null ? true : null,
        };
    }

    /// <summary>A tool result carries text and images (docs/protocols/claude-messages.md); other content is sent as its text.</summary>
    private static void AddResultContent(AIContent item, FunctionResultContent result, List<ClaudeContentBlock> content)
    {
        if (IsImage(item))
        {
            content.Add(Media(item));
        }
        else
        {
            AddResultText(item is TextContent text ? text.Text : FunctionCalls.SerializeResult(new FunctionResultContent(result.CallId, item)), content);
        }
    }

    private static void AddResultText(string text, List<ClaudeContentBlock> content)
    {
        if (text.Length > 0)
        {
            content.Add(new ClaudeContentBlock { Type = "text", Text = text });
        }
    }

    private static bool IsImage(AIContent content) =>
        content is DataContent data ? data.HasTopLevelMediaType("image") : content is UriContent uri && uri.HasTopLevelMediaType("image");

    /// <summary>Images (base64 or URL), PDFs (base64 or URL) and plain text documents.</summary>
    private static ClaudeContentBlock Media(AIContent content) => content switch
    {
        DataContent data when data.HasTopLevelMediaType("image") => new ClaudeContentBlock
        {
            Type = "image",
            Source = new ClaudeSource { Type = "base64", MediaType = data.MediaType, Data = data.Base64Data.ToString() },
        },
        DataContent { MediaType: "application/pdf" } pdf => new ClaudeContentBlock
        {
            Type = "document",
            Title = pdf.Name,
            Source = new ClaudeSource { Type = "base64", MediaType = pdf.MediaType, Data = pdf.Base64Data.ToString() },
        },
        DataContent { MediaType: "text/plain" } text => new ClaudeContentBlock
        {
            Type = "document",
            Title = text.Name,
            Source = new ClaudeSource { Type = "text", MediaType = "text/plain", Data = System.Text.Encoding.UTF8.GetString(text.Data.Span) },
        },
        UriContent uri when uri.HasTopLevelMediaType("image") => new ClaudeContentBlock
        {
            Type = "image",
            Source = new ClaudeSource { Type = "url", Url = uri.Uri.AbsoluteUri },
        },
        UriContent { MediaType: "application/pdf" } pdf => new ClaudeContentBlock
        {
            Type = "document",
            Source = new ClaudeSource { Type = "url", Url = pdf.Uri.AbsoluteUri },
        },
        DataContent data => throw new ArgumentException($"Claude accepts images, PDFs and plain text documents; '{data.MediaType}' content cannot be sent."),
        UriContent uri => throw new ArgumentException($"Claude accepts remote images and PDFs only; '{uri.MediaType}' content at a URL cannot be sent."),
        _ => throw new ArgumentException($"Claude cannot carry {content.GetType().Name}."),
    };
}
