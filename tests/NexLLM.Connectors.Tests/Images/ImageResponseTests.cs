using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;
using NexLLM.Connectors.Tests.TestSupport;
using static NexLLM.Connectors.Tests.Images.ImageTestData;

namespace NexLLM.Connectors.Tests.Images;

/// <summary>How an images answer (docs/protocols/images.md#response) becomes an <see cref="ImageGenerationResponse"/>.</summary>
public sealed class ImageResponseTests
{
    [Fact]
    public async Task Base64_images_are_decoded_with_usage_and_the_request_id()
    {
        var (_, response) = await CallAsync(GptImageAnswer());

        DataContent image = Assert.IsType<DataContent>(Assert.Single(response.Contents));
        Assert.Equal(Png, image.Data.ToArray());
        Assert.Equal("image/png", image.MediaType);
        Assert.Equal("req-img", image.AdditionalProperties?["nexllm.request_id"]);
        Assert.False(image.AdditionalProperties!.ContainsKey("nexllm.revised_prompt"));
        UsageDetails usage = response.Usage!;
        Assert.Equal(50, usage.InputTokenCount);
        Assert.Equal(4160, usage.OutputTokenCount);
        Assert.Equal(4210, usage.TotalTokenCount);
        Assert.Equal(40, usage.AdditionalCounts?[NexLLMUsageCounts.ImageInputTokens]);
        Assert.Equal(10, usage.AdditionalCounts?[NexLLMUsageCounts.TextInputTokens]);
    }

    [Fact]
    public async Task The_raw_representation_is_the_body_without_the_base64()
    {
        string body = """{"created":1,"data":[{"revised_prompt":"r","b64_json":"PNGX"} , {"b64_json":"PNGX", "url":null}],"output_format":"png"}""".Replace("PNGX", PngBase64, StringComparison.Ordinal);

        var (_, response) = await CallAsync(body);

        JsonElement raw = Assert.IsType<JsonElement>(response.RawRepresentation);
        Assert.Equal("""{"created":1,"data":[{"revised_prompt":"r"} , { "url":null}],"output_format":"png"}""", raw.GetRawText());
        Assert.Equal(2, response.Contents.Count);
    }

    [Fact]
    public async Task A_url_answer_gives_uri_contents_with_the_revised_prompt()
    {
        var (_, response) = await CallAsync(DallEUrlAnswer, model: "dall-e-3");

        UriContent image = Assert.IsType<UriContent>(Assert.Single(response.Contents));
        Assert.Equal("https://cdn.example/img/abc.png?sig=1", image.Uri.AbsoluteUri);
        Assert.Equal("image/png", image.MediaType);
        Assert.Equal("A tall white lighthouse on a rocky shore at dawn.", image.AdditionalProperties?["nexllm.revised_prompt"]);
        Assert.Null(response.Usage);
    }

    [Theory]
    [InlineData("jpeg", "image/jpeg")]
    [InlineData("webp", "image/webp")]
    [InlineData(null, "image/png")]
    public async Task A_url_image_takes_its_media_type_from_output_format(string? format, string mediaType)
    {
        string body = format is null
            ? """{"data":[{"url":"https://cdn.example/x"}]}"""
            : $$$"""{"data":[{"url":"https://cdn.example/x"}],"output_format":"{{{format}}}"}""";

        var (_, response) = await CallAsync(body, model: "dall-e-2");

        Assert.Equal(mediaType, Assert.IsType<UriContent>(Assert.Single(response.Contents)).MediaType);
    }

    [Fact]
    public async Task The_bytes_signature_wins_over_output_format()
    {
        var (_, jpeg) = await CallAsync(GptImageAnswer(Convert.ToBase64String(Jpeg), outputFormat: "png"));
        var (_, unknown) = await CallAsync(GptImageAnswer(Convert.ToBase64String("not an image"u8), outputFormat: "webp"));

        Assert.Equal("image/jpeg", Assert.IsType<DataContent>(Assert.Single(jpeg.Contents)).MediaType);
        Assert.Equal("image/webp", Assert.IsType<DataContent>(Assert.Single(unknown.Contents)).MediaType);
    }

    [Theory]
    [InlineData(new byte[] { (byte)'G', (byte)'I', (byte)'F', (byte)'8', (byte)'9', (byte)'a', 1, 0 }, "image/gif")]
    [InlineData(new byte[] { (byte)'R', (byte)'I', (byte)'F', (byte)'F', 0, 0, 0, 0, (byte)'W', (byte)'E', (byte)'B', (byte)'P', 0 }, "image/webp")]
    public async Task Other_signatures_are_known(byte[] bytes, string mediaType)
    {
        string body = $$$"""{"data":[{"b64_json":"{{{Convert.ToBase64String(bytes)}}}"}]}""";

        var (_, response) = await CallAsync(body);

        Assert.Equal(mediaType, Assert.IsType<DataContent>(Assert.Single(response.Contents)).MediaType);
    }

    [Fact]
    public async Task Escaped_base64_is_decoded_too()
    {
        string escaped = PngBase64.Replace("+", "\\u002B", StringComparison.Ordinal).Replace("/", "\\/", StringComparison.Ordinal);

        var (_, response) = await CallAsync(GptImageAnswer(escaped));

        Assert.Equal(Png, Assert.IsType<DataContent>(Assert.Single(response.Contents)).Data.ToArray());
    }

