using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace NexLLM.Connectors.Emulator.Images;

/// <summary>
/// An image request's fields, read alike from a JSON body and from a multipart form, so that one set of checks and
/// one reader serve both: plain fields as text (a JSON number or boolean by its JSON text), images and the mask as
/// <see cref="ImageInput"/>s in the order sent.
/// </summary>
internal sealed partial class ImageForm
{
    private readonly Dictionary<string, string> _fields;

    private ImageForm(Dictionary<string, string> fields, IReadOnlyList<ImageInput> images, ImageInput? mask, string imageField)
    {
        _fields = fields;
        Images = images;
        Mask = mask;
        ImageField = imageField;
    }

    /// <summary>Gets the images to edit, in order.</summary>
    public IReadOnlyList<ImageInput> Images { get; }

    /// <summary>Gets the mask, or <see langword="null"/>.</summary>
    public ImageInput? Mask { get; }

    /// <summary>Gets the name OpenAI gives the images in its messages: <c>image</c> (multipart) or <c>images</c> (JSON).</summary>
    public string ImageField { get; }

    /// <summary>A plain field's text, or <see langword="null"/> when it was not sent (or was JSON <c>null</c>).</summary>
    public string? this[string name] => _fields.GetValueOrDefault(name);

    /// <summary>
    /// Reads a JSON body: <c>images</c> (items <c>{"image_url"}</c>, <c>{"file_id"}</c> or strings), <c>image</c> (a string or an
    /// array of strings), <c>mask</c> (<c>{"image_url"}</c>, <c>{"file_id"}</c> or a string); every other field as text.
    /// </summary>
    public static ImageForm FromJson(JsonElement root)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        var images = new List<ImageInput>();
        ImageInput? mask = null;
        foreach (var property in root.EnumerateObject())
        {
            switch (property.Name)
            {
                case "images" or "image":
                    images.AddRange(ReadJsonImages(property.Name, property.Value));
                    break;
                case "mask":
                    mask = ReadJsonImage("mask", property.Value);
                    break;
                default:
                    if (property.Value.ValueKind != JsonValueKind.Null)
                    {
                        fields[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
                    }

                    break;
            }
        }

        return new ImageForm(fields, images, mask, "images");
    }

    /// <summary>
    /// Reads a multipart form as new-api passes it on: files named <c>image</c>, <c>image[]</c> or <c>image[N]</c> are the
    /// images, a file named <c>mask</c> the mask; a part without a file name is a field (the first of a repeated one wins,
    /// as with Go's <c>FormValue</c>).
    /// </summary>
    public static ImageForm FromMultipart(IReadOnlyList<EmulatorMultipartPart> parts)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        var images = new List<ImageInput>();
        ImageInput? mask = null;
        foreach (var part in parts)
        {
            if (string.IsNullOrEmpty(part.FileName))
            {
                fields.TryAdd(part.Name, part.Text);
            }
            else if (IsImageField(part.Name))
            {
                images.Add(new ImageInput(part.Name, part.FileName, part.ContentType, part.Content));
            }
            else if (part.Name == "mask")
            {
                mask ??= new ImageInput(part.Name, part.FileName, part.ContentType, part.Content);
            }
        }

        return new ImageForm(fields, images, mask, "image");
    }

    /// <summary>new-api's image field names: <c>image</c>, <c>image[]</c> and <c>image[N]</c>.</summary>
    public static bool IsImageField(string name) => name is "image" or "image[]" || IndexedImageField().IsMatch(name);

    [GeneratedRegex(@"^image\[\d+\]$", RegexOptions.CultureInvariant)]
    private static partial Regex IndexedImageField();

    private static IEnumerable<ImageInput> ReadJsonImages(string field, JsonElement value) => value.ValueKind == JsonValueKind.Array
        ? value.EnumerateArray().Select((item, i) => ReadJsonImage($"{field}[{i}]", item)).OfType<ImageInput>()
        : ReadJsonImage(field, value) is { } single ? [single] : [];

    private static ImageInput? ReadJsonImage(string field, JsonElement value)
    {
        string? reference = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Object => JsonText(value, "image_url") ?? JsonText(value, "file_id"),
            _ => null,
        };
        if (reference is null)
        {
            return null;
        }

        return TryReadDataUrl(reference, out string? mediaType, out byte[]? bytes)
            ? new ImageInput(field, null, mediaType, bytes)
            : new ImageInput(field, null, null, Encoding.UTF8.GetBytes(reference), reference);
    }

    private static string? JsonText(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>Decodes <c>data:&lt;type&gt;;base64,&lt;data&gt;</c>.</summary>
    private static bool TryReadDataUrl(string url, out string? mediaType, out byte[] bytes)
    {
        mediaType = null;
        bytes = [];
        int comma = url.IndexOf(',', StringComparison.Ordinal);
        if (!url.StartsWith("data:", StringComparison.OrdinalIgnoreCase) || comma < 0
            || !url.AsSpan(0, comma).EndsWith(";base64", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        try
        {
            bytes = Convert.FromBase64String(url[(comma + 1)..]);
        }
        catch (FormatException)
        {
            return false;
        }

        mediaType = url[5..(comma - 7)];
        return true;
    }
}
