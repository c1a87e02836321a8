namespace NexLLM.Connectors.Emulator.Images;

/// <summary>The image models whose rules differ (docs/protocols/images.md).</summary>
internal enum ImageModelFamily
{
    /// <summary><c>dall-e-2</c> (and new-api's <c>dall-e</c>): square sizes, URLs by default, one PNG to edit.</summary>
    DallE2,

    /// <summary><c>dall-e-3</c>: one image per request, a revised prompt, no edits.</summary>
    DallE3,

    /// <summary><c>gpt-image-*</c> and any other model: base64 only, usage, background and output format.</summary>
    GptImage,
}
