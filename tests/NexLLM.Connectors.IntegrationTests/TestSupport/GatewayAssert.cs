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
    public static void InvalidRequest(HttpStatusCode status, JsonElement body, string messageStart)
    {
        Assert.Equal(HttpStatusCode.InternalServerError, status);
        JsonElement error = body.GetProperty("error");
        Assert.Equal(["message", "type", "param", "code"], error.EnumerateObject().Select(p => p.Name));
        Assert.StartsWith(messageStart, error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains(" (request id: ", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("new_api_error", error.GetProperty("type").GetString());
        Assert.Equal("", error.GetProperty("param").GetString());
        Assert.Equal("invalid_request", error.GetProperty("code").GetString());
    }
}
