using Microsoft.AspNetCore.Http;

namespace NexLLM.Connectors.Emulator.Hosting;

/// <summary>
/// Unknown paths and wrong methods get new-api's <c>RelayNotFound</c>: 404 <c>Invalid URL (METHOD /path)</c>,
/// answered before authentication as gin's NoRoute handler does.
/// </summary>
internal sealed class RouteGuardMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var route = context.GetEndpoint()?.Metadata.GetMetadata<EmulatorRoute>();
        if (route is not null && HttpMethods.Equals(route.Method, context.Request.Method))
        {
            return next(context);
        }

        return GatewayResponses.WriteAsync(
            context,
            StatusCodes.Status404NotFound,
            GatewayErrorBodies.NotFound(context.Request.Method, context.Request.Path.Value ?? ""));
    }
}
