using System.Text.Json;
using NexLLM.Connectors.Tests.TestSupport;
using static NexLLM.Connectors.Tests.Rerank.RerankTestData;

namespace NexLLM.Connectors.Tests.Rerank;

/// <summary>Answers of <c>/v1/rerank</c> replayed byte for byte (docs/protocols/rerank.md): documents, order, alignment, usage, errors.</summary>
public sealed class RerankResponseTests
{
    [Fact]
    public async Task Results_scores_documents_usage_and_request_id_are_mapped()
    {
        var (_, response) = await CallAsync(TwoResults, new RerankOptions { ReturnDocuments = true });

        Assert.Equal(2, response.Results.Count);
        Assert.Equal(0, response.Results[0].Index);
        Assert.Equal(0.93, response.Results[0].RelevanceScore);
        Assert.Equal("Paris is the capital.", response.Results[0].Document);
        Assert.Equal((1, 0.02, "Berlin is in Germany."), (response.Results[1].Index, response.Results[1].RelevanceScore, response.Results[1].Document));
        Assert.Equal(21, response.Usage?.InputTokenCount);
        Assert.Equal(0, response.Usage?.OutputTokenCount);
        Assert.Equal(21, response.Usage?.TotalTokenCount);
        Assert.Equal(Model, response.ModelId); // new-api drops the upstream's model: the requested one
        Assert.Equal("req-r", response.AdditionalProperties?["nexllm.request_id"]);
        Assert.Equal(JsonValueKind.Object, Assert.IsType<JsonElement>(response.RawRepresentation).ValueKind);
    }

    [Fact]
    public async Task A_document_may_be_a_plain_string()
    {
        var (_, response) = await CallAsync(Body("""{"document":"Berlin is in Germany.","index":1,"relevance_score":0.5}"""));

        Assert.Equal("Berlin is in Germany.", Assert.Single(response.Results).Document);
    }

    [Fact]
    public async Task A_missing_document_is_the_text_sent_when_documents_were_asked_for()
    {
        var (_, response) = await CallAsync(Body("""{"index":1,"relevance_score":0.5}"""), new RerankOptions { ReturnDocuments = true });

        Assert.Equal("Berlin is in Germany.", Assert.Single(response.Results).Document);
    }

    [Fact]
    public async Task Without_return_documents_a_result_has_no_document()
    {
        var (_, response) = await CallAsync(Body("""{"index":1,"relevance_score":0.5},{"document":null,"index":0,"relevance_score":0.1}"""));

        Assert.All(response.Results, r => Assert.Null(r.Document));
    }

    [Fact]
    public async Task A_document_object_without_text_reads_as_none()
    {
        var (_, response) = await CallAsync(Body("""{"document":{"image":"x","n":[1,{"a":2}]},"index":0,"relevance_score":0.5}"""));

        Assert.Null(Assert.Single(response.Results).Document);
    }

    [Fact]
    public async Task Results_are_sorted_most_relevant_first_whatever_the_servers_order()
    {
        string[] documents = ["a", "b", "c"];
        var (_, response) = await CallAsync(
            Body("""{"index":2,"relevance_score":0.1},{"index":0,"relevance_score":0.7},{"index":1,"relevance_score":0.7}"""),
            documents: documents);

        Assert.Equal([0, 1, 2], response.Results.Select(r => r.Index));
    }

    [Fact]
    public async Task A_server_that_ignores_top_n_is_trimmed_to_it()
    {
        var (_, response) = await CallAsync(TwoResults, new RerankOptions { TopN = 1 });

        Assert.Equal(0, Assert.Single(response.Results).Index);
    }

    [Fact]
    public async Task A_model_in_the_answer_wins()
    {
        var (_, response) = await CallAsync("""{"model":"rerank-2","results":[{"index":0,"relevance_score":1}]}""");

        Assert.Equal("rerank-2", response.ModelId);
        Assert.Null(response.Usage);
    }

    [Theory]
    [InlineData("""{"index":2,"relevance_score":0.5}""", "index 2, outside the 2 documents")]
    [InlineData("""{"index":-1,"relevance_score":0.5}""", "index -1, outside the 2 documents")]
    [InlineData("""{"index":0,"relevance_score":0.5},{"index":0,"relevance_score":0.4}""", "index 0 twice")]
    [InlineData("""{"relevance_score":0.5}""", "without an index")]
    [InlineData("""{"index":1}""", "no relevance_score for index 1")]
    [InlineData("""null""", "without an index")]
    public async Task Results_that_do_not_match_the_documents_are_typed_errors(string results, string problem)
    {
        NexLLMException ex = await FailureAsync(Body(results));

        Assert.Equal(NexLLMErrorKind.InvalidResponse, ex.Kind);
        Assert.Contains(problem, ex.Message, StringComparison.Ordinal);
        Assert.False(ex.IsTransient);
    }

    [Theory]
    [InlineData("""{"usage":{"prompt_tokens":1}}""")]
    [InlineData("""{"results":{"index":0}}""")]
    [InlineData("""not json""")]
    public async Task Answers_of_another_shape_are_typed_errors(string answer)
    {
        NexLLMException ex = await FailureAsync(answer);

        Assert.Equal(NexLLMErrorKind.InvalidResponse, ex.Kind);
    }

    [Fact]
    public async Task The_gateways_query_is_empty_error_is_typed_and_not_retried()
    {
        using var harness = new Harness();
        harness.Handler.Enqueue(Reply.Json("""{"error":{"message":"documents is empty (request id: x)","type":"new_api_error","param":"","code":"invalid_request"}}""", 500));

        var ex = await Assert.ThrowsAsync<NexLLMException>(() => harness.Client.GetRerankClient(Model).RerankAsync(Query, Documents, cancellationToken: Harness.Ct));

        Assert.Equal(500, ex.StatusCode);
        Assert.Equal("invalid_request", ex.ErrorCode);
        Assert.Single(harness.Handler.Requests);
    }

    [Fact]
    public async Task An_error_object_in_a_200_body_is_raised()
    {
        NexLLMException ex = await FailureAsync("""{"error":{"message":"no","type":"upstream_error","param":"","code":"bad_response_status_code"}}""");

        Assert.Equal("bad_response_status_code", ex.ErrorCode);
    }
}
