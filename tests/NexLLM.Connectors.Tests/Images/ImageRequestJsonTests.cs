using System.Drawing;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using NexLLM.Connectors.Tests.TestSupport;
using static NexLLM.Connectors.Tests.Images.ImageTestData;

namespace NexLLM.Connectors.Tests.Images;

/// <summary>The exact JSON of <c>POST /v1/images/generations</c> (docs/protocols/images.md), compared byte for byte.</summary>
public sealed class ImageRequestJsonTests
{
    [Fact]
    public async Task A_bare_generation_sends_the_model_and_the_prompt_only()
    {
        var (request, _) = await CallAsync(GptImageAnswer());

        Assert.Equal("""{"model":"gpt-image-1","prompt":"A lighthouse at dawn"}""", request.BodyText);
        Assert.Equal("https://gateway.test/v1/images/generations", request.Uri.AbsoluteUri);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("Bearer " + Harness.ApiKey, request.Header("Authorization"));
        Assert.Equal("application/json", request.Header("Content-Type"));
    }

    [Fact]
    public async Task Every_gpt_image_option_is_sent_in_order_and_response_format_never()
    {
        var options = new ImageGenerationOptions
        {
            Count = 2,
            ImageSize = new Size(1536, 1024),
            MediaType = "image/webp",
            ResponseFormat = ImageGenerationResponseFormat.Data,
            AdditionalProperties = new() { ["user"] = "u-1" },
        }
            .WithImageQuality("high")
            .WithImageBackground("transparent")
            .WithImageModeration("low")
            .WithImageCompression(80);

        var (request, _) = await CallAsync(GptImageAnswer(), options: options);

        Assert.Equal(
            """{"model":"gpt-image-1","prompt":"A lighthouse at dawn","n":2,"size":"1536x1024","quality":"high","background":"transparent","moderation":"low","output_format":"webp","output_compression":80,"user":"u-1"}""",
            request.BodyText);
    }

    [Theory]
    [InlineData(ImageGenerationResponseFormat.Uri, "url")]
    [InlineData(ImageGenerationResponseFormat.Data, "b64_json")]
    public async Task Dall_e_gets_response_format_style_and_quality_but_no_output_format(ImageGenerationResponseFormat format, string wire)
    {
        var options = new ImageGenerationOptions { ResponseFormat = format, MediaType = "image/png" }.WithImageStyle("vivid").WithImageQuality("hd");

        var (request, _) = await CallAsync(DallEUrlAnswer, options: options, model: "dall-e-3");

        Assert.Equal(
            $$"""{"model":"dall-e-3","prompt":"A lighthouse at dawn","quality":"hd","style":"vivid","response_format":"{{wire}}"}""",
            request.BodyText);
    }

