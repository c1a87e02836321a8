using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using NexLLM.Connectors.Emulator.Hosting;

namespace NexLLM.Connectors.Emulator.Recording;

/// <summary>
/// First in the pipeline: gives the request its id (<c>X-Oneapi-Request-Id</c> on every response, docs/protocols/gateway.md#response-headers),
/// reads the whole body once, and records the request before anything can reject it.
/// </summary>
internal sealed class RequestRecordingMiddleware(RequestDelegate next, RequestRecorder recorder, ILogger logger, CancellationToken stopping)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        string requestId = RequestIds.Next();
        context.Response.Headers[RequestIds.HeaderName] = requestId;

        // A declared length above the limit is refused before reading, as Kestrel would on the first read.
        if (context.Request.ContentLength > context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize)
        {
            await WriteTooLargeAsync(context, requestId).ConfigureAwait(false);
            return;
        }

        byte[] body;
        try
        {
            body = await ReadBodyAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            await WriteTooLargeAsync(context, requestId).ConfigureAwait(false);
            return;
        }
        catch (BadHttpRequestException ex)
        {
            // Kestrel's other limits: answer its status with no body.
            context.Response.StatusCode = ex.StatusCode;
            return;
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException)
        {
            EmulatorLog.RequestEndedEarly(logger, requestId, "the client went away while sending the body");
            return;
        }

        recorder.Add(Capture(context.Request, requestId, body));
        using (var aborted = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping))
        {
            context.Features.Set(new EmulatorExchange(requestId, body, aborted.Token));
            await next(context).ConfigureAwait(false);
        }

        EmulatorLog.RequestCompleted(
            logger,
            context.Request.Method,
            context.Request.Path.Value ?? "",
            context.Response.StatusCode,
            (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds,
            requestId);
    }

    /// <summary>
    /// new-api's answer to a body above <c>MAX_REQUEST_BODY_MB</c> (common/gin.go <c>GetRequestBody</c>, controller/relay.go):
    /// 413 with <c>read_request_body_failed</c>, the message the wrapped error's (docs/protocols/audio.md#through-the-gateway).
    /// </summary>
    private static Task WriteTooLargeAsync(HttpContext context, string requestId)
    {
        long limit = context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize ?? NexLLMEmulatorOptions.DefaultMaxRequestBodyBytes;
        string megabytes = (limit / (1024.0 * 1024.0)).ToString("0.##", CultureInfo.InvariantCulture);
        byte[] body = GatewayErrorBodies.OpenAI(
            $"request body exceeds {megabytes} MB: request body too large", "new_api_error", "read_request_body_failed", requestId);
        return GatewayResponses.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, body);
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        // An upgrade request (the realtime WebSocket) has no body: after the upgrade its "body" is the socket itself.
        if (HttpMethods.IsGet(request.Method) && request.HttpContext.Features.Get<IHttpUpgradeFeature>()?.IsUpgradableRequest == true)
        {
            return [];
        }

        // With a Content-Length (at most the limit, checked above) the body is read straight into one array of that
        // size: a large upload is held once.
        if (request.ContentLength is long length && length <= Array.MaxLength)
        {
            var body = new byte[length];
            await request.Body.ReadExactlyAsync(body, cancellationToken).ConfigureAwait(false);
            return body;
        }

        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        return buffer.ToArray();
    }

    private static EmulatorRequest Capture(HttpRequest request, string requestId, byte[] body)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in request.Headers)
        {
            headers[name] = values.Count > 0 ? values[0] ?? "" : "";
        }

        return new EmulatorRequest(
            requestId,
            DateTimeOffset.UtcNow,
            request.Method,
            request.Path.Value ?? "",
            request.QueryString.Value ?? "",
            headers,
            body);
    }
}
