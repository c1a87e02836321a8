using System.Buffers.Binary;
using Microsoft.Extensions.AI;
using NexLLM.Connectors.Embeddings;
using NexLLM.Connectors.Tests.TestSupport;
using static NexLLM.Connectors.Tests.Embeddings.EmbeddingTestData;

namespace NexLLM.Connectors.Tests.Embeddings;

/// <summary>Answers of <c>/v1/embeddings</c> replayed byte for byte: decoding, alignment with the inputs, typed errors (docs/protocols/embeddings.md).</summary>
public sealed class EmbeddingResponseTests
{
    public sealed class Vectors
    {
        [Fact]
        public async Task Base64_is_decoded_to_the_exact_floats()
        {
            float[] expected = [1.5f, -0.25f, float.Epsilon, 3.4028235e38f];

            GeneratedEmbeddings<Embedding<float>> result = await ReplayAsync(Body(Item(0, expected)), ["a"]);

            Assert.Equal(expected, result[0].Vector.ToArray());
        }

        [Fact]
        public void Base64_is_read_as_little_endian_whatever_the_machine()
        {
            byte[] bytes = new byte[8];
            BinaryPrimitives.WriteSingleLittleEndian(bytes, 1.0f);
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(4), -2.5f);

            Assert.Equal([1.0f, -2.5f], FloatVectorConverter.DecodeBase64(System.Text.Encoding.ASCII.GetBytes(Convert.ToBase64String(bytes))));
        }

        [Fact]
        public async Task Float_arrays_are_accepted_when_a_server_ignores_base64()
        {
            GeneratedEmbeddings<Embedding<float>> result = await ReplayAsync(
                Body(Item(0, "[0.5,-1,2e-3]"), Item(1, "[1,2,3]")), ["a", "b"]);

            Assert.Equal([0.5f, -1f, 0.002f], result[0].Vector.ToArray());
            Assert.Equal([1f, 2f, 3f], result[1].Vector.ToArray());
        }

        [Fact]
        public async Task Base64_with_escaped_slashes_is_decoded()
        {
            float[] values = [BitConverter.Int32BitsToSingle(0x3F7FFFFF), 1f]; // bytes FF FF 7F 3F: base64 "//9/Pw…"
            string escaped = Base64(values).Replace("/", "\\/", StringComparison.Ordinal);

            GeneratedEmbeddings<Embedding<float>> result = await ReplayAsync(Body(Item(0, $"\"{escaped}\"")), ["a"]);

            Assert.Equal(values, result[0].Vector.ToArray());
        }

        [Fact]
        public async Task Usage_model_and_request_id_are_mapped()
        {
            GeneratedEmbeddings<Embedding<float>> result = await ReplayAsync(Body(Item(0, 1f, 2f)), ["a"]);

            Assert.Equal(7, result.Usage?.InputTokenCount);
            Assert.Equal(7, result.Usage?.TotalTokenCount);
            Assert.Equal("text-embedding-3-small-v2", result[0].ModelId);
            Assert.Equal("req-1", result.AdditionalProperties?["nexllm.request_id"]);
        }

        [Fact]
        public async Task Without_a_model_in_the_answer_each_embedding_carries_the_requested_one()
        {
            GeneratedEmbeddings<Embedding<float>> result = await ReplayAsync(
                $$"""{"data":[{{Item(0, 1f)}}]}""", ["a"], new EmbeddingGenerationOptions { ModelId = "text-embedding-3-large" });

            Assert.Equal("text-embedding-3-large", result[0].ModelId);
            Assert.Null(result.Usage);
        }

        [Fact]
        public async Task Out_of_order_results_are_put_back_in_input_order()
        {
            GeneratedEmbeddings<Embedding<float>> result = await ReplayAsync(Body(Item(2, 3f), Item(0, 1f), Item(1, 2f)), ["a", "b", "c"]);

            Assert.Equal([1f, 2f, 3f], result.Select(e => e.Vector.Span[0]));
        }

