using System.Diagnostics;
using Microsoft.AspNetCore.Http;
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

        byte[] body;
        try
        {
            body = await ReadBodyAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
        }
        catch (BadHttpRequestException ex)
        {
            // Kestrel's own limits (e.g. a body above MaxRequestBodySize: 413): answer its status with no body.
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

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
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
