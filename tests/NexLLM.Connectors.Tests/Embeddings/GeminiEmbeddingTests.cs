using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using NexLLM.Connectors.Tests.TestSupport;

namespace NexLLM.Connectors.Tests.Embeddings;

/// <summary>Gemini's <c>:embedContent</c> and <c>:batchEmbedContents</c> (docs/protocols/gemini.md): URL, key header, request and answer.</summary>
public sealed class GeminiEmbeddingTests
{
    private const string Model = "gemini-embedding-001";
    private const string Single = """{"embedding":{"values":[0.25,-0.5,1]}}""";

    private static async Task<(RecordedRequest Request, GeneratedEmbeddings<Embedding<float>> Result)> CallAsync(
        string[] inputs, string answer, EmbeddingGenerationOptions? options = null, string model = Model, int? dimensions = null)
    {
        using var harness = new Harness();
        harness.Handler.Enqueue(Reply.Json(answer).WithHeader("X-Oneapi-Request-Id", "req-g"));
        GeneratedEmbeddings<Embedding<float>> result = await harness.Client
            .GetEmbeddingGenerator(model, NexLLMEmbeddingProtocol.GeminiEmbedContent, dimensions)
            .GenerateAsync(inputs, options, Harness.Ct);
        return (harness.Handler.SingleRequest, result);
    }

    private static string Batch(int count) =>
        $$"""{"embeddings":[{{string.Join(",", Enumerable.Range(0, count).Select(i => $$"""{"values":[{{i}},1]}"""))}}]}""";

    public sealed class Requests
    {
        [Fact]
        public async Task One_input_is_embedContent_under_v1beta_with_the_key_in_x_goog_api_key_only()
        {
            var (request, _) = await CallAsync(["hello"], Single);

            Assert.Equal("https://gateway.test/v1beta/models/gemini-embedding-001:embedContent", request.Uri.AbsoluteUri);
            Assert.Equal(Harness.ApiKey, request.Header("x-goog-api-key"));
            Assert.Null(request.Header("Authorization"));
            Assert.DoesNotContain(Harness.ApiKey, request.Uri.OriginalString, StringComparison.Ordinal);
            Assert.Empty(request.Uri.Query);
            Assert.Equal("""{"content":{"parts":[{"text":"hello"}]}}""", request.BodyText);
        }

        [Fact]
        public async Task Task_type_title_and_dimensions_are_sent()
        {
            var options = new EmbeddingGenerationOptions()
                .WithGeminiTaskType(NexLLMGeminiTaskType.RetrievalDocument)
                .WithGeminiTitle("Handbook");

            var (request, _) = await CallAsync(["hello"], Single, options, dimensions: 256);

            Assert.Equal(
                """{"content":{"parts":[{"text":"hello"}]},"taskType":"RETRIEVAL_DOCUMENT","title":"Handbook","outputDimensionality":256}""",
                request.BodyText);
        }

        [Theory]
        [InlineData(NexLLMGeminiTaskType.RetrievalQuery, "RETRIEVAL_QUERY")]
        [InlineData(NexLLMGeminiTaskType.SemanticSimilarity, "SEMANTIC_SIMILARITY")]
        [InlineData(NexLLMGeminiTaskType.Classification, "CLASSIFICATION")]
        [InlineData(NexLLMGeminiTaskType.Clustering, "CLUSTERING")]
        [InlineData(NexLLMGeminiTaskType.QuestionAnswering, "QUESTION_ANSWERING")]
        [InlineData(NexLLMGeminiTaskType.FactVerification, "FACT_VERIFICATION")]
        [InlineData(NexLLMGeminiTaskType.CodeRetrievalQuery, "CODE_RETRIEVAL_QUERY")]
        public async Task Every_task_type_has_its_wire_name(NexLLMGeminiTaskType taskType, string wire)
        {
            var (request, _) = await CallAsync(["q"], Single, new EmbeddingGenerationOptions().WithGeminiTaskType(taskType));

            Assert.Equal($$"""{"content":{"parts":[{"text":"q"}]},"taskType":"{{wire}}"}""", request.BodyText);
        }

