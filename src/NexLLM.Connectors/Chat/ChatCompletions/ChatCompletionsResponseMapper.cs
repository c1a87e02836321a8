using System.Text.Json;
using Microsoft.Extensions.AI;
using NexLLM.Connectors.Http;

namespace NexLLM.Connectors.Chat.ChatCompletions;

/// <summary>Maps a non-streamed chat completion to a <see cref="ChatResponse"/>. Pure: no I/O.</summary>
internal static class ChatCompletionsResponseMapper
{
    /// <summary>Maps the first choice (the adapter never asks for more than one).</summary>
    /// <returns>The response, or <see langword="null"/> when the body holds no choice.</returns>
    public static ChatResponse? Map(ChatCompletionResponse completion, JsonElement raw, string? requestId)
    {
        ChatChoice? choice = completion.Choices is { Count: > 0 } choices ? choices[0] : null;
        if (choice is null)
        {
            return null;
        }

        var contents = new List<AIContent>();
        ChatResponseMessage? message = choice.Message;
        if (message is not null)
        {
            if ((message.ReasoningContent ?? message.Reasoning) is { Length: > 0 } reasoning)
            {
                contents.Add(new TextReasoningContent(reasoning));
            }

            if (!string.IsNullOrEmpty(message.Content))
            {
                contents.Add(new TextContent(message.Content));
            }

            if (!string.IsNullOrEmpty(message.Refusal))
            {
                contents.Add(new ErrorContent(message.Refusal) { ErrorCode = "Refusal" });
            }

            // A null entry (a broken upstream's "tool_calls":[null]) carries no call: skip it rather than fail with a NullReferenceException.
            foreach (ToolCall? call in message.ToolCalls ?? [])
            {
                if (call is null)
                {
                    continue;
                }

                contents.Add(FunctionCalls.Parse(call.Id, call.Function?.Name ?? string.Empty, call.Function?.Arguments));
            }
        }

        DateTimeOffset? created = UnixTime.FromSeconds(completion.Created);
        var responseMessage = new ChatMessage(ChatRole.Assistant, contents) { MessageId = completion.Id, CreatedAt = created };
        return new ChatResponse(responseMessage)
        {
            ResponseId = completion.Id,
            ModelId = completion.Model,
            CreatedAt = created,
            FinishReason = OpenAIFinishReason.Map(choice.FinishReason),
            Usage = completion.Usage is { } usage ? OpenAIUsageMapper.Map(usage) : null,
            RawRepresentation = raw,
            AdditionalProperties = ResponseProperties.Create(requestId, choice.FinishReason),
        };
    }
}
