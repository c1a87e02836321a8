using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.AI;
using NexLLM.Connectors;
using NexLLM.Connectors.DependencyInjection;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers NexLLM text-to-speech clients (<c>/v1/audio/speech</c>), as M.E.AI's <c>AddTextToSpeechClient</c> does, on the
/// <see cref="NexLLMClient"/> registered by <c>AddNexLLMClient</c>.
/// </summary>
[Experimental("MEAI001")]
public static class NexLLMTextToSpeechClientServiceCollectionExtensions
{
    /// <summary>Registers an <see cref="ITextToSpeechClient"/> for a model (a singleton); decorators added to the returned builder wrap it.</summary>
    /// <param name="services">The services.</param>
    /// <param name="model">The model id, for example <c>gpt-4o-mini-tts</c>.</param>
    /// <returns>A builder on which to add decorators, for example <c>.UseLogging().UseOpenTelemetry()</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="model"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="model"/> is empty or contains control characters.</exception>
    public static TextToSpeechClientBuilder AddNexLLMTextToSpeechClient(this IServiceCollection services, string model) =>
        AddKeyedNexLLMTextToSpeechClient(services, serviceKey: null, model);

    /// <summary>Registers a keyed <see cref="ITextToSpeechClient"/> for a model (a singleton).</summary>
    /// <param name="services">The services.</param>
    /// <param name="serviceKey">The key; <see langword="null"/> registers the unkeyed client.</param>
    /// <param name="model">The model id.</param>
    /// <returns>A builder on which to add decorators.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="model"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="model"/> is empty or contains control characters.</exception>
    public static TextToSpeechClientBuilder AddKeyedNexLLMTextToSpeechClient(this IServiceCollection services, object? serviceKey, string model)
    {
        Throw.IfNull(services);
        Throw.IfNotIdentifier(model);
        return services.AddKeyedTextToSpeechClient(serviceKey, provider => NexLLMServices.GetClient(provider).GetTextToSpeechClient(model));
    }
}
