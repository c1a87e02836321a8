using System.Drawing;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using NexLLM.Connectors.Tests.TestSupport;
using static NexLLM.Connectors.Tests.Images.ImageTestData;
using static NexLLM.Connectors.Tests.TestSupport.MultipartBody;

namespace NexLLM.Connectors.Tests.Images;

/// <summary>
/// The exact multipart body of <c>POST /v1/images/edits</c> (docs/protocols/images.md#how-this-connector-uses-it): part
/// names, file names, content types and order, byte for byte.
/// </summary>
public sealed class ImageEditMultipartTests
{
    [Fact]
    public async Task Every_image_is_an_image_part_after_the_fields_and_the_mask_comes_last()
    {
        var request = new ImageGenerationRequest(Prompt, [PngContent("cat.png"), new DataContent(Jpeg, "image/jpeg")]);
        var options = new ImageGenerationOptions
        {
            Count = 1,
            ImageSize = new Size(1024, 1024),
            MediaType = "image/png",
            AdditionalProperties = new() { ["user"] = "u-1" },
        }
            .WithImageQuality("high")
            .WithImageBackground("opaque")
            .WithImageInputFidelity("high")
            .WithImageMask(PngContent());

        var (sent, _) = await CallAsync(GptImageAnswer(), request, options);

        string boundary = BoundaryOf(sent);
        byte[] expected = Body(
            boundary,
            Field("model", "gpt-image-1"),
            Field("prompt", Prompt),
            Field("n", "1"),
            Field("size", "1024x1024"),
            Field("quality", "high"),
            Field("background", "opaque"),
            Field("input_fidelity", "high"),
            Field("output_format", "png"),
            Field("user", "u-1"),
            FilePart("image[]", "cat.png", "image/png", Png),
            FilePart("image[]", "image2.jpg", "image/jpeg", Jpeg),
            FilePart("mask", "mask.png", "image/png", Png));
        Assert.Equal(Encoding.Latin1.GetString(expected), Encoding.Latin1.GetString(sent.Body));
        Assert.Equal("https://gateway.test/v1/images/edits", sent.Uri.AbsoluteUri);
        Assert.Equal("Bearer " + Harness.ApiKey, sent.Header("Authorization"));
        Assert.Equal(sent.Body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), sent.Header("Content-Length"));
        Assert.Matches("^NexLLM-[0-9a-f]{32}$", boundary);
    }

    [Fact]
    public async Task One_image_is_one_part_named_image_brackets()
    {
        var (sent, _) = await CallAsync(GptImageAnswer(), new ImageGenerationRequest(Prompt, [PngContent()]));

        string boundary = BoundaryOf(sent);
        Assert.Equal(
            Encoding.Latin1.GetString(Body(boundary, Field("model", "gpt-image-1"), Field("prompt", Prompt), FilePart("image[]", "image1.png", "image/png", Png))),
            Encoding.Latin1.GetString(sent.Body));
    }

    [Theory]
    [InlineData("photo", "image/jpeg", "photo.jpg")]
    [InlineData("cat.PNG", "image/png", "cat.PNG")]
    [InlineData("cat.jpeg", "image/jpeg", "cat.jpeg")]
    [InlineData("cat.png", "image/jpeg", "cat.png.jpg")]
    [InlineData(null, "image/webp", "image1.webp")]
    [InlineData(" ", "image/gif", "image1.gif")]
    [InlineData(null, "image/heic", "image1")]
    [InlineData("a\"b\r\n.png", "image/png", "a%22b%0D%0A.png")]
    [InlineData("日本.png", "image/png", "日本.png")]
    public async Task File_names_carry_the_extension_of_their_media_type(string? name, string mediaType, string fileName)
    {
        var image = new DataContent(Png, mediaType) { Name = name };

        var (sent, _) = await CallAsync(GptImageAnswer(), new ImageGenerationRequest(Prompt, [image]));

        Assert.Contains($"name=\"image[]\"; filename=\"{fileName}\"\r\nContent-Type: {mediaType}\r\n\r\n", Encoding.UTF8.GetString(sent.Body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Extras_are_form_fields_a_raw_representation_wins_and_null_removes_a_field()
    {
        var options = new ImageGenerationOptions
        {
            ImageSize = new Size(1024, 1024),
            AdditionalProperties = new() { ["user"] = "u-1", ["watermark"] = false, ["size"] = null, ["nexllm.note"] = "never sent", ["stream"] = true },
            RawRepresentationFactory = _ => new JsonObject { ["quality"] = "low", ["extra"] = new JsonObject { ["a"] = 1 }, ["n"] = 3 },
        }.WithImageQuality("high");

        var (sent, _) = await CallAsync(GptImageAnswer(), new ImageGenerationRequest(Prompt, [PngContent()]), options);

        string boundary = BoundaryOf(sent);
        Assert.Equal(
            Encoding.Latin1.GetString(Body(
                boundary,
                Field("model", "gpt-image-1"),
                Field("prompt", Prompt),
                Field("quality", "low"),
                Field("user", "u-1"),
                Field("watermark", "false"),
                Field("extra", """{"a":1}"""),
                Field("n", "3"),
                FilePart("image[]", "image1.png", "image/png", Png))),
            Encoding.Latin1.GetString(sent.Body));
    }

    [Fact]
    public async Task Generation_only_options_are_not_sent_with_an_edit()
    {
        var options = new ImageGenerationOptions().WithImageStyle("vivid").WithImageModeration("low");

        var (sent, _) = await CallAsync(GptImageAnswer(), new ImageGenerationRequest(Prompt, [PngContent()]), options);

        string body = Encoding.UTF8.GetString(sent.Body);
        Assert.DoesNotContain("name=\"style\"", body, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"moderation\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_retried_edit_sends_the_same_body_again()
    {
        using var harness = new Harness();
        harness.Handler.Enqueue(Reply.Status(503, """{"error":{"message":"busy","type":"upstream_error"}}""", "application/json"), Reply.Json(GptImageAnswer()));
        var request = new ImageGenerationRequest(Prompt, [PngContent("a.png"), PngContent("b.png")]);

        Task<ImageGenerationResponse> call = harness.Client.GetImageGenerator(Model).GenerateAsync(request, null, Harness.Ct);
        await harness.Clock.SkipRetryDelayAsync();
        ImageGenerationResponse response = await call;

        Assert.Single(response.Contents);
        Assert.Equal(2, harness.Handler.Requests.Count);
        Assert.Equal(harness.Handler.Requests[0].Body, harness.Handler.Requests[1].Body);
        Assert.True(harness.Handler.Requests[1].Body.Length > 2 * Png.Length);
    }
}
