using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.Services;
using Microsoft.SemanticKernel.TextToImage;
using NexLLM.Connectors.SemanticKernel.Tests.TestSupport;

namespace NexLLM.Connectors.SemanticKernel.Tests;

/// <summary>
/// <c>AddNexLLMTextToImage</c>: SK's <see cref="ITextToImageService"/> over the NexLLM image generator. The settings and
/// results are pinned against a scripted server; the last tests draw real images on the emulator.
/// </summary>
public sealed class KernelTextToImageTests : EmulatorKernelTest
{
    private const string Png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

    [Fact]
    public async Task Settings_become_image_options_and_each_image_an_image_content()
    {
        var server = new ScriptedImages($$$"""{"data":[{"b64_json":"{{{Png}}}"},{"b64_json":"{{{Png}}}"}],"usage":{"input_tokens":9,"output_tokens":272,"total_tokens":281}}""");
        ITextToImageService service = Scripted(server).GetRequiredService<ITextToImageService>("img");
        var settings = new PromptExecutionSettings
        {
            ModelId = "gpt-image-1-mini",
            ExtensionData = new Dictionary<string, object>
            {
                ["width"] = 1024,
                ["height"] = 1536,
                ["n"] = 2,
                ["quality"] = "low",
                ["background"] = "transparent",
                ["output_format"] = "webp",
                ["output_compression"] = 50,
                ["user"] = "u-1",
            },
        };

        IReadOnlyList<ImageContent> images = await service.GetImageContentsAsync(new TextContent("a lighthouse"), settings, cancellationToken: Ct);

        Assert.Equal(
            """{"model":"gpt-image-1-mini","prompt":"a lighthouse","n":2,"size":"1024x1536","quality":"low","background":"transparent","output_format":"webp","output_compression":50,"user":"u-1"}""",
            server.LastBody);
        Assert.Equal(2, images.Count);
        Assert.All(images, image =>
        {
            Assert.Equal(Convert.FromBase64String(Png), image.Data!.Value.ToArray());
            Assert.Equal("image/png", image.MimeType);
            Assert.Equal("gpt-image-1-mini", image.ModelId);
            Assert.Equal("req-sk", image.Metadata?["nexllm.request_id"]);
            Assert.IsType<Microsoft.Extensions.AI.ImageGenerationResponse>(image.InnerContent);
        });
        Assert.Equal("gpt-image-1", service.GetModelId());
    }

    [Fact]
    public async Task SKs_GenerateImageAsync_returns_the_url_of_a_url_answer()
    {
        var server = new ScriptedImages("""{"data":[{"url":"https://cdn.example/a.png","revised_prompt":"A lighthouse, drawn."}]}""");
        ITextToImageService service = Scripted(server, "dall-e-3").GetRequiredService<ITextToImageService>("img");

        string url = await service.GenerateImageAsync("a lighthouse", 1024, 1024, cancellationToken: Ct);

        Assert.Equal("https://cdn.example/a.png", url);
        Assert.Equal("""{"model":"dall-e-3","prompt":"a lighthouse","size":"1024x1024"}""", server.LastBody);
    }

