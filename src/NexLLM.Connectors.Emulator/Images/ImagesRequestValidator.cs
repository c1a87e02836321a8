using System.Globalization;
using NexLLM.Connectors.Emulator.Shared;

namespace NexLLM.Connectors.Emulator.Images;

/// <summary>
/// OpenAI's checks of an image request that new-api let through, relayed with OpenAI's 400 (docs/protocols/images.md):
/// the images of an edit (one square PNG under 4 MB for dall-e-2, up to 16 PNG, JPEG or WebP files under 50 MB for
/// gpt-image, a PNG mask under 4 MB of the first image's size), the
/// prompt, <c>response_format</c> (refused by gpt-image models), <c>n</c>, <c>size</c>, <c>quality</c>, <c>style</c> and
/// the gpt-image fields. The last check is the emulator's own: it writes PNG only, so <c>output_format</c>
/// <c>jpeg</c> or <c>webp</c> is a 400 that names the format.
/// </summary>
internal static class ImagesRequestValidator
{
    private const int DallE2FileBytes = 4 * 1024 * 1024;
    private const int GptImageFileBytes = 50 * 1024 * 1024;
    private const int MaskBytes = 4 * 1024 * 1024;

    private static readonly string[] PngOnly = ["image/png"];
    private static readonly string[] GptImageFormats = ["image/jpeg", "image/png", "image/webp"];

    /// <summary>Returns OpenAI's answer to the request, or <see langword="null"/> when it accepts it.</summary>
    public static OpenAIUpstreamError? FindError(ImageForm form, bool edit)
    {
        string model = form["model"] ?? "";
        var family = ImageModels.FamilyOf(model);
        return (edit ? FindEditError(form, model, family) : null)
            ?? FindPromptError(form["prompt"], family)
            ?? FindFormatError(form, family)
            ?? FindCountError(form, family)
            ?? ImageModels.CheckSize(model, family, form["size"])
            ?? OneOf(form, "quality", ImageModels.Qualities(family, edit))
            ?? (family == ImageModelFamily.DallE3 ? OneOf(form, "style", "vivid", "natural") : null)
            ?? (family == ImageModelFamily.GptImage ? FindGptImageError(form, edit) : null);
    }

    private static OpenAIUpstreamError? FindEditError(ImageForm form, string model, ImageModelFamily family)
    {
        if (family == ImageModelFamily.DallE3)
        {
            return OpenAIUpstreamError.InvalidValue("model", model, "dall-e-2", "gpt-image-1");
        }

        if (form.Images.Count == 0)
        {
            return OpenAIUpstreamError.MissingParameter(form.ImageField);
        }

        int maximum = family == ImageModelFamily.DallE2 ? 1 : ImageModels.MaxEditImages;
        if (form.Images.Count > maximum)
        {
            return OpenAIUpstreamError.ArrayTooLong(form.ImageField, maximum, form.Images.Count);
        }

        bool dallE2 = family == ImageModelFamily.DallE2;
        return form.Images.Select(image => FindFileError(image, dallE2 ? PngOnly : GptImageFormats, dallE2 ? DallE2FileBytes : GptImageFileBytes))
            .FirstOrDefault(error => error is not null)
            ?? (form.Mask is { } mask ? FindFileError(mask, PngOnly, MaskBytes) : null)
            ?? FindShapeError(form, dallE2);
    }

    /// <summary>dall-e-2 edits a square picture, and a mask has the first image's size (read from the PNG headers when both have one).</summary>
    private static OpenAIUpstreamError? FindShapeError(ImageForm form, bool dallE2)
    {
        var image = PngDecoder.TryReadSize(form.Images[0].Bytes);
        if (dallE2 && image is { } square && square.Width != square.Height)
        {
            return OpenAIUpstreamError.Invalid($"Invalid '{form.ImageField}': dall-e-2 edits a square image, but got {square}.", form.ImageField, "invalid_value");
        }

        return form.Mask is { } mask && PngDecoder.TryReadSize(mask.Bytes) is { } maskSize && image is { } imageSize && maskSize != imageSize
            ? OpenAIUpstreamError.Invalid($"Invalid 'mask': the mask ({maskSize}) and the image ({imageSize}) must have the same dimensions.", "mask", "invalid_value")
            : null;
    }

