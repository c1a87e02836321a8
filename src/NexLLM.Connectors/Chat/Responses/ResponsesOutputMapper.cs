using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;
using NexLLM.Connectors.Common;
using NexLLM.Connectors.Http;

namespace NexLLM.Connectors.Chat.Responses;

/// <summary>
/// Maps output items to M.E.AI contents (docs/protocols/responses.md#response), for whole responses and for the items a
/// stream completes. Hosted tool items become M.E.AI's call and result contents, the result keeping the item as JSON so
/// that it goes back whole on the next turn; an item of a type this version does not know is kept as raw content.
/// </summary>
internal static class ResponsesOutputMapper
{
    /// <summary>Maps one item of a whole response.</summary>
    /// <param name="item">The item.</param>
    /// <param name="contents">Where its contents go.</param>
    /// <param name="json">The item's JSON as it came, kept for hosted and unknown items.</param>
    /// <exception cref="ResponseContentException">A function call's arguments are not valid UTF-8.</exception>
    public static void AddItem(ResponsesOutputItem item, List<AIContent> contents, JsonElement? json)
    {
        switch (item.Type)
        {
            case "message":
                AddMessage(item, contents);
                break;
            case "function_call":
                contents.Add(FunctionCall(item));
                break;
            case "reasoning":
                contents.Add(Reasoning(item, ReasoningText(item)));
                break;
            default:
                AddOther(item, contents, json);
                break;
        }
    }

    /// <summary>Maps an item that is neither a message, a function call nor reasoning: hosted tools and unknown items.</summary>
    /// <param name="item">The item.</param>
    /// <param name="contents">Where its contents go.</param>
    /// <param name="json">
    /// The item's JSON as it came: what goes back on the next turn, every field kept (nulls too, which the API may require).
    /// Without it the typed item is written again, which keeps what this version reads.
    /// </param>
    /// <exception cref="ResponseContentException">The item holds text that is not UTF-8, or lacks what its contents need (an MCP call's name).</exception>
    public static void AddOther(ResponsesOutputItem item, List<AIContent> contents, JsonElement? json)
    {
        try
        {
            AddHosted(item, contents, json ?? RawOf(item));
        }
        catch (InvalidOperationException ex)
        {
            throw new ResponseContentException($"a {ResponseContentException.Quote(item.Type)} item holds text that is not valid UTF-8", ex);
        }
        catch (ArgumentException ex)
        {
            // M.E.AI's contents refuse an empty name: the server sent an item without one.
            throw new ResponseContentException($"a {ResponseContentException.Quote(item.Type)} item lacks a field its content needs", ex);
        }
    }

    private static void AddHosted(ResponsesOutputItem item, List<AIContent> contents, JsonElement raw)
    {
        // The id only pairs a call with its result: one the server left out is made up, as for function calls.
        string id = item.Id is { Length: > 0 } given ? given : FunctionCalls.NewCallId();
        switch (item.Type)
        {
            case "web_search_call":
                contents.Add(new WebSearchToolCallContent(id) { Queries = QueriesOf(item.Action) });
                contents.Add(new WebSearchToolResultContent(id) { RawRepresentation = raw });
                break;
            case "code_interpreter_call":
                contents.Add(new CodeInterpreterToolCallContent(id)
                {
                    Inputs = string.IsNullOrEmpty(item.Code) ? null : [new DataContent(Encoding.UTF8.GetBytes(item.Code), "text/x-python")],
                });
                contents.Add(new CodeInterpreterToolResultContent(id) { Outputs = CodeOutputsOf(item), RawRepresentation = raw });
                break;
            case "image_generation_call":
                contents.Add(new ImageGenerationToolCallContent(id));
                contents.Add(new ImageGenerationToolResultContent(id) { Outputs = ImageOf(item), RawRepresentation = raw });
                break;
            case "mcp_call":
                contents.Add(new McpServerToolCallContent(id, item.Name ?? string.Empty, item.ServerLabel ?? string.Empty)
                {
                    Arguments = FunctionCalls.ParseArguments(item.Arguments),
                });
                contents.Add(new McpServerToolResultContent(id) { Outputs = [McpOutputOf(item)], RawRepresentation = raw });
                break;
            case "mcp_approval_request":
                var call = new McpServerToolCallContent(id, item.Name ?? string.Empty, item.ServerLabel ?? string.Empty)
                {
                    Arguments = FunctionCalls.ParseArguments(item.Arguments),
                };
                contents.Add(new ToolApprovalRequestContent(id, call) { RawRepresentation = raw });
                break;
            default:
                // file_search_call, mcp_list_tools and whatever comes next: kept, never dropped.
                contents.Add(new AIContent { RawRepresentation = raw });
                break;
        }
    }

    /// <summary>A function call, handed out whole.</summary>
    public static FunctionCallContent FunctionCall(ResponsesOutputItem item) =>
        FunctionCalls.Parse(item.CallId ?? item.Id, item.Name ?? string.Empty, item.Arguments);

