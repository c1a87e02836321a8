using NexLLM.Connectors.Emulator.Engine;

namespace NexLLM.Connectors.Emulator.Images;

/// <summary>
/// The usage a gpt-image answer reports. Output: per picture, 272, 1,056 or 4,160 tokens for a 1024x1024 picture of
/// low, medium (or an edit's standard) or high quality, scaled by area (1024x1536 and 1536x1024: 408, 1,584, 6,240), which is what OpenAI's
/// per-image prices come to at its price per output token (docs/protocols/images.md). Input: the prompt's tokens
/// (about one per four characters) and, for an edit, 85 per image (what the emulator counts for any attachment).
/// </summary>
internal static class ImageTokens
{
    public static int TextInput(ImagesCall call) => TokenEstimator.Tokens(call.Prompt);

    public static int ImageInput(ImagesCall call) => call.Images.Count * TokenEstimator.PerAttachment;

    public static int Output(ImagesCall call)
    {
        int square = call.Quality switch
        {
            "low" => 272,
            "medium" or "standard" => 1056,
            _ => 4160,
        };
        long perPicture = square * (long)call.Size.Width * call.Size.Height / (1024 * 1024);
        return (int)(perPicture * call.Count);
    }
}
