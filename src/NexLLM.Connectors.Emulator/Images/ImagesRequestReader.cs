using System.Globalization;

namespace NexLLM.Connectors.Emulator.Images;

/// <summary>Maps a request that passed new-api's and OpenAI's checks (<see cref="ImagesRequestValidator"/>) to the call.</summary>
internal static class ImagesRequestReader
{
    public static ImagesCall Read(ImageForm form)
    {
        string model = form["model"]!;
        var family = ImageModels.FamilyOf(model);
        bool gptImage = family == ImageModelFamily.GptImage;
        string? quality = family switch
        {
            ImageModelFamily.DallE3 => form["quality"] ?? "standard",
            ImageModelFamily.GptImage => form["quality"] is null or "auto" ? "high" : form["quality"],
            _ => null,
        };

        return new ImagesCall(
            model,
            family,
            form["prompt"]!,
            (int)Count(form["n"]),
            ImageModels.Resolve(form["size"]),
            quality,
            family == ImageModelFamily.DallE3 ? form["style"] ?? "vivid" : null,
            AsUrl: !gptImage && form["response_format"] is null or "url",
            Transparent: gptImage && form["background"] == "transparent",
            Stream: form["stream"] == "true",
            form.Images,
            form.Mask);
    }

    /// <summary>
    /// <c>n</c> as new-api passes it on: absent, 0 or (in a form) not a number is 1 (new-api's default; a form value is
    /// read with <c>strconv.Atoi</c>, 0 on failure).
    /// </summary>
    public static long Count(string? n) =>
        long.TryParse(n, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value) && value != 0 ? value : 1;
}
