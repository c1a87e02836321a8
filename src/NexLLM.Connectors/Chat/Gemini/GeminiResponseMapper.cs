using System.Text.Json;
using Microsoft.Extensions.AI;

namespace NexLLM.Connectors.Chat.Gemini;

/// <summary>Maps a non-streamed generateContent response to a <see cref="ChatResponse"/>. Pure: no I/O.</summary>
internal static class GeminiResponseMapper
{
    public static ChatResponse Map(GeminiResponse response, JsonElement raw, string? requestId)
    {
        GeminiCandidate? candidate = GeminiContentMapper.Answer(response.Candidates);
        var contents = new List<AIContent>();
        foreach (GeminiPart? part in candidate?.Content?.Parts ?? [])
        {
            if (part is not null)
            {
                GeminiContentMapper.AddPart(part, contents);
            }
        }

        string? rawFinish = candidate?.FinishReason;
        ChatFinishReason? finish = GeminiContentMapper.FinishReason(rawFinish, contents.Exists(static c => c is FunctionCallContent));
        if (candidate is null && response.PromptFeedback is { BlockReason: { Length: > 0 } blockReason } feedback)
        {
            contents.Add(GeminiContentMapper.Blocked(feedback));
            rawFinish = blockReason;
            finish = ChatFinishReason.ContentFilter;
        }

        AdditionalPropertiesDictionary? properties = ResponseProperties.Create(requestId, rawFinish);
        GeminiContentMapper.AddCandidateFacts(candidate, response.PromptFeedback, ref properties);
        return new ChatResponse(new ChatMessage(ChatRole.Assistant, contents) { MessageId = response.ResponseId })
        {
            ResponseId = response.ResponseId,
            ModelId = response.ModelVersion,
            FinishReason = finish,
            Usage = response.UsageMetadata is { } usage ? GeminiContentMapper.Usage(usage) : null,
            RawRepresentation = raw,
            AdditionalProperties = properties,
        };
    }
}
