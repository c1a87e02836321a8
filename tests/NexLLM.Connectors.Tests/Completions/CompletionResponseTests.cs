using System.Text.Json;
using Microsoft.Extensions.AI;
using NexLLM.Connectors.Tests.TestSupport;
using static NexLLM.Connectors.Tests.Completions.CompletionTestData;

namespace NexLLM.Connectors.Tests.Completions;

/// <summary>Non-streamed answers of <c>/v1/completions</c> replayed byte for byte (docs/protocols/completions.md#response).</summary>
public sealed class CompletionResponseTests
{
    [Fact]
    public async Task Id_model_created_text_finish_reason_usage_request_id_and_the_raw_body_are_mapped()
    {
        var (_, completion) = await CompleteAsync(Body("Hello there!"));

        Assert.Equal("cmpl-1", completion.Id);
        Assert.Equal(Model, completion.ModelId);
        Assert.Equal(new DateTimeOffset(2024, 3, 9, 16, 0, 0, TimeSpan.Zero), completion.CreatedAt);
        NexLLMCompletionChoice choice = Assert.Single(completion.Choices);
        Assert.Equal((0, "Hello there!", ChatFinishReason.Stop, "stop"), (choice.Index, choice.Text, choice.FinishReason, choice.RawFinishReason));
        Assert.Null(choice.Logprobs);
        Assert.Equal("Hello there!", completion.Text);
        Assert.Equal("Hello there!", completion.ToString());
        Assert.Equal((5L, 7L, 12L), (completion.Usage?.InputTokenCount, completion.Usage?.OutputTokenCount, completion.Usage?.TotalTokenCount));
        Assert.Equal("rid-c", completion.RequestId);
        JsonElement raw = Assert.IsType<JsonElement>(completion.RawRepresentation);
        Assert.Equal("text_completion", raw.GetProperty("object").GetString());
    }

    [Theory]
    [InlineData("stop", "stop")]
    [InlineData("length", "length")]
    [InlineData("content_filter", "content_filter")]
    [InlineData("max_tokens_reached", "max_tokens_reached")]
    public async Task Finish_reasons_map_like_chat_and_unknown_ones_are_kept(string raw, string expected)
    {
        var (_, completion) = await CompleteAsync(Body(finishReason: raw));

        NexLLMCompletionChoice choice = Assert.Single(completion.Choices);
        Assert.Equal(new ChatFinishReason(expected), choice.FinishReason);
        Assert.Equal(raw, choice.RawFinishReason);
    }

    [Fact]
    public async Task Choices_are_put_in_index_order_and_null_entries_skipped()
    {
        const string body = """
            {"id":"cmpl-2","object":"text_completion","created":1710000000,"model":"m","choices":[
             {"text":" two","index":2,"logprobs":null,"finish_reason":"length"},null,
             {"text":" zero","index":0,"logprobs":null,"finish_reason":"stop"},
             {"text":" one","index":1,"logprobs":null,"finish_reason":"stop"}]}
            """;

        var (_, completion) = await CompleteAsync(body);

        Assert.Equal([" zero", " one", " two"], completion.Choices.Select(c => c.Text));
        Assert.Equal([0, 1, 2], completion.Choices.Select(c => c.Index));
        Assert.Equal(ChatFinishReason.Length, completion.Choices[2].FinishReason);
        Assert.Equal(" zero", completion.Text);
        Assert.Null(completion.Usage);
    }

    [Fact]
    public async Task Logprobs_are_the_raw_object_and_a_missing_text_is_empty()
    {
        const string body = """
            {"id":"cmpl-3","choices":[{"index":0,"finish_reason":"length",
             "logprobs":{"tokens":["Hi"],"token_logprobs":[-0.5],"top_logprobs":[{"Hi":-0.5,"Hey":-1.2}],"text_offset":[6]}}]}
            """;

        var (_, completion) = await CompleteAsync(body);

        NexLLMCompletionChoice choice = Assert.Single(completion.Choices);
        Assert.Equal("", choice.Text);
        JsonElement logprobs = Assert.IsType<JsonElement>(choice.Logprobs);
        Assert.Equal(-1.2, logprobs.GetProperty("top_logprobs")[0].GetProperty("Hey").GetDouble());
        Assert.Equal(6, logprobs.GetProperty("text_offset")[0].GetInt32());
        Assert.Null(completion.ModelId);
        Assert.Null(completion.CreatedAt);
    }

