namespace NexLLM.Connectors.Emulator.Images;

/// <summary>What an edit's inputs give the painter.</summary>
/// <param name="Tint">The first image's average colour (or, when it cannot be decoded, a colour hashed from its bytes).</param>
/// <param name="Original">The first image, decoded, when it is a PNG the emulator reads.</param>
/// <param name="Mask">The mask, decoded, when there is one and the emulator reads it.</param>
internal sealed record ImageEditSource(Rgb Tint, DecodedImage? Original, DecodedImage? Mask);
