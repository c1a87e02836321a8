using System.Text.Json;
using Microsoft.Extensions.AI;
using NexLLM.Connectors.Chat;

namespace NexLLM.Connectors.Realtime;

/// <summary>Conversation items both ways: M.E.AI's <see cref="RealtimeConversationItem"/> and the protocol's item.</summary>
internal static class RealtimeItemMapper
{
    /// <summary>
    /// The item of <c>conversation.item.create</c>: a function result (<c>function_call_output</c>), a function call
    /// (<c>function_call</c>), or a message whose parts are text and audio.
    /// </summary>
    /// <exception cref="ArgumentException">The item mixes a function call or result with other content, or has content the protocol cannot carry.</exception>
    public static RealtimeItem ToWire(RealtimeConversationItem item, string what)
    {
        IList<AIContent> contents = item.Contents ?? [];
        if (contents.Any(static c => c is FunctionResultContent or FunctionCallContent))
        {
            if (contents.Count != 1)
            {
                throw new ArgumentException(
                    $"{what} has a function call or result with other content; the protocol carries each function call and each result as an item of its own.", what);
            }

            return contents[0] switch
            {
                FunctionResultContent result => new RealtimeItem
                {
                    Id = item.Id,
                    Type = "function_call_output",
                    CallId = result.CallId,
                    Output = FunctionCalls.SerializeResult(result),
                },
                FunctionCallContent call => new RealtimeItem
                {
                    Id = item.Id,
                    Type = "function_call",
                    CallId = call.CallId,
                    Name = call.Name,
                    Arguments = FunctionCalls.SerializeArguments(call),
                },
                _ => throw new InvalidOperationException("unreachable"),
            };
        }

        string role = item.Role?.Value ?? ChatRole.User.Value;
        bool assistant = role == ChatRole.Assistant.Value;
        var parts = new List<RealtimeContentPart>(contents.Count);
        foreach (AIContent content in contents)
        {
            parts.Add(content switch
            {
                // The beta protocol: user and system text is input_text, the assistant's is text.
                TextContent text => new RealtimeContentPart { Type = assistant ? "text" : "input_text", Text = text.Text },
                DataContent data when data.HasTopLevelMediaType("audio") => assistant
                    ? throw new ArgumentException($"{what} gives the assistant audio; the protocol accepts audio from the user only.", what)
                    : new RealtimeContentPart { Type = "input_audio", Audio = data.Base64Data.ToString() },
                _ => throw new ArgumentException(
                    $"{what} has content of type {content.GetType().Name}, which a realtime message cannot carry: use text, audio (DataContent), a function call or a function result.", what),
            });
        }

        return new RealtimeItem { Id = item.Id, Type = "message", Role = role, Content = parts };
    }

    /// <summary>An item the server sent, as M.E.AI's item: message parts as text and audio, a function call with its parsed arguments.</summary>
    /// <param name="item">The item.</param>
    /// <param name="raw">Its JSON, the <c>RawRepresentation</c> of the item and (its parts) of the contents.</param>
    public static RealtimeConversationItem FromWire(RealtimeItem item, JsonElement raw)
    {
        var contents = new List<AIContent>();
        switch (item.Type)
        {
            case "function_call":
                contents.Add(FunctionCalls.Parse(item.CallId, item.Name ?? string.Empty, item.Arguments));
                break;
            case "function_call_output":
                contents.Add(new FunctionResultContent(item.CallId ?? string.Empty, item.Output));
                break;
            default:
                IReadOnlyList<RealtimeContentPart> parts = item.Content ?? [];
                for (int i = 0; i < parts.Count; i++)
                {
                    if (parts[i] is not { } part)
                    {
                        continue; // a null part (nullable annotations are not enforced when reading): nothing to show
                    }

                    JsonElement? partRaw = raw.TryGetProperty("content", out JsonElement all) && all.ValueKind == JsonValueKind.Array && i < all.GetArrayLength() ? all[i] : null;
                    if ((part.Text ?? part.Transcript) is { } text)
                    {
                        contents.Add(new TextContent(text) { RawRepresentation = partRaw });
                    }
                    else if (part.Audio is { Length: > 0 } audio && DecodeAudio(audio) is { } bytes)
                    {
                        // Audio that is not base64 stays in the item's RawRepresentation only: the part is the server's, not the caller's.
                        contents.Add(new DataContent(bytes, "audio/pcm") { RawRepresentation = partRaw });
                    }
                }

                break;
        }

        return new RealtimeConversationItem(contents, item.Id, item.Role is { Length: > 0 } role ? new ChatRole(role) : null) { RawRepresentation = raw };
    }

    private static byte[]? DecodeAudio(string base64)
    {
        byte[] buffer = new byte[(base64.Length * 3 / 4) + 3];
        return Convert.TryFromBase64String(base64, buffer, out int written) ? buffer.AsSpan(0, written).ToArray() : null;
    }
}
