using System.Numerics.Tensors;
using Microsoft.Extensions.AI;
using NexLLM.Connectors.Emulator;
using NexLLM.Connectors.IntegrationTests.TestSupport;

namespace NexLLM.Connectors.IntegrationTests.Embeddings;

/// <summary>
/// What every embedding protocol must do, end to end over loopback against the emulator. Each protocol subclasses this
/// in a few lines (protocol, model, paths) and adds its own wire-specific tests beside it.
/// </summary>
public abstract class EmbeddingConformanceTests : EmulatorTest
{
    /// <summary>Gets the protocol under test.</summary>
    protected abstract NexLLMEmbeddingProtocol Protocol { get; }

    /// <summary>Gets the model the tests ask for.</summary>
    protected abstract string Model { get; }

    /// <summary>Gets the vector length of <see cref="Model"/> when no dimensions are asked for.</summary>
    protected abstract int ModelDimensions { get; }

    /// <summary>Gets whether the protocol reports usage.</summary>
    protected abstract bool ReportsUsage { get; }

    /// <summary>Gets whether a request path is one of this protocol's.</summary>
    protected abstract bool IsEmbeddingPath(string path);

    protected IEmbeddingGenerator<string, Embedding<float>> CreateGenerator(int? dimensions = null) =>
        Client.GetEmbeddingGenerator(Model, Protocol, dimensions);

    protected IReadOnlyList<EmulatorRequest> EmbeddingRequests() => [.. Emulator.Requests.Where(r => IsEmbeddingPath(r.Path))];

    [Fact]
    public async Task Generate_ReturnsOneUnitVectorPerInput_WithTheModel()
    {
        GeneratedEmbeddings<Embedding<float>> result = await CreateGenerator().GenerateAsync(
            ["The quick brown fox.", "A lazy dog sleeps.", "Gateways route requests."], cancellationToken: TestCancellation);

        Assert.Equal(3, result.Count);
        Assert.All(result, embedding =>
        {
            Assert.Equal(ModelDimensions, embedding.Vector.Length);
            Assert.Equal(1.0, TensorPrimitives.Norm(embedding.Vector.Span), 3);
            Assert.Equal(Model, embedding.ModelId);
        });
        Assert.Equal(Emulator.Requests[^1].RequestId, result.AdditionalProperties?["nexllm.request_id"]);
    }

    [Fact]
    public async Task Generate_KeepsInputOrder_AndIsDeterministic()
    {
        IEmbeddingGenerator<string, Embedding<float>> generator = CreateGenerator(64);

        GeneratedEmbeddings<Embedding<float>> forward = await generator.GenerateAsync(["alpha beta", "gamma delta"], cancellationToken: TestCancellation);
        GeneratedEmbeddings<Embedding<float>> backward = await generator.GenerateAsync(["gamma delta", "alpha beta"], cancellationToken: TestCancellation);

        Assert.Equal(forward[0].Vector.ToArray(), backward[1].Vector.ToArray());
        Assert.Equal(forward[1].Vector.ToArray(), backward[0].Vector.ToArray());
        Assert.NotEqual(forward[0].Vector.ToArray(), forward[1].Vector.ToArray());
    }

    [Fact]
    public async Task Dimensions_OfTheGeneratorAndPerRequest_AreHonoured()
    {
        IEmbeddingGenerator<string, Embedding<float>> generator = CreateGenerator(256);

        Embedding<float> byDefault = await generator.GenerateAsync("hello", cancellationToken: TestCancellation);
        Embedding<float> perRequest = await generator.GenerateAsync("hello", new EmbeddingGenerationOptions { Dimensions = 32 }, TestCancellation);

        Assert.Equal(256, byDefault.Vector.Length);
        Assert.Equal(32, perRequest.Vector.Length);
    }

