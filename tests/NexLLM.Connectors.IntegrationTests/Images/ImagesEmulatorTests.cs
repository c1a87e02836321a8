using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using NexLLM.Connectors.Emulator;
using NexLLM.Connectors.IntegrationTests.TestSupport;

namespace NexLLM.Connectors.IntegrationTests.Images;

/// <summary>
/// The emulator's image routes on the wire, with a plain HttpClient (docs/protocols/images.md): real PNGs of the asked
/// size, determinism, url mode, usage, new-api's and OpenAI's refusals, faults. Edits are in the other part of the class.
/// </summary>
public sealed partial class ImagesEmulatorTests : EmulatorTest
{
    // new-api's distributor picks "dall-e" for a request without a model: this deployment has a channel for it, so such a
    // request reaches the relay's checks in strict mode too (WithoutAModel_TheDistributorLooksForDallE shows the other case).
    protected override NexLLMEmulatorOptions ConfigureEmulator(NexLLMEmulatorOptions options)
    {
        options.Models.Add(new EmulatorModel("dall-e", "openai", ["image-generation"]));
        return base.ConfigureEmulator(options);
    }

    [Fact]
    public async Task GptImage_AnswersABase64Png_OfTheAskedSize_WithItsEchoAndUsage()
    {
        var (status, body) = await GenerateAsync("""{"model":"gpt-image-1","prompt":"a lighthouse at dusk","size":"1024x1536"}""");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["created", "data", "background", "output_format", "quality", "size", "usage"], body.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["b64_json"], body.GetProperty("data")[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal("opaque", body.GetProperty("background").GetString());
        Assert.Equal("png", body.GetProperty("output_format").GetString());
        Assert.Equal("high", body.GetProperty("quality").GetString());
        Assert.Equal("1024x1536", body.GetProperty("size").GetString());
        Assert.Equal(
            """{"input_tokens":5,"input_tokens_details":{"image_tokens":0,"text_tokens":5},"output_tokens":6240,"total_tokens":6245}""",
            body.GetProperty("usage").GetRawText());

        PngFile png = Picture(body, 0);
        Assert.Equal((1024, 1536, 2), (png.Width, png.Height, png.ColourType));
        Assert.Equal(["IHDR", "IDAT", "IEND"], png.Chunks);
    }

    [Fact]
    public async Task AutoSize_Is1024Square_AndAutoQuality_AnswersHigh()
    {
        var (_, body) = await GenerateAsync("""{"model":"gpt-image-1","prompt":"p","size":"auto","quality":"auto"}""");

        Assert.Equal("1024x1024", body.GetProperty("size").GetString());
        Assert.Equal("high", body.GetProperty("quality").GetString());
        Assert.Equal((1024, 1024), (Picture(body, 0).Width, Picture(body, 0).Height));
    }

    [Theory]
    [InlineData("low", "1024x1024", 1, 272)]
    [InlineData("medium", "1024x1024", 2, 2112)]
    [InlineData("high", "1024x1024", 1, 4160)]
    [InlineData("low", "1536x1024", 1, 408)]
    [InlineData("medium", "1024x1536", 1, 1584)]
    public async Task OutputTokens_FollowQualitySizeAndCount(string quality, string size, int n, int outputTokens)
    {
        var (_, body) = await GenerateAsync($$"""{"model":"gpt-image-1","prompt":"abcdefgh","quality":"{{quality}}","size":"{{size}}","n":{{n}}}""");

        Assert.Equal(n, body.GetProperty("data").GetArrayLength());
        Assert.Equal(outputTokens, body.GetProperty("usage").GetProperty("output_tokens").GetInt32());
        Assert.Equal(outputTokens + 2, body.GetProperty("usage").GetProperty("total_tokens").GetInt32());
    }

    [Fact]
    public async Task Pictures_AreDeterministic_PerPromptAndIndex()
    {
        const string Request = """{"model":"dall-e-2","prompt":"a red kite","size":"256x256","n":2,"response_format":"b64_json"}""";
        var (_, first) = await GenerateAsync(Request);
        var (_, again) = await GenerateAsync(Request);
        var (_, other) = await GenerateAsync(Request.Replace("a red kite", "a blue kite", StringComparison.Ordinal));

        string Image(JsonElement body, int i) => body.GetProperty("data")[i].GetProperty("b64_json").GetString()!;
        Assert.Equal(Image(first, 0), Image(again, 0));
        Assert.Equal(Image(first, 1), Image(again, 1));
        Assert.NotEqual(Image(first, 0), Image(first, 1));
        Assert.NotEqual(Image(first, 0), Image(other, 0));
        Assert.Equal((256, 256), (Picture(first, 1).Width, Picture(first, 1).Height));
    }

    [Fact]
    public async Task DallE_UrlMode_IsTheDefault_AndTheUrlServesThePng_WithoutAKey()
    {
        var (status, body) = await GenerateAsync("""{"model":"dall-e-2","prompt":"a kite","size":"512x512"}""");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["created", "data"], body.EnumerateObject().Select(p => p.Name));
        var url = new Uri(body.GetProperty("data")[0].GetProperty("url").GetString()!);
        Assert.Equal(Emulator.BaseAddress.GetLeftPart(UriPartial.Authority), url.GetLeftPart(UriPartial.Authority));
        Assert.StartsWith("/emulator/images/img-", url.AbsolutePath, StringComparison.Ordinal);

        using var http = new HttpClient();
        using HttpResponseMessage download = await http.GetAsync(url, TestCancellation);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("image/png", download.Content.Headers.ContentType?.MediaType);
        PngFile png = PngFile.Read(await download.Content.ReadAsByteArrayAsync(TestCancellation));
        Assert.Equal((512, 512), (png.Width, png.Height));
    }

