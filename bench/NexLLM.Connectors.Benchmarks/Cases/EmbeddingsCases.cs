using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.AI;
using NexLLM.Connectors.Benchmarks.Replay;
using NexLLM.Connectors.Benchmarks.Wire;

namespace NexLLM.Connectors.Benchmarks.Cases;

/// <summary>
/// Embeddings: 256 inputs × 1,536 dimensions in one request. Anchor: Microsoft.Extensions.AI.OpenAI's
/// <c>AsIEmbeddingGenerator()</c>. Every contestant asks for base64; the answer's encoding is the case's.
/// </summary>
public abstract class Embeddings : Contestants
{
    public const int Inputs = Scenarios.EmbeddingInputs;
    public const int Dimensions = Scenarios.EmbeddingDimensions;
    private static readonly string[] Texts = EmbeddingBodies.Inputs(Inputs);
    private static readonly byte[] FloorRequest = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(Texts, BenchJsonContext.Default.StringArray) is var input
        ? $"{{\"model\":\"{EmbeddingBodies.Model}\",\"input\":{input},\"encoding_format\":\"base64\"}}"
        : string.Empty);

    private IEmbeddingGenerator<string, Embedding<float>> _ours = null!;
    private IEmbeddingGenerator<string, Embedding<float>> _anchor = null!;

    [Benchmark(Baseline = true)]
    public async Task<int> Anchor() => (await _anchor.GenerateAsync(Texts)).Count;

    [Benchmark]
    public async Task<int> Ours() => (await _ours.GenerateAsync(Texts)).Count;

    [Benchmark]
    public async Task<int> Floor() => (await FloorHttp.EmbeddingsAsync(new Uri(Base, "v1/embeddings"), FloorRequest, Inputs)).Length;

    protected override async Task CheckAsync()
    {
        _ours = OurSdk.GetEmbeddingGenerator(EmbeddingBodies.Model);
        _anchor = OpenAISdk.GetEmbeddingClient(EmbeddingBodies.Model).AsIEmbeddingGenerator();
        float[] expected = (await FloorHttp.EmbeddingsAsync(new Uri(Base, "v1/embeddings"), FloorRequest, Inputs))[Inputs - 1];
        Same("dimensions", Dimensions, expected.Length, nameof(Floor));
        foreach ((string name, IEmbeddingGenerator<string, Embedding<float>> generator) in new[] { (nameof(Anchor), _anchor), (nameof(Ours), _ours) })
        {
            GeneratedEmbeddings<Embedding<float>> embeddings = await generator.GenerateAsync(Texts);
            Same("embeddings", Inputs, embeddings.Count, name);
            Same("equal components", Dimensions, embeddings[^1].Vector.Span.SequenceEqual(expected) ? Dimensions : 0, name);
        }
    }
}

/// <summary>The answer in base64, as asked: 256 × 1,536 float32 values.</summary>
[MemoryDiagnoser]
public class EmbeddingsBase64 : Embeddings
{
    protected override string Scenario => Scenarios.EmbeddingsBase64;
}

/// <summary>The answer as float arrays although base64 was asked (a Jina channel through new-api).</summary>
[MemoryDiagnoser]
public class EmbeddingsFloatJson : Embeddings
{
    protected override string Scenario => Scenarios.EmbeddingsFloat;
}
