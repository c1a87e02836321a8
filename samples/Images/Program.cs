// Images: generate a picture, then edit it with a mask, through Microsoft.Extensions.AI's IImageGenerator.
// Without NEXLLM_API_KEY it runs offline against the local NexLLM emulator.
using System.Drawing;
using Microsoft.Extensions.AI;
using NexLLM.Connectors;
using NexLLM.Connectors.Samples;

await using SampleGateway gateway = await SampleGateway.StartAsync();
string model = SampleGateway.Model("NEXLLM_IMAGE_MODEL", "gpt-image-1");
IImageGenerator images = gateway.Client.GetImageGenerator(model);
string folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "nexllm-images")).FullName;

// 1. Generate: one 1024x1024 PNG (gpt-image answers with the bytes; they arrive decoded in a DataContent).
Console.WriteLine($"\n> Generating with {model}:");
ImageGenerationResponse generated = await images.GenerateImagesAsync(
    "A lighthouse on a rocky shore at dawn, in watercolour",
    new ImageGenerationOptions { ImageSize = new Size(1024, 1024), MediaType = "image/png" }.WithImageQuality("low"));
DataContent picture = generated.Contents.OfType<DataContent>().First();
Save(picture, "lighthouse.png");
Report(generated.Usage);

// 2. Edit it: the mask's transparent top half is where the model may paint; the rest of the picture is kept.
(int width, int height) = MaskPng.SizeOf(picture.Data.Span);
DataContent mask = MaskPng.TransparentTop(width, height);
Save(mask, "mask.png");
Console.WriteLine("\n> Editing the picture inside the mask:");
ImageGenerationResponse edited = await images.EditImageAsync(
    picture,
    "Add a flock of seagulls in the sky",
    new ImageGenerationOptions { MediaType = "image/png" }.WithImageMask(mask).WithImageInputFidelity("high"));
Save(edited.Contents.OfType<DataContent>().First(), "lighthouse-seagulls.png");
Report(edited.Usage);

void Save(DataContent image, string name)
{
    string path = Path.Combine(folder, name);
    File.WriteAllBytes(path, image.Data.ToArray());
    Console.WriteLine($"  {path}: {image.MediaType}, {image.Data.Length:N0} bytes");
}

static void Report(UsageDetails? usage)
{
    if (usage is not null)
    {
        Console.WriteLine($"  (usage) {usage.InputTokenCount} input tokens, {usage.OutputTokenCount} output tokens");
    }
}
