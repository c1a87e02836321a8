using System.Text.Json;
using Microsoft.Extensions.AI;
using NexLLM.Connectors.Tests.TestSupport;

namespace NexLLM.Connectors.Tests.Chat;

/// <summary>Non-streamed chat completions, replayed from exact bodies, mapped to <see cref="ChatResponse"/> (docs/protocols/chat-completions.md).</summary>
public sealed class ChatResponseMappingTests
{
    private static string Body(string messageJson, string finishReason = "stop", string? usageJson = null) =>
        $$"""{"id":"chatcmpl-9","object":"chat.completion","created":1710000000,"model":"gpt-4o-mini-2024","system_fingerprint":"fp_1","choices":[{"index":0,"message":{{messageJson}},"logprobs":null,"finish_reason":"{{finishReason}}"}]{{(usageJson is null ? "" : ",\"usage\":" + usageJson)}}}""";

    private static async Task<ChatResponse> ReplayAsync(string body, params (string Name, string Value)[] headers)
    {
        using var harness = new Harness();
        Reply reply = Reply.Json(body);
        foreach (var (name, value) in headers)
        {
            reply.WithHeader(name, value);
        }

        harness.Handler.Enqueue(reply);
        return await harness.AskAsync();
    }

    public sealed class Content
    {
        [Fact]
        public async Task Text_ids_model_and_created_time_are_mapped()
        {
            ChatResponse response = await ReplayAsync(Body("""{"role":"assistant","content":"Hello!"}"""));

            ChatMessage message = Assert.Single(response.Messages);
            Assert.Equal(ChatRole.Assistant, message.Role);
            Assert.Equal("Hello!", Assert.IsType<TextContent>(Assert.Single(message.Contents)).Text);
            Assert.Equal("chatcmpl-9", response.ResponseId);
            Assert.Equal("chatcmpl-9", message.MessageId);
            Assert.Equal("gpt-4o-mini-2024", response.ModelId);
            Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1710000000), response.CreatedAt);
            Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        }

        [Theory]
        [InlineData("reasoning_content")]
        [InlineData("reasoning")]
        public async Task Reasoning_comes_first_from_either_field(string field)
        {
            ChatResponse response = await ReplayAsync(Body($$"""{"role":"assistant","{{field}}":"Thinking hard.","content":"42"}"""));

            IList<AIContent> contents = response.Messages[0].Contents;
            Assert.Equal(2, contents.Count);
            Assert.Equal("Thinking hard.", Assert.IsType<TextReasoningContent>(contents[0]).Text);
            Assert.Equal("42", Assert.IsType<TextContent>(contents[1]).Text);
            Assert.Equal("42", response.Text);
        }

        [Fact]
        public async Task A_refusal_is_an_ErrorContent_with_code_Refusal()
        {
            ChatResponse response = await ReplayAsync(Body("""{"role":"assistant","content":null,"refusal":"I can't help with that."}"""));

            var error = Assert.IsType<ErrorContent>(Assert.Single(response.Messages[0].Contents));
            Assert.Equal("Refusal", error.ErrorCode);
            Assert.Equal("I can't help with that.", error.Message);
        }

        [Fact]
        public async Task Tool_calls_are_parsed_malformed_arguments_kept_as_exception_empty_as_empty_dictionary()
        {
            ChatResponse response = await ReplayAsync(Body(
                """
                {"role":"assistant","content":null,"tool_calls":[
                {"id":"call_a","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\",\"days\":3}"}},
                {"id":"call_b","type":"function","function":{"name":"broken","arguments":"{\"city\":"}},
                {"id":"call_c","type":"function","function":{"name":"get_time","arguments":""}}]}
                """,
                "tool_calls"));

            var calls = response.Messages[0].Contents.Cast<FunctionCallContent>().ToList();
            Assert.Equal(["call_a", "call_b", "call_c"], calls.Select(c => c.CallId));
            Assert.Equal(["get_weather", "broken", "get_time"], calls.Select(c => c.Name));
            Assert.Null(calls[0].Exception);
            Assert.Equal("Paris", ((JsonElement)calls[0].Arguments!["city"]!).GetString());
            Assert.Equal(3, ((JsonElement)calls[0].Arguments!["days"]!).GetInt32());
            Assert.NotNull(calls[1].Exception);
            Assert.Null(calls[2].Exception);
            Assert.NotNull(calls[2].Arguments);
            Assert.Empty(calls[2].Arguments!);
            Assert.Equal(ChatFinishReason.ToolCalls, response.FinishReason);
        }

        [Fact]
        public async Task RawRepresentation_is_the_body_as_a_JsonElement()
        {
            string body = Body("""{"role":"assistant","content":"Hi"}""");

            ChatResponse response = await ReplayAsync(body);

            var raw = Assert.IsType<JsonElement>(response.RawRepresentation);
            Assert.Equal(body, raw.GetRawText());
            Assert.Equal("fp_1", raw.GetProperty("system_fingerprint").GetString());
        }
    }

    public sealed class FinishReasons
    {
        [Theory]
        [InlineData("stop", "stop")]
        [InlineData("length", "length")]
        [InlineData("model_context_window_exceeded", "length")]
        [InlineData("tool_calls", "tool_calls")]
        [InlineData("function_call", "tool_calls")]
        [InlineData("content_filter", "content_filter")]
        [InlineData("pause_turn", "pause_turn")]
        [InlineData("end_turn_custom", "end_turn_custom")]
        public async Task Map_to_MEAI_values_and_keep_the_raw_value(string raw, string expected)
        {
            ChatResponse response = await ReplayAsync(Body("""{"role":"assistant","content":"x"}""", raw));

            Assert.Equal(new ChatFinishReason(expected), response.FinishReason);
            Assert.Equal(raw, response.AdditionalProperties?["nexllm.finish_reason"]);
        }
    }

    public sealed class RequestIds
    {
        [Theory]
        [InlineData("X-Oneapi-Request-Id", "2026010112345678")]
        [InlineData("request-id", "req_claude_1")]
        [InlineData("x-request-id", "req_openai_1")]
        public async Task Come_from_the_gateway_header_or_an_upstream_one(string header, string id)
        {
            ChatResponse response = await ReplayAsync(Body("""{"role":"assistant","content":"x"}"""), (header, id));

            Assert.Equal(id, response.AdditionalProperties?["nexllm.request_id"]);
        }

        [Fact]
        public async Task The_gateway_header_wins_over_upstream_ones()
        {
            ChatResponse response = await ReplayAsync(
                Body("""{"role":"assistant","content":"x"}"""), ("x-request-id", "upstream"), ("request-id", "claude"), ("X-Oneapi-Request-Id", "gateway"));

            Assert.Equal("gateway", response.AdditionalProperties?["nexllm.request_id"]);
        }
    }

    public sealed class Usage
    {
        [Fact]
        public async Task Counts_cached_reasoning_audio_and_text_details()
        {
            ChatResponse response = await ReplayAsync(Body("""{"role":"assistant","content":"x"}""", usageJson: """
                {"prompt_tokens":120,"completion_tokens":80,"total_tokens":200,
                "prompt_tokens_details":{"cached_tokens":100,"audio_tokens":7,"text_tokens":13,"image_tokens":0},
                "completion_tokens_details":{"reasoning_tokens":50,"audio_tokens":4,"text_tokens":26,"accepted_prediction_tokens":0,"rejected_prediction_tokens":0}}
                """));

            UsageDetails usage = response.Usage!;
            Assert.Equal(120, usage.InputTokenCount);
            Assert.Equal(80, usage.OutputTokenCount);
            Assert.Equal(200, usage.TotalTokenCount);
            Assert.Equal(100, usage.CachedInputTokenCount);
            Assert.Equal(50, usage.ReasoningTokenCount);
            Assert.Equal(7, usage.InputAudioTokenCount);
            Assert.Equal(13, usage.InputTextTokenCount);
            Assert.Equal(4, usage.OutputAudioTokenCount);
            Assert.Equal(26, usage.OutputTextTokenCount);
            Assert.Equal(7, usage.AdditionalCounts![NexLLMUsageCounts.AudioInputTokens]);
            Assert.Equal(4, usage.AdditionalCounts[NexLLMUsageCounts.AudioOutputTokens]);
        }

        [Theory]
        [InlineData("cache_write_tokens")]
        [InlineData("cached_creation_tokens")]
        public async Task Cache_writes_are_counted_under_either_name(string field)
        {
            ChatResponse response = await ReplayAsync(Body("""{"role":"assistant","content":"x"}""", usageJson:
                """{"prompt_tokens":300,"completion_tokens":1,"total_tokens":301,"prompt_tokens_details":{"cached_tokens":0,"FIELD":250}}""".Replace("FIELD", field, StringComparison.Ordinal)));

            Assert.Equal(250, response.Usage!.AdditionalCounts![NexLLMUsageCounts.CacheCreationInputTokens]);
            Assert.Equal(300, response.Usage.InputTokenCount);
        }

        [Fact]
        public async Task New_api_claude_cache_lifetimes_are_counted_and_unknown_extras_tolerated()
        {
            ChatResponse response = await ReplayAsync(Body("""{"role":"assistant","content":"x"}""", usageJson: """
                {"prompt_tokens":10,"completion_tokens":2,"total_tokens":12,"input_tokens":10,"output_tokens":2,"input_tokens_details":null,
                "claude_cache_creation_5_m_tokens":30,"claude_cache_creation_1_h_tokens":40,"prompt_cache_hit_tokens":0,
                "usage_semantic":"openai","usage_source":"upstream","cost":0.0012,"future_field":{"nested":[1,2,3]}}
                """));

            UsageDetails usage = response.Usage!;
            Assert.Equal(12, usage.TotalTokenCount);
            Assert.Equal(30, usage.AdditionalCounts![NexLLMUsageCounts.CacheCreation5mInputTokens]);
            Assert.Equal(40, usage.AdditionalCounts[NexLLMUsageCounts.CacheCreation1hInputTokens]);
            Assert.Equal(70, usage.AdditionalCounts[NexLLMUsageCounts.CacheCreationInputTokens]);
        }

        [Fact]
        public async Task A_missing_total_is_the_sum_and_zero_counts_add_no_dictionary()
        {
            ChatResponse response = await ReplayAsync(Body("""{"role":"assistant","content":"x"}""", usageJson:
                """{"prompt_tokens":10,"completion_tokens":5,"prompt_tokens_details":{"cached_tokens":0,"audio_tokens":0}}"""));

            Assert.Equal(15, response.Usage!.TotalTokenCount);
            Assert.Null(response.Usage.AdditionalCounts);
        }
    }

    public sealed class InvalidBodies
    {
        [Fact]
        public async Task An_error_object_with_status_200_is_a_NexLLMException()
        {
            using var harness = new Harness();
            harness.Handler.Enqueue(Reply.Json("""{"error":{"message":"Upstream exploded","type":"upstream_error","code":"bad_response_status_code"}}""")
                .WithHeader("X-Oneapi-Request-Id", "rid-200"));

            var error = await Assert.ThrowsAsync<NexLLMException>(() => harness.AskAsync());

            Assert.Equal(200, error.StatusCode);
            Assert.Equal("upstream_error", error.ErrorType);
            Assert.Equal("bad_response_status_code", error.ErrorCode);
            Assert.Equal("rid-200", error.RequestId);
            Assert.Contains("Upstream exploded", error.Message, StringComparison.Ordinal);
            Assert.Single(harness.Handler.Requests);
        }

        [Theory]
        [InlineData("""{"id":"chatcmpl-1","choices":[]}""")]
        [InlineData("""{"id":"chatcmpl-1"}""")]
        [InlineData("""{"id":"chatcmpl-1","choices":null}""")]
        [InlineData("""{"id":"chatcmpl-1","choices":[null]}""")]
        [InlineData("null")]
        public async Task No_choice_is_an_InvalidResponse(string body)
        {
            using var harness = new Harness();
            harness.Handler.Enqueue(Reply.Json(body));

            var error = await Assert.ThrowsAsync<NexLLMException>(() => harness.AskAsync());

            Assert.Equal(NexLLMErrorKind.InvalidResponse, error.Kind);
            Assert.False(error.IsTransient);
        }

        [Theory]
        [InlineData("<html><body>Welcome to nginx</body></html>", "$")]
        [InlineData("""{"choices":[{"message":{"content":5}}]}""", "$.choices[0].message.content")]
        [InlineData("""{"choices":[{"index":"zero"}]}""", "$.choices[0].index")]
        [InlineData("""{"created":1e400,"choices":[]}""", "$.created")]
        [InlineData("""[1,2,3]""", "$")]
        [InlineData("", "$")]
        public async Task A_body_that_does_not_read_as_a_completion_is_an_InvalidResponse_with_the_JsonException_inside(string body, string path)
        {
            using var harness = new Harness();
            harness.Handler.Enqueue(Reply.Json(body));

            var error = await Assert.ThrowsAsync<NexLLMException>(() => harness.AskAsync());

            Assert.Equal((NexLLMErrorKind.InvalidResponse, false, 200, 1), (error.Kind, error.IsTransient, error.StatusCode, error.Attempts));
            Assert.Contains("chat completion response is not valid JSON of the expected shape", error.Message, StringComparison.Ordinal);
            Assert.Equal(path, Assert.IsType<JsonException>(error.InnerException).Path);
            Assert.Single(harness.Handler.Requests);
        }

        [Fact]
        public async Task A_null_tool_call_entry_is_skipped_and_leaves_an_empty_answer()
        {
            ChatResponse response = await ReplayAsync("""{"choices":[{"message":{"tool_calls":[null]}}]}""");

            ChatMessage message = Assert.Single(response.Messages);
            Assert.Equal(ChatRole.Assistant, message.Role);
            Assert.Empty(message.Contents);
            Assert.Null(response.FinishReason);
        }

        [Fact]
        public async Task A_tool_call_without_a_function_is_a_call_with_its_id_an_empty_name_and_no_arguments()
        {
            // Kept rather than dropped: function invocation answers an unknown name with an error the model can act on,
            // as it does for malformed arguments.
            ChatResponse response = await ReplayAsync("""{"choices":[{"message":{"tool_calls":[{"id":"c","function":null}]}}]}""");

            var call = Assert.IsType<FunctionCallContent>(Assert.Single(Assert.Single(response.Messages).Contents));
            Assert.Equal(("c", string.Empty), (call.CallId, call.Name));
            Assert.Empty(call.Arguments!);
            Assert.Null(call.Exception);
        }

        [Fact]
        public async Task A_body_nested_10000_deep_is_an_InvalidResponse()
        {
            using var harness = new Harness();
            harness.Handler.Enqueue(Reply.Json("{\"choices\":" + new string('[', 10_000) + new string(']', 10_000) + "}"));

            var error = await Assert.ThrowsAsync<NexLLMException>(() => harness.AskAsync());

            Assert.Equal(NexLLMErrorKind.InvalidResponse, error.Kind);
        }
    }
}
