using NexLLM.Connectors;
using NexLLM.Connectors.DependencyInjection;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers NexLLM rerank clients (<c>POST /v1/rerank</c>) on the <see cref="NexLLMClient"/> registered by <c>AddNexLLMClient</c>.</summary>
public static class NexLLMRerankClientServiceCollectionExtensions
{
    /// <summary>Registers an <see cref="IRerankClient"/> for a model (a singleton); decorators added to the returned builder wrap it.</summary>
    /// <param name="services">The services.</param>
    /// <param name="model">The model id, for example <c>jina-reranker-v2-base-multilingual</c>.</param>
    /// <returns>A builder on which to add decorators, for example <c>.UseLogging().UseOpenTelemetry()</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="model"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="model"/> is empty or contains control characters.</exception>
    public static RerankClientBuilder AddNexLLMRerankClient(this IServiceCollection services, string model) =>
        AddKeyedNexLLMRerankClient(services, serviceKey: null, model);

    /// <summary>Registers a keyed <see cref="IRerankClient"/> for a model (a singleton).</summary>
    /// <param name="services">The services.</param>
    /// <param name="serviceKey">The key; <see langword="null"/> registers the unkeyed client.</param>
    /// <param name="model">The model id.</param>
    /// <returns>A builder on which to add decorators.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="model"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="model"/> is empty or contains control characters.</exception>
    public static RerankClientBuilder AddKeyedNexLLMRerankClient(this IServiceCollection services, object? serviceKey, string model)
    {
        Throw.IfNull(services);
        Throw.IfNotIdentifier(model);
        return services.AddKeyedRerankClient(serviceKey, provider => NexLLMServices.GetClient(provider).GetRerankClient(model));
    }
}
