using System.Net;
using System.Text;
using Microsoft.Extensions.AI;

namespace NexLLM.Connectors.Tests.Embeddings;

/// <summary>Large calls split into requests of at most N inputs, at most M in flight, results in input order.</summary>
public sealed class EmbeddingBatchingTests : IDisposable
{
    private readonly EmbeddingsServer _server = new();
    private readonly HttpClient _http;
    private readonly NexLLMClient _client;

    public EmbeddingBatchingTests()
    {
        _http = new HttpClient(_server) { Timeout = Timeout.InfiniteTimeSpan };
        _client = new NexLLMClient(new NexLLMClientOptions { ApiKey = "sk-test", Endpoint = new Uri("https://gateway.test/v1") }, _http);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string[] Inputs(int count) => [.. Enumerable.Range(0, count).Select(i => $"item {i}")];

    public void Dispose()
    {
        _client.Dispose();
        _http.Dispose();
    }

    [Fact]
    public async Task Results_come_back_in_input_order_across_batches()
    {
        string[] inputs = Inputs(23);

        GeneratedEmbeddings<Embedding<float>> result = await _client.GetEmbeddingGenerator("m")
            .GenerateAsync(inputs, new EmbeddingGenerationOptions().WithMaxInputsPerRequest(5), Ct);

        Assert.Equal(23, result.Count);
        for (int i = 0; i < inputs.Length; i++)
        {
            Assert.Equal(EmbeddingsServer.VectorOf(inputs[i]), result[i].Vector.ToArray());
        }

        Assert.Equal([5, 5, 5, 5, 3], _server.Requests.Select(r => r.GetProperty("input").GetArrayLength()).Order().Reverse());
        Assert.Equal(46, result.Usage?.InputTokenCount); // 2 per input, summed over the five requests
        Assert.Equal(46, result.Usage?.TotalTokenCount);
        Assert.Equal(5, ((string)result.AdditionalProperties!["nexllm.request_id"]!).Split(", ").Length);
    }

    [Fact]
    public async Task No_more_than_the_maximum_number_of_requests_are_in_flight()
    {
        var options = new EmbeddingGenerationOptions().WithMaxInputsPerRequest(2).WithMaxConcurrentRequests(3);

        await _client.GetEmbeddingGenerator("m").GenerateAsync(Inputs(20), options, Ct);

        Assert.Equal(10, _server.Requests.Count);
        Assert.Equal(3, _server.MaxInFlight);
    }

    [Fact]
    public async Task The_default_is_four_requests_in_flight_of_2048_inputs()
    {
        _server.Latency = TimeSpan.FromMilliseconds(50);

        await _client.GetEmbeddingGenerator("m").GenerateAsync(Inputs(2048 * 5 + 1), cancellationToken: Ct);

        Assert.Equal(6, _server.Requests.Count);
        Assert.Equal(4, _server.MaxInFlight);
        Assert.Equal(2048, _server.Requests.Max(r => r.GetProperty("input").GetArrayLength()));
    }

    [Fact]
    public async Task One_request_at_a_time_when_asked()
    {
        var options = new EmbeddingGenerationOptions().WithMaxInputsPerRequest(1).WithMaxConcurrentRequests(1);

        GeneratedEmbeddings<Embedding<float>> result = await _client.GetEmbeddingGenerator("m").GenerateAsync(Inputs(4), options, Ct);

        Assert.Equal(1, _server.MaxInFlight);
        Assert.Equal([0f, 1f, 2f, 3f], result.Select(e => e.Vector.Span[0]));
    }

    [Fact]
    public async Task Batches_whose_vectors_have_different_lengths_are_a_typed_error()
    {
        _server.Override = (number, body) => number == 2 ? Answer("""{"data":[{"index":0,"embedding":[1,2]},{"index":1,"embedding":[1,2]}]}""") : null;

        var ex = await Assert.ThrowsAsync<NexLLMException>(() =>
            _client.GetEmbeddingGenerator("m").GenerateAsync(Inputs(4), new EmbeddingGenerationOptions().WithMaxInputsPerRequest(2).WithMaxConcurrentRequests(1), Ct));

        Assert.Equal(NexLLMErrorKind.InvalidResponse, ex.Kind);
        Assert.Contains("different lengths (3 and 2)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_first_failure_stops_the_other_batches_and_is_raised()
    {
        _server.Override = (number, _) => number == 1
            ? Answer("""{"error":{"message":"bad","type":"new_api_error","param":"","code":"invalid_request"}}""", HttpStatusCode.InternalServerError)
            : null;

        var ex = await Assert.ThrowsAsync<NexLLMException>(() =>
            _client.GetEmbeddingGenerator("m").GenerateAsync(Inputs(40), new EmbeddingGenerationOptions().WithMaxInputsPerRequest(2).WithMaxConcurrentRequests(2), Ct));

        Assert.Equal("invalid_request", ex.ErrorCode);
        Assert.True(_server.Requests.Count < 20, $"{_server.Requests.Count} requests were sent after the failure");
    }

    [Fact]
    public async Task The_callers_cancellation_stops_every_batch_with_the_callers_token()
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        _server.Latency = TimeSpan.FromSeconds(30);
        Task call = _client.GetEmbeddingGenerator("m").GenerateAsync(Inputs(10), new EmbeddingGenerationOptions().WithMaxInputsPerRequest(2), cts.Token);
        await Task.Delay(50, Ct);

        await cts.CancelAsync();
        var ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call).WaitAsync(TimeSpan.FromSeconds(5), Ct);

        Assert.Equal(cts.Token, ex.CancellationToken);
    }

    private static HttpResponseMessage Answer(string json, HttpStatusCode status = HttpStatusCode.OK) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
}
