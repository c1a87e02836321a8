using System.Text.Json;
using NexLLM.Connectors.Emulator.Hosting;

namespace NexLLM.Connectors.Emulator.Images;

/// <summary>
/// new-api's own checks of an image request (relay/helper/valid_request.go <c>GetAndValidOpenAIImageRequest</c>,
/// docs/protocols/images.md), answered with HTTP 500 <c>invalid_request</c> (docs/protocols/gateway.md#statuses).
/// A JSON body unmarshals into <c>dto.ImageRequest</c>, whose typed fields fail with Go's message (the gpt-image
/// fields are raw JSON there and take anything); then a model is required, a size written with <c>×</c> is refused,
/// and the dall-e models' sizes are checked. A multipart edit is only parsed: new-api leaves its checks to OpenAI.
/// </summary>
internal static class ImagesGatewayRules
{
    private static readonly GoJsonFields Go = new("ImageRequest");

    /// <summary>For <see cref="RequestJson"/>: throws new-api's message when the body is refused.</summary>
    public static void CheckJson(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw Go.NotAnObject(root.ValueKind);
        }

        string model = Go.OptionalString(root, "model") ?? "";
        Go.OptionalString(root, "prompt");
        Go.OptionalInteger(root, "n", unsigned: true);
        string size = Go.OptionalString(root, "size") ?? "";
        Go.OptionalString(root, "quality");
        Go.OptionalString(root, "response_format");
        Go.OptionalBool(root, "stream");
        Go.OptionalBool(root, "async");
        Go.OptionalBool(root, "watermark");

        if (model.Length == 0)
        {
            throw new FormatException("model is required");
        }

        if (size.Contains('×', StringComparison.Ordinal))
        {
            throw new FormatException("size an unexpected error occurred in the parameter, please use 'x' instead of the multiplication sign '×'");
        }

        // new-api compares the exact names; dall-e-2-like names are OpenAI's to judge.
        if (model is "dall-e-2" or "dall-e" && size is not ("" or "256x256" or "512x512" or "1024x1024"))
        {
            throw new FormatException("size must be one of 256x256, 512x512, or 1024x1024 for dall-e-2 or dall-e");
        }

        if (model == "dall-e-3" && size is not ("" or "1024x1024" or "1024x1792" or "1792x1024"))
        {
            throw new FormatException("size must be one of 1024x1024, 1024x1792 or 1792x1024 for dall-e-3");
        }
    }
}
