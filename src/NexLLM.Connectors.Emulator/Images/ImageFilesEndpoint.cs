using System.Text;
using Microsoft.AspNetCore.Http;
using NexLLM.Connectors.Emulator.Hosting;

namespace NexLLM.Connectors.Emulator.Images;

/// <summary>
/// <c>GET /emulator/images/{id}.png</c>: the pictures answered as URLs. This plays the storage OpenAI's URLs point to,
/// not the gateway: no key is asked for and no fault applies (see <see cref="EmulatorRoute.OutsideGateway"/>).
/// </summary>
internal sealed class ImageFilesEndpoint(ImageStore store)
{
    /// <summary>The path the URLs start with, after the emulator's origin.</summary>
    public const string PathPrefix = "/emulator/images/";

    private const string Extension = ".png";

    /// <summary>The URL of a kept picture, on the origin the request came to.</summary>
    public static string UrlOf(HttpRequest request, string id) => $"{request.Scheme}://{request.Host}{PathPrefix}{id}{Extension}";

    public Task HandleAsync(HttpContext context)
    {
        string file = context.Request.RouteValues["file"] as string ?? "";
        byte[]? png = file.EndsWith(Extension, StringComparison.Ordinal) ? store.Find(file[..^Extension.Length]) : null;
        return png is null
            ? GatewayResponses.WriteAsync(context, StatusCodes.Status404NotFound, "text/plain; charset=utf-8", Encoding.UTF8.GetBytes("No such image: URLs answer for 60 minutes.\n"))
            : GatewayResponses.WriteAsync(context, StatusCodes.Status200OK, "image/png", png);
    }
}