    [Theory]
    [InlineData("size", "auto", "\"size\":\"auto\"")]
    [InlineData("size", "1792x1024", "\"size\":\"1792x1024\"")]
    [InlineData("response_format", "url", "\"response_format\":\"url\"")]
    [InlineData("response_format", "b64_json", "\"response_format\":\"b64_json\"")]
    [InlineData("style", "natural", "\"style\":\"natural\"")]
    public async Task Other_settings_reach_the_request(string key, string value, string field)
    {
        var server = new ScriptedImages("""{"data":[{"url":"https://cdn.example/a.png"}]}""");
        ITextToImageService service = Scripted(server, "dall-e-3").GetRequiredService<ITextToImageService>("img");

        await service.GetImageContentsAsync(new TextContent("x"), new PromptExecutionSettings { ExtensionData = new Dictionary<string, object> { [key] = value } }, cancellationToken: Ct);

        Assert.Contains(field, server.LastBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_settings_and_input_are_refused()
    {
        var server = new ScriptedImages("{}");
        ITextToImageService service = Scripted(server).GetRequiredService<ITextToImageService>("img");

        await Assert.ThrowsAsync<ArgumentException>(() => service.GetImageContentsAsync(new TextContent("x"), Settings("width", 1024), cancellationToken: Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => service.GetImageContentsAsync(new TextContent("x"), Settings("size", "big"), cancellationToken: Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => service.GetImageContentsAsync(new TextContent("x"), Settings("response_format", "hosted"), cancellationToken: Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => service.GetImageContentsAsync(new TextContent("x"), Settings("n", "two"), cancellationToken: Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => service.GetImageContentsAsync(new TextContent(""), cancellationToken: Ct));
        Assert.Null(server.LastBody);
        Assert.Throws<ArgumentException>(() => Kernel.CreateBuilder().AddNexLLMTextToImage(" "));
        Assert.Throws<ArgumentNullException>(() => ((IServiceCollection)null!).AddNexLLMTextToImage("gpt-image-1"));
    }

    [Fact]
    public async Task The_kernel_draws_a_real_png_on_the_emulator()
    {
        Kernel kernel = KernelBuilder().AddNexLLMTextToImage("gpt-image-1").Build();
        ITextToImageService service = kernel.GetRequiredService<ITextToImageService>();

        IReadOnlyList<ImageContent> images = await service.GetImageContentsAsync(
            new TextContent("a lighthouse at dawn"), Settings("size", "1024x1024"), kernel, Ct);

        ImageContent image = Assert.Single(images);
        Assert.Equal("image/png", image.MimeType);
        Assert.True(image.Data!.Value.Span.StartsWith(Convert.FromBase64String(Png).AsSpan(0, 8)));
        Assert.Single(Emulator.Requests, r => r.Path == "/v1/images/generations");
    }

    [Fact]
    public async Task An_application_container_resolves_the_service_by_id()
    {
        ServiceCollection services = EmulatorServices();
        services.AddKernel();
        services.AddNexLLMTextToImage("dall-e-3", "dalle");
        await using ServiceProvider provider = services.BuildServiceProvider();

        ITextToImageService service = provider.GetRequiredService<Kernel>().GetRequiredService<ITextToImageService>("dalle");
        string url = await service.GenerateImageAsync("a lighthouse", 1024, 1024, cancellationToken: Ct);

        Assert.Equal("dall-e-3", service.GetModelId());
        Assert.StartsWith(Emulator.Endpoint.GetLeftPart(UriPartial.Authority), url, StringComparison.Ordinal);
    }

    private static PromptExecutionSettings Settings(string key, object value) => new() { ExtensionData = new Dictionary<string, object> { [key] = value } };

    /// <summary>A kernel whose NexLLM client sends to <paramref name="server"/>, with a text-to-image service "img".</summary>
    private static Kernel Scripted(ScriptedImages server, string model = "gpt-image-1")
    {
        IKernelBuilder builder = Kernel.CreateBuilder();
        builder.Services.AddSingleton(new NexLLMClient(
            new NexLLMClientOptions { ApiKey = "sk-sktest0123456789", Endpoint = new Uri("https://gateway.test/v1") },
            new HttpClient(server) { Timeout = Timeout.InfiniteTimeSpan }));
        return builder.AddNexLLMTextToImage(model, "img").Build();
    }

    /// <summary>Answers every request with one JSON body and keeps the last request's body.</summary>
    private sealed class ScriptedImages(string answer) : HttpMessageHandler
    {
        public string? LastBody { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            LastBody = await request.Content!.ReadAsStringAsync(cancellationToken);
            return new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent(answer, Encoding.UTF8, "application/json"),
                Headers = { { "X-Oneapi-Request-Id", "req-sk" } },
                RequestMessage = request,
            };
        }
    }
}
