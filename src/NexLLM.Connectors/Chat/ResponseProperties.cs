using Microsoft.Extensions.AI;

namespace NexLLM.Connectors.Chat;

/// <summary>The provider facts every response carries in <c>AdditionalProperties</c> (docs/architecture.md#conventions).</summary>
internal static class ResponseProperties
{
    public static AdditionalPropertiesDictionary? Create(string? requestId, string? rawFinishReason)
    {
        if (requestId is null && rawFinishReason is null)
        {
            return null;
        }

        var properties = new AdditionalPropertiesDictionary();
        if (requestId is not null)
        {
            properties[ChatOptionKeys.RequestId] = requestId;
        }

        if (rawFinishReason is not null)
        {
            properties[ChatOptionKeys.FinishReason] = rawFinishReason;
        }

        return properties;
    }
}
