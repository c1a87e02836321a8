using System.Text.Json;
using Microsoft.Extensions.AI;

namespace NexLLM.Connectors.IntegrationTests.Embeddings;

/// <summary>The shared embedding conformance suite over <c>POST /v1/embeddings</c>.</summary>
public sealed class OpenAIEmbeddingConformanceTests : EmbeddingConformanceTests
{
    protected override NexLLMEmbeddingProtocol Protocol => NexLLMEmbeddingProtocol.Embeddings;

    protected override string Model => "text-embedding-3-small";

    protected override int ModelDimensions => 1536;

    protected override bool ReportsUsage => true;

    protected override bool IsEmbeddingPath(string path) => path == "/v1/embeddings";

    [Fact]
    public async Task TheRequest_AsksForBase64_WithBearerAuth()
    {
        await CreateGenerator(8).GenerateAsync(["hello"], new EmbeddingGenerationOptions { AdditionalProperties = new() { ["user"] = "u-1" } }, TestCancellation);

        var request = EmbeddingRequests()[^1];
        Assert.Equal("Bearer " + Emulator.ApiKey, request.Headers["Authorization"]);
        JsonElement body = request.ParseJson();
        Assert.Equal("base64", body.GetProperty("encoding_format").GetString());
        Assert.Equal(8, body.GetProperty("dimensions").GetInt32());
        Assert.Equal("u-1", body.GetProperty("user").GetString());
    }

    [Fact]
    public async Task FloatAnswers_GiveTheSameVectorsAsBase64()
    {
        IEmbeddingGenerator<string, Embedding<float>> generator = CreateGenerator(32);
        var asFloats = new EmbeddingGenerationOptions { AdditionalProperties = new() { ["encoding_format"] = "float" } };

        Embedding<float> base64 = await generator.GenerateAsync("same text", cancellationToken: TestCancellation);
        Embedding<float> floats = await generator.GenerateAsync("same text", asFloats, TestCancellation);

        Assert.Equal(base64.Vector.ToArray(), floats.Vector.ToArray());
    }
}
