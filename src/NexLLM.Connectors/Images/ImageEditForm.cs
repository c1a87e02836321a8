using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using NexLLM.Connectors.Common;
using NexLLM.Connectors.Http;

namespace NexLLM.Connectors.Images;

/// <summary>
/// The multipart form of <c>POST /v1/images/edits</c> (docs/protocols/images.md#how-this-connector-uses-it): the text
/// fields first (the mapped ones, then the caller's extras), then every original image as an <c>image[]</c> part, then
/// the mask. All images share the one name <c>image[]</c> because new-api takes the files of <c>image</c> and ignores
/// <c>image[]</c> when both are present, and OpenAI reads repeated <c>image[]</c> as a list; with one image the gateway
/// forwards it as <c>image</c> itself.
/// </summary>
internal static class ImageEditForm
{
    /// <summary>The name of every original image's part.</summary>
    public const string ImageField = "image[]";

    /// <summary>The name of the mask's part.</summary>
    public const string MaskField = "mask";

    /// <summary>The original images of a request, checked: bytes of an image type.</summary>
    /// <param name="originals">The request's <c>OriginalImages</c>.</param>
    /// <returns>The images, or an empty list for a generation.</returns>
    /// <exception cref="ArgumentException">An item is not image bytes.</exception>
    public static IReadOnlyList<DataContent> Images(IEnumerable<AIContent>? originals)
    {
        if (originals is null)
        {
            return [];
        }

        var images = new List<DataContent>();
        foreach (AIContent? content in originals)
        {
            images.Add(CheckImage(content, string.Create(CultureInfo.InvariantCulture, $"request.OriginalImages[{images.Count}]"), "request"));
        }

        return images;
    }

    /// <summary>The mask of an edit, checked.</summary>
    /// <exception cref="ArgumentException">The mask is not image bytes.</exception>
    public static DataContent? Mask(ImageGenerationOptions? options) =>
        ImageOptionKeys.MaskOf(options) is { } mask ? CheckImage(mask, "The mask (WithImageMask)", nameof(options)) : null;

    /// <summary>The file parts: each image, then the mask.</summary>
    public static FormFile[] Files(IReadOnlyList<DataContent> images, DataContent? mask)
    {
        var files = new FormFile[images.Count + (mask is null ? 0 : 1)];
        for (int i = 0; i < images.Count; i++)
        {
            DataContent image = images[i];
            files[i] = FormFile.FromMemory(ImageField, FileName(image, string.Create(CultureInfo.InvariantCulture, $"image{i + 1}")), image.MediaType, image.Data);
        }

        if (mask is not null)
        {
            files[^1] = FormFile.FromMemory(MaskField, FileName(mask, "mask"), mask.MediaType, mask.Data);
        }

        return files;
    }

    /// <summary>The text fields: the mapped ones in order, each replaced in place by an extra of the same name, then the other extras.</summary>
    /// <param name="request">The mapped fields.</param>
    /// <param name="extras">The caller's fields (<see cref="Common.RequestBody.ExtraFields"/>).</param>
    public static List<KeyValuePair<string, string>> Fields(ImageRequest request, JsonObject? extras) =>
        FormFields.Merge([.. request.FormFields()], extras);

    /// <summary>
    /// The part's file name: the content's <c>Name</c>, or <c>{stem}</c>, with the extension of its media type added when
    /// the name lacks it: new-api labels the part it sends upstream by the file name's extension alone (PNG when unknown),
    /// not by the part's <c>Content-Type</c> (docs/protocols/images.md#through-the-gateway).
    /// </summary>
    public static string FileName(DataContent content, string stem)
    {
        string name = string.IsNullOrWhiteSpace(content.Name) ? stem : content.Name;
        string? extension = ImageFormats.Extension(content.MediaType);
        return extension is null || ImageFormats.FromFileName(name) == ImageFormats.FromFileName(extension) ? name : name + extension;
    }

    private static DataContent CheckImage(AIContent? content, string what, string paramName) => content switch
    {
        DataContent { Data.IsEmpty: true } => throw new ArgumentException($"{what} has no bytes.", paramName),
        DataContent data when data.HasTopLevelMediaType("image") => data,
        DataContent data => throw new ArgumentException($"{what} has media type {data.MediaType}; an edit takes images (image/png, image/jpeg, image/webp).", paramName),
        null => throw new ArgumentException($"{what} is null.", paramName),
        _ => throw new ArgumentException($"{what} is a {content.GetType().Name}; an edit uploads the image's bytes: pass a DataContent.", paramName),
    };
}
