using System.Net;
using NexLLM.Connectors.Emulator;
using NexLLM.Connectors.IntegrationTests.Rerank;
using NexLLM.Connectors.IntegrationTests.TestSupport;

namespace NexLLM.Connectors.IntegrationTests.ChatCompletions;

/// <summary>
/// The routes that read the model from the body, with unknown models refused: new-api's distributor answers before
/// the relay looks at the body, so an unknown model is 503 <c>model_not_found</c> even when the body is invalid too.
/// </summary>
public sealed class UnknownModelTests : EmulatorTest
{
    protected override NexLLMEmulatorOptions ConfigureEmulator(NexLLMEmulatorOptions options)
    {
        options.RejectUnknownModels = true;
        return options;
    }

    [Theory]
    [InlineData("/v1/chat/completions")]
    [InlineData("/v1/embeddings")]
    [InlineData("/v1/rerank")]
    public async Task AnUnknownModel_Is503ModelNotFound_BeforeTheBodyIsChecked(string path)
    {
        var (status, body) = await RerankEmulatorTests.PostAsync(Emulator, path, """{"model":"no-such-model","stream":"x","dimensions":"x","top_n":"x"}""");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal(["code", "message", "type"], body.GetProperty("error").EnumerateObject().Select(p => p.Name));
        Assert.Equal("model_not_found", body.GetProperty("error").GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("/v1/chat/completions")]
    [InlineData("/v1/embeddings")]
    [InlineData("/v1/rerank")]
    public async Task AKnownModel_GoesOnToTheRelaysChecks(string path)
    {
        var (status, body) = await RerankEmulatorTests.PostAsync(Emulator, path, """{"model":"gpt-4o-mini","stream":"x","dimensions":"x","top_n":"x"}""");

        Assert.Equal(HttpStatusCode.InternalServerError, status);
        Assert.StartsWith("json: cannot unmarshal string into Go struct field ", body.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("invalid_request", body.GetProperty("error").GetProperty("code").GetString());
    }
}