    [Fact]
    public async Task Invalid_utf8_in_a_revised_prompt_becomes_a_replacement_character()
    {
        byte[] plain = Encoding.UTF8.GetBytes("""{"data":[{"url":"https://cdn.example/a.png","revised_prompt":"A lighthouse ~"}]}""");
        byte[] escaped = Encoding.UTF8.GetBytes("""{"data":[{"url":"https://cdn.example/a.png","revised_prompt":"A \"lighthouse\" ~"}]}""");
        foreach (byte[] body in new[] { plain, escaped })
        {
            body[Array.LastIndexOf(body, (byte)'~')] = 0xFF;
            using var harness = new Harness();
            harness.Handler.Enqueue(Reply.Json("").WithBody(body));

            ImageGenerationResponse response = await harness.Client.GetImageGenerator("dall-e-3").GenerateAsync(Generation(), null, Harness.Ct);

            Assert.EndsWith("lighthouse \uFFFD", ((string)response.Contents[0].AdditionalProperties!["nexllm.revised_prompt"]!).Replace("\"", "", StringComparison.Ordinal), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Chat_style_usage_is_read_too()
    {
        string body = $$$"""{"data":[{"b64_json":"{{{PngBase64}}}"}],"usage":{"prompt_tokens":7,"completion_tokens":9,"total_tokens":16}}""";

        var (_, response) = await CallAsync(body);

        Assert.Equal((7L, 9L, 16L), (response.Usage!.InputTokenCount!.Value, response.Usage.OutputTokenCount!.Value, response.Usage.TotalTokenCount!.Value));
        Assert.Null(response.Usage.AdditionalCounts);
    }

    [Fact]
    public async Task Unknown_fields_and_null_values_are_tolerated()
    {
        string body = $$$"""{"id":"x","data":[{"b64_json":null,"url":"https://cdn.example/y.webp","extra":{"a":[1,2]}}],"usage":null,"error":null,"output_format":null}""";

        var (_, response) = await CallAsync(body, model: "dall-e-3");

        Assert.Equal("image/webp", Assert.IsType<UriContent>(Assert.Single(response.Contents)).MediaType);
    }

    [Theory]
    [InlineData("""{"data":[]}""", "has no images in data.")]
    [InlineData("""{"created":1}""", "has no images in data.")]
    [InlineData("""{"data":[{"revised_prompt":"x"}]}""", "has an image with neither b64_json nor url (data[0]).")]
    [InlineData("""{"data":[{"b64_json":"not base64!"}]}""", "has an image whose b64_json is not valid base64 (data[0]).")]
    [InlineData("""{"data":[{"b64_json":""}]}""", "has an image whose b64_json is not valid base64 (data[0]).")]
    [InlineData("""{"data":[{"url":"/relative.png"}]}""", "has an image whose url is not an absolute URL (data[0]).")]
    [InlineData("""{"data":[null]}""", "has an image that is not an object (data[0]).")]
    [InlineData("""[1,2]""", "is not a JSON object.")]
    [InlineData("""{"data":[{"b64_json":"AAAA"}""", "is not valid JSON of the expected shape.")]
    [InlineData("""<html>502</html>""", "is not valid JSON of the expected shape.")]
    [InlineData("""{"data":[{"url":"https://cdn.example/a.png"}]} trailing""", "is not valid JSON of the expected shape.")]
    public async Task Unusable_answers_are_invalid_responses(string body, string problem)
    {
        NexLLMException ex = await FailureAsync(Reply.Json(body));

        Assert.Equal(NexLLMErrorKind.InvalidResponse, ex.Kind);
        Assert.Contains("NexLLM image generation response " + problem, ex.Message, StringComparison.Ordinal);
        Assert.False(ex.IsTransient);
    }

    [Fact]
    public async Task An_error_object_in_a_200_answer_is_raised()
    {
        NexLLMException ex = await FailureAsync(Reply.Json("""{"error":{"message":"Your request was rejected by the safety system.","type":"image_generation_user_error","code":"moderation_blocked"}}"""));

        Assert.Equal(NexLLMErrorKind.HttpStatus, ex.Kind);
        Assert.Equal("moderation_blocked", ex.ErrorCode);
        Assert.Contains("safety system", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_error_status_is_typed_and_a_bad_request_is_not_retried()
    {
        NexLLMException ex = await FailureAsync(Reply.Status(
            400, """{"error":{"message":"Invalid size '10x10'.","type":"invalid_request_error","param":"size","code":"invalid_value"}}""", "application/json"));

        Assert.Equal(400, ex.StatusCode);
        Assert.Equal("invalid_value", ex.ErrorCode);
        Assert.Equal(1, ex.Attempts);
        Assert.Contains("NexLLM image generation failed with HTTP 400", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_answer_above_MaxResponseBytes_is_refused()
    {
        using var harness = new Harness(o => o.MaxResponseBytes = 1024);
        string body = GptImageAnswer(Convert.ToBase64String(new byte[4096]));
        harness.Handler.Enqueue(Reply.Json(body).WithContentLength(body.Length));

        var ex = await Assert.ThrowsAsync<NexLLMException>(() => harness.Client.GetImageGenerator(Model).GenerateAsync(Generation(), null, Harness.Ct));

        Assert.Equal(NexLLMErrorKind.ResponseTooLarge, ex.Kind);
        Assert.Contains("MaxResponseBytes", ex.Message, StringComparison.Ordinal);
        Assert.Contains("NexLLM image generation", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_edit_names_its_operation_in_errors()
    {
        using var harness = new Harness();
        harness.Handler.Enqueue(Reply.Status(413, "", "text/plain"));

        var ex = await Assert.ThrowsAsync<NexLLMException>(() =>
            harness.Client.GetImageGenerator(Model).GenerateAsync(new ImageGenerationRequest(Prompt, [PngContent()]), null, Harness.Ct));

        Assert.Equal(413, ex.StatusCode);
        Assert.Contains("NexLLM image edit failed with HTTP 413", ex.Message, StringComparison.Ordinal);
    }
}
