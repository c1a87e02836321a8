using NexLLM.Connectors;

namespace Microsoft.Extensions.DependencyInjection;

// The overloads mirror M.E.AI's AddChatClient/AddKeyedChatClient exactly (an instance or a factory, each with an optional
// lifetime), so that rerank registers like every other AI service; RS0026 would forbid that shape.
#pragma warning disable RS0026

/// <summary>Registers an <see cref="IRerankClient"/> pipeline in an <see cref="IServiceCollection"/>, as <c>AddChatClient</c> does for chat.</summary>
public static class RerankClientBuilderServiceCollectionExtensions
{
    /// <summary>Registers a rerank client; decorators added to the returned builder wrap it.</summary>
    /// <param name="serviceCollection">The services.</param>
    /// <param name="innerClient">The inner client.</param>
    /// <param name="lifetime">The lifetime of the built pipeline (default singleton).</param>
    /// <returns>A builder on which to add decorators (<c>.UseLogging().UseOpenTelemetry()</c>).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="serviceCollection"/> or <paramref name="innerClient"/> is <see langword="null"/>.</exception>
    public static RerankClientBuilder AddRerankClient(
        this IServiceCollection serviceCollection, IRerankClient innerClient, ServiceLifetime lifetime = ServiceLifetime.Singleton)
    {
        Throw.IfNull(innerClient);
        return AddRerankClient(serviceCollection, _ => innerClient, lifetime);
    }

    /// <summary>Registers a rerank client created from the services; decorators added to the returned builder wrap it.</summary>
    /// <param name="serviceCollection">The services.</param>
    /// <param name="innerClientFactory">Creates the inner client.</param>
    /// <param name="lifetime">The lifetime of the built pipeline (default singleton).</param>
    /// <returns>A builder on which to add decorators.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="serviceCollection"/> or <paramref name="innerClientFactory"/> is <see langword="null"/>.</exception>
    public static RerankClientBuilder AddRerankClient(
        this IServiceCollection serviceCollection, Func<IServiceProvider, IRerankClient> innerClientFactory, ServiceLifetime lifetime = ServiceLifetime.Singleton)
    {
        Throw.IfNull(serviceCollection);
        Throw.IfNull(innerClientFactory);
        var builder = new RerankClientBuilder(innerClientFactory);
        serviceCollection.Add(new ServiceDescriptor(typeof(IRerankClient), services => builder.Build(services), lifetime));
        return builder;
    }

    /// <summary>Registers a keyed rerank client; decorators added to the returned builder wrap it.</summary>
    /// <param name="serviceCollection">The services.</param>
    /// <param name="serviceKey">The key (resolve with <c>GetRequiredKeyedService&lt;IRerankClient&gt;(key)</c> or <c>[FromKeyedServices]</c>).</param>
    /// <param name="innerClient">The inner client.</param>
    /// <param name="lifetime">The lifetime of the built pipeline (default singleton).</param>
    /// <returns>A builder on which to add decorators.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="serviceCollection"/> or <paramref name="innerClient"/> is <see langword="null"/>.</exception>
    public static RerankClientBuilder AddKeyedRerankClient(
        this IServiceCollection serviceCollection, object? serviceKey, IRerankClient innerClient, ServiceLifetime lifetime = ServiceLifetime.Singleton)
    {
        Throw.IfNull(innerClient);
        return AddKeyedRerankClient(serviceCollection, serviceKey, _ => innerClient, lifetime);
    }

    /// <summary>Registers a keyed rerank client created from the services; decorators added to the returned builder wrap it.</summary>
    /// <param name="serviceCollection">The services.</param>
    /// <param name="serviceKey">The key.</param>
    /// <param name="innerClientFactory">Creates the inner client.</param>
    /// <param name="lifetime">The lifetime of the built pipeline (default singleton).</param>
    /// <returns>A builder on which to add decorators.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="serviceCollection"/> or <paramref name="innerClientFactory"/> is <see langword="null"/>.</exception>
    public static RerankClientBuilder AddKeyedRerankClient(
        this IServiceCollection serviceCollection, object? serviceKey, Func<IServiceProvider, IRerankClient> innerClientFactory, ServiceLifetime lifetime = ServiceLifetime.Singleton)
    {
        Throw.IfNull(serviceCollection);
        Throw.IfNull(innerClientFactory);
        var builder = new RerankClientBuilder(innerClientFactory);
        serviceCollection.Add(new ServiceDescriptor(typeof(IRerankClient), serviceKey, (services, _) => builder.Build(services), lifetime));
        return builder;
    }
}
