using Microsoft.AspNetCore.Http;

namespace NexLLM.Connectors.Emulator.Hosting;

/// <summary>Writes complete (not streamed) responses.</summary>
internal static class GatewayResponses
{
    /// <summary>Writes a whole JSON body, as gin's <c>c.JSON</c> does.</summary>
    public static Task WriteAsync(HttpContext context, int statusCode, byte[] body) =>
        WriteAsync(context, statusCode, GatewayErrorBodies.JsonContentType, body);

    /// <summary>
    /// Writes new-api's answer to a body its own checks refused (<c>types.NewError</c> with code <c>invalid_request</c>):
    /// HTTP 500 in the OpenAI error shape, the message ending with the request id. Every route but Claude's answers so.
    /// </summary>
    public static Task WriteInvalidRequestAsync(HttpContext context, string message)
    {
        byte[] body = GatewayErrorBodies.OpenAI(message, "new_api_error", "invalid_request", EmulatorExchange.Of(context).RequestId);
        return WriteAsync(context, StatusCodes.Status500InternalServerError, body);
    }

    /// <summary>Writes a whole body with a content type (none when <paramref name="contentType"/> is <see langword="null"/>).</summary>
    public static async Task WriteAsync(HttpContext context, int statusCode, string? contentType, byte[] body)
    {
        var response = context.Response;
        response.StatusCode = statusCode;
        if (contentType is not null)
        {
            response.ContentType = contentType;
        }

        response.ContentLength = body.Length;
        if (body.Length > 0)
        {
            await response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
        }
    }
}