        [Fact]
        public async Task Several_inputs_are_batchEmbedContents_with_the_model_in_each_request()
        {
            var options = new EmbeddingGenerationOptions { Dimensions = 8 }.WithGeminiTaskType(NexLLMGeminiTaskType.RetrievalQuery);

            var (request, _) = await CallAsync(["a", "b"], Batch(2), options);

            Assert.Equal("https://gateway.test/v1beta/models/gemini-embedding-001:batchEmbedContents", request.Uri.AbsoluteUri);
            Assert.Equal(
                """{"requests":[{"model":"models/gemini-embedding-001","content":{"parts":[{"text":"a"}]},"taskType":"RETRIEVAL_QUERY","outputDimensionality":8},"""
                + """{"model":"models/gemini-embedding-001","content":{"parts":[{"text":"b"}]},"taskType":"RETRIEVAL_QUERY","outputDimensionality":8}]}""",
                request.BodyText);
        }

        [Fact]
        public async Task Additional_properties_go_into_each_embed_request()
        {
            var options = new EmbeddingGenerationOptions { AdditionalProperties = new() { ["autoTruncate"] = true } };

            var (request, _) = await CallAsync(["a", "b"], Batch(2), options);

            Assert.Equal(
                """{"requests":[{"model":"models/gemini-embedding-001","content":{"parts":[{"text":"a"}]},"autoTruncate":true},"""
                + """{"model":"models/gemini-embedding-001","content":{"parts":[{"text":"b"}]},"autoTruncate":true}]}""",
                request.BodyText);
        }

        [Fact]
        public async Task A_raw_representation_is_merged_into_the_request()
        {
            var options = new EmbeddingGenerationOptions { RawRepresentationFactory = _ => new JsonObject { ["taskType"] = "CLUSTERING" } };

            var (request, _) = await CallAsync(["a"], Single, options.WithGeminiTaskType(NexLLMGeminiTaskType.RetrievalQuery));

            Assert.Equal("""{"content":{"parts":[{"text":"a"}]},"taskType":"CLUSTERING"}""", request.BodyText);
        }

        [Theory]
        [InlineData("models/gemini-embedding-001", "models/gemini-embedding-001:embedContent")]
        [InlineData("a/b?c#d%2F", "models/a%2Fb%3Fc%23d%252F:embedContent")]
        [InlineData("../../v1/chat", "models/..%2F..%2Fv1%2Fchat:embedContent")]
        [InlineData("text:embed", "models/text%3Aembed:embedContent")]
        public async Task The_model_is_one_escaped_path_segment(string model, string path)
        {
            var (request, _) = await CallAsync(["a"], Single, model: model);

            Assert.Equal("https://gateway.test/v1beta/" + path, request.Uri.AbsoluteUri);
        }

        [Theory]
        [InlineData("..")]
        [InlineData(".")]
        [InlineData("models/")]
        [InlineData("models/..")]
        public void Model_names_that_cannot_be_a_segment_are_refused(string model)
        {
            using var harness = new Harness();

            Assert.Throws<ArgumentException>(() => harness.Client.GetEmbeddingGenerator(model, NexLLMEmbeddingProtocol.GeminiEmbedContent));
        }

        [Fact]
        public async Task A_per_request_model_that_cannot_be_a_segment_is_refused_before_sending()
        {
            using var harness = new Harness();
            IEmbeddingGenerator<string, Embedding<float>> generator = harness.Client.GetEmbeddingGenerator(Model, NexLLMEmbeddingProtocol.GeminiEmbedContent);

            await Assert.ThrowsAsync<ArgumentException>(() => generator.GenerateAsync(["a"], new EmbeddingGenerationOptions { ModelId = ".." }, Harness.Ct));
            Assert.Empty(harness.Handler.Requests);
        }

        [Fact]
        public async Task More_than_100_inputs_are_split_into_batches_of_100()
        {
            using var harness = new Harness();
            harness.Handler.Enqueue(Reply.Json(Batch(100)), Reply.Json(Batch(100)), Reply.Json("""{"embedding":{"values":[7,1]}}"""));
            IEmbeddingGenerator<string, Embedding<float>> generator = harness.Client.GetEmbeddingGenerator(Model, NexLLMEmbeddingProtocol.GeminiEmbedContent);

            GeneratedEmbeddings<Embedding<float>> result = await generator.GenerateAsync(
                [.. Enumerable.Range(0, 201).Select(i => $"t{i}")], new EmbeddingGenerationOptions().WithMaxConcurrentRequests(1), Harness.Ct);

            Assert.Equal(201, result.Count);
            Assert.Equal(7f, result[200].Vector.Span[0]);
            Assert.Equal(
                [":batchEmbedContents", ":batchEmbedContents", ":embedContent"],
                harness.Handler.Requests.Select(r => r.Uri.AbsolutePath[r.Uri.AbsolutePath.LastIndexOf(':')..]));
        }

