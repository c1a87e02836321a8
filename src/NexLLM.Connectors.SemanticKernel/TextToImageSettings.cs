using System.Drawing;
using System.Globalization;
using Microsoft.Extensions.AI;
using NexLLM.Connectors;
using static Microsoft.SemanticKernel.ExtensionDataValues;

namespace Microsoft.SemanticKernel;

/// <summary>
/// Maps <see cref="PromptExecutionSettings"/> to <see cref="ImageGenerationOptions"/> for <see cref="NexLLMTextToImageService"/>:
/// <c>ModelId</c>; <c>width</c> and <c>height</c> (what SK's <c>GenerateImageAsync(description, width, height)</c> writes) or
/// <c>size</c> (<c>"1024x1536"</c> or <c>"auto"</c>); <c>n</c>; <c>response_format</c> (<c>url</c>, <c>b64_json</c>);
/// <c>output_format</c> (<c>png</c>, <c>jpeg</c>, <c>webp</c>); <c>quality</c>, <c>style</c>, <c>background</c>,
/// <c>moderation</c> and <c>output_compression</c> as the typed options. Every other key is sent as a top-level request field
/// (<c>user</c>, for example).
/// </summary>
internal static class TextToImageSettings
{
    /// <exception cref="ArgumentException">A known key holds a value of the wrong type or form.</exception>
    public static ImageGenerationOptions? ToImageOptions(PromptExecutionSettings? settings)
    {
        if (settings is null)
        {
            return null;
        }

        var extras = new AdditionalPropertiesDictionary();
        foreach (KeyValuePair<string, object> extra in settings.ExtensionData ?? new Dictionary<string, object>())
        {
            extras[extra.Key] = extra.Value;
        }

        var options = new ImageGenerationOptions
        {
            ModelId = settings.ModelId,
            Count = TakeInt(extras, "n"),
            ResponseFormat = ResponseFormat(TakeText(extras, "response_format")),
            MediaType = MediaType(TakeText(extras, "output_format")),
        };

        SetSize(options, TakeInt(extras, "width"), TakeInt(extras, "height"), TakeText(extras, "size"));
        if (TakeText(extras, "quality") is { } quality)
        {
            options.WithImageQuality(quality);
        }

        if (TakeText(extras, "style") is { } style)
        {
            options.WithImageStyle(style);
        }

        if (TakeText(extras, "background") is { } background)
        {
            options.WithImageBackground(background);
        }

        if (TakeText(extras, "moderation") is { } moderation)
        {
            options.WithImageModeration(moderation);
        }

        if (TakeInt(extras, "output_compression") is { } compression)
        {
            options.WithImageCompression(compression);
        }

        foreach (KeyValuePair<string, object?> extra in extras)
        {
            (options.AdditionalProperties ??= [])[extra.Key] = extra.Value;
        }

        return options;
    }

    private static void SetSize(ImageGenerationOptions options, int? width, int? height, string? size)
    {
        if (width is not null || height is not null)
        {
            options.ImageSize = width is { } w && height is { } h
                ? new Size(w, h)
                : throw new ArgumentException("PromptExecutionSettings.ExtensionData needs both \"width\" and \"height\", or neither.");
        }
        else if (size is "auto")
        {
            options.WithAutoImageSize();
        }
        else if (size is not null)
        {
            string[] sides = size.Split('x');
            options.ImageSize = sides.Length == 2
                && int.TryParse(sides[0], NumberStyles.None, CultureInfo.InvariantCulture, out int w)
                && int.TryParse(sides[1], NumberStyles.None, CultureInfo.InvariantCulture, out int h)
                ? new Size(w, h)
                : throw Wrong("size", "\"WIDTHxHEIGHT\" or \"auto\"", size);
        }
    }

    private static ImageGenerationResponseFormat? ResponseFormat(string? format) => format?.ToUpperInvariant() switch
    {
        null => null,
        "URL" or "URI" => ImageGenerationResponseFormat.Uri,
        "B64_JSON" or "BYTES" or "DATA" => ImageGenerationResponseFormat.Data,
        _ => throw Wrong("response_format", "\"url\" or \"b64_json\"", format),
    };

    private static string? MediaType(string? format) => format?.ToUpperInvariant() switch
    {
        null => null,
        "PNG" => "image/png",
        "JPEG" or "JPG" => "image/jpeg",
        "WEBP" => "image/webp",
        _ => throw Wrong("output_format", "\"png\", \"jpeg\" or \"webp\"", format),
    };
}
