using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace NexLLM.Connectors;

/// <summary>Provides <see cref="UseOpenTelemetry"/> on <see cref="RerankClientBuilder"/>.</summary>
public static class OpenTelemetryRerankClientBuilderExtensions
{
    /// <summary>Adds an <see cref="OpenTelemetryRerankClient"/>: gen_ai traces and metrics for every call.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="loggerFactory">A logger factory for failures; <see langword="null"/> to take the one registered in the builder's services, if any.</param>
    /// <param name="sourceName">The source name; <see langword="null"/> for <c>Experimental.Microsoft.Extensions.AI</c>.</param>
    /// <param name="configure">Configures the decorator once it is created (e.g. <see cref="OpenTelemetryRerankClient.EnableSensitiveData"/>).</param>
    /// <returns>The <paramref name="builder"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    public static RerankClientBuilder UseOpenTelemetry(
        this RerankClientBuilder builder, ILoggerFactory? loggerFactory = null, string? sourceName = null, Action<OpenTelemetryRerankClient>? configure = null)
    {
        Throw.IfNull(builder);
        return builder.Use((innerClient, services) =>
        {
            ILoggerFactory? factory = loggerFactory ?? services.GetService<ILoggerFactory>();
            var client = new OpenTelemetryRerankClient(innerClient, factory?.CreateLogger<OpenTelemetryRerankClient>(), sourceName);
            configure?.Invoke(client);
            return client;
        });
    }
}
