using NexLLM.Connectors.Emulator.Shared;

namespace NexLLM.Connectors.Emulator.Images;

/// <summary>
/// What each image model takes, as OpenAI documents it (docs/protocols/images.md): sizes, qualities, prompt lengths,
/// images per request. The emulator reads a model's family from its name: <c>dall-e-3…</c>, <c>dall-e…</c>, and
/// everything else as a gpt-image model.
/// </summary>
internal static class ImageModels
{
    /// <summary>The most images one request may ask for.</summary>
    public const int MaxCount = 10;

    /// <summary>The most images a gpt-image edit may send.</summary>
    public const int MaxEditImages = 16;

    private static readonly string[] DallE2Sizes = ["256x256", "512x512", "1024x1024"];
    private static readonly string[] DallE3Sizes = ["1024x1024", "1792x1024", "1024x1792"];
    private static readonly string[] GptImageSizes = ["1024x1024", "1024x1536", "1536x1024", "auto"];

    public static ImageModelFamily FamilyOf(string model) =>
        model.StartsWith("dall-e-3", StringComparison.Ordinal) ? ImageModelFamily.DallE3
        : model.StartsWith("dall-e", StringComparison.Ordinal) ? ImageModelFamily.DallE2
        : ImageModelFamily.GptImage;

    public static int MaxPromptLength(ImageModelFamily family) => family switch
    {
        ImageModelFamily.DallE2 => 1000,
        ImageModelFamily.DallE3 => 4000,
        _ => 32000,
    };

    public static int MaxImagesPerRequest(ImageModelFamily family) => family == ImageModelFamily.DallE3 ? 1 : MaxCount;

    /// <summary>The qualities a model takes; gpt-image edits also take <c>standard</c> (openai-python's edit parameters).</summary>
    public static string[] Qualities(ImageModelFamily family, bool edit) => family switch
    {
        ImageModelFamily.DallE2 => ["standard"],
        ImageModelFamily.DallE3 => ["standard", "hd"],
        _ when edit => ["standard", "low", "medium", "high", "auto"],
        _ => ["low", "medium", "high", "auto"],
    };

    /// <summary>OpenAI's answer to a size the model does not take, or <see langword="null"/> when it takes it.</summary>
    public static OpenAIUpstreamError? CheckSize(string model, ImageModelFamily family, string? size)
    {
        string[] sizes = family switch
        {
            ImageModelFamily.DallE2 => DallE2Sizes,
            ImageModelFamily.DallE3 => DallE3Sizes,
            _ => GptImageSizes,
        };
        if (size is null || sizes.Contains(size, StringComparer.Ordinal)
            || (TakesAnySize(model) && ImageSize.TryParse(size, out var custom) && IsFlexibleSize(custom)))
        {
            return null;
        }

        return OpenAIUpstreamError.InvalidValue("size", size, sizes);
    }

    /// <summary>The size a valid <c>size</c> value asks for: <c>auto</c> and no size are 1024x1024.</summary>
    public static ImageSize Resolve(string? size) => ImageSize.TryParse(size, out var parsed) ? parsed : ImageSize.Default;

    /// <summary>gpt-image-2 also takes any <c>WxH</c> within its limits.</summary>
    private static bool TakesAnySize(string model) => model.StartsWith("gpt-image-2", StringComparison.Ordinal);

    /// <summary>
    /// gpt-image-2's rule for a free size: both sides multiples of 16 and at most 3,840, a ratio of at most 3:1,
    /// and 655,360 to 8,294,400 pixels (docs/protocols/images.md).
    /// </summary>
    private static bool IsFlexibleSize(ImageSize size)
    {
        long pixels = (long)size.Width * size.Height;
        return size.Width % 16 == 0 && size.Height % 16 == 0
            && size.Width <= 3840 && size.Height <= 3840
            && Math.Max(size.Width, size.Height) <= 3 * Math.Min(size.Width, size.Height)
            && pixels is >= 655_360 and <= 8_294_400;
    }
}
