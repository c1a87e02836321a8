using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NexLLM.Connectors.Http;

namespace NexLLM.Connectors.DependencyInjection;

/// <summary>
/// The named <see cref="HttpClient"/> of the registered <see cref="NexLLMClient"/>, set up as the transport needs it
/// (docs/reliability.md: "the client that our DI registration builds is configured correctly").
/// </summary>
internal static partial class NexLLMHttpClientSetup
{
    /// <summary>
    /// Handlers that retry or time out on their own. Matched by name, so that the core package needs neither
    /// Microsoft.Extensions.Http.Resilience nor Microsoft.Extensions.Http.Polly: the standard resilience and hedging
    /// handlers, and Polly policy handlers (<c>AddPolicyHandler</c>, <c>AddTransientHttpErrorPolicy</c>).
    /// </summary>
    private static readonly string[] s_retryingHandlerTypes =
    [
        "Microsoft.Extensions.Http.Resilience.ResilienceHandler",
        "Microsoft.Extensions.Http.PolicyHttpMessageHandler",
    ];

    /// <summary>Headers whose values a re-added factory logging handler may show (at Trace); every other value is redacted.</summary>
    private static readonly HashSet<string> s_loggableHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Accept", "Accept-Encoding", "anthropic-beta", "anthropic-version", "Content-Encoding", "Content-Length", "Content-Type",
        "Date", "request-id", "Retry-After", "retry-after-ms", "Server", "Transfer-Encoding", "User-Agent", "x-request-id",
        "X-Oneapi-Request-Id", "x-should-retry",
    };

    /// <summary>
    /// Sets the named client up once: a second <c>AddNexLLMClient</c> (an app and a kernel builder over one service
    /// collection) returns the same builder without redoing the setup, which would undo what the caller added to the first.
    /// </summary>
    public static IHttpClientBuilder AddNamedClient(IServiceCollection services, string name)
    {
        if (services.Any(static descriptor => descriptor.ServiceType == typeof(SetUpMarker)))
        {
            return services.AddHttpClient(name);
        }

        services.AddSingleton(new SetUpMarker());
        return SetUp(services, name);
    }

    private static IHttpClientBuilder SetUp(IServiceCollection services, string name) =>
        services.AddHttpClient(name)
            .ConfigureHttpClient(static client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(static provider =>
                PrimaryHandler.Create(provider.GetRequiredService<IOptions<NexLLMClientOptions>>().Value.ConnectTimeout))

            // The client lives as long as the NexLLMClient singleton that holds it, so rotating its handler would change
            // nothing; PooledConnectionLifetime renews connections (and DNS) instead.
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)

            // The factory's logging handlers put every request header's raw value in the structured state of their "Request
            // Headers" entries (what structured sinks write out), whatever RedactLoggedHeaders says: the key would reach
            // the logs. The transport logs method, path, status and duration itself (NexLLM.Connectors.Transport).
            .RemoveAllLoggers()

            // Should a caller add the default logger back, at least its formatted text stays redacted.
            .RedactLoggedHeaders(static header => !s_loggableHeaders.Contains(header))
            .ConfigureAdditionalHttpMessageHandlers(static (handlers, provider) => RemoveRetryingHandlers(handlers, provider));

    /// <summary>
    /// Removes the retrying handlers that host-wide defaults (<c>ConfigureHttpClientDefaults</c>) put on every client. They
    /// run before this client's own configuration, so a handler added to the builder that <c>AddNexLLMClient</c> returns
    /// comes later and is kept.
    /// </summary>
    private static void RemoveRetryingHandlers(IList<DelegatingHandler> handlers, IServiceProvider provider)
    {
        for (int i = handlers.Count - 1; i >= 0; i--)
        {
            if (IsRetryingHandler(handlers[i].GetType()) is { } typeName)
            {
                handlers.RemoveAt(i);
                if (provider.GetService<ILoggerFactory>() is { } loggerFactory)
                {
                    RetryingHandlerRemoved(loggerFactory.CreateLogger("NexLLM.Connectors.DependencyInjection"), typeName);
                }
            }
        }
    }

    private static string? IsRetryingHandler(Type? type)
    {
        for (; type is not null && type != typeof(DelegatingHandler); type = type.BaseType)
        {
            if (Array.IndexOf(s_retryingHandlerTypes, type.FullName) >= 0)
            {
                return type.FullName;
            }
        }

        return null;
    }

    [LoggerMessage(1, LogLevel.Debug, "Removed {Handler}, added to every HttpClient by the host, from the NexLLM HttpClient: NexLLMClient retries and times out on its own.")]
    private static partial void RetryingHandlerRemoved(ILogger logger, string handler);

    /// <summary>Registered with the named client's setup, so that the setup runs once per service collection.</summary>
    private sealed class SetUpMarker;
}
