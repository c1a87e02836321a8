namespace NexLLM.Connectors;

/// <summary>Provides extension methods on <see cref="IRerankClient"/>.</summary>
public static class RerankClientExtensions
{
    /// <summary>Asks the client for an object of type <typeparamref name="TService"/>, such as its <see cref="RerankClientMetadata"/>.</summary>
    /// <typeparam name="TService">The type of object being requested.</typeparam>
    /// <param name="client">The client.</param>
    /// <param name="serviceKey">An optional key that can be used to help identify the target service.</param>
    /// <returns>The object, or <see langword="null"/> if the client has none of that type.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="client"/> is <see langword="null"/>.</exception>
    public static TService? GetService<TService>(this IRerankClient client, object? serviceKey = null) =>
        Throw.IfNull(client).GetService(typeof(TService), serviceKey) is TService service ? service : default;

    /// <summary>Asks the client for an object of type <typeparamref name="TService"/>, and fails if it has none.</summary>
    /// <typeparam name="TService">The type of object being requested.</typeparam>
    /// <param name="client">The client.</param>
    /// <param name="serviceKey">An optional key that can be used to help identify the target service.</param>
    /// <returns>The object.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="client"/> is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException">The client has no object of that type.</exception>
    public static TService GetRequiredService<TService>(this IRerankClient client, object? serviceKey = null) =>
        Throw.IfNull(client).GetService(typeof(TService), serviceKey) is TService service
            ? service
            : throw new InvalidOperationException($"No service of type '{typeof(TService)}' is available from the rerank client.");
}
