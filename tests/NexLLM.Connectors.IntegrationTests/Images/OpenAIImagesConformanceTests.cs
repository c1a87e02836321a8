using System.Drawing;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.AI;
using Microsoft.Net.Http.Headers;
using NexLLM.Connectors.Emulator;

namespace NexLLM.Connectors.IntegrationTests.Images;

/// <summary>
/// The shared image conformance suite over <c>POST /v1/images/generations</c> and <c>POST /v1/images/edits</c>, and what
/// those routes put on the wire, read back by ASP.NET Core's own multipart reader.
/// </summary>
public sealed class OpenAIImagesConformanceTests : ImageGeneratorConformanceTests
{
    protected override string Model => "gpt-image-1";

    protected override string UrlModel => "dall-e-3";

    protected override bool IsImagePath(string path) => path is "/v1/images/generations" or "/v1/images/edits";

    [Fact]
    public async Task TheGeneration_IsJson_WithoutStreamOrAResponseFormatForGptImage()
    {
        var options = new ImageGenerationOptions
        {
            ImageSize = new Size(1024, 1024),
            MediaType = "image/png",
            ResponseFormat = ImageGenerationResponseFormat.Data,
            AdditionalProperties = new() { ["user"] = "u-1" },
        }.WithImageQuality("low");

        await CreateGenerator().GenerateImagesAsync("a lighthouse", options, TestCancellation);

        EmulatorRequest request = Assert.Single(ImageRequests());
        Assert.Equal("/v1/images/generations", request.Path);
        Assert.Equal("Bearer " + Emulator.ApiKey, request.Headers["Authorization"]);
        Assert.Equal(
            """{"model":"gpt-image-1","prompt":"a lighthouse","size":"1024x1024","quality":"low","output_format":"png","user":"u-1"}""",
            request.BodyText);
    }

    [Fact]
    public async Task TheEdit_IsMultipart_WithEveryImageAsImageBrackets_ThenTheMask()
    {
        DataContent first = await GeneratePngAsync("a red square", 1024);
        DataContent second = await GeneratePngAsync("a green circle", 1024);
        first.Name = "square.png";
        Emulator.ClearRequests();
        var options = new ImageGenerationOptions { ImageSize = new Size(1024, 1024) }.WithImageInputFidelity("high").WithImageMask(first);

        await CreateGenerator().EditImagesAsync([first, second], "merge them", options, TestCancellation);

        EmulatorRequest request = Assert.Single(ImageRequests());
        Assert.Equal("/v1/images/edits", request.Path);
        List<Part> parts = await ReadPartsAsync(request);
        Assert.Equal(
            ["model=gpt-image-1", "prompt=merge them", "size=1024x1024", "input_fidelity=high"],
            parts.Where(p => p.FileName is null).Select(p => $"{p.Name}={Encoding.UTF8.GetString(p.Body)}"));
        Assert.Equal(
            ["image[] square.png image/png", "image[] image2.png image/png", "mask square.png image/png"],
            parts.Where(p => p.FileName is not null).Select(p => $"{p.Name} {p.FileName} {p.ContentType}"));
        Assert.Equal(first.Data.ToArray(), parts[^3].Body);
        Assert.Equal(second.Data.ToArray(), parts[^2].Body);
        Assert.Equal(first.Data.ToArray(), parts[^1].Body);
        Assert.Equal(request.Body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), request.Headers["Content-Length"]);
    }

    [Fact]
    public async Task StreamIsNeverSent()
    {
        var options = new ImageGenerationOptions { StreamingCount = 2, AdditionalProperties = new() { ["stream"] = true } };

        await CreateGenerator().GenerateImagesAsync("a lighthouse", options, TestCancellation);

        JsonElement body = Assert.Single(ImageRequests()).ParseJson();
        Assert.False(body.TryGetProperty("stream", out _));
        Assert.False(body.TryGetProperty("partial_images", out _));
    }

    private static async Task<List<Part>> ReadPartsAsync(EmulatorRequest request)
    {
        string boundary = HeaderUtilities.RemoveQuotes(MediaTypeHeaderValue.Parse(request.Headers["Content-Type"]).Boundary).Value!;
        var reader = new MultipartReader(boundary, new MemoryStream(request.Body));
        var parts = new List<Part>();
        while (await reader.ReadNextSectionAsync(TestCancellation) is { } section)
        {
            ContentDispositionHeaderValue disposition = ContentDispositionHeaderValue.Parse(section.ContentDisposition);
            var body = new MemoryStream();
            await section.Body.CopyToAsync(body, TestCancellation);
            parts.Add(new Part(disposition.Name.Value!, disposition.FileName.Value, section.ContentType, body.ToArray()));
        }

        return parts;
    }

    private sealed record Part(string Name, string? FileName, string? ContentType, byte[] Body);
}
