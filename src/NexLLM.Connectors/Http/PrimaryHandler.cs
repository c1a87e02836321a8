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

    /// <summary>Creates the handler of WebSocket handshakes (the realtime route).</summary>
    /// <param name="connectTimeout">The connect timeout (<see cref="NexLLMClientOptions.ConnectTimeout"/>).</param>
    /// <returns>A handler that never follows redirects; a handshake's answer is never compressed, and its connection is not pooled.</returns>
    public static HttpMessageHandler CreateForWebSockets(TimeSpan connectTimeout)
    {
        if (!SocketsHttpHandler.IsSupported)
        {
            return new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false };
        }

        return new SocketsHttpHandler
        {
            // A redirect would carry the Authorization header to the new host (docs/reliability.md#secrets).
            AllowAutoRedirect = false,
            ConnectTimeout = connectTimeout,
            UseCookies = false,
        };
    }
}
