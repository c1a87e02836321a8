using System.Net.Http.Headers;

namespace NexLLM.Connectors.Http;

/// <summary>The gateway's request id (WIRE.md §0.3): new-api's <c>X-Oneapi-Request-Id</c>, else an upstream's id header.</summary>
internal static class RequestIds
{
    public static string? From(HttpResponseHeaders headers)
    {
        foreach (string name in (ReadOnlySpan<string>)["X-Oneapi-Request-Id", "request-id", "x-request-id"])
        {
            if (headers.TryGetValues(name, out IEnumerable<string>? values) && values.FirstOrDefault() is { Length: > 0 } id)
            {
                return LogText.Escape(id, 128);
            }
        }

        return null;
    }
}
