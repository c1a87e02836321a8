using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;

namespace NexLLM.Connectors.Emulator.Hosting;

/// <summary>
/// The upstream's request-id header on answers new-api copies upstream headers onto (docs/protocols/gateway.md#response-headers):
/// its <c>IOCopyBytesGracefully</c> sets every upstream header but <c>Content-Length</c> and <c>X-Oneapi-Request-Id</c> on
/// a whole (not streamed) answer, and its speech handler does so on streamed speech too; event streams get only the SSE
/// headers, and errors only the gateway's. So OpenAI's <c>x-request-id</c> and Anthropic's <c>request-id</c> reach the
/// client beside the gateway's own <c>X-Oneapi-Request-Id</c>, and SDKs expose them. The route says which one
/// (<see cref="EmulatorRoute.UpstreamRequestId"/>); Google's API sends none a client reads.
/// </summary>
internal static class UpstreamHeaders
{
    /// <summary>OpenAI's request-id header: <c>req_</c> and 32 hexadecimal digits.</summary>
    public const string OpenAIRequestId = "x-request-id";

    /// <summary>Anthropic's request-id header: <c>req_011C</c> and 20 letters and digits (the id its error bodies repeat as <c>request_id</c>).</summary>
    public const string AnthropicRequestId = "request-id";

    /// <summary>Sets the route's upstream request-id header, with a new id, on a response that has not started.</summary>
    public static void Copy(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<EmulatorRoute>()?.UpstreamRequestId is { } name && !context.Response.HasStarted)
        {
            context.Response.Headers[name] = name == AnthropicRequestId
                ? "req_011C" + RequestIds.RandomToken(20)
                : "req_" + RandomNumberGenerator.GetHexString(32, lowercase: true);
        }
    }
}
