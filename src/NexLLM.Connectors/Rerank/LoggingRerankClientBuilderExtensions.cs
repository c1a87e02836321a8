using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace NexLLM.Connectors;

/// <summary>Provides <see cref="UseLogging"/> on <see cref="RerankClientBuilder"/>.</summary>
public static class LoggingRerankClientBuilderExtensions
{
    /// <summary>Adds a <see cref="LoggingRerankClient"/> (content is logged only at Trace).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="loggerFactory">The logger factory; <see langword="null"/> to take the one registered in the builder's services.</param>
    /// <param name="configure">Configures the decorator once it is created.</param>
    /// <returns>The <paramref name="builder"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    /// <remarks>Without a logger factory (none passed and none registered), no decorator is added.</remarks>
    public static RerankClientBuilder UseLogging(
        this RerankClientBuilder builder, ILoggerFactory? loggerFactory = null, Action<LoggingRerankClient>? configure = null)
    {
        Throw.IfNull(builder);
        return builder.Use((innerClient, services) =>
        {
            ILoggerFactory factory = loggerFactory ?? services.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance;
            if (factory == NullLoggerFactory.Instance)
            {
                return innerClient;
            }

            var client = new LoggingRerankClient(innerClient, factory.CreateLogger<LoggingRerankClient>());
            configure?.Invoke(client);
            return client;
        });
    }
}
