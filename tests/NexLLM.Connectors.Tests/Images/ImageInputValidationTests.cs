using System.Drawing;
using Microsoft.Extensions.AI;
using NexLLM.Connectors.Tests.TestSupport;
using static NexLLM.Connectors.Tests.Images.ImageTestData;

namespace NexLLM.Connectors.Tests.Images;

/// <summary>Caller mistakes are <see cref="ArgumentException"/>s that name what is wrong, raised before anything is sent.</summary>
public sealed class ImageInputValidationTests
{
    public static TheoryData<string, ImageGenerationRequest, ImageGenerationOptions?> BadRequests => new()
    {
        { "request.Prompt", new ImageGenerationRequest(""), null },
        { "request.Prompt", new ImageGenerationRequest("  "), null },
        { "request.Prompt", new ImageGenerationRequest(), null },
        { "options.Count", Generation(), new ImageGenerationOptions { Count = 0 } },
        { "options.ImageSize", Generation(), new ImageGenerationOptions { ImageSize = new Size(0, 1024) } },
        { "options.MediaType", Generation(), new ImageGenerationOptions { MediaType = "image/gif" } },
        { "options.ResponseFormat", Generation(), new ImageGenerationOptions { ResponseFormat = ImageGenerationResponseFormat.Hosted } },
        { "options.ResponseFormat", Generation(), new ImageGenerationOptions { ResponseFormat = (ImageGenerationResponseFormat)42 } },
        { "options.ModelId", Generation(), new ImageGenerationOptions { ModelId = "gpt-image-1\r\nX: y" } },
        { "options", Generation(), new ImageGenerationOptions().WithImageMask(PngContent()) },
        { "request", new ImageGenerationRequest(Prompt, [new UriContent("https://cdn.example/a.png", "image/png")]), null },
        { "request", new ImageGenerationRequest(Prompt, [new DataContent("data:text/plain;base64,aGk=")]), null },
        { "request", new ImageGenerationRequest(Prompt, [PngContent(), null!]), null },
        { "request", new ImageGenerationRequest(Prompt, [new DataContent(ReadOnlyMemory<byte>.Empty, "image/png")]), null },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task Bad_input_is_refused_before_sending(string paramName, ImageGenerationRequest request, ImageGenerationOptions? options)
    {
        using var harness = new Harness();

        var ex = await Assert.ThrowsAnyAsync<ArgumentException>(() => harness.Client.GetImageGenerator(Model).GenerateAsync(request, options, Harness.Ct));

        Assert.Equal(paramName, ex.ParamName);
        Assert.Empty(harness.Handler.Requests);
    }

    [Fact]
    public async Task The_messages_say_what_is_wrong()
    {
        using var harness = new Harness();
        IImageGenerator generator = harness.Client.GetImageGenerator(Model);

        var uri = await Assert.ThrowsAsync<ArgumentException>(() => generator.GenerateAsync(
            new ImageGenerationRequest(Prompt, [PngContent(), new UriContent("https://cdn.example/a.png", "image/png")]), null, Harness.Ct));
        var text = await Assert.ThrowsAsync<ArgumentException>(() => generator.GenerateAsync(
            new ImageGenerationRequest(Prompt, [new DataContent("data:text/plain;base64,aGk=")]), null, Harness.Ct));
        var gif = await Assert.ThrowsAsync<ArgumentException>(() => generator.GenerateAsync(Generation(), new() { MediaType = "image/gif" }, Harness.Ct));
        var mask = await Assert.ThrowsAsync<ArgumentException>(() => generator.GenerateAsync(Generation(), new ImageGenerationOptions().WithImageMask(PngContent()), Harness.Ct));

        Assert.StartsWith("request.OriginalImages[1] is a UriContent; an edit uploads the image's bytes: pass a DataContent.", uri.Message, StringComparison.Ordinal);
        Assert.StartsWith("request.OriginalImages[0] has media type text/plain", text.Message, StringComparison.Ordinal);
        Assert.StartsWith("'image/gif' is not a format the images endpoints write", gif.Message, StringComparison.Ordinal);
        Assert.StartsWith("The options have a mask (WithImageMask) but request.OriginalImages is empty", mask.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Null_arguments_and_bad_models_are_refused()
    {
        using var harness = new Harness();

        await Assert.ThrowsAsync<ArgumentNullException>(() => harness.Client.GetImageGenerator(Model).GenerateAsync(null!, null, Harness.Ct));
        Assert.Throws<ArgumentException>(() => harness.Client.GetImageGenerator(""));
        Assert.Throws<ArgumentNullException>(() => harness.Client.GetImageGenerator(null!));
        Assert.Throws<ArgumentException>(() => harness.Client.GetImageGenerator("a\nb"));
    }

    [Fact]
    public void Typed_options_check_their_values()
    {
        var options = new ImageGenerationOptions();

        Assert.Throws<ArgumentOutOfRangeException>("compression", () => options.WithImageCompression(101));
        Assert.Throws<ArgumentOutOfRangeException>("compression", () => options.WithImageCompression(-1));
        Assert.Throws<ArgumentException>("quality", () => options.WithImageQuality(" "));
        Assert.Throws<ArgumentNullException>("style", () => options.WithImageStyle(null!));
        Assert.Throws<ArgumentException>("mask", () => options.WithImageMask(new DataContent("data:text/plain;base64,aGk=")));
        Assert.Throws<ArgumentNullException>("mask", () => options.WithImageMask(null!));
        Assert.Throws<ArgumentNullException>("options", () => ((ImageGenerationOptions)null!).WithAutoImageSize());
        Assert.Null(options.AdditionalProperties);
    }

    [Fact]
    public void Typed_options_write_reserved_keys()
    {
        var options = new ImageGenerationOptions()
            .WithImageQuality("high").WithImageStyle("natural").WithImageBackground("auto").WithImageModeration("auto")
            .WithImageCompression(0).WithImageInputFidelity("low").WithImageMask(PngContent()).WithAutoImageSize();

        Assert.Equal(8, options.AdditionalProperties!.Count);
        Assert.All(options.AdditionalProperties.Keys, key => Assert.StartsWith("nexllm.image.", key, StringComparison.Ordinal));
        Assert.Equal(0, options.AdditionalProperties["nexllm.image.output_compression"]);
    }
}
