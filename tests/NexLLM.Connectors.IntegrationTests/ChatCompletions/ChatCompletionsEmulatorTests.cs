using System.Net;
using System.Text.Json;
using NexLLM.Connectors.IntegrationTests.Rerank;
using NexLLM.Connectors.IntegrationTests.TestSupport;

namespace NexLLM.Connectors.IntegrationTests.ChatCompletions;

/// <summary>The emulator's <c>POST /v1/chat/completions</c> on the wire: new-api's request validation, message by message.</summary>
public sealed class ChatCompletionsEmulatorTests : EmulatorTest
{
    private const string Hello = """[{"role":"user","content":"hi"}]""";

    private Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(string json) => RerankEmulatorTests.PostAsync(Emulator, "/v1/chat/completions", json);

    [Theory]
    [InlineData("not json", "invalid JSON request body: ")]
    [InlineData("", "unexpected end of JSON input")]
    [InlineData("[]", "json: cannot unmarshal array into Go value of type dto.GeneralOpenAIRequest")]
    [InlineData("""{"messages":[{"role":"user","content":"hi"}]}""", "model is required")]
    [InlineData("""{"model":"gpt-4o-mini"}""", "field messages is required")]
    [InlineData("""{"model":"gpt-4o-mini","messages":[]}""", "field messages is required")]
    [InlineData("""{"model":"gpt-4o-mini","messages":"hi"}""", "json: cannot unmarshal string into Go struct field GeneralOpenAIRequest.messages of type []dto.Message")]
    [InlineData("""{"model":"gpt-4o-mini","messages":[1]}""", "json: cannot unmarshal number into Go struct field GeneralOpenAIRequest.messages of type dto.Message")]
    [InlineData("""{"model":"gpt-4o-mini","messages":[],"temperature":"1"}""", "json: cannot unmarshal string into Go struct field GeneralOpenAIRequest.temperature of type float64")]
    [InlineData("""{"model":"gpt-4o-mini","messages":HELLO,"stream":"yes"}""", "json: cannot unmarshal string into Go struct field GeneralOpenAIRequest.stream of type bool")]
    [InlineData("""{"model":"gpt-4o-mini","messages":HELLO,"max_tokens":-1}""", "json: cannot unmarshal number -1 into Go struct field GeneralOpenAIRequest.max_tokens of type uint")]
    [InlineData("""{"model":"gpt-4o-mini","messages":HELLO,"max_completion_tokens":2000000000}""", "max_tokens is invalid")]
    [InlineData("""{"model":"gpt-4o-mini","messages":HELLO,"tools":"x"}""", "json: cannot unmarshal string into Go struct field GeneralOpenAIRequest.tools of type []dto.ToolCallRequest")]
    [InlineData("""{"model":"gpt-4o-mini","messages":HELLO,"stream_options":true}""", "json: cannot unmarshal bool into Go struct field GeneralOpenAIRequest.stream_options of type dto.StreamOptions")]

    // Go unmarshals the whole body before new-api checks anything: a wrong type anywhere wins over a missing model or messages.
    [InlineData("""{"messages":[{"role":1}]}""", "json: cannot unmarshal number into Go struct field GeneralOpenAIRequest.messages.role of type string")]
    [InlineData("""{"model":"gpt-4o-mini","messages":[],"tools":[{"type":"function","function":{"name":1}}]}""", "json: cannot unmarshal number into Go struct field GeneralOpenAIRequest.tools.function.name of type string")]
    [InlineData("""{"model":"gpt-4o-mini","messages":HELLO,"response_format":{"type":1}}""", "json: cannot unmarshal number into Go struct field GeneralOpenAIRequest.response_format.type of type string")]

    // Every field is unmarshalled, whatever the fields beside it say.
    [InlineData("""{"model":"gpt-4o-mini","messages":HELLO,"max_completion_tokens":5,"max_tokens":"x"}""", "json: cannot unmarshal string into Go struct field GeneralOpenAIRequest.max_tokens of type uint")]
    [InlineData("""{"model":"gpt-4o-mini","messages":[{"role":"user","content":"hi","name":1}]}""", "json: cannot unmarshal number into Go struct field GeneralOpenAIRequest.messages.name of type string")]
    [InlineData("""{"model":"gpt-4o-mini","messages":HELLO,"reasoning_effort":"low","reasoning":{"effort":1}}""", "json: cannot unmarshal number into Go struct field GeneralOpenAIRequest.reasoning.effort of type string")]
    public async Task GatewayValidation_Is500InvalidRequest(string json, string message)
    {
        var (status, body) = await PostAsync(json.Replace("HELLO", Hello, StringComparison.Ordinal));

        GatewayAssert.InvalidRequest(status, body, message);
    }

    [Fact]
    public async Task AValidRequest_IsAnswered()
    {
        var (status, body) = await PostAsync("""{"model":"gpt-4o-mini","messages":[{"role":"user","content":"hi"}],"max_completion_tokens":16,"stream_options":{"include_usage":false}}""");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("chat.completion", body.GetProperty("object").GetString());
        Assert.Equal("gpt-4o-mini", body.GetProperty("model").GetString());
    }
}
