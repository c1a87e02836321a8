using System.Globalization;
using Microsoft.Extensions.AI;
using NexLLM.Connectors.Common;

namespace NexLLM.Connectors.Images;

/// <summary>
/// Maps an <see cref="ImageGenerationRequest"/> and its <see cref="ImageGenerationOptions"/> to the fields of a generation
/// or an edit (docs/protocols/images.md#how-this-connector-uses-it). Caller mistakes are <see cref="ArgumentException"/>s
/// that name the option; an option the route or model has no field for is reported to <c>ignored</c> and not sent.
/// </summary>
internal static class ImageRequestMapper
{
    /// <summary>Maps the request.</summary>
    /// <param name="prompt">The request's prompt.</param>
    /// <param name="options">The caller's options.</param>
    /// <param name="model">The model: the generator's, or the options' <c>ModelId</c>.</param>
    /// <param name="edit">Whether the request edits images (<c>/v1/images/edits</c>).</param>
    /// <param name="ignored">Told the name of every option that is not sent.</param>
    /// <returns>The fields to send.</returns>
    /// <exception cref="ArgumentException">The prompt is empty, or an option has a value the endpoints cannot take.</exception>
    public static ImageRequest Map(string? prompt, ImageGenerationOptions? options, string model, bool edit, Action<string> ignored)
    {
        if (string.IsNullOrWhiteSpace(prompt))
        {
            throw Invalid("The prompt must not be empty: the images endpoints require one.", "request.Prompt");
        }

        if (options?.Count is { } count)
        {
            Throw.IfOutOfRange(count, 1, int.MaxValue, "options.Count");
        }

        if (options?.StreamingCount is > 0)
        {
            // Partial images come only from a stream, and the gateway cannot stream images (docs/protocols/images.md#through-the-gateway).
            ignored("StreamingCount");
        }

        if (!edit && ImageOptionKeys.MaskOf(options) is not null)
        {
            throw new ArgumentException(
                "The options have a mask (WithImageMask) but request.OriginalImages is empty: a mask applies to an edit of the original images.", nameof(options));
        }

        return new ImageRequest
        {
            Model = model,
            Prompt = prompt,
            N = options?.Count,
            Size = SizeOf(options),
            Quality = ImageOptionKeys.Text(options, ImageOptionKeys.Quality),
            Style = OnlyFor(!edit, ImageOptionKeys.Text(options, ImageOptionKeys.Style), "style (WithImageStyle) on an edit", ignored),
            Background = ImageOptionKeys.Text(options, ImageOptionKeys.Background),
            Moderation = OnlyFor(!edit, ImageOptionKeys.Text(options, ImageOptionKeys.Moderation), "moderation (WithImageModeration) on an edit", ignored),
            InputFidelity = OnlyFor(edit, ImageOptionKeys.Text(options, ImageOptionKeys.InputFidelity), "input_fidelity (WithImageInputFidelity) on a generation", ignored),
            OutputFormat = OutputFormatOf(options?.MediaType, model, ignored),
            OutputCompression = ImageOptionKeys.Number(options, ImageOptionKeys.Compression),
            ResponseFormat = ResponseFormatOf(options?.ResponseFormat, model, ignored),
        };
    }

    /// <summary>Whether a model is of the gpt-image family, which always answers base64 and takes no <c>response_format</c>.</summary>
    public static bool IsGptImage(string model) => model.Contains("gpt-image", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether a model is a dall-e model, which writes PNG only and takes no <c>output_format</c>.</summary>
    public static bool IsDallE(string model) => model.StartsWith("dall-e", StringComparison.OrdinalIgnoreCase);

    private static string? SizeOf(ImageGenerationOptions? options)
    {
        if (options?.ImageSize is { } size)
        {
            return size.Width > 0 && size.Height > 0
                ? string.Create(CultureInfo.InvariantCulture, $"{size.Width}x{size.Height}")
                : throw OutOfRange("options.ImageSize", size, "The width and height must be positive.");
        }

        return ImageOptionKeys.IsOn(options, ImageOptionKeys.AutoSize) ? "auto" : null;
    }

    private static string? OutputFormatOf(string? mediaType, string model, Action<string> ignored)
    {
        if (mediaType is null)
        {
            return null;
        }

        string format = ImageFormats.ToOutputFormat(mediaType) ?? throw Invalid(
            $"'{mediaType}' is not a format the images endpoints write: use image/png, image/jpeg or image/webp.", "options.MediaType");
        if (IsDallE(model))
        {
            // dall-e writes PNG and has no output_format (docs/protocols/images.md): PNG is what it sends anyway.
            if (format != "png")
            {
                ignored($"MediaType {mediaType} (dall-e writes PNG only)");
            }

            return null;
        }

        return format;
    }

    private static string? ResponseFormatOf(ImageGenerationResponseFormat? format, string model, Action<string> ignored)
    {
        string? wire = format switch
        {
            null => null,
            ImageGenerationResponseFormat.Uri => "url",
            ImageGenerationResponseFormat.Data => "b64_json",
            ImageGenerationResponseFormat.Hosted => throw Invalid(
                "Hosted is not available: the images endpoints answer with a URL (Uri) or the image's bytes (Data).", "options.ResponseFormat"),
            _ => throw OutOfRange("options.ResponseFormat", format, "Unknown response format."),
        };

        if (wire is not null && IsGptImage(model))
        {
            // gpt-image answers base64 only and refuses response_format (docs/protocols/images.md#gotchas).
            if (wire == "url")
            {
                ignored("ResponseFormat Uri (gpt-image answers with the image's bytes only)");
            }

            return null;
        }

        return wire;
    }

    private static ArgumentException Invalid(string message, string paramName) => new(message, paramName);

    private static ArgumentOutOfRangeException OutOfRange(string paramName, object? value, string message) => new(paramName, value, message);

    private static string? OnlyFor(bool applies, string? value, string what, Action<string> ignored)
    {
        if (value is not null && !applies)
        {
            ignored(what);
            return null;
        }

        return value;
    }
}
