using System.Runtime.InteropServices;
using Microsoft.Extensions.AI;
using NexLLM.Connectors.Tests.TestSupport;

namespace NexLLM.Connectors.Tests.Embeddings;

/// <summary>Bodies and calls shared by the embedding tests.</summary>
internal static class EmbeddingTestData
{
    public const string Model = "text-embedding-3-small";

    public static string Base64(params float[] values) => Convert.ToBase64String(MemoryMarshal.AsBytes(values.AsSpan()));

    /// <summary>An answer with the given data items (JSON objects), model and usage.</summary>
    public static string Body(params string[] items) =>
        $$$"""{"object":"list","data":[{{{string.Join(",", items)}}}],"model":"text-embedding-3-small-v2","usage":{"prompt_tokens":7,"total_tokens":7}}""";

    public static string Item(int index, string embeddingJson) => $$"""{"object":"embedding","index":{{index}},"embedding":{{embeddingJson}}}""";

    public static string Item(int index, params float[] values) => Item(index, $"\"{Base64(values)}\"");

    /// <summary>Replays <paramref name="body"/> to a call with <paramref name="inputs"/> and returns the result.</summary>
    public static async Task<GeneratedEmbeddings<Embedding<float>>> ReplayAsync(string body, string[] inputs, EmbeddingGenerationOptions? options = null)
    {
        using var harness = new Harness();
        harness.Handler.Enqueue(Reply.Json(body).WithHeader("X-Oneapi-Request-Id", "req-1"));
        return await harness.Client.GetEmbeddingGenerator(Model).GenerateAsync(inputs, options, Harness.Ct);
    }

    /// <summary>Replays <paramref name="body"/> and returns the typed error it must raise.</summary>
    public static async Task<NexLLMException> FailureAsync(string body, string[] inputs)
    {
        using var harness = new Harness();
        harness.Handler.Enqueue(Reply.Json(body));
        var ex = await Assert.ThrowsAsync<NexLLMException>(() => harness.Client.GetEmbeddingGenerator(Model).GenerateAsync(inputs, cancellationToken: Harness.Ct));
        Assert.Single(harness.Handler.Requests); // an unusable answer is not retried
        return ex;
    }

    /// <summary>Sends a call and returns the body the server received.</summary>
    public static async Task<string> SentBodyAsync(string[] inputs, EmbeddingGenerationOptions? options = null, int? dimensions = null)
    {
        using var harness = new Harness();
        harness.Handler.Enqueue(Reply.Json(Body([.. inputs.Select((_, i) => Item(i, 1f, 0f))])));
        await harness.Client.GetEmbeddingGenerator(Model, dimensions).GenerateAsync(inputs, options, Harness.Ct);
        return harness.Handler.SingleRequest.BodyText;
    }
}
