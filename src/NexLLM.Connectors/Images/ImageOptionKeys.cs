using Microsoft.Extensions.AI;

namespace NexLLM.Connectors.Images;

/// <summary>
/// Keys of <see cref="ImageGenerationOptions.AdditionalProperties"/> that carry our typed image options (written by
/// <see cref="NexLLMImageGenerationOptionsExtensions"/>). Like every typed option they start with the reserved
/// <c>nexllm.</c> prefix, so they are never sent under their own names (docs/architecture.md#conventions).
/// </summary>
internal static class ImageOptionKeys
{
    /// <summary>A <see cref="string"/>: <c>quality</c>.</summary>
    public const string Quality = "nexllm.image.quality";

    /// <summary>A <see cref="string"/>: <c>style</c> (dall-e-3).</summary>
    public const string Style = "nexllm.image.style";

    /// <summary>A <see cref="string"/>: <c>background</c> (gpt-image).</summary>
    public const string Background = "nexllm.image.background";

    /// <summary>A <see cref="string"/>: <c>moderation</c> (gpt-image generations).</summary>
    public const string Moderation = "nexllm.image.moderation";

    /// <summary>An <see cref="int"/> from 0 to 100: <c>output_compression</c> (gpt-image, jpeg and webp).</summary>
    public const string Compression = "nexllm.image.output_compression";

    /// <summary>A <see cref="string"/>: <c>input_fidelity</c> (gpt-image edits).</summary>
    public const string InputFidelity = "nexllm.image.input_fidelity";

    /// <summary>A <see cref="DataContent"/>: the <c>mask</c> file of an edit.</summary>
    public const string Mask = "nexllm.image.mask";

    /// <summary>A <see cref="bool"/>: send <c>size: "auto"</c> (gpt-image) when <see cref="ImageGenerationOptions.ImageSize"/> is not set.</summary>
    public const string AutoSize = "nexllm.image.auto_size";

    /// <summary>Reads a non-empty <see cref="string"/> option.</summary>
    public static string? Text(ImageGenerationOptions? options, string key) =>
        options?.AdditionalProperties?.TryGetValue(key, out object? value) is true && value is string { Length: > 0 } text ? text : null;

    /// <summary>Reads an <see cref="int"/> option.</summary>
    public static int? Number(ImageGenerationOptions? options, string key) =>
        options?.AdditionalProperties?.TryGetValue(key, out object? value) is true && value is int number ? number : null;

    /// <summary>Reads a <see cref="bool"/> option that is on.</summary>
    public static bool IsOn(ImageGenerationOptions? options, string key) =>
        options?.AdditionalProperties?.TryGetValue(key, out object? value) is true && value is true;

    /// <summary>Reads the mask of an edit.</summary>
    public static DataContent? MaskOf(ImageGenerationOptions? options) =>
        options?.AdditionalProperties?.TryGetValue(Mask, out object? value) is true ? value as DataContent : null;
}
