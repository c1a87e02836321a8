using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using NexLLM.Connectors.Tests.TestSupport;
using static NexLLM.Connectors.Tests.Embeddings.EmbeddingTestData;

namespace NexLLM.Connectors.Tests.Embeddings;

/// <summary>The exact request of <c>POST /v1/embeddings</c> (docs/protocols/embeddings.md), compared byte for byte.</summary>
public sealed class EmbeddingRequestJsonTests
{
    [Fact]
    public async Task Is_model_inputs_and_base64()
    {
        Assert.Equal(
            """{"model":"text-embedding-3-small","input":["hello","world"],"encoding_format":"base64"}""",
            await SentBodyAsync(["hello", "world"]));
    }

    [Fact]
    public async Task One_input_is_still_an_array()
    {
        Assert.Equal("""{"model":"text-embedding-3-small","input":["hello"],"encoding_format":"base64"}""", await SentBodyAsync(["hello"]));
    }

    [Fact]
    public async Task The_generators_dimensions_are_sent()
    {
        Assert.Equal(
            """{"model":"text-embedding-3-small","input":["hello"],"encoding_format":"base64","dimensions":256}""",
            await SentBodyAsync(["hello"], dimensions: 256));
    }

    [Fact]
    public async Task Per_request_dimensions_and_model_win()
    {
        var options = new EmbeddingGenerationOptions { Dimensions = 64, ModelId = "text-embedding-3-large" };

        Assert.Equal(
            """{"model":"text-embedding-3-large","input":["hello"],"encoding_format":"base64","dimensions":64}""",
            await SentBodyAsync(["hello"], options, dimensions: 256));
    }

    [Fact]
    public async Task User_and_other_additional_properties_are_top_level_fields_and_reserved_keys_are_not_sent()
    {
        var options = new EmbeddingGenerationOptions { AdditionalProperties = new() { ["user"] = "user-42", ["nexllm.anything"] = 1 } }
            .WithGeminiTaskType(NexLLMGeminiTaskType.RetrievalQuery)
            .WithMaxInputsPerRequest(10);

        Assert.Equal(
            """{"model":"text-embedding-3-small","input":["hello"],"encoding_format":"base64","user":"user-42"}""",
            await SentBodyAsync(["hello"], options));
    }

    [Fact]
    public async Task A_raw_representation_wins_over_mapped_fields()
    {
        var options = new EmbeddingGenerationOptions
        {
            RawRepresentationFactory = _ => new JsonObject { ["encoding_format"] = "float", ["input_type"] = "query" },
        };

        Assert.Equal(
            """{"model":"text-embedding-3-small","input":["hello"],"encoding_format":"float","input_type":"query"}""",
            await SentBodyAsync(["hello"], options));
    }

    [Fact]
    public async Task Text_is_sent_with_only_the_escaping_JSON_requires()
    {
        Assert.Equal(
            """{"model":"text-embedding-3-small","input":["Say \"<b>héllo</b>\" & 你好"],"encoding_format":"base64"}""",
            await SentBodyAsync(["Say \"<b>héllo</b>\" & 你好"]));
    }

    [Fact]
    public async Task Is_posted_to_embeddings_with_bearer_auth()
    {
        using var harness = new Harness();
        harness.Handler.Enqueue(Reply.Json(Body(Item(0, 1f))));

        await harness.Client.GetEmbeddingGenerator(Model).GenerateAsync(["hello"], cancellationToken: Harness.Ct);

        RecordedRequest request = harness.Handler.SingleRequest;
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("https://gateway.test/v1/embeddings", request.Uri.AbsoluteUri);
        Assert.Equal("Bearer " + Harness.ApiKey, request.Header("Authorization"));
        Assert.Equal("application/json", request.Header("Content-Type"));
    }

    [Fact]
    public async Task No_inputs_send_no_request()
    {
        using var harness = new Harness();

        GeneratedEmbeddings<Embedding<float>> result = await harness.Client.GetEmbeddingGenerator(Model).GenerateAsync([], cancellationToken: Harness.Ct);

        Assert.Empty(result);
        Assert.Empty(harness.Handler.Requests);
    }

    [Fact]
    public async Task Invalid_arguments_are_refused_before_sending()
    {
        using var harness = new Harness();
        IEmbeddingGenerator<string, Embedding<float>> generator = harness.Client.GetEmbeddingGenerator(Model);

        await Assert.ThrowsAsync<ArgumentException>(() => generator.GenerateAsync(["a", null!], cancellationToken: Harness.Ct));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => generator.GenerateAsync(["a"], new EmbeddingGenerationOptions { Dimensions = 0 }, Harness.Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => generator.GenerateAsync(["a"], new EmbeddingGenerationOptions { ModelId = "bad\nmodel" }, Harness.Ct));
        Assert.Throws<ArgumentOutOfRangeException>(() => harness.Client.GetEmbeddingGenerator(Model, -1));
        Assert.Throws<ArgumentException>(() => harness.Client.GetEmbeddingGenerator(" "));
        Assert.Throws<ArgumentOutOfRangeException>(() => harness.Client.GetEmbeddingGenerator(Model, (NexLLMEmbeddingProtocol)42));
        Assert.Throws<ArgumentOutOfRangeException>(() => new EmbeddingGenerationOptions().WithMaxInputsPerRequest(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new EmbeddingGenerationOptions().WithMaxConcurrentRequests(0));
        Assert.Empty(harness.Handler.Requests);
    }

    [Fact]
    public void GetService_answers_metadata_the_client_and_itself()
    {
        using var harness = new Harness();
        IEmbeddingGenerator<string, Embedding<float>> generator = harness.Client.GetEmbeddingGenerator(Model, 512);

        EmbeddingGeneratorMetadata metadata = Assert.IsType<EmbeddingGeneratorMetadata>(generator.GetService(typeof(EmbeddingGeneratorMetadata)));
        Assert.Equal("nexllm", metadata.ProviderName);
        Assert.Equal(new Uri("https://gateway.test/v1/"), metadata.ProviderUri);
        Assert.Equal(Model, metadata.DefaultModelId);
        Assert.Equal(512, metadata.DefaultModelDimensions);
        Assert.Same(harness.Client, generator.GetService(typeof(NexLLMClient)));
        Assert.Same(generator, generator.GetService(typeof(IEmbeddingGenerator<string, Embedding<float>>)));
        Assert.Null(generator.GetService(typeof(EmbeddingGeneratorMetadata), "key"));
        Assert.Null(generator.GetService(typeof(string)));
    }
}
