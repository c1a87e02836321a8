using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.AI;
using NexLLM.Connectors;
using NexLLM.Connectors.DependencyInjection;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers NexLLM speech-to-text clients (<c>/v1/audio/transcriptions</c> and <c>/v1/audio/translations</c>), as M.E.AI's
/// <c>AddSpeechToTextClient</c> does, on the <see cref="NexLLMClient"/> registered by <c>AddNexLLMClient</c>.
/// </summary>
[Experimental("MEAI001")]
public static class NexLLMSpeechToTextClientServiceCollectionExtensions
{
    /// <summary>Registers an <see cref="ISpeechToTextClient"/> for a model (a singleton); decorators added to the returned builder wrap it.</summary>
    /// <param name="services">The services.</param>
    /// <param name="model">The model id, for example <c>whisper-1</c> or <c>gpt-4o-transcribe</c>.</param>
    /// <returns>A builder on which to add decorators, for example <c>.UseLogging().UseOpenTelemetry()</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="model"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="model"/> is empty or contains control characters.</exception>
    public static SpeechToTextClientBuilder AddNexLLMSpeechToTextClient(this IServiceCollection services, string model) =>
        AddKeyedNexLLMSpeechToTextClient(services, serviceKey: null, model);

    /// <summary>Registers a keyed <see cref="ISpeechToTextClient"/> for a model (a singleton).</summary>
    /// <param name="services">The services.</param>
    /// <param name="serviceKey">The key; <see langword="null"/> registers the unkeyed client.</param>
    /// <param name="model">The model id.</param>
    /// <returns>A builder on which to add decorators.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="model"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="model"/> is empty or contains control characters.</exception>
    public static SpeechToTextClientBuilder AddKeyedNexLLMSpeechToTextClient(this IServiceCollection services, object? serviceKey, string model)
    {
        Throw.IfNull(services);
        Throw.IfNotIdentifier(model);
        return serviceKey is null
            ? services.AddSpeechToTextClient(provider => NexLLMServices.GetClient(provider).GetSpeechToTextClient(model))
            : services.AddKeyedSpeechToTextClient(serviceKey, provider => NexLLMServices.GetClient(provider).GetSpeechToTextClient(model));
    }
}
