using System.Text.Json;

namespace NexLLM.Connectors.Emulator.Hosting;

/// <summary>
/// Reads a request body as new-api's relay does before anything else: it unmarshals into the route's Go struct, then
/// runs its own checks. A failure is new-api's message, which the routes answer as a validation error (HTTP 500, docs/protocols/gateway.md#statuses).
/// </summary>
internal static class RequestJson
{
    /// <summary>Parses <paramref name="body"/> and runs <paramref name="checkGatewayRules"/> on it; <paramref name="root"/> is a detached copy.</summary>
    /// <param name="body">The request body.</param>
    /// <param name="checkGatewayRules">new-api's checks, throwing <see cref="FormatException"/> with its message (see <see cref="GoJsonFields"/>).</param>
    /// <param name="root">The parsed body.</param>
    /// <param name="gatewayError">new-api's message when the body is refused.</param>
    public static bool TryParse(byte[] body, Action<JsonElement> checkGatewayRules, out JsonElement root, out string? gatewayError)
    {
        root = default;
        gatewayError = null;
        try
        {
            using var document = JsonDocument.Parse(body);
            root = document.RootElement.Clone();
            checkGatewayRules(root);
            return true;
        }
        catch (JsonException ex)
        {
            gatewayError = body.Length == 0 ? "unexpected end of JSON input" : $"invalid JSON request body: {ex.Message}";
            return false;
        }
        catch (FormatException ex)
        {
            gatewayError = ex.Message;
            return false;
        }
    }
}
