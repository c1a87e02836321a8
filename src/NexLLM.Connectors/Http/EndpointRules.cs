using System.Net;

namespace NexLLM.Connectors.Http;

/// <summary>What makes an endpoint safe to send a key to (RELIABILITY.md, "safe inputs").</summary>
internal static class EndpointRules
{
    public static Uri Validate(Uri? endpoint, bool allowInsecureHttp, string paramName)
    {
        if (endpoint is null)
        {
            throw new ArgumentNullException(paramName);
        }

        if (!endpoint.IsAbsoluteUri)
        {
            throw new ArgumentException($"The endpoint '{endpoint}' must be an absolute URL such as https://www.nexllm.ai/v1.", paramName);
        }

        if (endpoint.Scheme != Uri.UriSchemeHttps && endpoint.Scheme != Uri.UriSchemeHttp)
        {
            throw new ArgumentException($"The endpoint scheme '{endpoint.Scheme}' is not supported: use https.", paramName);
        }

        // First: the messages below show the endpoint, and user info is a credential.
        if (!string.IsNullOrEmpty(endpoint.UserInfo))
        {
            throw new ArgumentException("The endpoint must not contain user info (credentials in the URL); set ApiKey instead.", paramName);
        }

        if (endpoint.Scheme == Uri.UriSchemeHttp && !allowInsecureHttp && !IsLoopback(endpoint))
        {
            throw new ArgumentException(
                $"The endpoint '{endpoint.GetLeftPart(UriPartial.Authority)}' uses plain http, which would send the API key unencrypted. Use https, or set AllowInsecureHttp.",
                paramName);
        }

        if (!string.IsNullOrEmpty(endpoint.Query) || !string.IsNullOrEmpty(endpoint.Fragment))
        {
            throw new ArgumentException($"The endpoint '{endpoint.GetLeftPart(UriPartial.Path)}' must not have a query or fragment.", paramName);
        }

        // Relative request paths are resolved against the endpoint: it must end with '/' so that "v1" is kept.
        return endpoint.AbsolutePath.EndsWith('/') ? endpoint : new Uri(endpoint.AbsoluteUri + "/");
    }

    /// <summary>The Gemini routes live under /v1beta at the host root (WIRE.md §11; ARCHITECTURE.md binding details).</summary>
    public static Uri GeminiBase(Uri endpoint)
    {
        string path = endpoint.AbsolutePath.TrimEnd('/');
        string geminiPath = path.EndsWith("/v1", StringComparison.Ordinal) ? path[..^3] + "/v1beta/" : path + "/v1beta/";
        return new UriBuilder(endpoint) { Path = geminiPath }.Uri;
    }

    private static bool IsLoopback(Uri endpoint) =>
        endpoint.IsLoopback || (IPAddress.TryParse(endpoint.DnsSafeHost, out var address) && IPAddress.IsLoopback(address));
}
