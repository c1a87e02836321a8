using System.Numerics.Tensors;
using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;
using NexLLM.Connectors.SemanticKernel.Tests.TestSupport;

namespace NexLLM.Connectors.SemanticKernel.Tests;

/// <summary><c>AddNexLLMEmbeddingGenerator</c>: SK 1.x's embedding service (M.E.AI's generator), unkeyed and by service id, on both wire formats.</summary>
public sealed class KernelEmbeddingTests : EmulatorKernelTest
{
    [Fact]
    public async Task The_kernel_embeds_with_the_asked_dimensions_and_real_similarity()
    {
        Kernel kernel = KernelBuilder().AddNexLLMEmbeddingGenerator("text-embedding-3-small", dimensions: 256).Build();
        var generator = kernel.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();

        GeneratedEmbeddings<Embedding<float>> embeddings = await generator.GenerateAsync(
            ["cats purr when they are happy", "a happy cat purrs", "the central bank raised interest rates"], cancellationToken: Ct);

        Assert.All(embeddings, e => Assert.Equal(256, e.Vector.Length));
        float related = TensorPrimitives.CosineSimilarity(embeddings[0].Vector.Span, embeddings[1].Vector.Span);
        float unrelated = TensorPrimitives.CosineSimilarity(embeddings[0].Vector.Span, embeddings[2].Vector.Span);
        Assert.True(related > unrelated, $"related {related} <= unrelated {unrelated}");
        var request = Assert.Single(Emulator.Requests, r => r.Path == "/v1/embeddings");
        Assert.Contains("\"dimensions\":256", request.BodyText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Generators_are_chosen_by_service_id_and_may_speak_Gemini()
    {
        Kernel kernel = KernelBuilder()
            .AddNexLLMEmbeddingGenerator("text-embedding-3-small", serviceId: "openai")
            .AddNexLLMEmbeddingGenerator("gemini-embedding-001", NexLLMEmbeddingProtocol.GeminiEmbedContent, dimensions: 128, serviceId: "gemini")
            .Build();

        Embedding<float> openai = await kernel.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>("openai")
            .GenerateAsync("hello", cancellationToken: Ct);
        GeneratedEmbeddings<Embedding<float>> gemini = await kernel.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>("gemini")
            .GenerateAsync(["hello", "world"], cancellationToken: Ct);

        Assert.Equal(1536, openai.Vector.Length);
        Assert.All(gemini, e => Assert.Equal(128, e.Vector.Length));
        Assert.Single(Emulator.Requests, r => r.Path == "/v1beta/models/gemini-embedding-001:batchEmbedContents");
        Assert.Single(Emulator.Requests, r => r.Path == "/v1/embeddings");
        Assert.Null(kernel.Services.GetService(typeof(IEmbeddingGenerator<string, Embedding<float>>)));
    }
}
