using System.Net;
using System.Text;
using Microsoft.Extensions.AI;
using NexLLM.Connectors.Tests.Embeddings;
using NexLLM.Connectors.Tests.TestSupport;
using static NexLLM.Connectors.Tests.Images.ImageTestData;

namespace NexLLM.Connectors.Tests.Images;

/// <summary>
/// Images move through the client without copies (docs/reliability.md "bounded memory"): an upload is written from the
/// caller's memory, an answer's base64 is decoded straight into the image's array. Measured on the whole process, so alone.
/// </summary>
[Collection(nameof(AllocationMeasurements))]
public sealed class ImageMemoryTests(ITestOutputHelper output)
{
    private const int ImageBytes = 8 * 1024 * 1024;

    [Fact]
    public async Task An_edit_of_two_8_MB_images_allocates_less_than_4_MB_beyond_them()
    {
        var random = new Random(42);
        byte[] first = new byte[ImageBytes], second = new byte[ImageBytes];
        random.NextBytes(first);
        random.NextBytes(second);
        var request = new ImageGenerationRequest(Prompt, [new DataContent(first, "image/png"), new DataContent(second, "image/png")]);
        var options = new ImageGenerationOptions().WithImageMask(new DataContent(Png, "image/png"));
        var server = new DrainingHandler();
        using var http = new HttpClient(server) { Timeout = Timeout.InfiniteTimeSpan };
        using var client = new NexLLMClient(new NexLLMClientOptions { ApiKey = Harness.ApiKey, Endpoint = Harness.Endpoint }, http);
        IImageGenerator generator = client.GetImageGenerator(Model);

        // The first call warms up the JIT, the pools and the source-generated metadata.
        await generator.GenerateAsync(request, options, Harness.Ct);

        long before = GC.GetTotalAllocatedBytes(precise: true);
        ImageGenerationResponse response = await generator.GenerateAsync(request, options, Harness.Ct);
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        output.WriteLine($"sent {server.LastBodyLength:N0} B for {2L * ImageBytes:N0} B of images; allocated {allocated:N0} B");
        Assert.Single(response.Contents);
        Assert.True(server.LastBodyLength > 2L * ImageBytes, $"the body had {server.LastBodyLength:N0} bytes");
        Assert.True(allocated < 4 * 1024 * 1024, $"allocated {allocated:N0} bytes beyond the images");
    }

    [Fact]
    public async Task An_8_MB_image_in_base64_allocates_at_most_1_3_times_its_bytes()
    {
        byte[] image = new byte[ImageBytes];
        new Random(7).NextBytes(image);
        Png.CopyTo(image, 0);
        byte[] body = Encoding.UTF8.GetBytes(GptImageAnswer(Convert.ToBase64String(image)));
        using var harness = new Harness();
        IImageGenerator generator = harness.Client.GetImageGenerator(Model);
        harness.Handler.Enqueue(Reply.Json("").WithBody(body).WithContentLength(body.Length), Reply.Json("").WithBody(body).WithContentLength(body.Length));
        await generator.GenerateAsync(Generation(), null, Harness.Ct);

        long before = GC.GetTotalAllocatedBytes(precise: true);
        ImageGenerationResponse response = await generator.GenerateAsync(Generation(), null, Harness.Ct);
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        output.WriteLine($"body {body.Length:N0} B, image {ImageBytes:N0} B, allocated {allocated:N0} B ({(double)allocated / ImageBytes:0.00}x)");
        DataContent decoded = Assert.IsType<DataContent>(Assert.Single(response.Contents));
        Assert.True(decoded.Data.Span.SequenceEqual(image));
        Assert.Equal("image/png", decoded.MediaType);
        Assert.True(allocated <= 1.3 * ImageBytes, $"allocated {allocated:N0} bytes for a {ImageBytes:N0}-byte image");
    }

    /// <summary>A server that reads each request body to its end, as a socket would, keeping none of it.</summary>
    private sealed class DrainingHandler : HttpMessageHandler
    {
        private static readonly byte[] Answer = Encoding.UTF8.GetBytes(GptImageAnswer());

        public long LastBodyLength { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var counter = new CountingStream();
            await request.Content!.CopyToAsync(counter, cancellationToken);
            LastBodyLength = counter.Length;
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(Answer), RequestMessage = request };
        }
    }
}
