using System.Text.Json;
using Microsoft.Extensions.AI;

namespace NexLLM.Connectors.Chat.Claude;

/// <summary>Maps a non-streamed Messages response to a <see cref="ChatResponse"/>. Pure: no I/O.</summary>
internal static class ClaudeResponseMapper
{
    public static ChatResponse Map(ClaudeResponse response, JsonElement raw, string? requestId)
    {
        var contents = new List<AIContent>(response.Content?.Count ?? 0);
        foreach (ClaudeContentBlock? block in response.Content ?? [])
        {
            if (block is not null && ClaudeContentMapper.Map(block) is { } content)
            {
                contents.Add(content);
            }
        }

        var message = new ChatMessage(ChatRole.Assistant, contents) { MessageId = response.Id };
        return new ChatResponse(message)
        {
            ResponseId = response.Id,
            ModelId = response.Model,
            FinishReason = ClaudeStopReason.Map(response.StopReason),
            Usage = response.Usage is { } usage ? ClaudeUsageMapper.Map(usage) : null,
            RawRepresentation = raw,
            AdditionalProperties = ResponseProperties.Create(requestId, response.StopReason),
        };
    }
}
