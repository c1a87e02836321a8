namespace NexLLM.Connectors.Common;

/// <summary>
/// What every adapter answers to <c>GetService</c>, as M.E.AI's own adapters do: nothing for a key, its metadata, the
/// <see cref="NexLLMClient"/> that made it, or the adapter itself.
/// </summary>
internal static class AdapterServices
{
    /// <summary>Finds the service of <paramref name="serviceType"/>.</summary>
    /// <typeparam name="TMetadata">The adapter's metadata type (<c>ChatClientMetadata</c>, <c>EmbeddingGeneratorMetadata</c>...).</typeparam>
    /// <param name="serviceType">The type asked for.</param>
    /// <param name="serviceKey">The key asked for: the adapters have no keyed services.</param>
    /// <param name="metadata">The adapter's metadata.</param>
    /// <param name="owner">The client that made the adapter.</param>
    /// <param name="adapter">The adapter.</param>
    /// <returns>The service, or <see langword="null"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="serviceType"/> is <see langword="null"/>.</exception>
    public static object? Get<TMetadata>(Type serviceType, object? serviceKey, TMetadata metadata, NexLLMClient owner, object adapter)
    {
        Throw.IfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(TMetadata) ? metadata
            : serviceType == typeof(NexLLMClient) ? owner
            : serviceType.IsInstanceOfType(adapter) ? adapter
            : null;
    }
}
