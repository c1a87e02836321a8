using System.Drawing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using NexLLM.Connectors.Emulator;
using NexLLM.Connectors.IntegrationTests.TestSupport;

namespace NexLLM.Connectors.IntegrationTests.Images;

/// <summary>
/// What every <see cref="IImageGenerator"/> must do, end to end over loopback against the emulator: real, decodable
/// images of the size asked for, edits of several images with a mask, url mode, usage, errors and retries. A protocol
/// subclasses this in a few lines (models, paths) and adds its wire-specific tests beside it.
/// </summary>
public abstract class ImageGeneratorConformanceTests : EmulatorTest
{
    /// <summary>Gets a model that answers with the image's bytes and reports usage (gpt-image).</summary>
    protected abstract string Model { get; }

    /// <summary>Gets a model that can answer with URLs and revises prompts (dall-e-3).</summary>
    protected abstract string UrlModel { get; }

    /// <summary>Gets whether a request path is one of this protocol's generation or edit routes.</summary>
    protected abstract bool IsImagePath(string path);

    protected IImageGenerator CreateGenerator(string? model = null) => Client.GetImageGenerator(model ?? Model);

    protected IReadOnlyList<EmulatorRequest> ImageRequests() => [.. Emulator.Requests.Where(r => IsImagePath(r.Path))];

    /// <summary>A small PNG made by the generator itself, to edit.</summary>
    protected async Task<DataContent> GeneratePngAsync(string prompt, int size)
    {
        ImageGenerationResponse response = await CreateGenerator().GenerateImagesAsync(
            prompt, new ImageGenerationOptions { ImageSize = new Size(size, size), MediaType = "image/png" }, TestCancellation);
        return OnlyImage(response);
    }

    [Fact]
    public async Task Generate_ReturnsARealPng_OfTheSizeAskedFor()
    {
        ImageGenerationResponse response = await CreateGenerator().GenerateImagesAsync(
            "A lighthouse at dawn", new ImageGenerationOptions { ImageSize = new Size(1024, 1024) }, TestCancellation);

        DataContent image = Assert.IsType<DataContent>(Assert.Single(response.Contents));
        Assert.Equal("image/png", image.MediaType);
        PngImage png = PngImage.Read(image.Data.Span);
        Assert.Equal((1024, 1024), (png.Width, png.Height));
        Assert.Equal(Emulator.Requests[^1].RequestId, image.AdditionalProperties?["nexllm.request_id"]);
        Assert.NotNull(response.RawRepresentation);
    }

    [Fact]
    public async Task Generate_IsDeterministic_AndFollowsThePrompt()
    {
        IImageGenerator generator = CreateGenerator();
        var options = new ImageGenerationOptions { ImageSize = new Size(1024, 1024) };

        DataContent first = OnlyImage(await generator.GenerateImagesAsync("a red fox", options, TestCancellation));
        DataContent again = OnlyImage(await generator.GenerateImagesAsync("a red fox", options, TestCancellation));
        DataContent other = OnlyImage(await generator.GenerateImagesAsync("a blue whale", options, TestCancellation));

        Assert.True(first.Data.Span.SequenceEqual(again.Data.Span));
        Assert.False(first.Data.Span.SequenceEqual(other.Data.Span));
    }

    [Fact]
    public async Task Count_GivesThatManyImages()
    {
        ImageGenerationResponse response = await CreateGenerator().GenerateImagesAsync(
            "three cats", new ImageGenerationOptions { Count = 3, ImageSize = new Size(1024, 1024) }, TestCancellation);

        Assert.Equal(3, response.Contents.Count);
        Assert.All(response.Contents, content => PngImage.Read(Assert.IsType<DataContent>(content).Data.Span));
    }

    [Fact]
    public async Task Usage_IsReported()
    {
        ImageGenerationResponse response = await CreateGenerator().GenerateImagesAsync("a quiet harbour", cancellationToken: TestCancellation);

        UsageDetails usage = Assert.IsType<UsageDetails>(response.Usage);
        Assert.True(usage.InputTokenCount > 0);
        Assert.True(usage.OutputTokenCount > 0);
        Assert.Equal(usage.InputTokenCount + usage.OutputTokenCount, usage.TotalTokenCount);
    }

