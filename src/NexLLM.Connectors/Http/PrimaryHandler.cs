using System.Net;

namespace NexLLM.Connectors.Http;

/// <summary>
/// The socket handler every NexLLM <see cref="HttpClient"/> is built on: the one <see cref="NexLLMClient"/> creates for itself,
/// and the primary handler of the named client that dependency injection registers.
/// </summary>
internal static class PrimaryHandler
{
    /// <summary>Creates the handler.</summary>
    /// <param name="connectTimeout">The connect timeout (<see cref="NexLLMClientOptions.ConnectTimeout"/>).</param>
    /// <returns>A handler that never follows redirects, decompresses, and renews pooled connections every 5 minutes.</returns>
    public static HttpMessageHandler Create(TimeSpan connectTimeout)
    {
        if (!SocketsHttpHandler.IsSupported)
        {
            return new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false };
        }

        return new SocketsHttpHandler
        {
            // A redirect would carry x-api-key and x-goog-api-key to the new host (docs/reliability.md#secrets).
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.All,
            ConnectTimeout = connectTimeout,

            // Connections (and the DNS answers behind them) are renewed, since the client lives as long as the application.
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            UseCookies = false,
        };
    }
}