    [Fact]
    public async Task New_apis_usage_extras_are_read_as_on_chat_completions()
    {
        const string body = """
            {"id":"cmpl-4","choices":[{"text":"x","index":0,"finish_reason":"stop"}],
             "usage":{"prompt_tokens":50,"completion_tokens":3,"total_tokens":53,"prompt_tokens_details":{"cached_tokens":40},
              "input_tokens":0,"output_tokens":0,"input_tokens_details":null,"claude_cache_creation_5_m_tokens":6,"claude_cache_creation_1_h_tokens":0,"usage_source":"x"}}
            """;

        var (_, completion) = await CompleteAsync(body);

        Assert.Equal(40, completion.Usage?.CachedInputTokenCount);
        Assert.Equal(6L, completion.Usage?.AdditionalCounts?[NexLLMUsageCounts.CacheCreationInputTokens]);
    }

    [Theory]
    [InlineData("""{"id":"cmpl-5","choices":[]}""")]
    [InlineData("""{"id":"cmpl-5","choices":[null]}""")]
    [InlineData("""{"id":"cmpl-5"}""")]
    [InlineData("null")]
    public async Task A_body_without_choices_is_an_InvalidResponse(string body)
    {
        var error = await Assert.ThrowsAsync<NexLLMException>(() => CompleteAsync(body));

        Assert.Equal(NexLLMErrorKind.InvalidResponse, error.Kind);
        Assert.Equal("rid-c", error.RequestId);
        Assert.Contains("completion response has no choices", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"choices\":")]
    [InlineData("""{"choices":[{"text":5,"index":0}]}""")]
    [InlineData("""{"choices":{"text":"x"}}""")]
    public async Task A_body_that_is_not_JSON_of_the_shape_is_an_InvalidResponse_never_a_JsonException(string body)
    {
        var error = await Assert.ThrowsAsync<NexLLMException>(() => CompleteAsync(body));

        Assert.Equal(NexLLMErrorKind.InvalidResponse, error.Kind);
        Assert.IsAssignableFrom<JsonException>(error.InnerException);
    }

    [Fact]
    public async Task An_error_object_with_HTTP_200_is_raised_as_that_error()
    {
        const string body = """{"error":{"message":"upstream said no","type":"upstream_error","param":"","code":"bad_response_status_code"}}""";

        var error = await Assert.ThrowsAsync<NexLLMException>(() => CompleteAsync(body));

        Assert.Equal((NexLLMErrorKind.HttpStatus, 200), (error.Kind, error.StatusCode));
        Assert.Equal(("upstream_error", "bad_response_status_code"), (error.ErrorType, error.ErrorCode));
        Assert.Contains("upstream said no", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_gateways_invalid_request_is_an_HttpStatus_error_that_is_not_retried()
    {
        // new-api refuses a numeric logprobs on its GeneralOpenAIRequest (docs/protocols/completions.md#through-the-gateway).
        using var harness = new Harness();
        harness.Handler.Enqueue(Reply.Json(
            """{"error":{"message":"json: cannot unmarshal number into Go struct field GeneralOpenAIRequest.logprobs of type bool (request id: r1)","type":"new_api_error","param":"","code":"invalid_request"}}""",
            500));

        var error = await Assert.ThrowsAsync<NexLLMException>(
            () => harness.Client.GetCompletionClient(Model).CompleteAsync("Hi", new() { Logprobs = 2 }, Harness.Ct));

        Assert.Equal((NexLLMErrorKind.HttpStatus, 500, "invalid_request"), (error.Kind, error.StatusCode, error.ErrorCode));
        Assert.False(error.IsTransient);
        Assert.Single(harness.Handler.Requests);
    }
}
