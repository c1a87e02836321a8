using System.Text.Json;
using Microsoft.Extensions.AI;
using NexLLM.Connectors.Http;

namespace NexLLM.Connectors.Chat.Responses;

/// <summary>Maps a whole Responses answer (docs/protocols/responses.md#response). Pure: no I/O.</summary>
internal static class ResponsesResponseMapper
{
    /// <summary>Maps a response object; a failed one is for the caller to raise (<see cref="ResponsesChatClient"/>).</summary>
    /// <exception cref="ResponseContentException">The response holds content no caller can use.</exception>
    public static ChatResponse Map(ResponsesResponse response, JsonElement raw, string? requestId)
    {
        var contents = new List<AIContent>();
        string? messageId = null;
        List<ResponsesOutputItem?> output = response.Output ?? [];
        JsonElement? outputJson = raw.ValueKind == JsonValueKind.Object && raw.TryGetProperty("output", out JsonElement array)
            && array.ValueKind == JsonValueKind.Array && array.GetArrayLength() == output.Count ? array : null;
        for (int i = 0; i < output.Count; i++)
        {
            if (output[i] is not { } item)
            {
                continue;
            }

            if (item.Type == "message")
            {
                messageId ??= item.Id;
            }

            ResponsesOutputMapper.AddItem(item, contents, outputJson?[i]);
        }

        DateTimeOffset? created = UnixTime.FromSeconds(response.CreatedAt);
        var message = new ChatMessage(ChatRole.Assistant, contents) { MessageId = messageId ?? response.Id, CreatedAt = created };
        return new ChatResponse(message)
        {
            ResponseId = response.Id,
            ConversationId = response.Store is true ? response.Id : null,
            ModelId = response.Model,
            CreatedAt = created,
            FinishReason = ResponsesStatus.Map(response, contents.Exists(static c => c is FunctionCallContent)),
            Usage = response.Usage is { } usage ? ResponsesUsageMapper.Map(usage) : null,
            RawRepresentation = raw,
            AdditionalProperties = ResponseProperties.Create(requestId, ResponsesStatus.Raw(response)),
        };
    }
}
