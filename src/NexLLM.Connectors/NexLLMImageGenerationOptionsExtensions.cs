using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.AI;
using NexLLM.Connectors.Images;

namespace NexLLM.Connectors;

/// <summary>
/// Typed NexLLM options on <see cref="ImageGenerationOptions"/> for the image fields M.E.AI has no property for. They are
/// stored under reserved <c>nexllm.</c> keys of <see cref="ImageGenerationOptions.AdditionalProperties"/> and sent under
/// their wire names (docs/protocols/images.md); a field the request's route has none of (<c>style</c> on an edit,
/// <c>input_fidelity</c> on a generation) is not sent and is logged at Debug. Values are the provider's words, passed as
/// they are, because each model family takes its own: check them against the model you call.
/// </summary>
[Experimental("MEAI001")]
public static class NexLLMImageGenerationOptionsExtensions
{
    /// <summary>Sets <c>quality</c>: <c>standard</c> or <c>hd</c> (dall-e-3); <c>low</c>, <c>medium</c>, <c>high</c> or <c>auto</c> (gpt-image).</summary>
    /// <param name="options">The options to change.</param>
    /// <param name="quality">The quality word.</param>
    /// <returns>The same <paramref name="options"/>, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> or <paramref name="quality"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="quality"/> is empty or white space.</exception>
    public static ImageGenerationOptions WithImageQuality(this ImageGenerationOptions options, string quality) =>
        Set(options, ImageOptionKeys.Quality, Throw.IfNullOrWhiteSpace(quality));

    /// <summary>Sets <c>style</c> of a generation: <c>vivid</c> or <c>natural</c> (dall-e-3).</summary>
    /// <param name="options">The options to change.</param>
    /// <param name="style">The style word.</param>
    /// <returns>The same <paramref name="options"/>, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> or <paramref name="style"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="style"/> is empty or white space.</exception>
    public static ImageGenerationOptions WithImageStyle(this ImageGenerationOptions options, string style) =>
        Set(options, ImageOptionKeys.Style, Throw.IfNullOrWhiteSpace(style));

    /// <summary>Sets <c>background</c>: <c>transparent</c>, <c>opaque</c> or <c>auto</c> (gpt-image; transparent needs PNG or WebP).</summary>
    /// <param name="options">The options to change.</param>
    /// <param name="background">The background word.</param>
    /// <returns>The same <paramref name="options"/>, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> or <paramref name="background"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="background"/> is empty or white space.</exception>
    public static ImageGenerationOptions WithImageBackground(this ImageGenerationOptions options, string background) =>
        Set(options, ImageOptionKeys.Background, Throw.IfNullOrWhiteSpace(background));

    /// <summary>Sets <c>moderation</c> of a generation: <c>low</c> or <c>auto</c> (gpt-image).</summary>
    /// <param name="options">The options to change.</param>
    /// <param name="moderation">The moderation word.</param>
    /// <returns>The same <paramref name="options"/>, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> or <paramref name="moderation"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="moderation"/> is empty or white space.</exception>
    public static ImageGenerationOptions WithImageModeration(this ImageGenerationOptions options, string moderation) =>
        Set(options, ImageOptionKeys.Moderation, Throw.IfNullOrWhiteSpace(moderation));

    /// <summary>Sets <c>output_compression</c>, from 0 to 100 (gpt-image, for JPEG and WebP output: set <see cref="ImageGenerationOptions.MediaType"/>).</summary>
    /// <param name="options">The options to change.</param>
    /// <param name="compression">The compression level, 0 to 100.</param>
    /// <returns>The same <paramref name="options"/>, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="compression"/> is below 0 or above 100.</exception>
    public static ImageGenerationOptions WithImageCompression(this ImageGenerationOptions options, int compression) =>
        Set(options, ImageOptionKeys.Compression, Throw.IfOutOfRange(compression, 0, 100));

    /// <summary>Sets <c>input_fidelity</c> of an edit: <c>high</c> or <c>low</c> (gpt-image): how closely the output keeps the input's details and faces.</summary>
    /// <param name="options">The options to change.</param>
    /// <param name="fidelity">The fidelity word.</param>
    /// <returns>The same <paramref name="options"/>, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> or <paramref name="fidelity"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="fidelity"/> is empty or white space.</exception>
    public static ImageGenerationOptions WithImageInputFidelity(this ImageGenerationOptions options, string fidelity) =>
        Set(options, ImageOptionKeys.InputFidelity, Throw.IfNullOrWhiteSpace(fidelity));

    /// <summary>
    /// Sets the <c>mask</c> of an edit: an image of the first original image's size whose fully transparent pixels mark
    /// where to edit (PNG with an alpha channel, for OpenAI). A request with a mask and no original images is refused.
    /// </summary>
    /// <param name="options">The options to change.</param>
    /// <param name="mask">The mask's bytes, with an image media type; its <see cref="DataContent.Name"/> becomes the file name.</param>
    /// <returns>The same <paramref name="options"/>, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> or <paramref name="mask"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="mask"/> is not an image or has no bytes.</exception>
    public static ImageGenerationOptions WithImageMask(this ImageGenerationOptions options, DataContent mask)
    {
        Throw.IfNull(mask);
        if (!mask.HasTopLevelMediaType("image") || mask.Data.IsEmpty)
        {
            throw new ArgumentException($"The mask must be image bytes; it has media type {mask.MediaType} and {mask.Data.Length} bytes.", nameof(mask));
        }

        return Set(options, ImageOptionKeys.Mask, mask);
    }

    /// <summary>
    /// Asks for <c>size: "auto"</c> (gpt-image: the model picks the size from the prompt) and clears
    /// <see cref="ImageGenerationOptions.ImageSize"/>; an <see cref="ImageGenerationOptions.ImageSize"/> set afterwards wins.
    /// </summary>
    /// <param name="options">The options to change.</param>
    /// <returns>The same <paramref name="options"/>, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    public static ImageGenerationOptions WithAutoImageSize(this ImageGenerationOptions options)
    {
        Set(options, ImageOptionKeys.AutoSize, true);
        options.ImageSize = null;
        return options;
    }

    private static ImageGenerationOptions Set(ImageGenerationOptions options, string key, object value)
    {
        Throw.IfNull(options);
        (options.AdditionalProperties ??= [])[key] = value;
        return options;
    }
}
