using Microsoft.AspNetCore.Http;
using NexLLM.Connectors.Emulator.Hosting;

namespace NexLLM.Connectors.Emulator.Auth;

/// <summary>
/// Checks the key like new-api's <c>TokenAuth</c>: an unknown or missing key is 401 <c>Invalid token</c>; a valid key
/// followed by <c>-&lt;anything&gt;</c> is a channel pin, which only admins may use, so 403 (docs/protocols/gateway.md#authentication). Both use
/// the middleware error shape (docs/protocols/gateway.md#error-bodies).
/// </summary>
internal sealed class GatewayAuthMiddleware(RequestDelegate next, EmulatorSettings settings)
{
    // new-api's message for SetupContextForToken's pin check, verbatim: "ordinary users cannot specify a channel".
    private const string ChannelPinMessage = "普通用户不支持指定渠道";

    public Task InvokeAsync(HttpContext context)
    {
        if (EmulatorRoute.IsOutsideGateway(context))
        {
            return next(context);
        }

        var (key, pinsChannel) = GatewayKeyReader.Parse(GatewayKeyReader.EffectiveAuthorization(context.Request));
        string requestId = EmulatorExchange.Of(context).RequestId;

        if (!string.Equals(key, settings.TokenKey, StringComparison.Ordinal))
        {
            // i18n token.invalid in new-api's default language (English).
            return GatewayResponses.WriteAsync(context, StatusCodes.Status401Unauthorized, GatewayErrorBodies.Middleware("Invalid token", "", requestId));
        }

        if (pinsChannel)
        {
            return GatewayResponses.WriteAsync(context, StatusCodes.Status403Forbidden, GatewayErrorBodies.Middleware(ChannelPinMessage, "", requestId));
        }

        return next(context);
    }
}
