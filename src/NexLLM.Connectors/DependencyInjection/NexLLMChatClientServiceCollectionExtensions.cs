using Microsoft.Extensions.AI;
using NexLLM.Connectors;
using NexLLM.Connectors.DependencyInjection;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers NexLLM chat clients, as M.E.AI's <c>AddChatClient</c> does, on the <see cref="NexLLMClient"/> registered by <c>AddNexLLMClient</c>.</summary>
public static class NexLLMChatClientServiceCollectionExtensions
{
    /// <summary>Registers an <see cref="IChatClient"/> for a model (a singleton); decorators added to the returned builder wrap it.</summary>
    /// <param name="services">The services.</param>
    /// <param name="model">The model id, for example <c>gpt-4o-mini</c>.</param>
    /// <param name="protocol">The wire format to speak (see <see cref="NexLLMClient.GetChatClient"/>).</param>
    /// <returns>A builder on which to add decorators, for example <c>.UseFunctionInvocation().UseOpenTelemetry()</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="model"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="model"/> is empty or contains control characters.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="protocol"/> is not a known protocol.</exception>
    /// <remarks>Resolving the client without a registered <see cref="NexLLMClient"/> throws an <see cref="InvalidOperationException"/> that says what to register.</remarks>
    public static ChatClientBuilder AddNexLLMChatClient(
        this IServiceCollection services, string model, NexLLMChatProtocol protocol = NexLLMChatProtocol.ChatCompletions) =>
        AddKeyedNexLLMChatClient(services, serviceKey: null, model, protocol);

    /// <summary>Registers a keyed <see cref="IChatClient"/> for a model (a singleton); decorators added to the returned builder wrap it.</summary>
    /// <param name="services">The services.</param>
    /// <param name="serviceKey">
    /// The key (resolve with <c>GetRequiredKeyedService&lt;IChatClient&gt;(key)</c> or <c>[FromKeyedServices]</c>);
    /// <see langword="null"/> registers the unkeyed client.
    /// </param>
    /// <param name="model">The model id.</param>
    /// <param name="protocol">The wire format to speak.</param>
    /// <returns>A builder on which to add decorators.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="model"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="model"/> is empty or contains control characters.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="protocol"/> is not a known protocol.</exception>
    public static ChatClientBuilder AddKeyedNexLLMChatClient(
        this IServiceCollection services, object? serviceKey, string model, NexLLMChatProtocol protocol = NexLLMChatProtocol.ChatCompletions)
    {
        Throw.IfNull(services);
        Throw.IfNotIdentifier(model);
        NexLLMServices.IfUnknown(protocol);
        return services.AddKeyedChatClient(serviceKey, provider => NexLLMServices.GetClient(provider).GetChatClient(model, protocol));
    }
}
