namespace NexLLM.Connectors;

/// <summary>A decorator that lets a callback change the options of every call (on a copy: the caller's instance is never changed).</summary>
public sealed class ConfigureOptionsRerankClient : DelegatingRerankClient
{
    private readonly Action<RerankOptions> _configure;

    /// <summary>Initializes a new instance of the <see cref="ConfigureOptionsRerankClient"/> class.</summary>
    /// <param name="innerClient">The client calls are passed to.</param>
    /// <param name="configure">Changes the options: it receives a clone of the caller's options, or new options when there are none.</param>
    /// <exception cref="ArgumentNullException"><paramref name="innerClient"/> or <paramref name="configure"/> is <see langword="null"/>.</exception>
    public ConfigureOptionsRerankClient(IRerankClient innerClient, Action<RerankOptions> configure)
        : base(innerClient)
    {
        _configure = Throw.IfNull(configure);
    }

    /// <inheritdoc />
    public override Task<RerankResponse> RerankAsync(
        string query, IEnumerable<string> documents, RerankOptions? options = null, CancellationToken cancellationToken = default)
    {
        RerankOptions configured = options?.Clone() ?? new RerankOptions();
        _configure(configured);
        return base.RerankAsync(query, documents, configured, cancellationToken);
    }
}
