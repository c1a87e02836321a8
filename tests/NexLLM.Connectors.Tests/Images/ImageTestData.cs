using Microsoft.Extensions.AI;
using NexLLM.Connectors.Tests.TestSupport;

namespace NexLLM.Connectors.Tests.Images;

/// <summary>Images, bodies and calls shared by the image tests.</summary>
internal static class ImageTestData
{
    public const string Model = "gpt-image-1";
    public const string Prompt = "A lighthouse at dawn";

    /// <summary>A 1×1 PNG in base64 (it holds a '+', so a server that escapes it writes <c>\u002B</c>).</summary>
    public const string PngBase64 = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

    public static readonly byte[] Png = Convert.FromBase64String(PngBase64);

    /// <summary>The first bytes of a JPEG (JFIF): enough for the signature.</summary>
    public static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0x00, 0x01];

    /// <summary>A gpt-image answer: one image in base64, the response's format and size, and usage with input details.</summary>
    public static string GptImageAnswer(string b64 = PngBase64, string outputFormat = "png") =>
        $$$"""{"created":1713833628,"data":[{"b64_json":"{{{b64}}}"}],"background":"opaque","output_format":"{{{outputFormat}}}","quality":"high","size":"1024x1024","usage":{"input_tokens":50,"input_tokens_details":{"image_tokens":40,"text_tokens":10},"output_tokens":4160,"total_tokens":4210}}""";

    /// <summary>A dall-e-3 answer in url mode, with the prompt it drew.</summary>
    public const string DallEUrlAnswer =
        """{"created":1713833628,"data":[{"url":"https://cdn.example/img/abc.png?sig=1","revised_prompt":"A tall white lighthouse on a rocky shore at dawn."}]}""";

    public static ImageGenerationRequest Generation(string prompt = Prompt) => new(prompt);

    public static DataContent PngContent(string? name = null) => new(Png, "image/png") { Name = name };

    /// <summary>Calls the generator once against a queued answer and returns what was sent and what came back.</summary>
    public static async Task<(RecordedRequest Request, ImageGenerationResponse Response)> CallAsync(
        string answer, ImageGenerationRequest? request = null, ImageGenerationOptions? options = null, string model = Model)
    {
        using var harness = new Harness();
        harness.Handler.Enqueue(Reply.Json(answer).WithHeader("X-Oneapi-Request-Id", "req-img"));
        ImageGenerationResponse response = await harness.Client.GetImageGenerator(model).GenerateAsync(request ?? Generation(), options, Harness.Ct);
        return (harness.Handler.SingleRequest, response);
    }

    /// <summary>Sends a generation whose answer the client must refuse, and returns the error (the request is sent once).</summary>
    public static async Task<NexLLMException> FailureAsync(Reply answer, string model = Model)
    {
        using var harness = new Harness();
        harness.Handler.Enqueue(answer);
        var ex = await Assert.ThrowsAsync<NexLLMException>(() => harness.Client.GetImageGenerator(model).GenerateAsync(Generation(), null, Harness.Ct));
        Assert.Single(harness.Handler.Requests);
        return ex;
    }
}
