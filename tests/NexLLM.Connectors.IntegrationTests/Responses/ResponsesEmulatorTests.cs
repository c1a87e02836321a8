using System.Net;
using System.Text.Json;
using NexLLM.Connectors.Emulator;
using NexLLM.Connectors.IntegrationTests.Rerank;
using NexLLM.Connectors.IntegrationTests.TestSupport;

namespace NexLLM.Connectors.IntegrationTests.Responses;

/// <summary>
/// The emulator's <c>POST /v1/responses</c> on the wire (docs/protocols/responses.md): new-api's and OpenAI's request
/// checks, the response object, reasoning and its encrypted content, and stored responses. This part: requests and
/// whole responses; the other part: streams and faults.
/// </summary>
public sealed partial class ResponsesEmulatorTests : EmulatorTest
{
    private const string Path = "/v1/responses";

    private const string WeatherTool =
        """{"type":"function","name":"get_weather","description":"Gets the weather.","parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]},"strict":true}""";

    private Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(string json) => RerankEmulatorTests.PostAsync(Emulator, Path, json);

    private async Task<JsonElement> CreateAsync(string json)
    {
        var (status, body) = await PostAsync(json);
        Assert.True(status == HttpStatusCode.OK, body.ToString());
        return body;
    }

    [Theory]
    [InlineData("not json", "invalid JSON request body: ")]
    [InlineData("[]", "json: cannot unmarshal array into Go value of type dto.OpenAIResponsesRequest")]
    [InlineData("""{"input":"hi"}""", "model is required")]
    [InlineData("""{"model":"gpt-4.1-mini"}""", "input is required")]
    [InlineData("""{"model":"gpt-4.1-mini","input":null}""", "input is required")]
    [InlineData("""{"model":"gpt-4.1-mini","input":"hi","stream":"yes"}""", "json: cannot unmarshal string into Go struct field OpenAIResponsesRequest.stream of type bool")]
    [InlineData("""{"model":"gpt-4.1-mini","input":"hi","max_output_tokens":-1}""", "json: cannot unmarshal number -1 into Go struct field OpenAIResponsesRequest.max_output_tokens of type uint")]
    [InlineData("""{"model":"gpt-4.1-mini","input":"hi","max_output_tokens":2000000000}""", "max_output_tokens is invalid")]
    [InlineData("""{"model":"gpt-4.1-mini","input":"hi","temperature":"1"}""", "json: cannot unmarshal string into Go struct field OpenAIResponsesRequest.temperature of type float64")]
    [InlineData("""{"model":"gpt-4.1-mini","input":"hi","reasoning":"high"}""", "json: cannot unmarshal string into Go struct field OpenAIResponsesRequest.reasoning of type dto.Reasoning")]
    [InlineData("""{"model":"gpt-4.1-mini","input":"hi","reasoning":{"effort":1}}""", "json: cannot unmarshal number into Go struct field OpenAIResponsesRequest.reasoning.effort of type string")]

    // Go unmarshals the whole body first: a wrong type wins over a missing model.
    [InlineData("""{"input":"hi","previous_response_id":7}""", "json: cannot unmarshal number into Go struct field OpenAIResponsesRequest.previous_response_id of type string")]
    public async Task GatewayValidation_Is500InvalidRequest(string json, string message)
    {
        var (status, body) = await PostAsync(json);

        GatewayAssert.InvalidRequest(status, body, message);
    }

    [Theory]
    [InlineData("""{"model":"gpt-4.1-mini","input":42}""", "Invalid type for 'input': expected one of a string or array of input items, but got an integer instead.", "input", "invalid_type")]
    [InlineData("""{"model":"gpt-4.1-mini","input":"hi","store":"no"}""", "Invalid type for 'store': expected a boolean, but got a string instead.", "store", "invalid_type")]
    [InlineData("""{"model":"gpt-4.1-mini","input":"hi","tools":{}}""", "Invalid type for 'tools': expected an array, but got an object instead.", "tools", "invalid_type")]
    [InlineData("""{"model":"gpt-4.1-mini","input":[{"role":"tool","content":"x"}]}""", "Invalid value: 'tool'. Supported values are: 'assistant', 'system', 'developer', and 'user'.", "input[0].role", "invalid_value")]
    [InlineData("""{"model":"gpt-4.1-mini","input":[{"role":"user"}]}""", "Missing required parameter: 'input[0].content'.", "input[0].content", "missing_required_parameter")]
    [InlineData("""{"model":"gpt-4.1-mini","input":[{"type":"function_call","call_id":"c1","arguments":"{}"}]}""", "Missing required parameter: 'input[0].name'.", "input[0].name", "missing_required_parameter")]
    [InlineData("""{"model":"gpt-4.1-mini","input":"hi","tool_choice":"any"}""", "Invalid value: 'any'. Supported values are: 'none', 'auto', and 'required'.", "tool_choice", "invalid_value")]
    [InlineData("""{"model":"gpt-4.1-mini","input":"hi","text":{"format":{"type":"json_schema","json_schema":{"name":"x","schema":{}}}}}""", "Missing required parameter: 'text.format.name'.", "text.format.name", "missing_required_parameter")]

