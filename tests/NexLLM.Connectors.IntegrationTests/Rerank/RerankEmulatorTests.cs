using System.Net;
using System.Text;
using System.Text.Json;
using NexLLM.Connectors.Emulator;
using NexLLM.Connectors.IntegrationTests.TestSupport;

namespace NexLLM.Connectors.IntegrationTests.Rerank;

/// <summary>The emulator's <c>POST /v1/rerank</c> on the wire (docs/protocols/rerank.md), and the client against its upstream variants.</summary>
public sealed class RerankEmulatorTests : EmulatorTest
{
    internal static async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(NexLLMEmulator emulator, string path, string json)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(emulator.BaseAddress, path.TrimStart('/'))) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add("Authorization", "Bearer " + emulator.ApiKey);
        using HttpResponseMessage response = await http.SendAsync(request, TestCancellation);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestCancellation)).RootElement.Clone());
    }

    [Fact]
    public async Task TheAnswer_HasOnlyResultsAndNewApisUsage()
    {
        var (status, body) = await PostAsync(Emulator, "/v1/rerank", """{"model":"jina-reranker-v2-base-multilingual","query":"capital of France?","documents":["Paris is the capital.",{"text":"Berlin is in Germany."}],"top_n":2,"return_documents":true}""");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["results", "usage"], body.EnumerateObject().Select(p => p.Name));
        JsonElement first = body.GetProperty("results")[0];
        Assert.Equal(["document", "index", "relevance_score"], first.EnumerateObject().Select(p => p.Name));
        Assert.Equal("Paris is the capital.", first.GetProperty("document").GetProperty("text").GetString());
        Assert.Equal(0, first.GetProperty("index").GetInt32());
        Assert.Equal("Berlin is in Germany.", body.GetProperty("results")[1].GetProperty("document").GetProperty("text").GetString());
        JsonElement usage = body.GetProperty("usage");
        Assert.Equal(usage.GetProperty("total_tokens").GetInt32(), usage.GetProperty("prompt_tokens").GetInt32());
        Assert.Equal(JsonValueKind.Null, usage.GetProperty("input_tokens_details").ValueKind);
    }

    [Fact]
    public async Task WithoutReturnDocuments_ThereIsNoDocument_AndWithoutTopN_EveryDocumentComesBack()
    {
        var (_, body) = await PostAsync(Emulator, "/v1/rerank", """{"model":"jina-reranker-v2-base-multilingual","query":"q","documents":["a","b","c"]}""");

        Assert.Equal(3, body.GetProperty("results").GetArrayLength());
        Assert.All(body.GetProperty("results").EnumerateArray(), r => Assert.False(r.TryGetProperty("document", out _)));
    }

    [Theory]
    [InlineData("""{"model":"jina-reranker-v2-base-multilingual","query":"","documents":["a"]}""", "query is empty")]
    [InlineData("""{"model":"jina-reranker-v2-base-multilingual","documents":["a"]}""", "query is empty")]
    [InlineData("""{"model":"jina-reranker-v2-base-multilingual","query":"q","documents":[]}""", "documents is empty")]
    [InlineData("""{"model":"jina-reranker-v2-base-multilingual","query":"q"}""", "documents is empty")]
    [InlineData("""{"model":"jina-reranker-v2-base-multilingual","query":"q","documents":["a"],"top_n":"2"}""", "json: cannot unmarshal string into Go struct field RerankRequest.top_n of type int")]
    public async Task InvalidRequests_Are500InvalidRequest_LikeNewApi(string json, string message)
    {
        var (status, body) = await PostAsync(Emulator, "/v1/rerank", json);

        Assert.Equal(HttpStatusCode.InternalServerError, status);
        JsonElement error = body.GetProperty("error");
        Assert.StartsWith(message + " (request id: ", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("invalid_request", error.GetProperty("code").GetString());
        Assert.Equal("new_api_error", error.GetProperty("type").GetString());
    }

    [Fact]
    public async Task TheClient_RefusesAnEmptyQueryItself()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Client.GetRerankClient("jina-reranker-v2-base-multilingual").RerankAsync("", ["a"], cancellationToken: TestCancellation));

        Assert.Empty(RequestsTo("/v1/rerank"));
    }
}

/// <summary>The client against new-api's Cohere channel, which defaults <c>top_n</c> to 1 and always returns documents.</summary>
public sealed class RerankCohereDefaultsTests : EmulatorTest
{
    protected override NexLLMEmulatorOptions ConfigureEmulator(NexLLMEmulatorOptions options)
    {
        options.RerankTopN = EmulatorRerankTopN.CohereDefaults;
        return options;
    }

    [Fact]
    public async Task A_request_without_top_n_gets_one_result_but_the_client_gets_them_all()
    {
        var (_, raw) = await RerankEmulatorTests.PostAsync(Emulator, "/v1/rerank", """{"model":"rerank-v3.5","query":"capital","documents":["a","b","c"]}""");

        RerankResponse response = await Client.GetRerankClient("rerank-v3.5").RerankAsync("capital", ["a", "b", "c"], cancellationToken: TestCancellation);

        Assert.Equal(1, raw.GetProperty("results").GetArrayLength());
        Assert.Equal(3, response.Results.Count);
        Assert.All(response.Results, r => Assert.NotNull(r.Document)); // return_documents is forced true on this channel
    }
}

/// <summary>The client against upstreams that answer documents as strings and ignore <c>top_n</c>.</summary>
public sealed class RerankLooseUpstreamTests : EmulatorTest
{
    protected override NexLLMEmulatorOptions ConfigureEmulator(NexLLMEmulatorOptions options)
    {
        options.RerankTopN = EmulatorRerankTopN.Ignored;
        options.RerankDocumentsAsStrings = true;
        return options;
    }

    [Fact]
    public async Task String_documents_are_read_and_extra_results_are_trimmed_to_top_n()
    {
        string[] documents = ["Berlin is in Germany.", "Paris is in France.", "Rome is in Italy."];

        RerankResponse response = await Client.GetRerankClient("jina-reranker-v2-base-multilingual").RerankAsync(
            "Where is Paris?", documents, new RerankOptions { TopN = 1, ReturnDocuments = true }, TestCancellation);

        var (_, raw) = await RerankEmulatorTests.PostAsync(Emulator, "/v1/rerank", """{"model":"jina-reranker-v2-base-multilingual","query":"Where is Paris?","documents":["a","b"],"top_n":1,"return_documents":true}""");
        Assert.Equal(2, raw.GetProperty("results").GetArrayLength());
        Assert.Equal(JsonValueKind.String, raw.GetProperty("results")[0].GetProperty("document").ValueKind);
        RerankResult result = Assert.Single(response.Results);
        Assert.Equal((1, "Paris is in France."), (result.Index, result.Document));
    }
}