    [Fact]
    public async Task SimilarTexts_AreCloserThanUnrelatedOnes()
    {
        GeneratedEmbeddings<Embedding<float>> result = await CreateGenerator().GenerateAsync(
            ["How do I reset my password?", "Steps to reset a forgotten password", "The recipe needs two cups of flour and an egg."],
            cancellationToken: TestCancellation);

        float similar = TensorPrimitives.CosineSimilarity(result[0].Vector.Span, result[1].Vector.Span);
        float unrelated = TensorPrimitives.CosineSimilarity(result[0].Vector.Span, result[2].Vector.Span);
        Assert.True(similar > 0.3f, $"similar texts: {similar}");
        Assert.True(unrelated < 0.15f, $"unrelated texts: {unrelated}");
        Assert.True(similar > unrelated + 0.2f, $"similar {similar} vs unrelated {unrelated}");
    }

    [Fact]
    public async Task A_SplitCall_GivesTheSameVectorsAsOneRequest()
    {
        string[] inputs = [.. Enumerable.Range(1, 7).Select(i => $"document number {i} about topic {i % 3}")];
        IEmbeddingGenerator<string, Embedding<float>> generator = CreateGenerator(48);

        GeneratedEmbeddings<Embedding<float>> whole = await generator.GenerateAsync(inputs, cancellationToken: TestCancellation);
        Emulator.ClearRequests();
        GeneratedEmbeddings<Embedding<float>> split = await generator.GenerateAsync(
            inputs, new EmbeddingGenerationOptions().WithMaxInputsPerRequest(3).WithMaxConcurrentRequests(2), TestCancellation);

        Assert.Equal(3, EmbeddingRequests().Count);
        for (int i = 0; i < inputs.Length; i++)
        {
            Assert.Equal(whole[i].Vector.ToArray(), split[i].Vector.ToArray());
        }

        Assert.Equal(whole.Usage?.InputTokenCount, split.Usage?.InputTokenCount);
    }

    [Fact]
    public async Task Usage_IsReportedWhereTheProtocolHasIt()
    {
        GeneratedEmbeddings<Embedding<float>> result = await CreateGenerator().GenerateAsync(["one two three four"], cancellationToken: TestCancellation);

        if (ReportsUsage)
        {
            Assert.True(result.Usage?.InputTokenCount > 0);
        }
        else
        {
            Assert.Null(result.Usage);
        }
    }

    [Fact]
    public async Task A429_IsRetried()
    {
        Emulator.Enqueue(EmulatorFault.OpenAIError(429, "Rate limited.", "rate_limit_error", headers: new Dictionary<string, string> { ["retry-after-ms"] = "20" }));

        Embedding<float> embedding = await CreateGenerator().GenerateAsync("hello", cancellationToken: TestCancellation);

        Assert.Equal(ModelDimensions, embedding.Vector.Length);
        Assert.Equal(2, EmbeddingRequests().Count);
    }

    [Fact]
    public async Task A500InvalidRequest_IsTypedAndNotRetried()
    {
        Emulator.Enqueue(EmulatorFault.OpenAIError(500, "input is empty", "new_api_error", "invalid_request"));

        var ex = await Assert.ThrowsAsync<NexLLMException>(() => CreateGenerator().GenerateAsync(["hello"], cancellationToken: TestCancellation));

        Assert.Equal(500, ex.StatusCode);
        Assert.Equal("invalid_request", ex.ErrorCode);
        Assert.Equal(1, ex.Attempts);
        Assert.Single(EmbeddingRequests());
    }

    [Fact]
    public async Task ATruncatedAnswer_IsATypedError()
    {
        Emulator.Enqueue(EmulatorFault.Truncate(1));

        var ex = await Assert.ThrowsAsync<NexLLMException>(() => CreateGenerator().GenerateAsync(["hello"], cancellationToken: TestCancellation));

        Assert.Equal(NexLLMErrorKind.InvalidResponse, ex.Kind);
    }

    [Fact]
    public async Task WorksBehindMicrosoftExtensionsAIsOwnPipeline()
    {
        IEmbeddingGenerator<string, Embedding<float>> generator = CreateGenerator(16).AsBuilder()
            .ConfigureOptions(o => o.Dimensions = 24)
            .UseOpenTelemetry()
            .Build();

        Embedding<float> embedding = await generator.GenerateAsync("hello", cancellationToken: TestCancellation);

        Assert.Equal(24, embedding.Vector.Length);
        Assert.Equal("nexllm", generator.GetService<EmbeddingGeneratorMetadata>()?.ProviderName);
    }
}
