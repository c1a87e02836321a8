using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace NexLLM.Connectors.Emulator.Auth;

/// <summary>
/// Finds the key the way new-api's <c>TokenAuth</c> does (docs/protocols/gateway.md#authentication, new-api middleware/auth.go): every accepted
/// place is copied into <c>Authorization</c>, later sources winning, then the key is cut out of it.
/// </summary>
internal static class GatewayKeyReader
{
    private const string InsecureApiKeyProtocol = "openai-insecure-api-key.";

    /// <summary>Returns the effective <c>Authorization</c> value after new-api's header copying, or an empty string.</summary>
    public static string EffectiveAuthorization(HttpRequest request)
    {
        string authorization = request.Headers.Authorization.Count > 0 ? request.Headers.Authorization[0] ?? "" : "";

        // Realtime: the key can travel as a WebSocket subprotocol item "openai-insecure-api-key.<key>".
        if (FromWebSocketSubprotocol(request.Headers.SecWebSocketProtocol) is { } protocolKey)
        {
            authorization = "Bearer " + protocolKey;
        }

        string path = request.Path.Value ?? "";

        // x-api-key only counts on Claude-style paths: anywhere else it is ignored.
        if (path.Contains("/v1/messages", StringComparison.Ordinal) || path.Contains("/v1/models", StringComparison.Ordinal))
        {
            if (FirstValue(request.Headers["x-api-key"]) is { Length: > 0 } anthropicKey)
            {
                authorization = "Bearer " + anthropicKey;
            }
        }

        // Gemini style: ?key= then x-goog-api-key (which wins), only on model paths.
        if (path == "/v1/models"
            || path.StartsWith("/v1beta/models", StringComparison.Ordinal)
            || path.StartsWith("/v1beta/openai/models", StringComparison.Ordinal)
            || path.StartsWith("/v1/models/", StringComparison.Ordinal))
        {
            if (FirstValue(request.Query["key"]) is { Length: > 0 } queryKey)
            {
                authorization = "Bearer " + queryKey;
            }

            if (FirstValue(request.Headers["x-goog-api-key"]) is { Length: > 0 } googleKey)
            {
                authorization = "Bearer " + googleKey;
            }
        }

        return authorization;
    }

    /// <summary>
    /// Cuts the key out of an <c>Authorization</c> value: strips <c>Bearer </c> or <c>bearer </c> (exactly those two
    /// spellings) and a leading <c>sk-</c>, then splits on <c>-</c>: the first part is the key, a second part is a channel pin.
    /// </summary>
    public static (string Key, bool PinsChannel) Parse(string authorization)
    {
        string key = authorization;
        if (key.StartsWith("Bearer ", StringComparison.Ordinal) || key.StartsWith("bearer ", StringComparison.Ordinal))
        {
            key = key[7..].Trim();
        }

        if (key.StartsWith("sk-", StringComparison.Ordinal))
        {
            key = key[3..];
        }

        int dash = key.IndexOf('-', StringComparison.Ordinal);
        return dash < 0 ? (key, false) : (key[..dash], true);
    }

    private static string? FromWebSocketSubprotocol(StringValues protocols)
    {
        foreach (string? header in protocols)
        {
            foreach (string part in (header ?? "").Split(','))
            {
                string item = part.Trim();
                if (item.StartsWith(InsecureApiKeyProtocol, StringComparison.Ordinal) && item.Length > InsecureApiKeyProtocol.Length)
                {
                    return item[InsecureApiKeyProtocol.Length..];
                }
            }
        }

        return null;
    }

    private static string? FirstValue(StringValues values) => values.Count > 0 ? values[0] : null;
}
