using Microsoft.SemanticKernel.Services;

namespace Microsoft.SemanticKernel;

/// <summary>The attributes every NexLLM Semantic Kernel service reports: its model and the gateway's endpoint, under SK's keys.</summary>
internal static class ServiceAttributes
{
    public static IReadOnlyDictionary<string, object?> Of(string model, Uri endpoint) => new Dictionary<string, object?>
    {
        [AIServiceExtensions.ModelIdKey] = model,
        [AIServiceExtensions.EndpointKey] = endpoint.ToString(),
    };
}
