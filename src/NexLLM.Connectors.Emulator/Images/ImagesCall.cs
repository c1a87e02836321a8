namespace NexLLM.Connectors.Emulator.Images;

/// <summary>A valid image request, generation or edit.</summary>
/// <param name="Model">The model, as sent.</param>
/// <param name="Family">The model's rules.</param>
/// <param name="Prompt">The prompt.</param>
/// <param name="Count">How many images to answer (<c>n</c>, 1 when absent or 0).</param>
/// <param name="Size">The pictures' size (<c>auto</c> is 1024x1024).</param>
/// <param name="Quality">The quality echoed (dall-e-3: <c>standard</c> by default; gpt-image: <c>auto</c> answers <c>high</c>), or <see langword="null"/> for dall-e-2.</param>
/// <param name="Style">dall-e-3's style (<c>vivid</c> by default), or <see langword="null"/>.</param>
/// <param name="AsUrl">Whether the images are answered as URLs (dall-e's default) rather than base64.</param>
/// <param name="Transparent">Whether a gpt-image model was asked for a transparent background.</param>
/// <param name="Stream">Whether <c>stream</c> was true.</param>
/// <param name="Images">An edit's images, in order.</param>
/// <param name="Mask">An edit's mask.</param>
internal sealed record ImagesCall(
    string Model,
    ImageModelFamily Family,
    string Prompt,
    int Count,
    ImageSize Size,
    string? Quality,
    string? Style,
    bool AsUrl,
    bool Transparent,
    bool Stream,
    IReadOnlyList<ImageInput> Images,
    ImageInput? Mask);