    [Fact]
    public async Task AnUnknownImageUrl_Is404()
    {
        using var http = new HttpClient();
        using HttpResponseMessage download = await http.GetAsync(new Uri(Emulator.BaseAddress, "emulator/images/img-0123.png"), TestCancellation);

        Assert.Equal(HttpStatusCode.NotFound, download.StatusCode);
    }

    [Fact]
    public async Task DallE3_RevisesThePrompt_PerStyle_AndEchoesNothingElse()
    {
        var (_, vivid) = await GenerateAsync("""{"model":"dall-e-3","prompt":"a kite.","response_format":"b64_json"}""");
        var (_, natural) = await GenerateAsync("""{"model":"dall-e-3","prompt":"a kite","style":"natural","response_format":"b64_json"}""");

        Assert.Equal(["created", "data"], vivid.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["b64_json", "revised_prompt"], vivid.GetProperty("data")[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal("A vivid, richly detailed picture: a kite, with dramatic light and saturated colour.", vivid.GetProperty("data")[0].GetProperty("revised_prompt").GetString());
        Assert.Equal("A natural, true-to-life picture: a kite, in soft daylight.", natural.GetProperty("data")[0].GetProperty("revised_prompt").GetString());
        Assert.Equal((1024, 1024), (Picture(vivid, 0).Width, Picture(vivid, 0).Height));
    }

    [Fact]
    public async Task TransparentBackground_IsAnRgbaPng_ClearInTheCorners()
    {
        var (_, body) = await GenerateAsync("""{"model":"gpt-image-1","prompt":"a sticker","background":"transparent"}""");

        Assert.Equal("transparent", body.GetProperty("background").GetString());
        PngFile png = Picture(body, 0);
        Assert.Equal(6, png.ColourType);
        Assert.Equal(0, png.PixelAt(0, 0)[3]);
        Assert.Equal(255, png.PixelAt(512, 512)[3]);
    }

    [Theory]
    [InlineData("""{"prompt":"p"}""", "model is required")]
    [InlineData("""{"model":"gpt-image-1","prompt":"p","n":"2"}""", "json: cannot unmarshal string into Go struct field ImageRequest.n of type uint")]
    [InlineData("""{"model":"gpt-image-1","prompt":"p","n":-1}""", "json: cannot unmarshal number -1 into Go struct field ImageRequest.n of type uint")]
    [InlineData("""{"model":"gpt-image-1","prompt":5}""", "json: cannot unmarshal number into Go struct field ImageRequest.prompt of type string")]
    [InlineData("""{"model":"gpt-image-1","prompt":"p","size":"1024×1024"}""", "size an unexpected error occurred in the parameter, please use 'x' instead of the multiplication sign '×'")]
    [InlineData("""{"model":"dall-e-2","prompt":"p","size":"1792x1024"}""", "size must be one of 256x256, 512x512, or 1024x1024 for dall-e-2 or dall-e")]
    [InlineData("""{"model":"dall-e-3","prompt":"p","size":"512x512"}""", "size must be one of 1024x1024, 1024x1792 or 1792x1024 for dall-e-3")]
    [InlineData("""not json""", "invalid JSON request body")]
    public async Task NewApisChecks_Are500InvalidRequest(string json, string message)
    {
        var (status, body) = await GenerateAsync(json);

        GatewayAssert.InvalidRequest(status, body, message);
    }

    [Theory]
    [InlineData("""{"model":"gpt-image-1"}""", "Missing required parameter: 'prompt'.", "prompt", "missing_required_parameter")]
    [InlineData("""{"model":"gpt-image-1","prompt":""}""", "Invalid 'prompt': empty string.", "prompt", "empty_string")]
    [InlineData("""{"model":"gpt-image-1","prompt":"p","response_format":"b64_json"}""", "Unknown parameter: 'response_format'.", "response_format", "unknown_parameter")]
    [InlineData("""{"model":"gpt-image-1","prompt":"p","size":"512x512"}""", "Invalid value: '512x512'. Supported values are: '1024x1024', '1024x1536', '1536x1024', and 'auto'.", "size", "invalid_value")]
    [InlineData("""{"model":"gpt-image-1","prompt":"p","n":11}""", "Invalid 'n': integer above maximum value. Expected a value <= 10, but got 11 instead.", "n", "integer_above_max_value")]
    [InlineData("""{"model":"dall-e-3","prompt":"p","n":2}""", "Invalid 'n': integer above maximum value. Expected a value <= 1, but got 2 instead.", "n", "integer_above_max_value")]
    [InlineData("""{"model":"gpt-image-1","prompt":"p","quality":"hd"}""", "Invalid value: 'hd'. Supported values are: 'low', 'medium', 'high', and 'auto'.", "quality", "invalid_value")]
    [InlineData("""{"model":"dall-e-3","prompt":"p","style":"bold"}""", "Invalid value: 'bold'. Supported values are: 'vivid', and 'natural'.", "style", "invalid_value")]
    [InlineData("""{"model":"dall-e-2","prompt":"p","response_format":"xml"}""", "Invalid value: 'xml'. Supported values are: 'url', and 'b64_json'.", "response_format", "invalid_value")]
    [InlineData("""{"model":"gpt-image-1","prompt":"p","background":"black"}""", "Invalid value: 'black'.", "background", "invalid_value")]
    [InlineData("""{"model":"gpt-image-1","prompt":"p","output_compression":101}""", "Invalid 'output_compression': integer above maximum value.", "output_compression", "integer_above_max_value")]
    [InlineData("""{"model":"gpt-image-2","prompt":"p","size":"1000x1000"}""", "Invalid value: '1000x1000'.", "size", "invalid_value")]
    public async Task OpenAIsChecks_Are400_RelayedWithParamAndCode(string json, string messageStart, string param, string code)
    {
        var (status, body) = await GenerateAsync(json);

        GatewayAssert.OpenAIRefusal(status, body, messageStart, param, code);
    }

    [Fact]
    public async Task APromptAboveTheModelsLimit_IsRefused()
    {
        var (status, body) = await GenerateAsync($$"""{"model":"dall-e-2","prompt":"{{new string('a', 1001)}}"}""");

        GatewayAssert.OpenAIRefusal(status, body, "Invalid 'prompt': string too long. Expected a string with maximum length 1000, but got a string with length 1001 instead.", "prompt", "string_above_max_length");
    }

    [Fact]
    public async Task GptImage2_TakesAnySizeWithinItsRules()
    {
        var (status, body) = await GenerateAsync("""{"model":"gpt-image-2","prompt":"p","size":"1280x720","quality":"low"}""");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal((1280, 720), (Picture(body, 0).Width, Picture(body, 0).Height));
    }

    [Theory]
    [InlineData("jpeg")]
    [InlineData("webp")]
    public async Task JpegAndWebp_AreRefusedByName_TheEmulatorWritesPng(string format)
    {
        var (status, body) = await GenerateAsync($$"""{"model":"gpt-image-1","prompt":"p","output_format":"{{format}}"}""");

        GatewayAssert.OpenAIRefusal(status, body, $"The NexLLM emulator writes PNG images only: output_format '{format}' is not available here.", "output_format", "unsupported_output_format");
    }

    [Fact]
    public async Task StreamTrue_OnGptImage_IsNewApisBadResponseBody()
    {
        var (status, body) = await GenerateAsync("""{"model":"gpt-image-1","prompt":"p","stream":true,"partial_images":2}""");

        Assert.Equal(HttpStatusCode.InternalServerError, status);
        JsonElement error = body.GetProperty("error");
        Assert.StartsWith("invalid character 'e' looking for beginning of value (request id: ", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("bad_response_body", error.GetProperty("type").GetString());
        Assert.Equal("bad_response_body", error.GetProperty("code").GetString());
    }

    [Fact]
    public async Task StreamTrue_OnDallE_IsAnsweredWhole()
    {
        var (status, body) = await GenerateAsync("""{"model":"dall-e-2","prompt":"p","size":"256x256","stream":true}""");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1, body.GetProperty("data").GetArrayLength());
    }

    [Fact]
    public async Task WithoutAModel_TheDistributorLooksForDallE()
    {
        await using var strict = await NexLLMEmulator.StartAsync(new NexLLMEmulatorOptions { RejectUnknownModels = true }, TestCancellation);

        var (status, body) = await SendAsync(strict, Json("/v1/images/generations", """{"prompt":"p"}"""));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.StartsWith("No available channel for model dall-e under group default", body.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheModelList_HasTheImageModels()
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Emulator.Endpoint + "/models"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Emulator.ApiKey);
        using HttpResponseMessage response = await http.SendAsync(request, TestCancellation);
        JsonElement models = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestCancellation)).RootElement.GetProperty("data");

        foreach (string id in new[] { "gpt-image-1", "dall-e-3", "dall-e-2" })
        {
            JsonElement model = models.EnumerateArray().Single(m => m.GetProperty("id").GetString() == id);
            Assert.Equal(["image-generation"], model.GetProperty("supported_endpoint_types").EnumerateArray().Select(e => e.GetString()));
        }
    }

