#pragma warning disable OPENAI001 // the SDK marks the gpt-image members (sizes, background, format, usage) experimental
using System.ClientModel;
using System.Net;
using NexLLM.Connectors.IntegrationTests.TestSupport;
using OpenAI;
using OpenAI.Images;

namespace NexLLM.Connectors.IntegrationTests.Peers;

/// <summary>
/// The official OpenAI .NET SDK's <see cref="ImageClient"/> drives the emulator's image routes: proof that they speak
/// OpenAI's protocol (generations as base64 and as URLs, an edit with one image and a mask, which is what the SDK's
/// edit API takes), not just what our own client expects.
/// </summary>
public sealed class OpenAISdkImagesPeerTests : EmulatorTest
{
    [Fact]
    public async Task GptImage_Generates_Base64Pngs_WithUsage()
    {
        ClientResult<GeneratedImageCollection> result = await CreateSdkClient("gpt-image-1").GenerateImagesAsync(
            "a lighthouse at dusk",
            2,
            new ImageGenerationOptions { Size = GeneratedImageSize.W1536xH1024, Quality = GeneratedImageQuality.LowQuality },
            TestCancellation);

        GeneratedImageCollection images = result.Value;
        Assert.Equal(2, images.Count);
        Assert.All(images, image => Assert.Null(image.ImageUri));
        PngFile png = PngFile.Read(images[0].ImageBytes.ToArray());
        Assert.Equal((1536, 1024), (png.Width, png.Height));
        Assert.Equal(GeneratedImageSize.W1536xH1024, images.Size);
        Assert.Equal(GeneratedImageQuality.LowQuality, images.Quality);
        Assert.Equal(GeneratedImageFileFormat.Png, images.OutputFileFormat);
        Assert.Equal(GeneratedImageBackground.Opaque, images.Background);
        Assert.Equal(816, images.Usage.OutputTokenCount);
        Assert.Equal(5, images.Usage.InputTokenDetails.TextTokenCount);
        Assert.Equal(images.Usage.InputTokenCount + images.Usage.OutputTokenCount, images.Usage.TotalTokenCount);

        // The SDK sends no response_format unless asked: gpt-image models refuse the field.
        Assert.DoesNotContain("response_format", Assert.Single(RequestsTo("/v1/images/generations")).BodyText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DallE3_Generates_AUrl_TheEmulatorServes()
    {
        GeneratedImage image = await CreateSdkClient("dall-e-3").GenerateImageAsync(
            "a paper kite",
            new ImageGenerationOptions { ResponseFormat = GeneratedImageFormat.Uri, Style = GeneratedImageStyle.Natural },
            TestCancellation);

        Assert.Null(image.ImageBytes);
        Assert.Equal("A natural, true-to-life picture: a paper kite, in soft daylight.", image.RevisedPrompt);
        using var http = new HttpClient();
        using HttpResponseMessage download = await http.GetAsync(image.ImageUri, TestCancellation);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        PngFile png = PngFile.Read(await download.Content.ReadAsByteArrayAsync(TestCancellation));
        Assert.Equal((1024, 1024), (png.Width, png.Height));
    }

    [Fact]
    public async Task DallE2_EditsOneImage_WithAMask()
    {
        GeneratedImageCollection inputs = (await CreateSdkClient("gpt-image-1").GenerateImagesAsync(
            "a harbour",
            2,
            new ImageGenerationOptions { Background = GeneratedImageBackground.Transparent, Quality = GeneratedImageQuality.LowQuality },
            TestCancellation)).Value;
        using var image = inputs[0].ImageBytes.ToStream();
        using var mask = inputs[1].ImageBytes.ToStream();

        GeneratedImage edited = await CreateSdkClient("dall-e-2").GenerateImageEditAsync(
            image,
            "harbour.png",
            "add a sailing boat",
            mask,
            "mask.png",
            new ImageEditOptions { ResponseFormat = GeneratedImageFormat.Bytes, Size = GeneratedImageSize.W1024xH1024 },
            TestCancellation);

        PngFile png = PngFile.Read(edited.ImageBytes.ToArray());
        Assert.Equal((1024, 1024), (png.Width, png.Height));
        var parts = Assert.Single(RequestsTo("/v1/images/edits")).ParseMultipart();
        Assert.Equal("harbour.png", parts.Single(p => p.Name == "image").FileName);
        Assert.Null(parts.Single(p => p.Name == "image").ContentType); // the SDK leaves the type to the file name (docs/protocols/images.md#gotchas)
        Assert.Equal("mask.png", parts.Single(p => p.Name == "mask").FileName);
        Assert.Equal("add a sailing boat", parts.Single(p => p.Name == "prompt").Text);
    }

    private ImageClient CreateSdkClient(string model) =>
        new(model, new ApiKeyCredential(Emulator.ApiKey), new OpenAIClientOptions { Endpoint = Emulator.Endpoint });
}
