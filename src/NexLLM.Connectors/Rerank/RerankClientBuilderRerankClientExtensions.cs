namespace NexLLM.Connectors;

/// <summary>Provides <see cref="AsBuilder"/> on <see cref="IRerankClient"/>.</summary>
public static class RerankClientBuilderRerankClientExtensions
{
    /// <summary>Starts a <see cref="RerankClientBuilder"/> around this client.</summary>
    /// <param name="innerClient">The client at the end of the pipeline.</param>
    /// <returns>A builder whose inner client is <paramref name="innerClient"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="innerClient"/> is <see langword="null"/>.</exception>
    /// <example><c>client.AsBuilder().UseLogging(loggerFactory).UseOpenTelemetry().Build()</c></example>
    public static RerankClientBuilder AsBuilder(this IRerankClient innerClient) => new(Throw.IfNull(innerClient));
}