    /// <summary>A reasoning item as reasoning content: its text, its encrypted content and its id (both sent back on the next turn).</summary>
    public static TextReasoningContent Reasoning(ResponsesOutputItem item, string text)
    {
        var reasoning = new TextReasoningContent(text) { ProtectedData = item.EncryptedContent };
        if (item.Id is { Length: > 0 } id)
        {
            reasoning.AdditionalProperties = new() { [ChatOptionKeys.ResponsesItemId] = id };
        }

        return reasoning;
    }

    /// <summary>The citations of a message's text parts (<c>url_citation</c>, <c>file_citation</c> ...).</summary>
    public static List<AIAnnotation>? AnnotationsOf(ResponsesOutputPart? part)
    {
        if (part?.Annotations is not { Count: > 0 } annotations)
        {
            return null;
        }

        var result = new List<AIAnnotation>(annotations.Count);
        foreach (ResponsesAnnotation? annotation in annotations)
        {
            if (annotation is null)
            {
                continue;
            }

            var citation = new CitationAnnotation
            {
                Title = annotation.Title ?? annotation.Filename,
                Url = Uri.TryCreate(annotation.Url, UriKind.Absolute, out Uri? url) ? url : null,
                FileId = annotation.FileId,
                RawRepresentation = annotation,
            };
            if (annotation.StartIndex is { } start && annotation.EndIndex is { } end)
            {
                citation.AnnotatedRegions = [new TextSpanAnnotatedRegion { StartIndex = start, EndIndex = end }];
            }

            result.Add(citation);
        }

        return result;
    }

    /// <summary>The typed item written as JSON again: the fields this version reads, and those it does not name.</summary>
    public static JsonElement RawOf(ResponsesOutputItem item) => JsonSerializer.SerializeToElement(item, ResponsesJsonContext.Default.ResponsesOutputItem);

    private static void AddMessage(ResponsesOutputItem item, List<AIContent> contents)
    {
        foreach (ResponsesOutputPart? part in item.Content ?? [])
        {
            switch (part?.Type)
            {
                case "output_text":
                    contents.Add(new TextContent(part.Text ?? string.Empty) { Annotations = AnnotationsOf(part) });
                    break;
                case "refusal":
                    contents.Add(new ErrorContent(part.Refusal ?? string.Empty) { ErrorCode = "Refusal" });
                    break;
                case null:
                    break;
                default:
                    contents.Add(new AIContent { RawRepresentation = part });
                    break;
            }
        }
    }

    /// <summary>The summary's text, or the reasoning text when there is no summary; parts apart by a blank line.</summary>
    public static string ReasoningText(ResponsesOutputItem item)
    {
        List<ResponsesOutputPart?>? parts = item.Summary is { Count: > 0 } summary ? summary : item.Content;
        return parts is null ? string.Empty : string.Join("\n\n", parts.Where(static p => !string.IsNullOrEmpty(p?.Text)).Select(static p => p!.Text));
    }

    private static List<string>? QueriesOf(JsonElement? action)
    {
        if (action is not { ValueKind: JsonValueKind.Object } element)
        {
            return null;
        }

        if (element.TryGetProperty("query", out JsonElement query) && query.ValueKind == JsonValueKind.String)
        {
            return [query.GetString()!];
        }

        return element.TryGetProperty("queries", out JsonElement queries) && queries.ValueKind == JsonValueKind.Array
            ? queries.EnumerateArray().Where(static q => q.ValueKind == JsonValueKind.String).Select(static q => q.GetString()!).ToList()
            : null;
    }

    private static List<AIContent>? CodeOutputsOf(ResponsesOutputItem item)
    {
        if (item.Outputs is not { Count: > 0 } outputs)
        {
            return null;
        }

        var result = new List<AIContent>(outputs.Count);
        foreach (ResponsesToolOutput? output in outputs)
        {
            if (output?.Type == "logs")
            {
                result.Add(new TextContent(output.Logs ?? string.Empty));
            }
            else if (output?.Type == "image" && Uri.TryCreate(output.Url, UriKind.Absolute, out Uri? url))
            {
                result.Add(new UriContent(url, "image/*"));
            }
        }

        return result;
    }

    private static List<AIContent>? ImageOf(ResponsesOutputItem item)
    {
        if (string.IsNullOrEmpty(item.Result))
        {
            return null;
        }

        try
        {
            // The bytes say what they are; the item's output_format is the fallback (as for the images endpoints).
            byte[] image = Convert.FromBase64String(item.Result);
            return [new DataContent(image, ImageFormats.Sniff(image) ?? ImageFormats.FromOutputFormat(item.OutputFormat) ?? ImageFormats.Png)];
        }
        catch (FormatException ex)
        {
            throw new ResponseContentException("the image of an image_generation_call is not base64", ex);
        }
    }

    private static AIContent McpOutputOf(ResponsesOutputItem item)
    {
        if (item.Error is { ValueKind: not JsonValueKind.Null } error)
        {
            return new ErrorContent(error.ValueKind == JsonValueKind.String ? error.GetString() : error.GetRawText());
        }

        return new TextContent(item.Output is { ValueKind: JsonValueKind.String } output ? output.GetString() : item.Output?.GetRawText());
    }
}
