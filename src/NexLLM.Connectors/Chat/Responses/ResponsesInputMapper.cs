using System.Text.Json;
using Microsoft.Extensions.AI;

namespace NexLLM.Connectors.Chat.Responses;

/// <summary>
/// Maps the conversation to Responses input items (docs/protocols/responses.md#request): messages with their parts,
/// function calls and their outputs as items of their own, reasoning with its encrypted content, MCP approvals, and
/// items of earlier answers that this adapter keeps as JSON (hosted tool calls, unknown items) written back whole.
/// </summary>
internal static class ResponsesInputMapper
{
    public static List<ResponsesInputItem> Map(IEnumerable<ChatMessage> messages, Action<string> ignored)
    {
        var items = new List<ResponsesInputItem>();
        foreach (ChatMessage message in Throw.IfNull(messages))
        {
            if (message is null)
            {
                throw new ArgumentException("The conversation contains a null message.", nameof(messages));
            }

            Append(message, items, ignored);
        }

        return items;
    }

    private static void Append(ChatMessage message, List<ResponsesInputItem> items, Action<string> ignored)
    {
        string role = message.Role.Value;
        bool assistant = role == "assistant";
        List<ResponsesInputPart>? parts = null;
        foreach (AIContent content in message.Contents)
        {
            if (content is null)
            {
                throw new ArgumentException($"A message of role {role} contains a null content.", nameof(message));
            }

            ResponsesInputItem? item = content switch
            {
                FunctionCallContent call => new ResponsesInputItem
                {
                    Type = "function_call", CallId = call.CallId, Name = call.Name, Arguments = FunctionCalls.SerializeArguments(call),
                },
                FunctionResultContent result => new ResponsesInputItem { Type = "function_call_output", CallId = result.CallId, Output = OutputOf(result, ignored) },
                TextReasoningContent reasoning => Reasoning(reasoning, assistant, ignored),
                ToolApprovalResponseContent { ToolCall: McpServerToolCallContent } approval => new ResponsesInputItem
                {
                    Type = "mcp_approval_response", ApprovalRequestId = approval.RequestId, Approve = approval.Approved, Reason = approval.Reason,
                },
                ToolApprovalRequestContent { ToolCall: McpServerToolCallContent call } request when request.RawRepresentation is not JsonElement => new ResponsesInputItem
                {
                    Type = "mcp_approval_request", Id = request.RequestId, ServerLabel = call.ServerName, Name = call.Name,
                    Arguments = FunctionCalls.SerializeArguments(call.Arguments, call.Name, call.CallId),
                },
                { RawRepresentation: JsonElement { ValueKind: JsonValueKind.Object } raw } when raw.TryGetProperty("type", out _) => new ResponsesInputItem { Raw = raw },
                _ => null,
            };

            if (item is not null)
            {
                // Parts gathered so far go first: the order of the conversation is kept.
                Flush(role, ref parts, items, ignored);
                items.Add(item);
                continue;
            }

            if (content is TextContent or DataContent or UriContent or HostedFileContent or ErrorContent { ErrorCode: "Refusal" })
            {
                if (PartOf(content, assistant, role, ignored) is { } part)
                {
                    (parts ??= []).Add(part);
                }
            }
            else if (content is not (UsageContent or ErrorContent or ToolCallContent or ToolResultContent or TextReasoningContent)
                && !(content.GetType() == typeof(AIContent) && content.RawRepresentation is null))
            {
                // A bare AIContent carries only citations of a streamed answer (ResponsesStreamMapper): nothing to send.
                // Hosted tool calls this adapter reads carry their item on the result content; the call content is its twin.
                // Reasoning that is not sent was logged with its reason already (Reasoning).
                ignored($"content {content.GetType().Name}");
            }
        }

        Flush(role, ref parts, items, ignored);
    }

    private static void Flush(string role, ref List<ResponsesInputPart>? parts, List<ResponsesInputItem> items, Action<string> ignored)
    {
        if (parts is null)
        {
            return;
        }

        if (role == "tool")
        {
            // A tool message carries function results; the format has no place for anything else in it.
            ignored("text in a tool message without a function result");
            parts = null;
            return;
        }

        // A message of text alone is sent as a string, which every role accepts; parts otherwise.
        ResponsesContent content = parts.TrueForAll(static p => p.Type is "input_text" or "output_text")
            ? new ResponsesContent { Text = string.Concat(parts.Select(static p => p.Text)) }
            : new ResponsesContent { Parts = parts };
        items.Add(new ResponsesInputItem { Type = "message", Role = role, Content = content });
        parts = null;
    }

