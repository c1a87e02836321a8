using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using NexLLM.Connectors.Emulator;
using NexLLM.Connectors.IntegrationTests.TestSupport;

namespace NexLLM.Connectors.IntegrationTests.Images;

/// <summary><c>POST /v1/images/edits</c>: multipart with several images and a mask, JSON bodies, the mask's effect, refusals.</summary>
public sealed partial class ImagesEmulatorTests
{
    // Not a JPEG the emulator can decode, only its signature: enough for OpenAI's type check and a hashed tint.
    private static readonly byte[] JpegBytes = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0x00];

    [Fact]
    public async Task Multipart_WithSeveralImagesAndAMask_IsAnswered_AndRecordedPartByPart()
    {
        byte[] first = await GeneratePngAsync("first", transparent: false);
        byte[] mask = await GeneratePngAsync("mask", transparent: true);
        using var form = Form("gpt-image-1", "put a hat on it");
        form.Add(File(first, "image/png"), "image[]", "first.png");
        form.Add(File(JpegBytes, "image/jpeg"), "image[]", "second.jpg");
        form.Add(File(mask, "image/png"), "mask", "mask.png");
        Emulator.ClearRequests();

        var (status, body) = await EditAsync(form);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(
            """{"input_tokens":174,"input_tokens_details":{"image_tokens":170,"text_tokens":4},"output_tokens":4160,"total_tokens":4334}""",
            body.GetProperty("usage").GetRawText());
        Assert.Equal((1024, 1024), (Picture(body, 0).Width, Picture(body, 0).Height));

        var parts = Assert.Single(RequestsTo("/v1/images/edits")).ParseMultipart();
        Assert.Equal(
            ["model", "prompt", "image[]: first.png (image/png)", "image[]: second.jpg (image/jpeg)", "mask: mask.png (image/png)"],
            parts.Select(p => p.FileName is null ? p.Name : $"{p.Name}: {p.FileName} ({p.ContentType})"));
        Assert.Equal(first, parts[2].Content);
        Assert.Equal("put a hat on it", parts[1].Text);
    }

    [Theory]
    [InlineData("image")]
    [InlineData("image[]")]
    [InlineData("image[0]")]
    public async Task EveryImageFieldName_NewApiTakes_IsAnImage(string name)
    {
        using var form = Form("gpt-image-1", "p");
        form.Add(File(JpegBytes, "image/jpeg"), name, "photo.jpg");

        var (status, body) = await EditAsync(form);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(85, body.GetProperty("usage").GetProperty("input_tokens_details").GetProperty("image_tokens").GetInt32());
    }

    [Fact]
    public async Task TheMask_KeepsTheOriginal_WhereItIsOpaque_AndPaintsWhereItIsClear()
    {
        byte[] original = await GeneratePngAsync("the original", transparent: false);
        byte[] mask = await GeneratePngAsync("an ellipse mask", transparent: true); // opaque inside a centred ellipse, clear outside
        using var form = Form("gpt-image-1", "a new sky");
        form.Add(File(original, "image/png"), "image", "original.png");
        form.Add(File(mask, "image/png"), "mask", "mask.png");

        var (_, body) = await EditAsync(form);

        PngFile edited = Picture(body, 0), before = PngFile.Read(original);
        Assert.Equal(before.PixelAt(512, 512), edited.PixelAt(512, 512));
        Assert.Equal(before.PixelAt(300, 700), edited.PixelAt(300, 700));
        Assert.NotEqual(before.PixelAt(2, 2), edited.PixelAt(2, 2));
        Assert.NotEqual(before.PixelAt(1020, 1021), edited.PixelAt(1020, 1021));
    }

    [Fact]
    public async Task AnEdit_IsTintedByItsFirstImage()
    {
        byte[] dark = await GeneratePngAsync("dark", transparent: false);
        byte[] light = await GeneratePngAsync("light", transparent: false);

        async Task<string> EditWith(byte[] image)
        {
            using var form = Form("dall-e-2", "a boat");
            form.Add(new StringContent("256x256"), "size");
            form.Add(new StringContent("b64_json"), "response_format");
            form.Add(File(image, "image/png"), "image", "in.png");
            var (status, body) = await EditAsync(form);
            Assert.Equal(HttpStatusCode.OK, status);
            return body.GetProperty("data")[0].GetProperty("b64_json").GetString()!;
        }

        string fromDark = await EditWith(dark);
        Assert.Equal(fromDark, await EditWith(dark));
        Assert.NotEqual(fromDark, await EditWith(light));
    }

    [Fact]
    public async Task AJsonEdit_TakesDataUrls()
    {
        string png = Convert.ToBase64String(await GeneratePngAsync("input", transparent: false));
        string json = $$$"""{"model":"gpt-image-1","prompt":"p","quality":"low","images":[{"image_url":"data:image/png;base64,{{{png}}}"},{"file_id":"file-abc"}],"mask":{"image_url":"data:image/png;base64,{{{png}}}"}}""";

        var (status, body) = await SendAsync(Emulator, Json("/v1/images/edits", json));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(170, body.GetProperty("usage").GetProperty("input_tokens_details").GetProperty("image_tokens").GetInt32());
    }

    [Fact]
    public async Task DallE2_EditsInUrlMode_ByDefault()
    {
        using var form = Form("dall-e-2", "p");
        form.Add(new StringContent("256x256"), "size");
        form.Add(File(await GeneratePngAsync("in", transparent: false), "image/png"), "image", "in.png");

        var (status, body) = await EditAsync(form);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.StartsWith(Emulator.BaseAddress + "emulator/images/", body.GetProperty("data")[0].GetProperty("url").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("gpt-image-1", "none", "Missing required parameter: 'image'.", "image", "missing_required_parameter")]
    [InlineData("gpt-image-1", "mask-only", "Missing required parameter: 'image'.", "image", "missing_required_parameter")]
    [InlineData("dall-e-2", "jpeg", "Invalid file 'image': unsupported mimetype ('image/jpeg'). Supported file formats are 'image/png'.", "image", "invalid_value")]
    [InlineData("dall-e-2", "two-png", "Invalid 'image': array too long. Expected an array with maximum length 1, but got an array with length 2 instead.", "image", "array_above_max_length")]
    [InlineData("gpt-image-1", "gif", "Invalid file 'image': unsupported mimetype ('image/gif'). Supported file formats are 'image/jpeg', 'image/png', and 'image/webp'.", "image", "invalid_value")]
    [InlineData("gpt-image-1", "jpeg-mask", "Invalid file 'mask': unsupported mimetype ('image/jpeg'). Supported file formats are 'image/png'.", "mask", "invalid_value")]
    [InlineData("dall-e-3", "png", "Invalid value: 'dall-e-3'. Supported values are: 'dall-e-2', and 'gpt-image-1'.", "model", "invalid_value")]
    [InlineData("dall-e-2", "png-wide", "Invalid value: '1536x1024'. Supported values are: '256x256', '512x512', and '1024x1024'.", "size", "invalid_value")]
    public async Task OpenAIsChecks_OnEdits_Are400(string model, string files, string messageStart, string param, string code)
    {
        byte[] png = [.. PngSignature, 0, 0, 0, 0];
        using var form = Form(model, "p");
        switch (files)
        {
            case "mask-only":
                form.Add(File(png, "image/png"), "mask", "mask.png");
                break;
            case "jpeg":
                form.Add(File(JpegBytes, "image/jpeg"), "image", "in.jpg");
                break;
            case "two-png":
                form.Add(File(png, "image/png"), "image[]", "a.png");
                form.Add(File(png, "image/png"), "image[]", "b.png");
                break;
            case "gif":
                form.Add(File("GIF89a"u8.ToArray(), "image/gif"), "image[]", "a.gif");
                break;
            case "jpeg-mask":
                form.Add(File(JpegBytes, "image/jpeg"), "image", "in.jpg");
                form.Add(File(JpegBytes, "image/jpeg"), "mask", "mask.jpg");
                break;
            case "png" or "png-wide":
                form.Add(File(png, "image/png"), "image", "in.png");
                form.Add(new StringContent(files == "png-wide" ? "1536x1024" : "1024x1024"), "size");
                break;
        }

        var (status, body) = await EditAsync(form);

        GatewayAssert.OpenAIRefusal(status, body, messageStart, param, code);
    }

    [Fact]
    public async Task AMaskOfAnotherSize_AndANonSquareImageForDallE2_AreRefused()
    {
        byte[] square = await GeneratePngAsync("square", transparent: true);
        byte[] wide = await GeneratePngAsync("wide", transparent: false, "1536x1024");
        using var mismatched = Form("gpt-image-1", "p");
        mismatched.Add(File(wide, "image/png"), "image[]", "wide.png");
        mismatched.Add(File(square, "image/png"), "mask", "mask.png");
        using var notSquare = Form("dall-e-2", "p");
        notSquare.Add(File(wide, "image/png"), "image", "wide.png");

        var (maskStatus, maskBody) = await EditAsync(mismatched);
        var (squareStatus, squareBody) = await EditAsync(notSquare);

        GatewayAssert.OpenAIRefusal(maskStatus, maskBody, "Invalid 'mask': the mask (1024x1024) and the image (1536x1024) must have the same dimensions.", "mask", "invalid_value");
        GatewayAssert.OpenAIRefusal(squareStatus, squareBody, "Invalid 'image': dall-e-2 edits a square image, but got 1536x1024.", "image", "invalid_value");
    }

    [Fact]
    public async Task GptImageEdits_AlsoTakeStandardQuality()
    {
        using var form = Form("gpt-image-1", "p");
        form.Add(new StringContent("standard"), "quality");
        form.Add(File(JpegBytes, "image/jpeg"), "image", "in.jpg");

        var (status, body) = await EditAsync(form);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1056, body.GetProperty("usage").GetProperty("output_tokens").GetInt32());
    }

    [Fact]
    public async Task APartWithoutAContentType_IsJudgedByItsFileName()
    {
        using var form = Form("dall-e-2", "p");
        form.Add(new ByteArrayContent([.. PngSignature]), "image", "in.png");
        form.Add(new StringContent("256x256"), "size");

        var (status, _) = await EditAsync(form);

        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Fact]
    public async Task AnEditWithoutAModel_IsTheDistributors400()
    {
        using var form = new MultipartFormDataContent { { new StringContent("p"), "prompt" } };
        form.Add(File(JpegBytes, "image/jpeg"), "image", "in.jpg");

        var (multipartStatus, multipart) = await EditAsync(form);
        var (jsonStatus, json) = await SendAsync(Emulator, Json("/v1/images/edits", """{"prompt":"p","images":[{"file_id":"f"}]}"""));

        foreach (var (status, body) in new[] { (multipartStatus, multipart), (jsonStatus, json) })
        {
            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.Equal(["code", "message", "type"], body.GetProperty("error").EnumerateObject().Select(p => p.Name));
            Assert.StartsWith("Model name not specified, model name cannot be empty (request id: ", body.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
            Assert.Equal("new_api_error", body.GetProperty("error").GetProperty("type").GetString());
        }
    }

    [Fact]
    public async Task AMultipartBodyWithoutItsBoundary_HasNoModel_ForTheDistributor()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "v1/images/edits") { Content = new ByteArrayContent("model=gpt-image-1"u8.ToArray()) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data");

        var (status, body) = await SendAsync(Emulator, request);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.StartsWith("Model name not specified", body.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFaultFromTheQueue_StrikesAnEdit()
    {
        Emulator.Enqueue(EmulatorFault.GatewayError(503, "No available channel for model gpt-image-1", "model_not_found"));
        using var form = Form("gpt-image-1", "p");
        form.Add(File(JpegBytes, "image/jpeg"), "image", "in.jpg");

        var (status, body) = await EditAsync(form);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("model_not_found", body.GetProperty("error").GetProperty("code").GetString());
    }

    private static ReadOnlySpan<byte> PngSignature => [137, 80, 78, 71, 13, 10, 26, 10];

    private static MultipartFormDataContent Form(string model, string prompt) => new()
    {
        { new StringContent(model), "model" },
        { new StringContent(prompt), "prompt" },
    };

    private static ByteArrayContent File(byte[] bytes, string mediaType)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return content;
    }

    private Task<(HttpStatusCode Status, JsonElement Body)> EditAsync(MultipartFormDataContent form) =>
        SendAsync(Emulator, new HttpRequestMessage(HttpMethod.Post, "v1/images/edits") { Content = form });

    /// <summary>A PNG from the emulator's own generations (RGBA with a clear background when asked).</summary>
    private async Task<byte[]> GeneratePngAsync(string prompt, bool transparent, string size = "1024x1024")
    {
        var (_, body) = await GenerateAsync($$"""{"model":"gpt-image-1","prompt":"{{prompt}}","quality":"low","size":"{{size}}","background":"{{(transparent ? "transparent" : "opaque")}}"}""");
        return Convert.FromBase64String(body.GetProperty("data")[0].GetProperty("b64_json").GetString()!);
    }
}