    /// <summary>A file of a type the model does not read, too large, or a data URL that does not decode.</summary>
    private static OpenAIUpstreamError? FindFileError(ImageInput file, string[] mediaTypes, int maxBytes)
    {
        if (file.Reference is { } reference)
        {
            return reference.StartsWith("data:", StringComparison.OrdinalIgnoreCase)
                ? OpenAIUpstreamError.Invalid($"Invalid '{file.Field}': expected a base64-encoded data URL of an image.", file.Field, "invalid_value")
                : null;
        }

        string field = file.Field.StartsWith("image", StringComparison.Ordinal) && !file.Field.StartsWith("images", StringComparison.Ordinal)
            ? "image"
            : file.Field;
        string mediaType = file.EffectiveMediaType;
        if (!mediaTypes.Contains(mediaType, StringComparer.Ordinal))
        {
            return OpenAIUpstreamError.Invalid(
                $"Invalid file '{field}': unsupported mimetype ('{mediaType}'). Supported file formats are {OpenAIUpstreamError.ListOf(mediaTypes)}.",
                field,
                "invalid_value");
        }

        return file.Bytes.Length > maxBytes
            ? OpenAIUpstreamError.Invalid(
                string.Create(CultureInfo.InvariantCulture, $"Invalid file '{field}': the file is {file.Bytes.Length} bytes; it must be less than {maxBytes / (1024 * 1024)} MB."),
                field,
                "invalid_value")
            : null;
    }

    private static OpenAIUpstreamError? FindPromptError(string? prompt, ImageModelFamily family)
    {
        if (prompt is null)
        {
            return OpenAIUpstreamError.MissingParameter("prompt");
        }

        int maximum = ImageModels.MaxPromptLength(family);
        return prompt.Length == 0 ? OpenAIUpstreamError.EmptyString("prompt")
            : prompt.Length > maximum ? OpenAIUpstreamError.StringTooLong("prompt", maximum, prompt.Length)
            : null;
    }

    /// <summary>gpt-image models refuse <c>response_format</c> whatever its value; dall-e takes <c>url</c> or <c>b64_json</c>.</summary>
    private static OpenAIUpstreamError? FindFormatError(ImageForm form, ImageModelFamily family) =>
        family == ImageModelFamily.GptImage
            ? form["response_format"] is null ? null : OpenAIUpstreamError.UnknownParameter("response_format")
            : OneOf(form, "response_format", "url", "b64_json");

    private static OpenAIUpstreamError? FindCountError(ImageForm form, ImageModelFamily family)
    {
        long n = ImagesRequestReader.Count(form["n"]);
        int maximum = ImageModels.MaxImagesPerRequest(family);
        return n is < 1 || n > maximum ? OpenAIUpstreamError.OutOfRange("n", n, 1, maximum) : null;
    }

    private static OpenAIUpstreamError? FindGptImageError(ImageForm form, bool edit)
    {
        var error = OneOf(form, "background", "transparent", "opaque", "auto")
            ?? OneOf(form, "moderation", "low", "auto")
            ?? OneOf(form, "output_format", "png", "jpeg", "webp")
            ?? (edit ? OneOf(form, "input_fidelity", "high", "low") : null);
        if (error is not null)
        {
            return error;
        }

        if (form["output_compression"] is { } compression)
        {
            if (!long.TryParse(compression, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value))
            {
                return OpenAIUpstreamError.Invalid($"Invalid 'output_compression': expected an integer, but got '{compression}' instead.", "output_compression", "invalid_type");
            }

            if (value is < 0 or > 100)
            {
                return OpenAIUpstreamError.OutOfRange("output_compression", value, 0, 100);
            }
        }

        // Not OpenAI's check: the emulator writes PNG only, and says so rather than send PNG bytes under another name.
        return form["output_format"] is "jpeg" or "webp"
            ? OpenAIUpstreamError.Invalid(
                $"The NexLLM emulator writes PNG images only: output_format '{form["output_format"]}' is not available here. Ask for 'png' (or leave output_format out).",
                "output_format",
                "unsupported_output_format")
            : null;
    }

    private static OpenAIUpstreamError? OneOf(ImageForm form, string field, params string[] values) =>
        form[field] is { } value && !values.Contains(value, StringComparer.Ordinal) ? OpenAIUpstreamError.InvalidValue(field, value, values) : null;
}
