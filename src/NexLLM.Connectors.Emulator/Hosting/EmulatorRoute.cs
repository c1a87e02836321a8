using Microsoft.AspNetCore.Http;

namespace NexLLM.Connectors.Emulator.Hosting;

/// <summary>
/// Endpoint metadata: the one HTTP method a route answers. Routes are mapped for every method so that a wrong method
/// gets new-api's 404 "Invalid URL" (gin has no 405) instead of ASP.NET Core's 405.
/// </summary>
/// <param name="Method">The method the route answers.</param>
/// <param name="OutsideGateway">
/// Whether the route plays something beside the gateway rather than the gateway itself (the storage behind image
/// URLs): such a route asks for no key and takes no fault.
/// </param>
internal sealed record EmulatorRoute(string Method, bool OutsideGateway = false)
{
    /// <summary>
    /// Gets the request-id header of the provider behind the route, which new-api copies onto whole answers
    /// (<see cref="UpstreamHeaders"/>); <see langword="null"/> when the gateway answers itself or the provider sends none.
    /// </summary>
    public string? UpstreamRequestId { get; init; }

    /// <summary>Whether the request's route is <see cref="OutsideGateway"/>.</summary>
    public static bool IsOutsideGateway(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<EmulatorRoute>() is { OutsideGateway: true };
}