    private static ResponsesInputPart? PartOf(AIContent content, bool assistant, string role, Action<string> ignored)
    {
        if (assistant)
        {
            // An assistant turn carries its own text (and a refusal, as text the model said); media are inputs, the user's.
            switch (content)
            {
                case TextContent text:
                    return new ResponsesInputPart { Type = "output_text", Text = text.Text };
                case ErrorContent refusal:
                    return new ResponsesInputPart { Type = "output_text", Text = refusal.Message };
                default:
                    ignored($"content {content.GetType().Name} in a message of role {role}");
                    return null;
            }
        }

        return content switch
        {
            TextContent text => new ResponsesInputPart { Type = "input_text", Text = text.Text },
            DataContent data when data.HasTopLevelMediaType("image") => new ResponsesInputPart { Type = "input_image", ImageUrl = data.Uri, Detail = OpenAIShapes.DetailOf(data) },
            DataContent data => new ResponsesInputPart { Type = "input_file", FileData = data.Uri, Filename = data.Name ?? OpenAIShapes.DefaultFileName(data.MediaType) },
            UriContent uri when uri.HasTopLevelMediaType("image") => new ResponsesInputPart { Type = "input_image", ImageUrl = uri.Uri.AbsoluteUri, Detail = OpenAIShapes.DetailOf(uri) },
            UriContent uri => new ResponsesInputPart { Type = "input_file", FileUrl = uri.Uri.AbsoluteUri },
            HostedFileContent file when file.HasTopLevelMediaType("image") => new ResponsesInputPart { Type = "input_image", FileId = file.FileId, Detail = OpenAIShapes.DetailOf(file) },
            HostedFileContent file => new ResponsesInputPart { Type = "input_file", FileId = file.FileId, Filename = file.Name },
            ErrorContent => null,
            _ => Ignored(ignored, $"content {content.GetType().Name} in a message of role {role}"),
        };
    }

    /// <summary>
    /// Reasoning goes back only as a Responses model wrote it: an item with its id and encrypted content, from an assistant
    /// turn. Reasoning text alone, or a Claude or Gemini signature in <see cref="TextReasoningContent.ProtectedData"/> (no item
    /// id), is no input this API takes: it would answer 400 (docs/protocols/responses.md#gotchas).
    /// </summary>
    private static ResponsesInputItem? Reasoning(TextReasoningContent reasoning, bool assistant, Action<string> ignored)
    {
        string? id = ItemIdOf(reasoning);
        if (!assistant || reasoning.ProtectedData is not { Length: > 0 } encrypted || id is null)
        {
            ignored(!assistant ? "reasoning outside an assistant message" : id is null ? "reasoning of another protocol (no Responses item id)" : "reasoning without encrypted content");
            return null;
        }

        return new ResponsesInputItem
        {
            Type = "reasoning",
            Id = id,
            Summary = string.IsNullOrEmpty(reasoning.Text) ? [] : [new ResponsesSummaryPart { Text = reasoning.Text }],
            EncryptedContent = encrypted,
        };
    }

    /// <summary>The Responses item id a reasoning content came with: a string, or a JSON string once a history was saved and loaded.</summary>
    private static string? ItemIdOf(TextReasoningContent reasoning) =>
        reasoning.AdditionalProperties?.TryGetValue(ChatOptionKeys.ResponsesItemId, out object? id) is true
            ? id switch
            {
                string { Length: > 0 } text => text,
                JsonElement { ValueKind: JsonValueKind.String } element when element.GetString() is { Length: > 0 } text => text,
                _ => null,
            }
            : null;

    private static ResponsesInputPart? Ignored(Action<string> ignored, string what)
    {
        ignored(what);
        return null;
    }

    /// <summary>A function's output: its text, or parts when it returned images or files (the format takes them there).</summary>
    private static ResponsesContent OutputOf(FunctionResultContent result, Action<string> ignored)
    {
        IEnumerable<AIContent>? contents = result.Result switch
        {
            DataContent or UriContent or HostedFileContent => [(AIContent)result.Result],
            IEnumerable<AIContent> many when many.Any(static c => c is DataContent or UriContent or HostedFileContent) => many,
            _ => null,
        };

        if (contents is null)
        {
            return new ResponsesContent { Text = FunctionCalls.SerializeResult(result) };
        }

        var parts = new List<ResponsesInputPart>();
        foreach (AIContent content in contents)
        {
            if (PartOf(content, assistant: false, "function result", ignored) is { } part)
            {
                parts.Add(part);
            }
        }

        return new ResponsesContent { Parts = parts };
    }
}