    [Fact]
    public async Task UrlMode_GivesAUrlTheServerServes_AndTheRevisedPrompt()
    {
        ImageGenerationResponse response = await CreateGenerator(UrlModel).GenerateImagesAsync(
            "a lighthouse", new ImageGenerationOptions { ResponseFormat = ImageGenerationResponseFormat.Uri, ImageSize = new Size(1024, 1024) }, TestCancellation);

        UriContent image = Assert.IsType<UriContent>(Assert.Single(response.Contents));
        Assert.False(string.IsNullOrWhiteSpace(image.AdditionalProperties?["nexllm.revised_prompt"] as string));
        using var http = new HttpClient();
        byte[] bytes = await http.GetByteArrayAsync(image.Uri, TestCancellation);
        PngImage png = PngImage.Read(bytes);
        Assert.Equal((1024, 1024), (png.Width, png.Height));
    }

    [Fact]
    public async Task DataMode_OnAUrlModel_GivesBytes()
    {
        ImageGenerationResponse response = await CreateGenerator(UrlModel).GenerateImagesAsync(
            "a lighthouse", new ImageGenerationOptions { ResponseFormat = ImageGenerationResponseFormat.Data, ImageSize = new Size(1024, 1024) }, TestCancellation);

        PngImage.Read(OnlyImage(response).Data.Span);
    }

    [Fact]
    public async Task Edit_OfSeveralImagesWithAMask_ReturnsAnImageOfTheFirstOnesSize()
    {
        DataContent first = await GeneratePngAsync("a red square", 1024);
        DataContent second = await GeneratePngAsync("a green circle", 1024);
        Emulator.ClearRequests();

        ImageGenerationResponse response = await CreateGenerator().EditImagesAsync(
            [first, second], "put the circle on the square", new ImageGenerationOptions().WithImageMask(first), TestCancellation);

        PngImage png = PngImage.Read(OnlyImage(response).Data.Span);
        Assert.Equal((1024, 1024), (png.Width, png.Height));
        Assert.Single(ImageRequests());
    }

    [Fact]
    public async Task A429_IsRetried_ForAnEditToo()
    {
        DataContent original = await GeneratePngAsync("a red square", 1024);
        Emulator.ClearRequests();
        Emulator.Enqueue(EmulatorFault.OpenAIError(429, "Rate limited.", "rate_limit_error", headers: new Dictionary<string, string> { ["retry-after-ms"] = "20" }));

        ImageGenerationResponse response = await CreateGenerator().EditImageAsync(original, "make it blue", cancellationToken: TestCancellation);

        PngImage.Read(OnlyImage(response).Data.Span);
        IReadOnlyList<EmulatorRequest> requests = ImageRequests();
        Assert.Equal(2, requests.Count);
        Assert.Equal(requests[0].Body, requests[1].Body);
    }

    [Fact]
    public async Task A500InvalidRequest_IsTypedAndNotRetried()
    {
        Emulator.Enqueue(EmulatorFault.OpenAIError(500, "prompt is required", "new_api_error", "invalid_request"));

        var ex = await Assert.ThrowsAsync<NexLLMException>(() => CreateGenerator().GenerateImagesAsync("x", cancellationToken: TestCancellation));

        Assert.Equal(500, ex.StatusCode);
        Assert.Equal("invalid_request", ex.ErrorCode);
        Assert.Equal(1, ex.Attempts);
        Assert.Single(ImageRequests());
    }

    [Fact]
    public async Task ATruncatedAnswer_IsATypedError()
    {
        Emulator.Enqueue(EmulatorFault.Truncate(1));

        var ex = await Assert.ThrowsAsync<NexLLMException>(() => CreateGenerator().GenerateImagesAsync("a lighthouse", cancellationToken: TestCancellation));

        Assert.Equal(NexLLMErrorKind.InvalidResponse, ex.Kind);
    }

    [Fact]
    public async Task WorksBehindMicrosoftExtensionsAIsOwnPipeline()
    {
        using ILoggerFactory loggers = LoggerFactory.Create(_ => { });
        IImageGenerator generator = CreateGenerator().AsBuilder()
            .ConfigureOptions(o => o.Count ??= 2)
            .UseLogging(loggers)
            .UseOpenTelemetry()
            .Build();

        ImageGenerationResponse response = await generator.GenerateImagesAsync("two boats", cancellationToken: TestCancellation);

        Assert.Equal(2, response.Contents.Count);
        Assert.Equal("nexllm", generator.GetService<ImageGeneratorMetadata>()?.ProviderName);
        Assert.Equal(Model, generator.GetService<ImageGeneratorMetadata>()?.DefaultModelId);
        Assert.NotNull(generator.GetService<LoggingImageGenerator>());
    }

    protected static DataContent OnlyImage(ImageGenerationResponse response) => Assert.IsType<DataContent>(Assert.Single(response.Contents));
}
