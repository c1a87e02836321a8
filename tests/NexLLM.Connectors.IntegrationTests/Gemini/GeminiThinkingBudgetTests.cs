using System.Net;
using System.Text.Json;
using Microsoft.Extensions.AI;
using NexLLM.Connectors.Emulator;
using NexLLM.Connectors.IntegrationTests.TestSupport;

namespace NexLLM.Connectors.IntegrationTests.Gemini;

/// <summary>
/// Strict mode refuses a <c>thinkingBudget</c> outside the model's documented range (docs/protocols/gemini.md#thinking-budgets):
/// Google's 400 and message, relayed by new-api in the OpenAI shape with the numeric code. The friendly emulator answers.
/// </summary>
public sealed class GeminiThinkingBudgetTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("gemini-2.5-pro", 0, "Budget 0 is invalid. This model only works in thinking mode.")]
    [InlineData("gemini-2.5-pro", 127, "The thinking budget (127) is invalid.")]
    [InlineData("gemini-2.5-pro", 32769, "The thinking budget (32769) is invalid.")]
    [InlineData("gemini-2.5-flash", 24577, "The thinking budget (24577) is invalid.")]
    [InlineData("gemini-2.5-flash", -2, "The thinking budget (-2) is invalid.")]
    public async Task Strict_RefusesABudgetOutsideTheRange_WithGooglesMessageAsTheGatewayRelaysIt(string model, int budget, string message)
    {
        await using var emulator = await NexLLMEmulator.StartAsync(new() { Strict = true }, Cancellation);
        using var gateway = new RawGateway(emulator);

        RawAnswer answer = await gateway.PostAsync($"/v1beta/models/{model}:generateContent", Body(budget), auth: "x-goog-api-key");

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        JsonElement error = answer.Json().GetProperty("error");
        Assert.Equal(["message", "type", "param", "code"], error.EnumerateObject().Select(p => p.Name));
        Assert.Equal($"{message} (request id: {answer.Header("X-Oneapi-Request-Id")})", error.GetProperty("message").GetString());
        Assert.Equal(("upstream_error", 400), (error.GetProperty("type").GetString(), error.GetProperty("code").GetInt32()));
    }

    [Theory]
    [InlineData("gemini-2.5-pro", 128)]
    [InlineData("gemini-2.5-pro", 32768)]
    [InlineData("gemini-2.5-pro", -1)]
    [InlineData("gemini-2.5-flash", 0)]
    [InlineData("gemini-2.5-flash", 24576)]
    [InlineData("gemini-2.5-flash", -1)]
    public async Task Strict_AcceptsEveryBudgetInTheRange_AndDynamic(string model, int budget)
    {
        await using var emulator = await NexLLMEmulator.StartAsync(new() { Strict = true }, Cancellation);
        using var gateway = new RawGateway(emulator);

        RawAnswer answer = await gateway.PostAsync($"/v1beta/models/{model}:streamGenerateContent?alt=sse", Body(budget), auth: "x-goog-api-key");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal("STOP", answer.DataEvents()[^1].GetProperty("candidates")[0].GetProperty("finishReason").GetString());
    }

    [Theory]
    [InlineData("thinkingConfig", "thinkingBudget")]
    [InlineData("thinking_config", "thinking_budget")]
    public async Task Friendly_AnswersAnyBudget_InEitherSpelling(string config, string field)
    {
        await using var emulator = await NexLLMEmulator.StartAsync(cancellationToken: Cancellation);
        using var gateway = new RawGateway(emulator);
        string body = Body(0).Replace("thinkingConfig", config, StringComparison.Ordinal).Replace("thinkingBudget", field, StringComparison.Ordinal);

        RawAnswer answer = await gateway.PostAsync("/v1beta/models/gemini-2.5-pro:generateContent", body, auth: "x-goog-api-key");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal("STOP", answer.Json().GetProperty("candidates")[0].GetProperty("finishReason").GetString());
    }

    [Fact]
    public async Task Strict_ChecksTheSnakeCaseSpellingToo()
    {
        await using var emulator = await NexLLMEmulator.StartAsync(new() { Strict = true }, Cancellation);
        using var gateway = new RawGateway(emulator);
        string body = """{"contents":[{"role":"user","parts":[{"text":"Hi"}]}],"generationConfig":{"thinking_config":{"thinking_budget":40000}}}""";

        RawAnswer answer = await gateway.PostAsync("/v1beta/models/gemini-2.5-flash:generateContent", body, auth: "x-goog-api-key");

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.StartsWith("The thinking budget (40000) is invalid.", answer.Json().GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OurClient_SurfacesTheRefusal_AsANonTransient400()
    {
        await using var emulator = await NexLLMEmulator.StartAsync(new() { Strict = true }, Cancellation);
        using var client = new NexLLMClient(new NexLLMClientOptions { Endpoint = emulator.Endpoint, ApiKey = emulator.ApiKey });
        IChatClient chat = client.GetChatClient("gemini-2.5-pro", NexLLMChatProtocol.GeminiGenerateContent);

        var error = await Assert.ThrowsAsync<NexLLMException>(() => chat.GetResponseAsync("Hi", new ChatOptions().WithThinkingBudget(64), Cancellation));
        ChatResponse allowed = await chat.GetResponseAsync("Hi", new ChatOptions().WithThinkingBudget(1024), Cancellation);

        Assert.Equal((400, 1, false), (error.StatusCode, error.Attempts, error.IsTransient));
        Assert.Contains("The thinking budget (64) is invalid.", error.Message, StringComparison.Ordinal);
        Assert.Equal(ChatFinishReason.Stop, allowed.FinishReason);
    }

    private static string Body(int budget) =>
        """{"contents":[{"role":"user","parts":[{"text":"Hi"}]}],"generationConfig":{"thinkingConfig":{"thinkingBudget":"""
        + budget.ToString(System.Globalization.CultureInfo.InvariantCulture) + ""","includeThoughts":true}}}""";
}
