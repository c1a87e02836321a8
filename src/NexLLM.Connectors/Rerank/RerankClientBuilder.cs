namespace NexLLM.Connectors;

/// <summary>Builds a pipeline of rerank decorators around an inner <see cref="IRerankClient"/>.</summary>
/// <remarks>The decorator added first is the outermost: it sees each call first.</remarks>
public sealed class RerankClientBuilder
{
    private readonly Func<IServiceProvider, IRerankClient> _innerClientFactory;
    private List<Func<IRerankClient, IServiceProvider, IRerankClient>>? _clientFactories;

    /// <summary>Initializes a new instance of the <see cref="RerankClientBuilder"/> class.</summary>
    /// <param name="innerClient">The inner client, the end of the pipeline.</param>
    /// <exception cref="ArgumentNullException"><paramref name="innerClient"/> is <see langword="null"/>.</exception>
    public RerankClientBuilder(IRerankClient innerClient)
    {
        Throw.IfNull(innerClient);
        _innerClientFactory = _ => innerClient;
    }

    /// <summary>Initializes a new instance of the <see cref="RerankClientBuilder"/> class.</summary>
    /// <param name="innerClientFactory">Creates the inner client from the services passed to <see cref="Build"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="innerClientFactory"/> is <see langword="null"/>.</exception>
    public RerankClientBuilder(Func<IServiceProvider, IRerankClient> innerClientFactory)
    {
        _innerClientFactory = Throw.IfNull(innerClientFactory);
    }

    /// <summary>Builds the pipeline: the inner client wrapped by every added decorator.</summary>
    /// <param name="services">The services decorators may use (a logger factory…), or <see langword="null"/> for none.</param>
    /// <returns>The outermost client.</returns>
    /// <exception cref="InvalidOperationException">A factory returned <see langword="null"/>.</exception>
    public IRerankClient Build(IServiceProvider? services = null)
    {
        services ??= EmptyServiceProvider.Instance;
        IRerankClient client = _innerClientFactory(services)
            ?? throw new InvalidOperationException("The inner rerank client factory returned null.");

        if (_clientFactories is not null)
        {
            // Applied in reverse, so that the first decorator added is the outermost.
            for (int i = _clientFactories.Count - 1; i >= 0; i--)
            {
                client = _clientFactories[i](client, services)
                    ?? throw new InvalidOperationException($"The rerank client factory at position {i} returned null.");
            }
        }

        return client;
    }

    /// <summary>Adds a decorator.</summary>
    /// <param name="clientFactory">Wraps the client it is given.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="clientFactory"/> is <see langword="null"/>.</exception>
    public RerankClientBuilder Use(Func<IRerankClient, IRerankClient> clientFactory)
    {
        Throw.IfNull(clientFactory);
        return Use((innerClient, _) => clientFactory(innerClient));
    }

    /// <summary>Adds a decorator that uses services.</summary>
    /// <param name="clientFactory">Wraps the client it is given, with the services passed to <see cref="Build"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="clientFactory"/> is <see langword="null"/>.</exception>
    public RerankClientBuilder Use(Func<IRerankClient, IServiceProvider, IRerankClient> clientFactory)
    {
        (_clientFactories ??= []).Add(Throw.IfNull(clientFactory));
        return this;
    }

    /// <summary>Adds a decorator written as one delegate, which calls the inner client itself.</summary>
    /// <param name="rerankFunc">
    /// Handles a call: it receives the query, the documents, the options, the inner client and the token, and usually
    /// calls <see cref="IRerankClient.RerankAsync"/> on the inner client.
    /// </param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="rerankFunc"/> is <see langword="null"/>.</exception>
    public RerankClientBuilder Use(Func<string, IEnumerable<string>, RerankOptions?, IRerankClient, CancellationToken, Task<RerankResponse>> rerankFunc)
    {
        Throw.IfNull(rerankFunc);
        return Use((innerClient, _) => new AnonymousDelegatingRerankClient(innerClient, rerankFunc));
    }
}
