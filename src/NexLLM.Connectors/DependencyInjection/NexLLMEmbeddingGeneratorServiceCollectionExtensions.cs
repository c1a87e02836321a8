using Microsoft.Extensions.AI;
using NexLLM.Connectors;
using NexLLM.Connectors.DependencyInjection;

namespace Microsoft.Extensions.DependencyInjection;

// The protocol parameter tells the overloads apart, as on NexLLMClient.GetEmbeddingGenerator; RS0026 would forbid that shape.
#pragma warning disable RS0026

/// <summary>
/// Registers NexLLM embedding generators, as M.E.AI's <c>AddEmbeddingGenerator</c> does, on the <see cref="NexLLMClient"/>
/// registered by <c>AddNexLLMClient</c>. Each is registered as <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> of
/// <see cref="string"/> and <see cref="Embedding{T}"/> of <see cref="float"/> (and as <see cref="IEmbeddingGenerator"/>).
/// </summary>
public static class NexLLMEmbeddingGeneratorServiceCollectionExtensions
{
    /// <summary>Registers an embedding generator over <c>POST /v1/embeddings</c> (a singleton); decorators added to the returned builder wrap it.</summary>
    /// <param name="services">The services.</param>
    /// <param name="model">The model id, for example <c>text-embedding-3-small</c>.</param>
    /// <param name="dimensions">The vector length to ask for, or <see langword="null"/> for the model's own.</param>
    /// <returns>A builder on which to add decorators, for example <c>.UseOpenTelemetry()</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="model"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="model"/> is empty or contains control characters.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dimensions"/> is less than 1.</exception>
    public static EmbeddingGeneratorBuilder<string, Embedding<float>> AddNexLLMEmbeddingGenerator(
        this IServiceCollection services, string model, int? dimensions = null) =>
        AddKeyedNexLLMEmbeddingGenerator(services, serviceKey: null, model, NexLLMEmbeddingProtocol.Embeddings, dimensions);

    /// <summary>Registers an embedding generator over the given wire format (a singleton).</summary>
    /// <param name="services">The services.</param>
    /// <param name="model">The model id, for example <c>gemini-embedding-001</c>.</param>
    /// <param name="protocol">The wire format (see <see cref="NexLLMClient.GetEmbeddingGenerator(string, NexLLMEmbeddingProtocol, int?)"/>).</param>
    /// <param name="dimensions">The vector length to ask for, or <see langword="null"/> for the model's own.</param>
    /// <returns>A builder on which to add decorators.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="model"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="model"/> is empty or contains control characters.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="protocol"/> is not a known protocol, or <paramref name="dimensions"/> is less than 1.</exception>
    public static EmbeddingGeneratorBuilder<string, Embedding<float>> AddNexLLMEmbeddingGenerator(
        this IServiceCollection services, string model, NexLLMEmbeddingProtocol protocol, int? dimensions = null) =>
        AddKeyedNexLLMEmbeddingGenerator(services, serviceKey: null, model, protocol, dimensions);

    /// <summary>Registers a keyed embedding generator over <c>POST /v1/embeddings</c> (a singleton).</summary>
    /// <param name="services">The services.</param>
    /// <param name="serviceKey">The key; <see langword="null"/> registers the unkeyed generator.</param>
    /// <param name="model">The model id.</param>
    /// <param name="dimensions">The vector length to ask for, or <see langword="null"/> for the model's own.</param>
    /// <returns>A builder on which to add decorators.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="model"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="model"/> is empty or contains control characters.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dimensions"/> is less than 1.</exception>
    public static EmbeddingGeneratorBuilder<string, Embedding<float>> AddKeyedNexLLMEmbeddingGenerator(
        this IServiceCollection services, object? serviceKey, string model, int? dimensions = null) =>
        AddKeyedNexLLMEmbeddingGenerator(services, serviceKey, model, NexLLMEmbeddingProtocol.Embeddings, dimensions);

    /// <summary>Registers a keyed embedding generator over the given wire format (a singleton).</summary>
    /// <param name="services">The services.</param>
    /// <param name="serviceKey">The key; <see langword="null"/> registers the unkeyed generator.</param>
    /// <param name="model">The model id.</param>
    /// <param name="protocol">The wire format.</param>
    /// <param name="dimensions">The vector length to ask for, or <see langword="null"/> for the model's own.</param>
    /// <returns>A builder on which to add decorators.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="model"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="model"/> is empty or contains control characters.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="protocol"/> is not a known protocol, or <paramref name="dimensions"/> is less than 1.</exception>
    public static EmbeddingGeneratorBuilder<string, Embedding<float>> AddKeyedNexLLMEmbeddingGenerator(
        this IServiceCollection services, object? serviceKey, string model, NexLLMEmbeddingProtocol protocol, int? dimensions = null)
    {
        Throw.IfNull(services);
        Throw.IfNotIdentifier(model);
        NexLLMServices.IfUnknown(protocol);
        NexLLMServices.IfNotPositive(dimensions);
        return services.AddKeyedEmbeddingGenerator(
            serviceKey, provider => NexLLMServices.GetClient(provider).GetEmbeddingGenerator(model, protocol, dimensions));
    }
}
