namespace NexLLM.Connectors;

/// <summary>
/// Provides an optional base class for an <see cref="IRerankClient"/> that passes calls through to another one: the
/// base of decorators such as <see cref="LoggingRerankClient"/> and <see cref="OpenTelemetryRerankClient"/>.
/// </summary>
public class DelegatingRerankClient : IRerankClient
{
    /// <summary>Initializes a new instance of the <see cref="DelegatingRerankClient"/> class.</summary>
    /// <param name="innerClient">The client calls are passed to.</param>
    /// <exception cref="ArgumentNullException"><paramref name="innerClient"/> is <see langword="null"/>.</exception>
    protected DelegatingRerankClient(IRerankClient innerClient)
    {
        InnerClient = Throw.IfNull(innerClient);
    }

    /// <summary>Gets the client calls are passed to.</summary>
    protected IRerankClient InnerClient { get; }

    /// <inheritdoc />
    public virtual Task<RerankResponse> RerankAsync(
        string query, IEnumerable<string> documents, RerankOptions? options = null, CancellationToken cancellationToken = default) =>
        InnerClient.RerankAsync(query, documents, options, cancellationToken);

    /// <inheritdoc />
    public virtual object? GetService(Type serviceType, object? serviceKey = null)
    {
        Throw.IfNull(serviceType);

        // A decorator answers for itself; everything else (metadata, the NexLLMClient…) comes from the inner client.
        return serviceKey is null && serviceType.IsInstanceOfType(this) ? this : InnerClient.GetService(serviceType, serviceKey);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Disposes the inner client.</summary>
    /// <param name="disposing"><see langword="true"/> when called from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            InnerClient.Dispose();
        }
    }
}
