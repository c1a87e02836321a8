using System.Text.Json;
using NexLLM.Connectors.Emulator;
using NexLLM.Connectors.IntegrationTests.TestSupport;

namespace NexLLM.Connectors.IntegrationTests.Rerank;

/// <summary>
/// What every <see cref="IRerankClient"/> must do, end to end over loopback against the emulator. A protocol subclasses
/// this in a few lines (model, path); NexLLM has one rerank protocol today, <c>POST /v1/rerank</c>.
/// </summary>
public abstract class RerankConformanceTests : EmulatorTest
{
    protected static readonly string[] Documents =
    [
        "Berlin is the capital of Germany.",
        "Paris is the capital and largest city of France.",
        "Bake the bread for forty minutes.",
        "France borders Spain, Belgium and Germany.",
    ];

    /// <summary>Gets the model the tests ask for.</summary>
    protected abstract string Model { get; }

    /// <summary>Gets the request path of the protocol.</summary>
    protected abstract string RerankPath { get; }

    protected IRerankClient CreateRerankClient() => Client.GetRerankClient(Model);

    [Fact]
    public async Task Rerank_PutsTheMostRelevantFirst_WithIndicesIntoTheInputs()
    {
        RerankResponse response = await CreateRerankClient().RerankAsync("What is the capital of France?", Documents, cancellationToken: TestCancellation);

        Assert.Equal(Documents.Length, response.Results.Count);
        Assert.Equal(1, response.Results[0].Index);
        Assert.Equal(2, response.Results[^1].Index);
        Assert.Equal(response.Results.OrderByDescending(r => r.RelevanceScore).Select(r => r.Index), response.Results.Select(r => r.Index));
        Assert.Equal(Enumerable.Range(0, Documents.Length), response.Results.Select(r => r.Index).Order());
        Assert.All(response.Results, r => Assert.InRange(r.RelevanceScore, 0, 1));
        Assert.All(response.Results, r => Assert.Null(r.Document));
    }

    [Fact]
    public async Task TopN_AndReturnDocuments_AreHonoured()
    {
        RerankResponse response = await CreateRerankClient().RerankAsync(
            "capital of France", Documents, new RerankOptions { TopN = 2, ReturnDocuments = true }, TestCancellation);

        Assert.Equal(2, response.Results.Count);
        Assert.All(response.Results, r => Assert.Equal(Documents[r.Index], r.Document));
    }

    [Fact]
    public async Task TopN_IsAlwaysSent()
    {
        await CreateRerankClient().RerankAsync("capital", Documents, cancellationToken: TestCancellation);

        JsonElement body = RequestsTo(RerankPath)[^1].ParseJson();
        Assert.Equal(Documents.Length, body.GetProperty("top_n").GetInt32());
        Assert.False(body.GetProperty("return_documents").GetBoolean());
    }

    [Fact]
    public async Task Usage_Model_AndRequestId_AreReported()
    {
        RerankResponse response = await CreateRerankClient().RerankAsync("capital of France", Documents, cancellationToken: TestCancellation);

        Assert.True(response.Usage?.InputTokenCount > 0);
        Assert.Equal(Model, response.ModelId);
        Assert.Equal(Emulator.Requests[^1].RequestId, response.AdditionalProperties?["nexllm.request_id"]);
        Assert.NotNull(response.RawRepresentation);
    }

    [Fact]
    public async Task A429_IsRetried()
    {
        Emulator.Enqueue(EmulatorFault.Status(429, headers: new Dictionary<string, string> { ["retry-after-ms"] = "20" }));

        RerankResponse response = await CreateRerankClient().RerankAsync("capital", Documents, cancellationToken: TestCancellation);

        Assert.Equal(Documents.Length, response.Results.Count);
        Assert.Equal(2, RequestsTo(RerankPath).Count);
    }

    [Fact]
    public async Task A500InvalidRequest_IsTypedAndNotRetried()
    {
        Emulator.Enqueue(EmulatorFault.OpenAIError(500, "documents is empty", "new_api_error", "invalid_request"));

        var ex = await Assert.ThrowsAsync<NexLLMException>(() => CreateRerankClient().RerankAsync("capital", Documents, cancellationToken: TestCancellation));

        Assert.Equal("invalid_request", ex.ErrorCode);
        Assert.Single(RequestsTo(RerankPath));
    }

    [Fact]
    public async Task WorksBehindTheBuilder_WithOptionsLoggingAndTelemetry()
    {
        IRerankClient client = CreateRerankClient().AsBuilder()
            .ConfigureOptions(o => o.TopN ??= 1)
            .UseLogging()
            .UseOpenTelemetry()
            .Build();

        RerankResponse response = await client.RerankAsync("capital of France", Documents, cancellationToken: TestCancellation);

        Assert.Equal(1, Assert.Single(response.Results).Index);
        Assert.Equal(Model, client.GetService<RerankClientMetadata>()?.DefaultModelId);
    }
}

/// <summary>The shared rerank conformance suite over <c>POST /v1/rerank</c>.</summary>
public sealed class NexLLMRerankConformanceTests : RerankConformanceTests
{
    protected override string Model => "jina-reranker-v2-base-multilingual";

    protected override string RerankPath => "/v1/rerank";
}
