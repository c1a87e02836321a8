using Microsoft.AspNetCore.Http;
using NexLLM.Connectors.Emulator.Hosting;

namespace NexLLM.Connectors.Emulator.Faults;

/// <summary>Writes the faults that replace the whole response: status, raw bytes and redirects.</summary>
internal static class FaultResponder
{
    public static Task WriteAsync(HttpContext context, EmulatorFault fault, string requestId)
    {
        var response = context.Response;
        if (fault.Kind == EmulatorFaultKind.Redirect)
        {
            response.StatusCode = fault.StatusCode;
            response.Headers.Location = fault.Location;
            response.ContentLength = 0;
            return Task.CompletedTask;
        }

        byte[] body = fault.RenderPayload(requestId);
        response.StatusCode = fault.StatusCode;
        if (fault.ContentType is not null)
        {
            response.ContentType = fault.ContentType;
        }

        foreach (var (name, value) in fault.Headers)
        {
            response.Headers[name] = value;
        }

        return GatewayResponses.WriteAsync(context, fault.StatusCode, response.ContentType, body);
    }
}
