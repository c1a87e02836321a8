using Microsoft.Extensions.AI;

namespace NexLLM.Connectors.IntegrationTests.Embeddings;

/// <summary>The shared embedding conformance suite over Gemini's <c>:embedContent</c> and <c>:batchEmbedContents</c>.</summary>
public sealed class GeminiEmbeddingConformanceTests : EmbeddingConformanceTests
{
    protected override NexLLMEmbeddingProtocol Protocol => NexLLMEmbeddingProtocol.GeminiEmbedContent;

    protected override string Model => "gemini-embedding-001";

    protected override int ModelDimensions => 3072;

    protected override bool ReportsUsage => false;

    protected override bool IsEmbeddingPath(string path) => path.StartsWith("/v1beta/models/gemini-embedding-001:", StringComparison.Ordinal);

    [Fact]
    public async Task OneInput_IsEmbedContent_SeveralAreBatchEmbedContents_WithTheKeyInTheHeaderOnly()
    {
        IEmbeddingGenerator<string, Embedding<float>> generator = CreateGenerator();

        await generator.GenerateAsync(["one"], new EmbeddingGenerationOptions().WithGeminiTaskType(NexLLMGeminiTaskType.RetrievalQuery), TestCancellation);
        await generator.GenerateAsync(["one", "two"], cancellationToken: TestCancellation);

        var requests = EmbeddingRequests();
        Assert.Equal("/v1beta/models/gemini-embedding-001:embedContent", requests[0].Path);
        Assert.Equal("/v1beta/models/gemini-embedding-001:batchEmbedContents", requests[1].Path);
        Assert.All(requests, r =>
        {
            Assert.Equal(Emulator.ApiKey, r.Headers["x-goog-api-key"]);
            Assert.False(r.Headers.ContainsKey("Authorization"));
            Assert.DoesNotContain("key", r.QueryString, StringComparison.OrdinalIgnoreCase);
        });
        Assert.Equal("RETRIEVAL_QUERY", requests[0].ParseJson().GetProperty("taskType").GetString());
    }

    [Fact]
    public async Task TheSameText_GetsTheSameVector_OverEitherProtocol()
    {
        Embedding<float> gemini = await CreateGenerator(64).GenerateAsync("shared engine", cancellationToken: TestCancellation);
        Embedding<float> openAI = await Client.GetEmbeddingGenerator("text-embedding-3-small", 64).GenerateAsync("shared engine", cancellationToken: TestCancellation);

        Assert.Equal(openAI.Vector.ToArray(), gemini.Vector.ToArray());
    }
}
