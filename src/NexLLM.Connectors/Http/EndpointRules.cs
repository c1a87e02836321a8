using System.Net;

namespace NexLLM.Connectors.Http;

/// <summary>What makes an endpoint safe to send a key to (docs/reliability.md, "safe inputs").</summary>
internal static class EndpointRules
{
    /// <summary>
    /// Operation paths the client appends to the endpoint itself. An endpoint copied from an API reference with one of them
    /// at its end passes every other rule and then turns each call into a 404 (<c>POST /v1/chat/completions/chat/completions</c>).
    /// </summary>
    private static readonly string[] OperationPaths =
        ["/chat/completions", "/completions", "/embeddings", "/messages", "/responses", "/rerank", "/models", "/moderations", "/realtime"];

    /// <summary>Route families whose operation is the last segment: <c>/models/{id}</c>, <c>/images/generations</c>, <c>/audio/speech</c>.</summary>
    private static readonly string[] OperationFamilies = ["models", "images", "audio"];

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

        if (SplitOperationPath(endpoint.AbsolutePath) is var (operation, basePath))
        {
            // Gemini's routes are found from the OpenAI-style base (v1 becomes v1beta), so that base is the one to suggest.
            if (paramName != nameof(NexLLMClientOptions.GeminiEndpoint) && basePath.EndsWith("/v1beta", StringComparison.OrdinalIgnoreCase))
            {
                basePath = basePath[..^"beta".Length];
            }

            throw new ArgumentException(
                $"The endpoint '{endpoint.GetLeftPart(UriPartial.Path)}' ends with the operation path '{operation}', which the client adds to " +
                $"every request itself (each call would be a 404 Invalid URL). Use the base URL: {endpoint.GetLeftPart(UriPartial.Authority)}{(basePath.Length == 0 ? "/" : basePath)}",
                paramName);
        }

        // Relative request paths are resolved against the endpoint: it must end with '/' so that "v1" is kept.
        return endpoint.AbsolutePath.EndsWith('/') ? endpoint : new Uri(endpoint.AbsoluteUri + "/");
    }

    /// <summary>The Gemini routes live under /v1beta at the host root (docs/protocols/gemini.md; docs/architecture.md#conventions).</summary>
    public static Uri GeminiBase(Uri endpoint)
    {
        string path = endpoint.AbsolutePath.TrimEnd('/');
        string geminiPath = path.EndsWith("/v1", StringComparison.Ordinal) ? path[..^3] + "/v1beta/" : path + "/v1beta/";
        return new UriBuilder(endpoint) { Path = geminiPath }.Uri;
    }

    /// <summary>An operation path at the end of an endpoint's path, and the base path before it; <see langword="null"/> when there is none.</summary>
    private static (string Operation, string BasePath)? SplitOperationPath(string path)
    {
        // A one-word operation only right after a version segment (/v1/models, /v1beta/models/x:generateContent): a base URL
        // of a gateway mounted elsewhere may well end in a word such as /models or /audio/v1. /chat/completions is never a base.
        string trimmed = path.TrimEnd('/');
        foreach (string operation in OperationPaths)
        {
            if (trimmed.EndsWith(operation, StringComparison.OrdinalIgnoreCase)
                && (operation.LastIndexOf('/') > 0 || EndsWithVersion(trimmed[..^operation.Length])))
            {
                return (trimmed[^operation.Length..], trimmed[..^operation.Length]);
            }
        }

        int last = trimmed.LastIndexOf('/');
        if (last <= 0)
        {
            return null;
        }

        int previous = trimmed.LastIndexOf('/', last - 1);
        if (previous >= 0 && OperationFamilies.Contains(trimmed[(previous + 1)..last], StringComparer.OrdinalIgnoreCase) && EndsWithVersion(trimmed[..previous]))
        {
            return (trimmed[previous..], trimmed[..previous]);
        }

        // A Gemini action on a model (v1beta/models/{model}:generateContent is caught above).
        return trimmed.AsSpan(last + 1).Contains(':') && EndsWithVersion(trimmed[..last]) ? (trimmed[last..], trimmed[..last]) : null;
    }

    /// <summary>Whether a path ends with a version segment such as <c>/v1</c>, <c>/v1beta</c> or <c>/v2alpha</c>.</summary>
    private static bool EndsWithVersion(string path)
    {
        int slash = path.LastIndexOf('/');
        ReadOnlySpan<char> segment = path.AsSpan(slash + 1);
        if (segment.Length < 2 || (segment[0] != 'v' && segment[0] != 'V') || !char.IsAsciiDigit(segment[1]))
        {
            return false;
        }

        int i = 2;
        while (i < segment.Length && char.IsAsciiDigit(segment[i]))
        {
            i++;
        }

        return segment[i..] is "" or "beta" or "alpha";
    }

    private static bool IsLoopback(Uri endpoint) =>
        endpoint.IsLoopback || (IPAddress.TryParse(endpoint.DnsSafeHost, out var address) && IPAddress.IsLoopback(address));
}
