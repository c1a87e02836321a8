using System.Text.Json.Nodes;
using NexLLM.Connectors.Tests.TestSupport;
using static NexLLM.Connectors.Tests.Rerank.RerankTestData;

namespace NexLLM.Connectors.Tests.Rerank;

/// <summary>The exact request of <c>POST /v1/rerank</c> (docs/protocols/rerank.md), compared byte for byte.</summary>
public sealed class RerankRequestJsonTests
{
    [Fact]
    public async Task Always_sends_top_n_all_documents_and_return_documents_by_default()
    {
        var (request, _) = await CallAsync(TwoResults);

        Assert.Equal(
            """{"model":"jina-reranker-v2-base-multilingual","query":"capital of France?","documents":["Paris is the capital.","Berlin is in Germany."],"top_n":2,"return_documents":false}""",
            request.BodyText);
        Assert.Equal("https://gateway.test/v1/rerank", request.Uri.AbsoluteUri);
        Assert.Equal("Bearer " + Harness.ApiKey, request.Header("Authorization"));
    }

    [Fact]
    public async Task Options_are_sent()
    {
        var options = new RerankOptions { ModelId = "rerank-v3.5", TopN = 1, ReturnDocuments = true };

        var (request, _) = await CallAsync(Body("""{"index":0,"relevance_score":0.9}"""), options);

        Assert.Equal(
            """{"model":"rerank-v3.5","query":"capital of France?","documents":["Paris is the capital.","Berlin is in Germany."],"top_n":1,"return_documents":true}""",
            request.BodyText);
    }

    [Fact]
    public async Task Top_n_above_the_document_count_is_the_document_count()
    {
        var (request, _) = await CallAsync(TwoResults, new RerankOptions { TopN = 50 });

        Assert.Contains("\"top_n\":2,", request.BodyText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Additional_properties_are_top_level_fields_except_reserved_keys()
    {
        var options = new RerankOptions { AdditionalProperties = new() { ["max_chunk_per_doc"] = 512, ["nexllm.note"] = "x" } };

        var (request, _) = await CallAsync(TwoResults, options);

        Assert.EndsWith("\"top_n\":2,\"return_documents\":false,\"max_chunk_per_doc\":512}", request.BodyText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_raw_representation_wins()
    {
        var options = new RerankOptions { RawRepresentationFactory = _ => new JsonObject { ["top_n"] = 1, ["overlap_tokens"] = 8 } };

        var (request, _) = await CallAsync(TwoResults, options);

        Assert.EndsWith("\"top_n\":1,\"return_documents\":false,\"overlap_tokens\":8}", request.BodyText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_documents_send_no_request()
    {
        using var harness = new Harness();

        RerankResponse response = await harness.Client.GetRerankClient(Model).RerankAsync(Query, [], cancellationToken: Harness.Ct);

        Assert.Empty(response.Results);
        Assert.Equal(Model, response.ModelId);
        Assert.Empty(harness.Handler.Requests);
    }

    [Fact]
    public async Task Invalid_arguments_are_refused_before_sending()
    {
        using var harness = new Harness();
        IRerankClient client = harness.Client.GetRerankClient(Model);

        await Assert.ThrowsAsync<ArgumentException>(() => client.RerankAsync("", Documents, cancellationToken: Harness.Ct));
        await Assert.ThrowsAsync<ArgumentNullException>(() => client.RerankAsync(null!, Documents, cancellationToken: Harness.Ct));
        await Assert.ThrowsAsync<ArgumentNullException>(() => client.RerankAsync(Query, null!, cancellationToken: Harness.Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => client.RerankAsync(Query, ["a", null!], cancellationToken: Harness.Ct));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.RerankAsync(Query, Documents, new RerankOptions { TopN = 0 }, Harness.Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => client.RerankAsync(Query, Documents, new RerankOptions { ModelId = "a\r\nb" }, Harness.Ct));
        Assert.Throws<ArgumentException>(() => harness.Client.GetRerankClient(""));
        Assert.Empty(harness.Handler.Requests);
    }

    [Fact]
    public void GetService_answers_metadata_the_client_and_itself()
    {
        using var harness = new Harness();
        IRerankClient client = harness.Client.GetRerankClient(Model);

        RerankClientMetadata metadata = client.GetRequiredService<RerankClientMetadata>();
        Assert.Equal("nexllm", metadata.ProviderName);
        Assert.Equal(new Uri("https://gateway.test/v1/"), metadata.ProviderUri);
        Assert.Equal(Model, metadata.DefaultModelId);
        Assert.Same(harness.Client, client.GetService<NexLLMClient>());
        Assert.Same(client, client.GetService<IRerankClient>());
        Assert.Null(client.GetService<RerankClientMetadata>("key"));
        Assert.Throws<InvalidOperationException>(() => client.GetRequiredService<string>());
        Assert.Throws<ArgumentNullException>(() => client.GetService(null!));
    }
}
