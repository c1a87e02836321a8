using System.Net;
using System.Text.Json;

namespace NexLLM.Connectors.IntegrationTests.TestSupport;

/// <summary>Assertions on the error bodies the emulator writes as new-api does (docs/protocols/gateway.md#error-bodies).</summary>
internal static class GatewayAssert
{
    /// <summary>
    /// new-api's answer to a body its own checks refuse (docs/protocols/gateway.md#statuses): HTTP 500,
    /// <c>{"error":{"message":"… (request id: …)","type":"new_api_error","param":"","code":"invalid_request"}}</c>.
    /// </summary>
    public static void InvalidRequest(HttpStatusCode status, JsonElement body, string messageStart) =>
        OpenAIShaped(HttpStatusCode.InternalServerError, "new_api_error", "", "invalid_request", status, body, messageStart);

    /// <summary>
    /// An OpenAI 400 relayed by new-api (docs/protocols/gateway.md#error-bodies): OpenAI's <c>param</c> and <c>code</c>,
    /// type <c>invalid_request_error</c>, the request id appended to the message; a null <c>code</c> stays null.
    /// </summary>
    public static void OpenAIRefusal(HttpStatusCode status, JsonElement body, string messageStart, string param, string? code) =>
        OpenAIShaped(HttpStatusCode.BadRequest, "invalid_request_error", param, code, status, body, messageStart);

    private static void OpenAIShaped(
        HttpStatusCode expectedStatus, string type, string param, string? code, HttpStatusCode status, JsonElement body, string messageStart)
    {
        Assert.Equal(expectedStatus, status);
        JsonElement error = body.GetProperty("error");
        Assert.Equal(["message", "type", "param", "code"], error.EnumerateObject().Select(p => p.Name));
        Assert.StartsWith(messageStart, error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains(" (request id: ", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(type, error.GetProperty("type").GetString());
        Assert.Equal(param, error.GetProperty("param").GetString());
        Assert.Equal(code is null ? JsonValueKind.Null : JsonValueKind.String, error.GetProperty("code").ValueKind);
        Assert.Equal(code, error.GetProperty("code").GetString());
    }
}
