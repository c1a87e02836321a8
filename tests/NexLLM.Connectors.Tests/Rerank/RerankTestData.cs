using NexLLM.Connectors.Tests.TestSupport;

namespace NexLLM.Connectors.Tests.Rerank;

/// <summary>Bodies and calls shared by the rerank tests.</summary>
internal static class RerankTestData
{
    public const string Model = "jina-reranker-v2-base-multilingual";
    public const string Query = "capital of France?";

    public static readonly string[] Documents = ["Paris is the capital.", "Berlin is in Germany."];

    /// <summary>new-api's answer shape (docs/protocols/rerank.md): results ordered by score, and its full usage object.</summary>
    public static string Body(string results) =>
        $$$"""{"results":[{{{results}}}],"usage":{"prompt_tokens":21,"completion_tokens":0,"total_tokens":21,"prompt_tokens_details":{"cached_tokens":0},"completion_tokens_details":{"reasoning_tokens":0},"input_tokens":0,"output_tokens":0,"input_tokens_details":null,"claude_cache_creation_5_m_tokens":0,"claude_cache_creation_1_h_tokens":0}}""";

    public static readonly string TwoResults = Body(
        """{"document":{"text":"Paris is the capital."},"index":0,"relevance_score":0.93},{"document":{"text":"Berlin is in Germany."},"index":1,"relevance_score":0.02}""");

    public static async Task<(RecordedRequest Request, RerankResponse Response)> CallAsync(
        string answer, RerankOptions? options = null, string[]? documents = null, string query = Query)
    {
        using var harness = new Harness();
        harness.Handler.Enqueue(Reply.Json(answer).WithHeader("X-Oneapi-Request-Id", "req-r"));
        RerankResponse response = await harness.Client.GetRerankClient(Model).RerankAsync(query, documents ?? Documents, options, Harness.Ct);
        return (harness.Handler.SingleRequest, response);
    }

    public static async Task<NexLLMException> FailureAsync(string answer, RerankOptions? options = null)
    {
        using var harness = new Harness();
        harness.Handler.Enqueue(Reply.Json(answer));
        var ex = await Assert.ThrowsAsync<NexLLMException>(() => harness.Client.GetRerankClient(Model).RerankAsync(Query, Documents, options, Harness.Ct));
        Assert.Single(harness.Handler.Requests);
        return ex;
    }
}
