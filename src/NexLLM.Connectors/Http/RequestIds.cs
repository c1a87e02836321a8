using System.Net.Http.Headers;

namespace NexLLM.Connectors.Http;

/// <summary>The gateway's request id (docs/protocols/gateway.md#response-headers): new-api's <c>X-Oneapi-Request-Id</c>, else an upstream's id header.</summary>
internal static class RequestIds
{
    /// <summary>The headers that carry it, in order of preference.</summary>
    private static readonly string[] Names = ["X-Oneapi-Request-Id", "request-id", "x-request-id"];

    public static string? From(HttpResponseHeaders headers)
    {
        foreach (string name in Names)
        {
            // NonValidated: the raw value, without the parsed copy and string array TryGetValues allocates.
            if (headers.NonValidated.TryGetValues(name, out HeaderStringValues values))
            {
                foreach (string id in values)
                {
                    if (id.Length > 0)
                    {
                        return LogText.Escape(id, 128);
                    }

                    break;
                }
            }
        }

        return null;
    }

    /// <summary>The request id of a WebSocket handshake's answer (<see cref="System.Net.WebSockets.ClientWebSocket.HttpResponseHeaders"/>).</summary>
    public static string? From(IReadOnlyDictionary<string, IEnumerable<string>>? headers)
    {
        if (headers is null)
        {
            return null;
        }

        foreach (string name in Names)
        {
            foreach (KeyValuePair<string, IEnumerable<string>> header in headers)
            {
                if (header.Key.Equals(name, StringComparison.OrdinalIgnoreCase) && header.Value.FirstOrDefault() is { Length: > 0 } id)
                {
                    return LogText.Escape(id, 128);
                }
            }
        }

        return null;
    }
}