        [Fact]
        public void GetService_answers_metadata_with_the_Gemini_endpoint()
        {
            using var harness = new Harness();
            IEmbeddingGenerator<string, Embedding<float>> generator = harness.Client.GetEmbeddingGenerator(Model, NexLLMEmbeddingProtocol.GeminiEmbedContent, 768);

            EmbeddingGeneratorMetadata metadata = Assert.IsType<EmbeddingGeneratorMetadata>(generator.GetService(typeof(EmbeddingGeneratorMetadata)));
            Assert.Equal(new Uri("https://gateway.test/v1beta/"), metadata.ProviderUri);
            Assert.Equal(768, metadata.DefaultModelDimensions);
            Assert.Same(harness.Client, generator.GetService(typeof(NexLLMClient)));
        }
    }

    public sealed class Answers
    {
        [Fact]
        public async Task One_embedding_carries_the_model_and_request_id()
        {
            var (_, result) = await CallAsync(["a"], Single);

            Assert.Equal([0.25f, -0.5f, 1f], result[0].Vector.ToArray());
            Assert.Equal(Model, result[0].ModelId);
            Assert.Equal("req-g", result.AdditionalProperties?["nexllm.request_id"]);
            Assert.Null(result.Usage);
        }

        [Fact]
        public async Task A_batch_answers_in_request_order()
        {
            var (_, result) = await CallAsync(["a", "b", "c"], Batch(3));

            Assert.Equal([0f, 1f, 2f], result.Select(e => e.Vector.Span[0]));
        }

        [Fact]
        public async Task Usage_metadata_is_read_when_present()
        {
            var (_, result) = await CallAsync(["a"], """{"embedding":{"values":[1]},"usageMetadata":{"promptTokenCount":3}}""");

            Assert.Equal(3, result.Usage?.InputTokenCount);
            Assert.Equal(3, result.Usage?.TotalTokenCount);
        }

        [Theory]
        [InlineData(new[] { "a", "b" }, """{"embeddings":[{"values":[1]}]}""", "1 embeddings for 2 inputs")]
        [InlineData(new[] { "a", "b" }, """{"embeddings":[{"values":[1]},{}]}""", "no values for input 1")]
        [InlineData(new[] { "a", "b" }, """{"embeddings":[{"values":[1]},{"values":[1,2]}]}""", "different lengths")]
        [InlineData(new[] { "a", "b" }, """{"embedding":{"values":[1]}}""", "no embeddings")]
        [InlineData(new[] { "a" }, """{"embeddings":[{"values":[1]}]}""", "no embedding")]
        public async Task Unusable_answers_are_typed_errors(string[] inputs, string answer, string problem)
        {
            using var harness = new Harness();
            harness.Handler.Enqueue(Reply.Json(answer));

            var ex = await Assert.ThrowsAsync<NexLLMException>(() => harness.Client
                .GetEmbeddingGenerator(Model, NexLLMEmbeddingProtocol.GeminiEmbedContent)
                .GenerateAsync(inputs, cancellationToken: Harness.Ct));

            Assert.Equal(NexLLMErrorKind.InvalidResponse, ex.Kind);
            Assert.Contains(problem, ex.Message, StringComparison.Ordinal);
        }

        [Fact]
        public async Task The_gateways_OpenAI_shaped_error_with_a_numeric_code_is_typed()
        {
            using var harness = new Harness();
            harness.Handler.Enqueue(Reply.Json("""{"error":{"message":"quota","type":"upstream_error","param":"","code":400}}""", 400));

            var ex = await Assert.ThrowsAsync<NexLLMException>(() => harness.Client
                .GetEmbeddingGenerator(Model, NexLLMEmbeddingProtocol.GeminiEmbedContent)
                .GenerateAsync(["a"], cancellationToken: Harness.Ct));

            Assert.Equal(400, ex.StatusCode);
            Assert.Equal("400", ex.ErrorCode);
            Assert.DoesNotContain(Harness.ApiKey, ex.ToString(), StringComparison.Ordinal);
        }
    }
}
