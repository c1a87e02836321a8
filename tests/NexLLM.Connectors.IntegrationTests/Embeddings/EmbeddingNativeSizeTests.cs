using System.Net;
using System.Text.Json;
using Microsoft.Extensions.AI;
using NexLLM.Connectors.Emulator;
using NexLLM.Connectors.IntegrationTests.TestSupport;

namespace NexLLM.Connectors.IntegrationTests.Embeddings;

/// <summary>
/// The embedding models' native sizes (docs/protocols/embeddings.md#native-sizes): the length answered without
/// <c>dimensions</c>, and in strict mode the most a request may ask for; the friendly emulator answers any length.
/// </summary>
public sealed class EmbeddingNativeSizeTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("text-embedding-3-small", 1536)]
    [InlineData("text-embedding-3-large", 3072)]
    [InlineData("gemini-embedding-001", 3072)]
    public async Task WithoutDimensions_TheVectorHasTheModelsNativeSize(string model, int native)
    {
        await using var emulator = await NexLLMEmulator.StartAsync(new() { Strict = true }, Cancellation);
        using var gateway = new RawGateway(emulator);

        RawAnswer answer = await gateway.PostAsync("/v1/embeddings", $$"""{"model":"{{model}}","input":"hello"}""");

        Assert.Equal(native, answer.Json().GetProperty("data")[0].GetProperty("embedding").GetArrayLength());
    }

    [Theory]
    [InlineData("text-embedding-3-small", 1537, 1536)]
    [InlineData("text-embedding-3-large", 3073, 3072)]
    public async Task Strict_RefusesDimensionsAboveTheNativeSize_InOpenAIsShape(string model, int dimensions, int native)
    {
        await using var emulator = await NexLLMEmulator.StartAsync(new() { Strict = true }, Cancellation);
        using var gateway = new RawGateway(emulator);

        RawAnswer answer = await gateway.PostAsync("/v1/embeddings", $$"""{"model":"{{model}}","input":"hello","dimensions":{{dimensions}}}""");

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        JsonElement error = answer.Json().GetProperty("error");
        Assert.Equal(["message", "type", "param", "code"], error.EnumerateObject().Select(p => p.Name));
        Assert.Equal(
            $"Invalid value for 'dimensions' = {dimensions}. Must be between 1 and {native} for {model}. (request id: {answer.Header("X-Oneapi-Request-Id")})",
            error.GetProperty("message").GetString());
        Assert.Equal(("invalid_request_error", JsonValueKind.Null), (error.GetProperty("type").GetString(), error.GetProperty("code").ValueKind));
    }

    [Fact]
    public async Task Strict_RefusesTooManyDimensionsOfAGeminiModel_AsGooglesErrorRelayed()
    {
        await using var emulator = await NexLLMEmulator.StartAsync(new() { Strict = true }, Cancellation);
        using var gateway = new RawGateway(emulator);

        RawAnswer openAIRoute = await gateway.PostAsync("/v1/embeddings", """{"model":"gemini-embedding-001","input":"hello","dimensions":4000}""");
        RawAnswer nativeRoute = await gateway.PostAsync(
            "/v1beta/models/gemini-embedding-001:embedContent", """{"content":{"parts":[{"text":"hello"}]},"outputDimensionality":4000}""", auth: "x-goog-api-key");
        RawAnswer batch = await gateway.PostAsync(
            "/v1beta/models/gemini-embedding-001:batchEmbedContents",
            """{"requests":[{"content":{"parts":[{"text":"a"}]},"outputDimensionality":768},{"content":{"parts":[{"text":"b"}]},"outputDimensionality":3073}]}""",
            auth: "x-goog-api-key");

        Assert.All([openAIRoute, nativeRoute, batch], answer =>
        {
            Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
            JsonElement error = answer.Json().GetProperty("error");
            Assert.StartsWith("Output dimensionality must be between 1 and 3072", error.GetProperty("message").GetString(), StringComparison.Ordinal);
            Assert.Equal(("upstream_error", 400), (error.GetProperty("type").GetString(), error.GetProperty("code").GetInt32()));
        });
    }

    [Theory]
    [InlineData(false, 1536, 3072)]
    [InlineData(true, 1536, 3072)]
    [InlineData(false, 2048, 4096)]
    public async Task AtMostTheNativeSize_OrAnySizeWhenFriendly_IsAnswered(bool strict, int openAIDimensions, int geminiDimensions)
    {
        await using var emulator = await NexLLMEmulator.StartAsync(new() { Strict = strict }, Cancellation);
        using var gateway = new RawGateway(emulator);

        RawAnswer openAI = await gateway.PostAsync("/v1/embeddings", $$"""{"model":"text-embedding-3-small","input":"hello","dimensions":{{openAIDimensions}}}""");
        RawAnswer gemini = await gateway.PostAsync(
            "/v1beta/models/gemini-embedding-001:embedContent", $$"""{"content":{"parts":[{"text":"hello"}]},"outputDimensionality":{{geminiDimensions}}}""", auth: "x-goog-api-key");

        Assert.Equal(openAIDimensions, openAI.Json().GetProperty("data")[0].GetProperty("embedding").GetArrayLength());
        Assert.Equal(geminiDimensions, gemini.Json().GetProperty("embedding").GetProperty("values").GetArrayLength());
    }

    [Theory]
    [InlineData(NexLLMEmbeddingProtocol.Embeddings, "text-embedding-3-small", 2048)]
    [InlineData(NexLLMEmbeddingProtocol.GeminiEmbedContent, "gemini-embedding-001", 4096)]
    public async Task OurGenerator_GetsTheRefusalOnce_WhenStrict_AndTheVectorWhenFriendly(NexLLMEmbeddingProtocol protocol, string model, int dimensions)
    {
        await using var strict = await NexLLMEmulator.StartAsync(new() { Strict = true }, Cancellation);
        await using var friendly = await NexLLMEmulator.StartAsync(cancellationToken: Cancellation);
        using var strictClient = new NexLLMClient(new NexLLMClientOptions { Endpoint = strict.Endpoint, ApiKey = strict.ApiKey });
        using var friendlyClient = new NexLLMClient(new NexLLMClientOptions { Endpoint = friendly.Endpoint, ApiKey = friendly.ApiKey });

        var error = await Assert.ThrowsAsync<NexLLMException>(() => strictClient.GetEmbeddingGenerator(model, protocol, dimensions).GenerateAsync("hello", cancellationToken: Cancellation));
        Embedding<float> vector = await friendlyClient.GetEmbeddingGenerator(model, protocol, dimensions).GenerateAsync("hello", cancellationToken: Cancellation);

        Assert.Equal((400, 1), (error.StatusCode, error.Attempts));
        Assert.Equal(dimensions, vector.Vector.Length);
    }
}
