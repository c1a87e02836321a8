using System.Text.Json;
using Microsoft.Extensions.AI;
using NexLLM.Connectors.Common;

namespace NexLLM.Connectors.Chat.Gemini;

/// <summary>
/// Maps a conversation to Gemini's <c>systemInstruction</c> and <c>user</c>/<c>model</c> contents (docs/protocols/gemini.md): thought
/// signatures go back unchanged on the part they came with; function results become <c>functionResponse</c> parts of
/// a user turn, named after the call they answer.
/// </summary>
internal static class GeminiMessageMapper
{
    public static (GeminiContent? System, List<GeminiContent> Contents) Map(IEnumerable<ChatMessage> messages, string? instructions, Action<string> ignored)
    {
        List<GeminiPart>? system = string.IsNullOrEmpty(instructions) ? null : [new GeminiPart { Text = instructions }];
        var contents = new List<GeminiContent>();
        var callNames = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (ChatMessage message in messages)
        {
            if (message is null)
            {
                throw new ArgumentException("The conversation contains a null message.", nameof(messages));
            }

            if (message.Role == ChatRole.System)
            {
                foreach (TextContent text in message.Contents.OfType<TextContent>())
                {
                    // As for user text: an empty part says nothing, and Google rejects a part with no data.
                    if (!string.IsNullOrEmpty(text.Text))
                    {
                        (system ??= []).Add(new GeminiPart { Text = text.Text });
                    }
                }

                continue;
            }

            bool model = message.Role == ChatRole.Assistant;
            var parts = new List<GeminiPart>(message.Contents.Count);
            foreach (AIContent content in message.Contents)
            {
                AddPart(content, model, parts, callNames, ignored);
            }

            if (parts.Count == 0)
            {
                continue;
            }

            string role = model ? "model" : "user";
            if (contents.Count > 0 && contents[^1].Role == role)
            {
                contents[^1].Parts.AddRange(parts);
            }
            else
            {
                contents.Add(new GeminiContent { Role = role, Parts = parts });
            }
        }

        return (system is null ? null : new GeminiContent { Parts = system }, contents);
    }

    private static void AddPart(AIContent content, bool model, List<GeminiPart> parts, Dictionary<string, string> callNames, Action<string> ignored)
    {
        switch (content)
        {
            case TextContent text when text.Text.Length > 0:
                parts.Add(new GeminiPart { Text = text.Text, ThoughtSignature = SignatureOf(text) });
                break;

            case TextReasoningContent reasoning when model:
                AddThought(reasoning, parts);
                break;

            case FunctionCallContent call:
                callNames[call.CallId] = call.Name;
                parts.Add(new GeminiPart
                {
                    FunctionCall = new GeminiFunctionCall { Name = call.Name, Args = FunctionCalls.ArgumentsElement(call) },
                    ThoughtSignature = SignatureOf(call),
                });
                break;

            case FunctionResultContent result:
                parts.Add(new GeminiPart
                {
                    FunctionResponse = new GeminiFunctionResponse
                    {
                        // Gemini matches a response to its call by name (new-api drops ids: docs/protocols/gemini.md).
                        Name = callNames.TryGetValue(result.CallId, out string? name) ? name : result.CallId,
                        Response = ResponseObject(result),
                    },
                });
                break;

            case DataContent data:
                parts.Add(new GeminiPart { InlineData = new GeminiBlob { MimeType = data.MediaType, Data = data.Base64Data.ToString() } });
                break;

            case UriContent uri:
                parts.Add(new GeminiPart { FileData = new GeminiFileData { MimeType = uri.MediaType, FileUri = uri.Uri.AbsoluteUri } });
                break;

            case HostedFileContent file:
                parts.Add(new GeminiPart { FileData = new GeminiFileData { MimeType = file.MediaType, FileUri = file.FileId } });
                break;

            case TextContent or TextReasoningContent or UsageContent or ErrorContent:
                break;

            default:
                ignored($"content {content.GetType().Name}");
                break;
        }
    }

    /// <summary>
    /// A thought goes back as a thought part with its signature; a signature that came alone (on a text part, surfaced as
    /// an empty reasoning content) goes back on the part before it, where Gemini put it.
    /// </summary>
    private static void AddThought(TextReasoningContent reasoning, List<GeminiPart> parts)
    {
        if (reasoning.Text.Length > 0)
        {
            parts.Add(new GeminiPart { Text = reasoning.Text, Thought = true, ThoughtSignature = reasoning.ProtectedData });
        }
        else if (reasoning.ProtectedData is { Length: > 0 } signature)
        {
            if (parts.Count > 0 && parts[^1].ThoughtSignature is null)
            {
                parts[^1].ThoughtSignature = signature;
            }
            else
            {
                parts.Add(new GeminiPart { Text = string.Empty, Thought = true, ThoughtSignature = signature });
            }
        }
    }

    /// <summary>The signature kept on a content: a string, or a JSON string once the history was serialized and read back.</summary>
    private static string? SignatureOf(AIContent content) =>
        content.AdditionalProperties?.TryGetValue(ChatOptionKeys.GeminiThoughtSignature, out object? signature) is true
            ? signature switch
            {
                string text => text,
                JsonElement { ValueKind: JsonValueKind.String } element => element.GetString(),
                _ => null,
            }
            : null;

    /// <summary>Gemini takes a JSON object: an object result goes as it is, anything else is wrapped (<c>{"result": …}</c>, <c>{"error": …}</c>).</summary>
    private static JsonElement ResponseObject(FunctionResultContent result)
    {
        if (result.Result is null && result.Exception is { } exception)
        {
            return Wrap("error", exception.Message);
        }

        string text = FunctionCalls.SerializeResult(result);
        if (text.StartsWith('{'))
        {
            try
            {
                return JsonSerializer.Deserialize(text, SharedJsonContext.Default.JsonElement);
            }
            catch (JsonException)
            {
                // Text that only looks like an object: wrap it.
            }
        }

        return Wrap("result", text);
    }

    private static JsonElement Wrap(string name, string value)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(value.Length + 16);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString(name, value);
            writer.WriteEndObject();
        }

        return JsonSerializer.Deserialize(buffer.WrittenSpan, SharedJsonContext.Default.JsonElement);
    }
}
