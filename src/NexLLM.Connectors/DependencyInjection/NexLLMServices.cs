using Microsoft.Extensions.DependencyInjection;

namespace NexLLM.Connectors.DependencyInjection;

/// <summary>Where the registrations of chat, embedding, image and rerank clients find their <see cref="NexLLMClient"/>.</summary>
internal static class NexLLMServices
{
    public static NexLLMClient GetClient(IServiceProvider services) =>
        services.GetService<NexLLMClient>()
        ?? throw new InvalidOperationException(
            "No NexLLMClient is registered. Call services.AddNexLLMClient(...) (with a delegate or a configuration section), " +
            "or register a NexLLMClient instance, before resolving NexLLM chat, embedding, image or rerank clients.");

    public static NexLLMChatProtocol IfUnknown(NexLLMChatProtocol protocol) =>
        Enum.IsDefined(protocol) ? protocol : throw new ArgumentOutOfRangeException(nameof(protocol), protocol, "Unknown chat protocol.");

    public static NexLLMEmbeddingProtocol IfUnknown(NexLLMEmbeddingProtocol protocol) =>
        Enum.IsDefined(protocol) ? protocol : throw new ArgumentOutOfRangeException(nameof(protocol), protocol, "Unknown embedding protocol.");

    public static int? IfNotPositive(int? dimensions) =>
        dimensions is { } requested ? Throw.IfOutOfRange(requested, 1, int.MaxValue, nameof(dimensions)) : null;
}