    [Fact]
    public async Task No_response_format_is_sent_when_none_is_asked_for()
    {
        var (request, _) = await CallAsync(DallEUrlAnswer, model: "dall-e-2");

        Assert.DoesNotContain("response_format", request.BodyText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("image/png", "png")]
    [InlineData("image/jpeg", "jpeg")]
    [InlineData("IMAGE/JPG", "jpeg")]
    [InlineData("image/webp", "webp")]
    public async Task The_media_type_becomes_output_format(string mediaType, string format)
    {
        var (request, _) = await CallAsync(GptImageAnswer(), options: new ImageGenerationOptions { MediaType = mediaType });

        Assert.EndsWith($"\"output_format\":\"{format}\"}}", request.BodyText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Auto_size_is_sent_as_auto_and_a_later_image_size_wins()
    {
        var auto = new ImageGenerationOptions { ImageSize = new Size(1024, 1024) }.WithAutoImageSize();
        var later = new ImageGenerationOptions().WithAutoImageSize();
        later.ImageSize = new Size(1024, 1536);

        var (autoRequest, _) = await CallAsync(GptImageAnswer(), options: auto);
        var (laterRequest, _) = await CallAsync(GptImageAnswer(), options: later);

        Assert.Null(auto.ImageSize);
        Assert.Equal("""{"model":"gpt-image-1","prompt":"A lighthouse at dawn","size":"auto"}""", autoRequest.BodyText);
        Assert.Contains("\"size\":\"1024x1536\"", laterRequest.BodyText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_per_request_model_is_sent_and_decides_the_model_rules()
    {
        var options = new ImageGenerationOptions { ModelId = "gpt-image-1-mini", ResponseFormat = ImageGenerationResponseFormat.Uri };

        var (request, _) = await CallAsync(GptImageAnswer(), options: options, model: "dall-e-3");

        Assert.Equal("""{"model":"gpt-image-1-mini","prompt":"A lighthouse at dawn"}""", request.BodyText);
    }

    [Fact]
    public async Task Additional_properties_and_a_raw_representation_are_merged_as_for_chat()
    {
        var options = new ImageGenerationOptions
        {
            ImageSize = new Size(1024, 1024),
            AdditionalProperties = new() { ["user"] = "u-1", ["nexllm.note"] = "never sent", ["stream"] = true, ["partial_images"] = 0 },
            RawRepresentationFactory = _ => new JsonObject { ["size"] = "1024x1536", ["watermark"] = false },
        };

        var (request, _) = await CallAsync(GptImageAnswer(), options: options);

        Assert.Equal(
            """{"model":"gpt-image-1","prompt":"A lighthouse at dawn","size":"1024x1536","user":"u-1","partial_images":0,"watermark":false}""",
            request.BodyText);
    }

    [Fact]
    public async Task Options_a_route_or_model_has_no_field_for_are_logged_not_sent()
    {
        using var harness = new Harness();
        harness.Handler.Enqueue(Reply.Json(DallEUrlAnswer));
        var options = new ImageGenerationOptions { MediaType = "image/jpeg", StreamingCount = 2 }.WithImageInputFidelity("high");

        await harness.Client.GetImageGenerator("dall-e-3").GenerateAsync(Generation(), options, Harness.Ct);

        Assert.Equal("""{"model":"dall-e-3","prompt":"A lighthouse at dawn"}""", harness.Handler.SingleRequest.BodyText);
        string[] ignored = [.. harness.Logs.Entries.Where(e => e.Level == LogLevel.Debug && e.Category == "NexLLM.Connectors.Transport").Select(e => e.AllText)];
        Assert.Contains(ignored, line => line.Contains("StreamingCount", StringComparison.Ordinal));
        Assert.Contains(ignored, line => line.Contains("input_fidelity", StringComparison.Ordinal));
        Assert.Contains(ignored, line => line.Contains("image/jpeg", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Prompts_keep_their_characters()
    {
        var (request, _) = await CallAsync(GptImageAnswer(), Generation("A \"red\" <fox> 狐狸"));

        Assert.Equal("""{"model":"gpt-image-1","prompt":"A \"red\" <fox> 狐狸"}""", request.BodyText);
    }

    [Fact]
    public void GetService_answers_metadata_the_client_and_itself()
    {
        using var harness = new Harness();
        IImageGenerator generator = harness.Client.GetImageGenerator(Model);

        ImageGeneratorMetadata metadata = generator.GetRequiredService<ImageGeneratorMetadata>();
        Assert.Equal("nexllm", metadata.ProviderName);
        Assert.Equal(new Uri("https://gateway.test/v1/"), metadata.ProviderUri);
        Assert.Equal(Model, metadata.DefaultModelId);
        Assert.Same(harness.Client, generator.GetService<NexLLMClient>());
        Assert.Same(generator, generator.GetService<IImageGenerator>());
        Assert.Null(generator.GetService<ImageGeneratorMetadata>("key"));
        Assert.Throws<ArgumentNullException>(() => generator.GetService(null!));
    }
}
