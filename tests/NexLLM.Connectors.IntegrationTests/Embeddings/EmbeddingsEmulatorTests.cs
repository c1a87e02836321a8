using System.Net;
using System.Runtime.InteropServices;
using System.Text.Json;
using NexLLM.Connectors.IntegrationTests.Rerank;
using NexLLM.Connectors.IntegrationTests.TestSupport;

namespace NexLLM.Connectors.IntegrationTests.Embeddings;

/// <summary>The emulator's <c>POST /v1/embeddings</c> on the wire (docs/protocols/embeddings.md): shapes, encodings, token arrays, errors.</summary>
public sealed class EmbeddingsEmulatorTests : EmulatorTest
{
    private Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(string json) => RerankEmulatorTests.PostAsync(Emulator, "/v1/embeddings", json);

    [Fact]
    public async Task TheAnswer_IsOpenAIsShape_WithUsage()
    {
        var (status, body) = await PostAsync("""{"model":"text-embedding-3-small","input":["hello world","bye"],"dimensions":4}""");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["object", "data", "model", "usage"], body.EnumerateObject().Select(p => p.Name));
        Assert.Equal("list", body.GetProperty("object").GetString());
        Assert.Equal("text-embedding-3-small", body.GetProperty("model").GetString());
        JsonElement first = body.GetProperty("data")[0];
        Assert.Equal(["object", "index", "embedding"], first.EnumerateObject().Select(p => p.Name));
        Assert.Equal(4, first.GetProperty("embedding").GetArrayLength());
        Assert.Equal(1, body.GetProperty("data")[1].GetProperty("index").GetInt32());
        Assert.Equal(["prompt_tokens", "total_tokens"], body.GetProperty("usage").EnumerateObject().Select(p => p.Name));
        Assert.Equal(4, body.GetProperty("usage").GetProperty("prompt_tokens").GetInt32()); // ceil(11/4) + ceil(3/4)
    }

    [Fact]
    public async Task Base64_IsLittleEndianFloat32_OfTheSameVector()
    {
        var (_, floats) = await PostAsync("""{"model":"text-embedding-3-small","input":"same","dimensions":8,"encoding_format":"float"}""");
        var (_, base64) = await PostAsync("""{"model":"text-embedding-3-small","input":"same","dimensions":8,"encoding_format":"base64"}""");

        float[] expected = [.. floats.GetProperty("data")[0].GetProperty("embedding").EnumerateArray().Select(e => e.GetSingle())];
        byte[] bytes = Convert.FromBase64String(base64.GetProperty("data")[0].GetProperty("embedding").GetString()!);
        Assert.Equal(expected, MemoryMarshal.Cast<byte, float>(bytes).ToArray());
    }

    [Fact]
    public async Task TokenArrays_AreAccepted_AndBilledOneTokenPerId()
    {
        var (status, body) = await PostAsync("""{"model":"text-embedding-3-small","input":[[1,2,3],[4,5]],"dimensions":8}""");
        var (_, single) = await PostAsync("""{"model":"text-embedding-3-small","input":[1,2,3],"dimensions":8}""");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(2, body.GetProperty("data").GetArrayLength());
        Assert.Equal(5, body.GetProperty("usage").GetProperty("prompt_tokens").GetInt32());
        Assert.Equal(
            body.GetProperty("data")[0].GetProperty("embedding").GetRawText(),
            single.GetProperty("data")[0].GetProperty("embedding").GetRawText());
    }

    [Fact]
    public async Task DefaultDimensions_AreTheModels()
    {
        var (_, small) = await PostAsync("""{"model":"text-embedding-3-small","input":"a"}""");
        var (_, large) = await PostAsync("""{"model":"text-embedding-3-large","input":"a"}""");

        Assert.Equal(1536, small.GetProperty("data")[0].GetProperty("embedding").GetArrayLength());
        Assert.Equal(3072, large.GetProperty("data")[0].GetProperty("embedding").GetArrayLength());
    }

    [Theory]
    [InlineData("""{"model":"text-embedding-3-small"}""", "input is empty")]
    [InlineData("""{"model":"text-embedding-3-small","input":null}""", "input is empty")]
    [InlineData("""{"input":"a"}""", "model is required")]
    [InlineData("""{"model":"text-embedding-3-small","input":"a","dimensions":"8"}""", "json: cannot unmarshal string into Go struct field EmbeddingRequest.dimensions of type int")]
    [InlineData("""{"model":5,"input":"a"}""", "json: cannot unmarshal number into Go struct field EmbeddingRequest.model of type string")]
    [InlineData("""not json""", "invalid JSON request body")]
    public async Task GatewayValidation_Is500InvalidRequest(string json, string message)
    {
        var (status, body) = await PostAsync(json);

        Assert.Equal(HttpStatusCode.InternalServerError, status);
        Assert.StartsWith(message, body.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("invalid_request", body.GetProperty("error").GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("""{"model":"text-embedding-3-small","input":[]}""", "'$.input' is invalid")]
    [InlineData("""{"model":"text-embedding-3-small","input":[1,"a"]}""", "'$.input' is invalid")]
    [InlineData("""{"model":"text-embedding-3-small","input":{"text":"a"}}""", "'$.input' is invalid")]
    [InlineData("""{"model":"text-embedding-3-small","input":"a","encoding_format":"int8"}""", "Invalid value for 'encoding_format'")]
    [InlineData("""{"model":"text-embedding-3-small","input":"a","dimensions":-1}""", "Invalid value for 'dimensions'")]
    public async Task UpstreamValidation_Is400InvalidRequestError(string json, string message)
    {
        var (status, body) = await PostAsync(json);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.StartsWith(message, body.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("invalid_request_error", body.GetProperty("error").GetProperty("type").GetString());
    }

    [Fact]
    public async Task MoreThan2048Inputs_AreRefused()
    {
        string inputs = string.Join(",", Enumerable.Repeat("\"a\"", 2049));

        var (status, body) = await PostAsync($$"""{"model":"text-embedding-3-small","input":[{{inputs}}],"dimensions":2}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("2048", body.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }
}
