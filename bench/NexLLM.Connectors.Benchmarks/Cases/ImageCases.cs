using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.AI;
using NexLLM.Connectors.Benchmarks.Replay;
using NexLLM.Connectors.Benchmarks.Wire;

namespace NexLLM.Connectors.Benchmarks.Cases;

/// <summary>
/// Images: one generation answered with four 1024×1024 PNGs in <c>b64_json</c> (a 6 MB body). Anchor:
/// Microsoft.Extensions.AI.OpenAI's <c>GetImageClient(model).AsIImageGenerator()</c>. Every contestant ends with the four
/// images' bytes in memory; the goal is measured against those bytes.
/// </summary>
[MemoryDiagnoser]
public class ImagesBase64 : Contestants
{
    public const int Images = Scenarios.ImageCount;
    private static readonly byte[] FloorRequest = Encoding.UTF8.GetBytes($"{{\"model\":\"{ImageBodies.Model}\",\"prompt\":\"{ImageBodies.Prompt}\",\"n\":{Images}}}");
    private static readonly ImageGenerationOptions Options = new() { Count = Images };

    private IImageGenerator _ours = null!;
    private IImageGenerator _anchor = null!;

    protected override string Scenario => Scenarios.ImagesBase64;

    [Benchmark(Baseline = true)]
    public async Task<long> Anchor() => Bytes(await _anchor.GenerateImagesAsync(ImageBodies.Prompt, Options));

    [Benchmark]
    public async Task<long> Ours() => Bytes(await _ours.GenerateImagesAsync(ImageBodies.Prompt, Options));

    [Benchmark]
    public async Task<long> Floor() => (await FloorHttp.ImagesAsync(new Uri(Base, "v1/images/generations"), FloorRequest, Images)).Sum(image => (long)image.Length);

    protected override async Task CheckAsync()
    {
        _ours = OurSdk.GetImageGenerator(ImageBodies.Model);
        _anchor = OpenAISdk.GetImageClient(ImageBodies.Model).AsIImageGenerator();
        byte[][] expected = await FloorHttp.ImagesAsync(new Uri(Base, "v1/images/generations"), FloorRequest, Images);
        Same("image bytes", (long)Images * Scenarios.ImageBytes, expected.Sum(image => (long)image.Length), nameof(Floor));
        foreach ((string name, IImageGenerator generator) in new[] { (nameof(Anchor), _anchor), (nameof(Ours), _ours) })
        {
            ImageGenerationResponse response = await generator.GenerateImagesAsync(ImageBodies.Prompt, Options);
            Same("images", Images, response.Contents.Count, name);
            DataContent last = response.Contents[^1] as DataContent ?? throw new InvalidOperationException($"{name} did not answer with the images' bytes.");
            Same("equal bytes of the last image", Scenarios.ImageBytes, last.Data.Span.SequenceEqual(expected[^1]) ? Scenarios.ImageBytes : 0, name);
        }
    }

    /// <summary>What a caller does with the answer: take each image's bytes.</summary>
    private static long Bytes(ImageGenerationResponse response)
    {
        long total = 0;
        IList<AIContent> contents = response.Contents;
        for (int i = 0; i < contents.Count; i++)
        {
            total += ((DataContent)contents[i]).Data.Length;
        }

        return total;
    }
}