    // The chat-completions shapes a client may carry over by mistake: parts typed "text", tools nested under "function".
    [InlineData("""{"model":"gpt-4.1-mini","input":[{"role":"user","content":[{"type":"text","text":"hi"}]}]}""", "Invalid value: 'text'. Supported values are: 'input_text', 'input_image', 'input_file', 'input_audio', 'output_text', and 'refusal'.", "input[0].content[0].type", "invalid_value")]
    [InlineData("""{"model":"gpt-4.1-mini","input":"hi","tools":[{"type":"function","function":{"name":"f"}}]}""", "Missing required parameter: 'tools[0].name'.", "tools[0].name", "missing_required_parameter")]
    public async Task OpenAIValidation_Is400WithParamAndCode(string json, string message, string param, string code)
    {
        var (status, body) = await PostAsync(json);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        JsonElement error = body.GetProperty("error");
        Assert.Equal(["message", "type", "param", "code"], error.EnumerateObject().Select(p => p.Name));
        Assert.StartsWith(message + " (request id: ", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.Equal(param, error.GetProperty("param").GetString());
        Assert.Equal(code, error.GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("gpt-4o")]
    [InlineData("gpt-4.1-mini")]
    public async Task EncryptedReasoning_ForAModelWithoutReasoning_IsOpenAIs400(string model)
    {
        var (status, body) = await PostAsync($$"""{"model":"{{model}}","input":"hi","include":["reasoning.encrypted_content"],"store":false}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        JsonElement error = body.GetProperty("error");
        Assert.StartsWith("Encrypted content is not supported with this model. (request id: ", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.Equal("include", error.GetProperty("param").GetString());
        Assert.Equal(JsonValueKind.Null, error.GetProperty("code").ValueKind);
        Assert.Empty(RequestsTo(Path).Skip(1));
    }

    [Fact]
    public async Task FunctionCallsAndOutputs_MustPairUp()
    {
        var (status, body) = await PostAsync("""{"model":"gpt-4.1-mini","input":[{"type":"function_call_output","call_id":"call_x","output":"21"}]}""");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.StartsWith("No tool call found for function call output with call_id call_x.", body.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);

        (status, body) = await PostAsync("""{"model":"gpt-4.1-mini","input":[{"role":"user","content":"hi"},{"type":"function_call","call_id":"call_y","name":"f","arguments":"{}"},{"role":"user","content":"and?"}]}""");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.StartsWith("No tool output found for function call call_y.", body.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheResponseObject_EchoesTheRequest_WithOpenAIsDefaults()
    {
        JsonElement response = await CreateAsync($$"""{"model":"gpt-4.1","input":"What is the capital of France?","instructions":"Be brief.","tools":[{{WeatherTool}},{"type":"web_search"}],"metadata":{"k":"v"},"temperature":0.2}""");

        Assert.Equal(
            ["id", "object", "created_at", "status", "background", "error", "incomplete_details", "instructions", "max_output_tokens", "max_tool_calls",
             "model", "output", "parallel_tool_calls", "previous_response_id", "prompt_cache_key", "reasoning", "safety_identifier", "service_tier",
             "store", "temperature", "text", "tool_choice", "tools", "top_logprobs", "top_p", "truncation", "usage", "user", "metadata"],
            response.EnumerateObject().Select(p => p.Name));
        Assert.Matches("^resp_[0-9a-f]{48}$", response.GetProperty("id").GetString());
        Assert.Equal("response", response.GetProperty("object").GetString());
        Assert.Equal("completed", response.GetProperty("status").GetString());
        Assert.Equal("Be brief.", response.GetProperty("instructions").GetString());
        Assert.Equal(0.2, response.GetProperty("temperature").GetDouble());
        Assert.Equal(1, response.GetProperty("top_p").GetDouble());
        Assert.True(response.GetProperty("store").GetBoolean());
        Assert.True(response.GetProperty("parallel_tool_calls").GetBoolean());
        Assert.Equal("auto", response.GetProperty("tool_choice").GetString());
        Assert.Equal(2, response.GetProperty("tools").GetArrayLength());
        Assert.Equal("""{"format":{"type":"text"},"verbosity":"medium"}""", response.GetProperty("text").GetRawText());
        Assert.Equal("""{"effort":null,"summary":null}""", response.GetProperty("reasoning").GetRawText());
        Assert.Equal("""{"k":"v"}""", response.GetProperty("metadata").GetRawText());

        // The hosted tool is accepted and ignored; the question asks for no tool, so the answer is a message.
        JsonElement message = Assert.Single(response.GetProperty("output").EnumerateArray());
        Assert.Equal(["id", "type", "status", "content", "role"], message.EnumerateObject().Select(p => p.Name));
        Assert.Matches("^msg_[0-9a-f]{48}$", message.GetProperty("id").GetString());
        Assert.Equal("completed", message.GetProperty("status").GetString());
        JsonElement text = Assert.Single(message.GetProperty("content").EnumerateArray());
        Assert.Equal(["type", "annotations", "logprobs", "text"], text.EnumerateObject().Select(p => p.Name));
        Assert.StartsWith("You asked about the capital of France.", text.GetProperty("text").GetString(), StringComparison.Ordinal);

        JsonElement usage = response.GetProperty("usage");
        Assert.Equal(["input_tokens", "input_tokens_details", "output_tokens", "output_tokens_details", "total_tokens"], usage.EnumerateObject().Select(p => p.Name));
        Assert.Equal(usage.GetProperty("input_tokens").GetInt32() + usage.GetProperty("output_tokens").GetInt32(), usage.GetProperty("total_tokens").GetInt32());
        Assert.Equal(0, usage.GetProperty("output_tokens_details").GetProperty("reasoning_tokens").GetInt32());
    }

    [Fact]
    public async Task ToolCalls_AreFunctionCallItems_AndTheirOutputsAreQuoted()
    {
        JsonElement first = await CreateAsync($$"""{"model":"gpt-4o-mini","input":"Weather in Paris and London?","tools":[{{WeatherTool}}],"store":false}""");

        JsonElement[] calls = [.. first.GetProperty("output").EnumerateArray()];
        Assert.Equal(2, calls.Length);
        Assert.All(calls, call =>
        {
            Assert.Equal(["id", "type", "status", "arguments", "call_id", "name"], call.EnumerateObject().Select(p => p.Name));
            Assert.Matches("^fc_[0-9a-f]{48}$", call.GetProperty("id").GetString());
            Assert.StartsWith("call_", call.GetProperty("call_id").GetString(), StringComparison.Ordinal);
            Assert.Equal("completed", call.GetProperty("status").GetString());
        });
        Assert.Equal(["""{"city":"Paris"}""", """{"city":"London"}"""], calls.Select(c => c.GetProperty("arguments").GetString()));

        string outputs = string.Join(",", calls.Select((c, i) => $$"""{{c.GetRawText()}},{"type":"function_call_output","call_id":"{{c.GetProperty("call_id").GetString()}}","output":"{{18 + i}} degrees"}"""));
        JsonElement second = await CreateAsync($$"""{"model":"gpt-4o-mini","input":[{"role":"user","content":"Weather in Paris and London?"},{{outputs}}],"tools":[{{WeatherTool}}],"store":false}""");

        Assert.StartsWith("get_weather returned: 18 degrees. get_weather returned: 19 degrees.", OutputText(second), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reasoning_IsAnItem_SummarisedOnlyWhenAsked_EncryptedOnlyWhenIncluded()
    {
        JsonElement plain = await CreateAsync("""{"model":"o4-mini","input":"Why is the sky blue?"}""");
        JsonElement reasoning = plain.GetProperty("output")[0];
        Assert.Equal("""{"id":"ID","type":"reasoning","summary":[]}""", reasoning.GetRawText().Replace(reasoning.GetProperty("id").GetString()!, "ID", StringComparison.Ordinal));
        Assert.Matches("^rs_[0-9a-f]{48}$", reasoning.GetProperty("id").GetString());
        Assert.Equal("""{"effort":"medium","summary":null}""", plain.GetProperty("reasoning").GetRawText());
        Assert.True(plain.GetProperty("usage").GetProperty("output_tokens_details").GetProperty("reasoning_tokens").GetInt32() > 0);

        JsonElement full = await CreateAsync("""{"model":"o4-mini","input":"Why is the sky blue?","reasoning":{"effort":"high","summary":"detailed"},"include":["reasoning.encrypted_content"],"store":false}""");
        reasoning = full.GetProperty("output")[0];
        JsonElement summary = Assert.Single(reasoning.GetProperty("summary").EnumerateArray());
        Assert.Equal("summary_text", summary.GetProperty("type").GetString());
        Assert.StartsWith("The user asks about", summary.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("gAAAAA", reasoning.GetProperty("encrypted_content").GetString(), StringComparison.Ordinal);

        // Effort none turns a reasoning model's reasoning off; any other effort turns it on for any model.
        Assert.Equal("message", (await CreateAsync("""{"model":"gpt-5-mini","input":"Hi","reasoning":{"effort":"none"}}""")).GetProperty("output")[0].GetProperty("type").GetString());
        Assert.Equal("reasoning", (await CreateAsync("""{"model":"gpt-4o-mini","input":"Hi","reasoning":{"effort":"low"}}""")).GetProperty("output")[0].GetProperty("type").GetString());
    }

    [Fact]
    public async Task EchoedReasoning_IsVerified_ByItsEncryptedContent_OrByItsStoredId()
    {
        JsonElement first = await CreateAsync("""{"model":"o4-mini","input":"Why is the sky blue?","include":["reasoning.encrypted_content"],"store":false}""");
        JsonElement reasoning = first.GetProperty("output")[0];
        string id = reasoning.GetProperty("id").GetString()!;
        string sealedReasoning = reasoning.GetProperty("encrypted_content").GetString()!;
        string Turn(string item) => $$"""{"model":"o4-mini","input":[{"role":"user","content":"Why is the sky blue?"},{{item}},{"role":"user","content":"And at sunset?"}],"store":false}""";

        await CreateAsync(Turn(reasoning.GetRawText()));

        string tampered = sealedReasoning[..10] + (sealedReasoning[10] == 'x' ? 'y' : 'x') + sealedReasoning[11..];
        var (status, body) = await PostAsync(Turn($$"""{"type":"reasoning","id":"{{id}}","summary":[],"encrypted_content":"{{tampered}}"}"""));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        JsonElement error = body.GetProperty("error");
        Assert.StartsWith($"The encrypted content for item {id} could not be verified.", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("invalid_encrypted_content", error.GetProperty("code").GetString());

        // Without its encrypted content the item refers to a stored one, and this response was not stored.
        (status, body) = await PostAsync(Turn($$"""{"type":"reasoning","id":"{{id}}","summary":[]}"""));
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.StartsWith($"Item with id '{id}' not found. Items are not persisted when `store` is set to false.", body.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);

        JsonElement stored = await CreateAsync("""{"model":"o4-mini","input":"Why is the sky blue?"}""");
        await CreateAsync(Turn($$"""{"type":"reasoning","id":"{{stored.GetProperty("output")[0].GetProperty("id").GetString()}}","summary":[]}"""));
    }

    [Fact]
    public async Task PreviousResponseId_CarriesTheConversation_NotTheInstructions()
    {
        JsonElement first = await CreateAsync($$"""{"model":"gpt-4o-mini","input":"Weather in Paris?","instructions":"Use tools.","tools":[{{WeatherTool}}]}""");
        string callId = first.GetProperty("output")[0].GetProperty("call_id").GetString()!;

        // Only the output is sent: the call it answers is in the stored response.
        JsonElement second = await CreateAsync($$"""{"model":"gpt-4o-mini","previous_response_id":"{{first.GetProperty("id").GetString()}}","input":[{"type":"function_call_output","call_id":"{{callId}}","output":"21 degrees"}]}""");
        Assert.StartsWith("get_weather returned: 21 degrees.", OutputText(second), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, second.GetProperty("instructions").ValueKind);
        Assert.Equal(first.GetProperty("id").GetString(), second.GetProperty("previous_response_id").GetString());

        var (status, body) = await PostAsync("""{"model":"gpt-4o-mini","previous_response_id":"resp_unknown","input":"hi"}""");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        JsonElement error = body.GetProperty("error");
        Assert.StartsWith("Previous response with id 'resp_unknown' not found. (request id: ", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("previous_response_id", error.GetProperty("param").GetString());
        Assert.Equal("previous_response_not_found", error.GetProperty("code").GetString());
    }

    [Fact]
    public async Task TheStore_KeepsTheLastThousandResponses()
    {
        string oldest = (await CreateAsync("""{"model":"gpt-4.1-mini","input":"one"}""")).GetProperty("id").GetString()!;
        string[] ids = await Task.WhenAll(Enumerable.Range(0, 1000).Select(async _ => (await CreateAsync("""{"model":"gpt-4.1-mini","input":"more"}""")).GetProperty("id").GetString()!));

        var (status, _) = await PostAsync($$"""{"model":"gpt-4.1-mini","input":"hi","previous_response_id":"{{oldest}}"}""");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        await CreateAsync($$"""{"model":"gpt-4.1-mini","input":"hi","previous_response_id":"{{ids[0]}}"}""");
    }

    [Theory]
    [InlineData("length", "max_output_tokens", "incomplete")]
    [InlineData("content_filter", "content_filter", "incomplete")]
    [InlineData("stop", null, "completed")]
    public async Task ScriptedFinishReasons_SetTheStatus(string finishReason, string? reason, string messageStatus)
    {
        Emulator.Enqueue(EmulatorReply.FromText("Cut sho") with { FinishReason = finishReason });

        JsonElement response = await CreateAsync("""{"model":"gpt-4o-mini","input":"Write an essay."}""");

        Assert.Equal(reason is null ? "completed" : "incomplete", response.GetProperty("status").GetString());
        Assert.Equal(reason, response.GetProperty("incomplete_details").ValueKind == JsonValueKind.Null ? null : response.GetProperty("incomplete_details").GetProperty("reason").GetString());
        Assert.Equal(messageStatus, response.GetProperty("output")[0].GetProperty("status").GetString());
        Assert.Equal("Cut sho", OutputText(response));
    }

    [Fact]
    public async Task MaxOutputTokens_CutsTheAnswer_AndTheResponseIsIncomplete()
    {
        JsonElement response = await CreateAsync("""{"model":"gpt-4o-mini","input":"Write a long essay about computing.","max_output_tokens":5}""");

        Assert.Equal("incomplete", response.GetProperty("status").GetString());
        Assert.Equal("max_output_tokens", response.GetProperty("incomplete_details").GetProperty("reason").GetString());
        Assert.Equal(5, response.GetProperty("max_output_tokens").GetInt32());
        Assert.Equal(20, OutputText(response).Length);
    }

    [Fact]
    public async Task ScriptedRefusal_IsARefusalPart()
    {
        Emulator.Enqueue(new EmulatorReply { Refusal = "I can't help with that." });

        JsonElement response = await CreateAsync("""{"model":"gpt-4o-mini","input":"Something bad."}""");

        Assert.Equal("completed", response.GetProperty("status").GetString());
        JsonElement part = Assert.Single(response.GetProperty("output")[0].GetProperty("content").EnumerateArray());
        Assert.Equal("""{"type":"refusal","refusal":"I can't help with that."}""", part.GetRawText());
    }

    [Fact]
    public async Task FailedFault_NotStreamed_IsA200WithStatusFailed()
    {
        Emulator.Enqueue(EmulatorFault.Failed(0, "Slow down.", "rate_limit_exceeded"));

        JsonElement response = await CreateAsync("""{"model":"gpt-4o-mini","input":"Hi"}""");

        Assert.Equal("failed", response.GetProperty("status").GetString());
        Assert.Equal("""{"code":"rate_limit_exceeded","message":"Slow down."}""", response.GetProperty("error").GetRawText());
        Assert.Equal(0, response.GetProperty("output").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, response.GetProperty("usage").ValueKind);
    }

    private static string OutputText(JsonElement response) => string.Concat(
        response.GetProperty("output").EnumerateArray()
            .Where(item => item.GetProperty("type").GetString() == "message")
            .SelectMany(item => item.GetProperty("content").EnumerateArray())
            .Where(part => part.GetProperty("type").GetString() == "output_text")
            .Select(part => part.GetProperty("text").GetString()));
}
