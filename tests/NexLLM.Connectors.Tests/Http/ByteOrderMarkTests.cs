using System.Text;
using Microsoft.Extensions.AI;
using NexLLM.Connectors.Tests.Embeddings;
using NexLLM.Connectors.Tests.Rerank;
using NexLLM.Connectors.Tests.TestSupport;
using static NexLLM.Connectors.Tests.Chat.ChatRequestJsonTests;

namespace NexLLM.Connectors.Tests.Http;

/// <summary>
/// A non-streamed JSON body that starts with a UTF-8 byte order mark (EF BB BF) is read as if it had none, by every
/// non-streamed decoder, as event streams already skip it. Only one mark is skipped: a second one is not JSON.
/// </summary>
public sealed class ByteOrderMarkTests
{
    private static Reply WithBom(string json, int status = 200) =>
        Reply.Status(status).WithBody([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(json)]).WithContentType("application/json");

    private static Harness Answering(string json)
    {
        var harness = new Harness(o => o.MaxRetries = 0);
        harness.Handler.Enqueue(WithBom(json));
        return harness;
    }

    [Fact]
    public async Task Chat_completions()
    {
        using Harness harness = Answering(OkBody);

        ChatResponse response = await harness.AskAsync();

        Assert.Equal(("ok", "chatcmpl-1"), (response.Text, response.ResponseId));
    }

    [Fact]
    public async Task Claude_messages()
    {
        using Harness harness = Answering(ClaudeCalls.ClaudeOkBody);

        ChatResponse response = await harness.AskClaudeAsync();

        Assert.Equal(("ok", "msg_1"), (response.Text, response.ResponseId));
    }

    [Fact]
    public async Task Gemini_generateContent()
    {
        using Harness harness = Answering(GeminiCalls.OkBody);

        ChatResponse response = await harness.AskGeminiAsync();

        Assert.Equal(("ok", "resp-ok"), (response.Text, response.ResponseId));
    }

    [Fact]
    public async Task OpenAI_embeddings()
    {
        using Harness harness = Answering(EmbeddingTestData.Body(EmbeddingTestData.Item(0, 0.5f, -2f)));

        GeneratedEmbeddings<Embedding<float>> result = await harness.Client.GetEmbeddingGenerator(EmbeddingTestData.Model).GenerateAsync(["a"], cancellationToken: Harness.Ct);

        Assert.Equal([0.5f, -2f], Assert.Single(result).Vector.ToArray());
    }

    [Fact]
    public async Task Gemini_embeddings()
    {
        using Harness harness = Answering("""{"embedding":{"values":[0.25,-0.5,1]}}""");

        GeneratedEmbeddings<Embedding<float>> result = await harness.Client
            .GetEmbeddingGenerator("gemini-embedding-001", NexLLMEmbeddingProtocol.GeminiEmbedContent)
            .GenerateAsync(["a"], cancellationToken: Harness.Ct);

        Assert.Equal([0.25f, -0.5f, 1f], Assert.Single(result).Vector.ToArray());
    }

    [Fact]
    public async Task Rerank()
    {
        using Harness harness = Answering(RerankTestData.TwoResults);

        RerankResponse response = await harness.Client.GetRerankClient(RerankTestData.Model).RerankAsync(RerankTestData.Query, RerankTestData.Documents, cancellationToken: Harness.Ct);

        Assert.Equal([0, 1], response.Results.Select(r => r.Index));
    }

    [Fact]
    public async Task Model_list()
    {
        using Harness harness = Answering("""{"data":[{"id":"gpt-4o-mini","object":"model"}],"object":"list"}""");

        IReadOnlyList<NexLLMModel> models = await harness.Client.ListModelsAsync(Harness.Ct);

        Assert.Equal("gpt-4o-mini", Assert.Single(models).Id);
    }

    [Fact]
    public async Task An_error_body_keeps_its_type_code_and_message()
    {
        using var harness = new Harness(o => o.MaxRetries = 0);
        harness.Handler.Enqueue(WithBom("""{"error":{"message":"bad model","type":"invalid_request_error","code":"model_not_found"}}""", 400));

        NexLLMException error = await Assert.ThrowsAsync<NexLLMException>(() => harness.AskAsync());

        Assert.Equal(("invalid_request_error", "model_not_found"), (error.ErrorType, error.ErrorCode));
        Assert.EndsWith(": bad model", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_one_mark_is_skipped()
    {
        using Harness harness = Answering("\uFEFF" + OkBody);

        NexLLMException error = await Assert.ThrowsAsync<NexLLMException>(() => harness.AskAsync());

        Assert.Equal(NexLLMErrorKind.InvalidResponse, error.Kind);
    }

    [Fact]
    public async Task Streams_skip_it_too()
    {
        using var harness = new Harness();
        harness.Handler.Enqueue(Reply.Sse("\uFEFF" + Sse.Stream(Chunk.Text("Hello"), Chunk.Finish("stop"))));

        Assert.Equal("Hello", UpdateText.AllText(await harness.StreamAsync()));
    }
}