        [Fact]
        public async Task Unknown_fields_are_ignored()
        {
            string body = $$$"""{"object":"list","data":[{"object":"embedding","index":0,"embedding":"{{{Base64(1f)}}}","extra":{"x":[1]}}],"model":"m","usage":{"prompt_tokens":1,"total_tokens":1,"input_tokens":0},"id":"x"}""";

            GeneratedEmbeddings<Embedding<float>> result = await ReplayAsync(body, ["a"]);

            Assert.Equal([1f], result[0].Vector.ToArray());
        }
    }

    public sealed class Misalignment
    {
        [Fact]
        public async Task A_missing_index_is_a_typed_error()
        {
            NexLLMException ex = await FailureAsync(Body(Item(0, 1f), $$"""{"object":"embedding","embedding":"{{Base64(2f)}}"}"""), ["a", "b"]);

            Assert.Equal(NexLLMErrorKind.InvalidResponse, ex.Kind);
            Assert.Contains("without an index", ex.Message, StringComparison.Ordinal);
            Assert.False(ex.IsTransient);
        }

        [Fact]
        public async Task A_duplicated_index_is_a_typed_error()
        {
            NexLLMException ex = await FailureAsync(Body(Item(0, 1f), Item(0, 2f)), ["a", "b"]);

            Assert.Equal(NexLLMErrorKind.InvalidResponse, ex.Kind);
            Assert.Contains("index 0 twice", ex.Message, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData(2)]
        [InlineData(-1)]
        public async Task An_out_of_range_index_is_a_typed_error(int index)
        {
            NexLLMException ex = await FailureAsync(Body(Item(0, 1f), Item(index, 2f)), ["a", "b"]);

            Assert.Equal(NexLLMErrorKind.InvalidResponse, ex.Kind);
            Assert.Contains($"index {index}, outside the 2 inputs", ex.Message, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData(1)]
        [InlineData(3)]
        public async Task A_wrong_count_is_a_typed_error(int count)
        {
            NexLLMException ex = await FailureAsync(Body([.. Enumerable.Range(0, count).Select(i => Item(i, 1f))]), ["a", "b"]);

            Assert.Equal(NexLLMErrorKind.InvalidResponse, ex.Kind);
            Assert.Contains($"{count} embeddings for 2 inputs", ex.Message, StringComparison.Ordinal);
            Assert.NotNull(ex.ResponseExcerpt);
        }

        [Fact]
        public async Task Vectors_of_different_lengths_are_a_typed_error()
        {
            NexLLMException ex = await FailureAsync(Body(Item(0, 1f, 2f), Item(1, 1f)), ["a", "b"]);

            Assert.Equal(NexLLMErrorKind.InvalidResponse, ex.Kind);
            Assert.Contains("different lengths (2 and 1", ex.Message, StringComparison.Ordinal);
        }

        [Fact]
        public async Task An_empty_vector_is_a_typed_error()
        {
            NexLLMException ex = await FailureAsync(Body(Item(0, "[]")), ["a"]);

            Assert.Equal(NexLLMErrorKind.InvalidResponse, ex.Kind);
        }

        [Theory]
        [InlineData("\"not base64!\"")]
        [InlineData("\"AAAAAAA=\"")] // 5 bytes: not whole floats
        [InlineData("[1,\"2\"]")]
        [InlineData("{\"values\":[1]}")]
        [InlineData("null")]
        public async Task A_malformed_vector_is_a_typed_error(string embedding)
        {
            NexLLMException ex = await FailureAsync(Body(Item(0, embedding)), ["a"]);

            Assert.Equal(NexLLMErrorKind.InvalidResponse, ex.Kind);
        }

        [Theory]
        [InlineData("""{"object":"list"}""")]
        [InlineData("""[1,2]""")]
        [InlineData("""<html>oops</html>""")]
        public async Task An_answer_of_another_shape_is_a_typed_error(string body)
        {
            NexLLMException ex = await FailureAsync(body, ["a"]);

            Assert.Equal(NexLLMErrorKind.InvalidResponse, ex.Kind);
        }
    }

    public sealed class Errors
    {
        [Fact]
        public async Task An_error_object_in_a_200_body_is_raised()
        {
            NexLLMException ex = await FailureAsync("""{"error":{"message":"bad input","type":"invalid_request_error","param":"","code":"invalid_input"}}""", ["a"]);

            Assert.Equal(NexLLMErrorKind.HttpStatus, ex.Kind);
            Assert.Equal("invalid_input", ex.ErrorCode);
        }

        [Fact]
        public async Task A_500_invalid_request_is_typed_and_not_retried()
        {
            using var harness = new Harness();
            harness.Handler.Enqueue(Reply.Json("""{"error":{"message":"input is empty (request id: r1)","type":"new_api_error","param":"","code":"invalid_request"}}""", 500));

            var ex = await Assert.ThrowsAsync<NexLLMException>(() => harness.Client.GetEmbeddingGenerator(Model).GenerateAsync(["a"], cancellationToken: Harness.Ct));

            Assert.Equal(500, ex.StatusCode);
            Assert.Equal("invalid_request", ex.ErrorCode);
            Assert.False(ex.IsTransient);
            Assert.Single(harness.Handler.Requests);
        }

        [Fact]
        public async Task A_429_is_retried()
        {
            using var harness = new Harness();
            harness.Handler.Enqueue(Reply.Status(429), Reply.Json(Body(Item(0, 4f))));

            Task<GeneratedEmbeddings<Embedding<float>>> call = harness.Client.GetEmbeddingGenerator(Model).GenerateAsync(["a"], cancellationToken: Harness.Ct);
            await harness.Clock.SkipRetryDelayAsync();

            GeneratedEmbeddings<Embedding<float>> result = await call;
            Assert.Equal([4f], result[0].Vector.ToArray());
            Assert.Equal(2, harness.Handler.Requests.Count);
        }
    }
}
