using System.Text;
using Microsoft.Extensions.AI;
using NexLLM.Connectors.Tests.TestSupport;
using static NexLLM.Connectors.Tests.Embeddings.EmbeddingTestData;

namespace NexLLM.Connectors.Tests.Embeddings;

/// <summary>Tests that measure the whole process's allocations, so they run alone.</summary>
[CollectionDefinition(nameof(AllocationMeasurements), DisableParallelization = true)]
public sealed class AllocationMeasurements;

/// <summary>Decoding a large base64 answer allocates little more than the floats themselves (docs/reliability.md "bounded memory").</summary>
[Collection(nameof(AllocationMeasurements))]
public sealed class EmbeddingMemoryTests(ITestOutputHelper output)
{
    private const int Inputs = 256;
    private const int Dimensions = 1536;

    [Fact]
    public async Task A_256_by_1536_base64_answer_allocates_at_most_twice_its_floats()
    {
        var random = new Random(42);
        var body = new StringBuilder();
        body.Append("""{"object":"list","data":[""");
        for (int i = 0; i < Inputs; i++)
        {
            float[] vector = [.. Enumerable.Range(0, Dimensions).Select(_ => (float)random.NextDouble())];
            body.Append(i == 0 ? "" : ",").Append(Item(i, vector));
        }

        body.Append("""],"model":"text-embedding-3-small","usage":{"prompt_tokens":512,"total_tokens":512}}""");
        byte[] bytes = Encoding.UTF8.GetBytes(body.ToString());
        string[] inputs = [.. Enumerable.Range(0, Inputs).Select(i => $"input {i}")];

        using var harness = new Harness();
        IEmbeddingGenerator<string, Embedding<float>> generator = harness.Client.GetEmbeddingGenerator(Model);

        // The first call warms up the JIT, the pools and the source-generated metadata.
        harness.Handler.Enqueue(Reply.Json("").WithBody(bytes).WithContentLength(bytes.Length), Reply.Json("").WithBody(bytes).WithContentLength(bytes.Length));
        await generator.GenerateAsync(inputs, cancellationToken: Harness.Ct);

        long before = GC.GetTotalAllocatedBytes(precise: true);
        GeneratedEmbeddings<Embedding<float>> result = await generator.GenerateAsync(inputs, cancellationToken: Harness.Ct);
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        long floats = (long)Inputs * Dimensions * sizeof(float);
        output.WriteLine($"body {bytes.Length:N0} B, floats {floats:N0} B, allocated {allocated:N0} B ({(double)allocated / floats:0.00}x)");
        Assert.Equal(Inputs, result.Count);
        Assert.True(allocated <= 2 * floats, $"allocated {allocated:N0} bytes for {floats:N0} bytes of floats");
    }
}