    [Fact]
    public async Task WithoutAKey_TheRouteIs401_AndAGet_IsNewApis404()
    {
        using var http = new HttpClient();
        using HttpResponseMessage anonymous = await http.PostAsync(
            new Uri(Emulator.BaseAddress, "v1/images/generations"), new StringContent("""{"model":"dall-e-2","prompt":"p"}""", Encoding.UTF8, "application/json"), TestCancellation);
        using HttpResponseMessage get = await http.GetAsync(new Uri(Emulator.BaseAddress, "v1/images/generations"), TestCancellation);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Contains("Invalid URL (GET /v1/images/generations)", await get.Content.ReadAsStringAsync(TestCancellation), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("status=503; body=gateway", HttpStatusCode.ServiceUnavailable)]
    [InlineData("status=429; body=empty", HttpStatusCode.TooManyRequests)]
    [InlineData("redirect=https://elsewhere.example/v1/images/generations; status=308", HttpStatusCode.PermanentRedirect)]
    [InlineData("delay=20ms", HttpStatusCode.OK)]
    public async Task TheFaultHeader_WorksOnTheImageRoutes(string fault, HttpStatusCode expected)
    {
        var request = Json("/v1/images/generations", """{"model":"dall-e-2","prompt":"p","size":"256x256"}""");
        request.Headers.Add("X-NexLLM-Emulator-Fault", fault);

        var (status, _) = await SendTextAsync(Emulator, request);

        Assert.Equal(expected, status);
    }

    [Fact]
    public async Task QueuedFaults_StrikeTheImageRoutes_ButNotTheImageDownloads()
    {
        var (_, body) = await GenerateAsync("""{"model":"dall-e-2","prompt":"p","size":"256x256"}""");
        Emulator.Enqueue(EmulatorFault.Truncate(1));
        Emulator.Enqueue(EmulatorFault.Raw(200, "text/html", "<html>oops</html>"u8.ToArray()));

        using var http = new HttpClient();
        using HttpResponseMessage download = await http.GetAsync(new Uri(body.GetProperty("data")[0].GetProperty("url").GetString()!), TestCancellation);
        string truncated = await GenerateTextAsync("""{"model":"gpt-image-1","prompt":"p","quality":"low"}""");
        string raw = await GenerateTextAsync("""{"model":"gpt-image-1","prompt":"p","quality":"low"}""");

        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.StartsWith("{\"created\":", truncated, StringComparison.Ordinal);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(truncated)); // the first half of the body, then a clean end
        Assert.Equal("<html>oops</html>", raw);
    }

