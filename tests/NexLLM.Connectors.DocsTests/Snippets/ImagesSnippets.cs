using System.Drawing;
using Microsoft.Extensions.AI;
using NexLLM.Connectors;

namespace ReadmeSnippets;

/// <summary>docs/guides/images.md, on the client of the README's "Use it" (in the tests, the emulator's).</summary>
internal static class ImagesSnippets
{
    /// <summary>Generates a picture, then edits it.</summary>
    public static async Task GenerateAndEditAsync(NexLLMClient nexllm)
    {
        // <snippet:images>
        IImageGenerator images = nexllm.GetImageGenerator("gpt-image-1");

        ImageGenerationResponse generated = await images.GenerateImagesAsync(
            "A lighthouse on a rocky shore at dawn, in watercolour",
            new ImageGenerationOptions { ImageSize = new Size(1024, 1024), MediaType = "image/png" }.WithImageQuality("low"));
        DataContent picture = generated.Contents.OfType<DataContent>().Single();   // decoded bytes: File.WriteAllBytes(path, picture.Data.ToArray())
        Console.WriteLine($"generated {picture.MediaType}, {picture.Data.Length} bytes; {generated.Usage?.InputTokenCount} input tokens");

        ImageGenerationResponse edited = await images.EditImageAsync(
            picture, "Add a flock of seagulls in the sky", new ImageGenerationOptions { MediaType = "image/png" }.WithImageInputFidelity("high"));
        DataContent result = edited.Contents.OfType<DataContent>().Single();
        Console.WriteLine($"edited {result.MediaType}, {result.Data.Length} bytes");
        // </snippet:images>
    }
}
