using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.AI;
using NexLLM.Connectors;
using NexLLM.Connectors.DependencyInjection;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers NexLLM realtime clients (<c>/v1/realtime</c>) on the <see cref="NexLLMClient"/> registered by
/// <c>AddNexLLMClient</c>. M.E.AI 10.11 has a <see cref="RealtimeClientBuilder"/> but no service-collection extension for
/// it, so the pipeline the builder makes is registered here, as a singleton, the way <c>AddChatClient</c> registers chat.
/// </summary>
[Experimental("MEAI001")]
public static class NexLLMRealtimeClientServiceCollectionExtensions
{
    /// <summary>Registers an <see cref="IRealtimeClient"/> for a model (a singleton); decorators added to the returned builder wrap it.</summary>
    /// <param name="services">The services.</param>
    /// <param name="model">The model id, for example <c>gpt-4o-realtime-preview</c>.</param>
    /// <returns>A builder on which to add decorators, for example <c>.UseFunctionInvocation().UseLogging().UseOpenTelemetry()</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="model"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="model"/> is empty or contains control characters.</exception>
    public static RealtimeClientBuilder AddNexLLMRealtimeClient(this IServiceCollection services, string model) =>
        AddKeyedNexLLMRealtimeClient(services, serviceKey: null, model);

    /// <summary>Registers a keyed <see cref="IRealtimeClient"/> for a model (a singleton).</summary>
    /// <param name="services">The services.</param>
    /// <param name="serviceKey">The key; <see langword="null"/> registers the unkeyed client.</param>
    /// <param name="model">The model id.</param>
    /// <returns>A builder on which to add decorators.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="model"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="model"/> is empty or contains control characters.</exception>
    public static RealtimeClientBuilder AddKeyedNexLLMRealtimeClient(this IServiceCollection services, object? serviceKey, string model)
    {
        Throw.IfNull(services);
        Throw.IfNotIdentifier(model);
        var builder = new RealtimeClientBuilder(provider => NexLLMServices.GetClient(provider).GetRealtimeClient(model));
        services.Add(new ServiceDescriptor(typeof(IRealtimeClient), serviceKey, (provider, _) => builder.Build(provider), ServiceLifetime.Singleton));
        return builder;
    }
}