    private static PngFile Picture(JsonElement body, int index) =>
        PngFile.Read(Convert.FromBase64String(body.GetProperty("data")[index].GetProperty("b64_json").GetString()!));

    private static HttpRequestMessage Json(string path, string json) =>
        new(HttpMethod.Post, path.TrimStart('/')) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    private Task<(HttpStatusCode Status, JsonElement Body)> GenerateAsync(string json) =>
        SendAsync(Emulator, Json("/v1/images/generations", json));

    private async Task<string> GenerateTextAsync(string json) =>
        (await SendTextAsync(Emulator, Json("/v1/images/generations", json))).Body;

    /// <summary>Sends a request (its URI relative to the emulator's root) with the key; answers the status and the JSON body.</summary>
    private static async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(NexLLMEmulator emulator, HttpRequestMessage request)
    {
        var (status, body) = await SendTextAsync(emulator, request);
        return (status, JsonDocument.Parse(body).RootElement.Clone());
    }

    /// <summary>Sends a request with the key, redirects not followed; answers the status and the body's text.</summary>
    private static async Task<(HttpStatusCode Status, string Body)> SendTextAsync(NexLLMEmulator emulator, HttpRequestMessage request)
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = emulator.BaseAddress };
        using (request)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", emulator.ApiKey);
            using HttpResponseMessage response = await http.SendAsync(request, TestCancellation);
            return (response.StatusCode, await response.Content.ReadAsStringAsync(TestCancellation));
        }
    }
}
