namespace NexLLM.Connectors;

/// <summary>
/// Represents a reranker: a model that scores documents by their relevance to a query, the second stage of a retrieval
/// pipeline (retrieve many candidates cheaply with embeddings, then rerank the best few precisely).
/// </summary>
/// <remarks>
/// <para>
/// Microsoft.Extensions.AI has no rerank abstraction, so this one is shaped like its own interfaces
/// (<c>IEmbeddingGenerator</c>, <c>IImageGenerator</c>): one operation, <see cref="GetService"/>, a
/// <see cref="RerankClientBuilder"/> with logging, OpenTelemetry and options decorators, and DI registration.
/// </para>
/// <para>Implementations are expected to be thread-safe for concurrent use.</para>
/// </remarks>
public interface IRerankClient : IDisposable
{
    /// <summary>Scores <paramref name="documents"/> by relevance to <paramref name="query"/>.</summary>
    /// <param name="query">The query.</param>
    /// <param name="documents">The documents to score. <see cref="RerankResult.Index"/> refers to their position here.</param>
    /// <param name="options">The options, or <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The results, most relevant first.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="query"/> or <paramref name="documents"/> is <see langword="null"/>.</exception>
    Task<RerankResponse> RerankAsync(string query, IEnumerable<string> documents, RerankOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Asks the client for an object of the given type, such as its <see cref="RerankClientMetadata"/>.</summary>
    /// <param name="serviceType">The type of object being requested.</param>
    /// <param name="serviceKey">An optional key that can be used to help identify the target service.</param>
    /// <returns>The object, or <see langword="null"/> if the client has none of that type.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="serviceType"/> is <see langword="null"/>.</exception>
    /// <remarks>
    /// The purpose of this method is to allow for the retrieval of strongly typed services that might be provided by the
    /// client, including itself or any services it might be wrapping.
    /// </remarks>
    object? GetService(Type serviceType, object? serviceKey = null);
}
