using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using NexLLM.Connectors.Tests.TestSupport;
using static NexLLM.Connectors.Tests.Chat.ChatRequestJsonTests;
using static NexLLM.Connectors.Tests.TestSupport.ResponsesCalls;

namespace NexLLM.Connectors.Tests.Chat.Responses;

/// <summary>The exact request JSON of the Responses adapter (docs/protocols/responses.md#request), compared byte for byte.</summary>
public sealed class ResponsesRequestJsonTests
{
    internal const string Hello = "\"input\":[{\"type\":\"message\",\"role\":\"user\",\"content\":\"Hello\"}]";

    internal const string Include = ",\"include\":[\"reasoning.encrypted_content\"]";

    /// <summary>The body of a request of one user message "Hello": model, input, <c>store:false</c>, then <paramref name="rest"/> (fields led by their commas).</summary>
    internal static string HelloBody(string rest = "", string model = Model) => $$$"""{"model":"{{{model}}}",{{{Hello}}},"store":false{{{rest}}}}""";

    /// <summary>Sends "Hi" with the options through the harness and returns the body; the answer is <see cref="ResponsesOkBody"/>.</summary>
    private static async Task<string> AskBodyAsync(Harness harness, ChatOptions options)
    {
        harness.Handler.Enqueue(Reply.Json(ResponsesOkBody));
        await harness.AskResponsesAsync(options);
        return harness.Handler.SingleRequest.BodyText;
    }

    public sealed class RouteAndHeaders
    {
        [Fact]
        public async Task Is_posted_to_responses_with_bearer_auth_and_json_headers()
        {
            RecordedRequest request = await SentResponsesRequestAsync([new ChatMessage(ChatRole.User, "Hello")]);

            Assert.Equal((HttpMethod.Post, ResponsesUri), (request.Method, request.Uri.AbsoluteUri));
            Assert.Equal($"Bearer {Harness.ApiKey}", request.Header("Authorization"));
            Assert.Null(request.Header("x-api-key"));
            Assert.Equal("application/json", request.Header("Content-Type"));
            Assert.Equal("application/json", request.Header("Accept"));
        }

        [Fact]
        public async Task Streaming_adds_stream_true_after_the_input_and_accepts_an_event_stream()
        {
            using var harness = new Harness();
            harness.Handler.Enqueue(Reply.Sse(ResponsesSse.Events(ResponsesEvent.TextAnswer("ok"))));

            var (_, error) = await harness.StreamResponsesAsync(options: new ChatOptions { Instructions = "Be brief." });

            Assert.Null(error);
            RecordedRequest request = harness.Handler.SingleRequest;
            Assert.Equal(
                """{"model":"gpt-4.1","input":[{"type":"message","role":"user","content":"Hi"}],"instructions":"Be brief.","stream":true,"store":false}""",
                request.BodyText);
            Assert.Equal(("text/event-stream", ResponsesUri), (request.Header("Accept"), request.Uri.AbsoluteUri));
        }
    }

    public sealed class Minimal
    {
        [Fact]
        public async Task Is_model_input_and_store_false()
        {
            Assert.Equal(HelloBody(), await SentResponsesBodyAsync(options: null));
        }

        [Fact]
        public async Task Empty_options_send_nothing_more()
        {
            Assert.Equal(HelloBody(), await SentResponsesBodyAsync(new ChatOptions()));
        }

        [Fact]
        public async Task Instructions_max_output_tokens_temperature_and_top_p_in_wire_order()
        {
            var options = new ChatOptions { Instructions = "Be brief.", MaxOutputTokens = 300, Temperature = 0.5f, TopP = 0.25f };

            Assert.Equal(
                $$$"""{"model":"gpt-4.1",{{{Hello}}},"instructions":"Be brief.","store":false,"max_output_tokens":300,"temperature":0.5,"top_p":0.25}""",
                await SentResponsesBodyAsync(options));
        }

        [Fact]
        public async Task An_empty_instruction_is_not_sent()
        {
            Assert.Equal(HelloBody(), await SentResponsesBodyAsync(new ChatOptions { Instructions = string.Empty }));
        }
    }

    public sealed class IgnoredOptions
    {
        [Fact]
        public async Task Top_k_seed_penalties_and_stop_sequences_are_not_sent_and_are_logged_at_Debug()
        {
            using var harness = new Harness();

            string body = await AskBodyAsync(harness, new ChatOptions { TopK = 40, Seed = 42, FrequencyPenalty = 0.5f, PresencePenalty = -0.5f, StopSequences = ["END"] });

            Assert.Equal("""{"model":"gpt-4.1","input":[{"type":"message","role":"user","content":"Hi"}],"store":false}""", body);
            foreach (string option in new[] { "TopK", "Seed", "FrequencyPenalty", "PresencePenalty", "StopSequences" })
            {
                Assert.Contains(harness.Logs.Entries, e => e.Level == LogLevel.Debug && e.Message == $"responses has no equivalent of {option}; it was not sent.");
            }
        }

        [Fact]
        public async Task AllowBackgroundResponses_and_a_continuation_token_are_not_sent_and_are_logged_at_Debug()
        {
            // The gateway drops "background" and cannot fetch a response later (docs/protocols/responses.md#through-the-gateway).
            using var harness = new Harness();

            string body = await AskBodyAsync(harness, new ChatOptions { AllowBackgroundResponses = true, ContinuationToken = ResponseContinuationToken.FromBytes(new byte[] { 1 }) });

            Assert.DoesNotContain("background", body, StringComparison.Ordinal);
            LogEntry logged = Assert.Single(harness.Logs.Entries, e => e.Message.Contains("AllowBackgroundResponses", StringComparison.Ordinal));
            Assert.Equal((LogLevel.Debug, "NexLLM.Connectors.Transport"), (logged.Level, logged.Category));
            Assert.Contains(harness.Logs.Entries, e => e.Level == LogLevel.Debug && e.Message.Contains("ContinuationToken", StringComparison.Ordinal));
        }
    }

    public sealed class Statefulness
    {
        [Theory]
        [InlineData("o1")]
        [InlineData("o3-mini")]
        [InlineData("o4-mini")]
        [InlineData("gpt-5")]
        [InlineData("gpt-5-mini")]
        [InlineData("gpt-5.1")]
        [InlineData("gpt-5-codex")]
        [InlineData("codex-mini-latest")]
        [InlineData("openai/o3")]
        public async Task A_reasoning_model_is_stateless_and_asks_for_encrypted_reasoning(string model)
        {
            // Stateless through the gateway: the next turn may reach another upstream account (docs/protocols/responses.md#gotchas).
            Assert.Equal(HelloBody(Include, model), await SentResponsesBodyAsync(options: null, model));
        }

        [Theory]
        [InlineData("gpt-4o")]
        [InlineData("gpt-4o-mini")]
        [InlineData("gpt-4.1")]
        [InlineData("gpt-4.1-mini")]
        [InlineData("gpt-5-chat-latest")]
        public async Task A_model_without_reasoning_never_asks_for_encrypted_reasoning(string model)
        {
            // OpenAI refuses the request that asks a model without reasoning for it (docs/protocols/responses.md#gotchas).
            Assert.Equal(HelloBody(model: model), await SentResponsesBodyAsync(options: null, model));
        }

        [Fact]
        public async Task Reasoning_options_ask_for_encrypted_reasoning_whatever_the_model()
        {
            var options = new ChatOptions { Reasoning = new ReasoningOptions { Effort = ReasoningEffort.Low } };

            Assert.Equal(HelloBody(Include + ""","reasoning":{"effort":"low"}"""), await SentResponsesBodyAsync(options));
        }

        [Fact]
        public async Task The_per_request_model_decides_as_the_client_model_would()
        {
            Assert.Equal(
                HelloBody(Include, "o4-mini"),
                await SentResponsesBodyAsync(new ChatOptions { ModelId = "o4-mini" }, model: "gpt-4.1"));
            Assert.Equal(
                HelloBody(model: "gpt-4.1-mini"),
                await SentResponsesBodyAsync(new ChatOptions { ModelId = "gpt-4.1-mini" }, model: "o3"));
        }

        [Fact]
        public async Task WithResponsesStore_stores_the_response_and_asks_for_no_encrypted_reasoning()
        {
            Assert.Equal($$$"""{"model":"o4-mini",{{{Hello}}},"store":true}""", await SentResponsesBodyAsync(new ChatOptions().WithResponsesStore(), "o4-mini"));
        }

        [Fact]
        public async Task WithResponsesStore_false_stays_stateless()
        {
            Assert.Equal(HelloBody(Include, "o4-mini"), await SentResponsesBodyAsync(new ChatOptions().WithResponsesStore(false), "o4-mini"));
        }

        [Fact]
        public async Task A_ConversationId_is_the_previous_response_id_of_a_stored_response()
        {
            Assert.Equal(
                $$$"""{"model":"o4-mini",{{{Hello}}},"store":true,"previous_response_id":"resp_prev"}""",
                await SentResponsesBodyAsync(new ChatOptions { ConversationId = "resp_prev" }, "o4-mini"));
        }

        [Fact]
        public void WithResponsesStore_rejects_null_options()
        {
            Assert.Throws<ArgumentNullException>(() => ((ChatOptions)null!).WithResponsesStore());
        }
    }

    public sealed class Reasoning
    {
        public static TheoryData<ReasoningEffort?, ReasoningOutput?, string> Mappings => new()
        {
            { ReasoningEffort.None, null, ",\"reasoning\":{\"effort\":\"none\"}" },
            { ReasoningEffort.Low, null, ",\"reasoning\":{\"effort\":\"low\"}" },
            { ReasoningEffort.Medium, ReasoningOutput.Summary, ",\"reasoning\":{\"effort\":\"medium\",\"summary\":\"auto\"}" },
            { ReasoningEffort.High, ReasoningOutput.Full, ",\"reasoning\":{\"effort\":\"high\",\"summary\":\"detailed\"}" },
            { ReasoningEffort.ExtraHigh, ReasoningOutput.None, ",\"reasoning\":{\"effort\":\"xhigh\"}" },
            { null, ReasoningOutput.Summary, ",\"reasoning\":{\"summary\":\"auto\"}" },
            { null, ReasoningOutput.None, string.Empty },
            { null, null, string.Empty },
        };

        [Theory]
        [MemberData(nameof(Mappings))]
        public async Task Effort_and_output_map_to_effort_and_summary(ReasoningEffort? effort, ReasoningOutput? output, string reasoning)
        {
            var options = new ChatOptions { Reasoning = new ReasoningOptions { Effort = effort, Output = output } };

            Assert.Equal(HelloBody(Include + reasoning, "o4-mini"), await SentResponsesBodyAsync(options, "o4-mini"));
        }
    }

    public sealed class TextFormat
    {
        private static readonly System.Text.Json.JsonElement Schema = JsonElementOf("""{"type":"object","properties":{"a":{"type":"integer"}}}""");

        [Fact]
        public async Task Json_is_a_json_object_format()
        {
            Assert.Equal(
                HelloBody(""","text":{"format":{"type":"json_object"}}"""),
                await SentResponsesBodyAsync(new ChatOptions { ResponseFormat = ChatResponseFormat.Json }));
        }

        [Fact]
        public async Task A_schema_is_a_flat_json_schema_format_with_strict_false()
        {
            var options = new ChatOptions { ResponseFormat = ChatResponseFormat.ForJsonSchema(Schema, "answer", "The answer") };

            Assert.Equal(
                HelloBody(""","text":{"format":{"type":"json_schema","name":"answer","description":"The answer","schema":{"type":"object","properties":{"a":{"type":"integer"}}},"strict":false}}"""),
                await SentResponsesBodyAsync(options));
        }

        [Fact]
        public async Task A_schema_without_a_name_is_named_response()
        {
            var options = new ChatOptions { ResponseFormat = ChatResponseFormat.ForJsonSchema(Schema) };

            Assert.Equal(
                HelloBody(""","text":{"format":{"type":"json_schema","name":"response","schema":{"type":"object","properties":{"a":{"type":"integer"}}},"strict":false}}"""),
                await SentResponsesBodyAsync(options));
        }

        [Fact]
        public async Task WithStrictJsonSchema_sends_the_strict_transform_of_the_schema()
        {
            var options = new ChatOptions { ResponseFormat = ChatResponseFormat.ForJsonSchema(Schema, "answer") }.WithStrictJsonSchema();

            Assert.Equal(
                HelloBody(""","text":{"format":{"type":"json_schema","name":"answer","schema":{"type":"object","properties":{"a":{"type":"integer"}},"additionalProperties":false,"required":["a"]},"strict":true}}"""),
                await SentResponsesBodyAsync(options));
        }

        [Fact]
        public async Task Text_is_the_default_and_is_not_sent()
        {
            Assert.Equal(HelloBody(), await SentResponsesBodyAsync(new ChatOptions { ResponseFormat = ChatResponseFormat.Text }));
        }
    }

    public sealed class Extras
    {
        [Fact]
        public async Task AdditionalProperties_are_top_level_fields_after_the_mapped_ones_and_nexllm_keys_are_never_sent()
        {
            var options = new ChatOptions
            {
                Temperature = 0.5f,
                AdditionalProperties = new()
                {
                    ["truncation"] = "auto",
                    ["nexllm.private"] = "never sent",
                    ["metadata"] = JsonElementOf("""{"user":"u-1"}"""),
                },
            }.WithResponsesStore().WithStrictJsonSchema();

            string body = await SentResponsesBodyAsync(options);

            Assert.Equal($$$"""{"model":"gpt-4.1",{{{Hello}}},"store":true,"temperature":0.5,"truncation":"auto","metadata":{"user":"u-1"}}""", body);
            Assert.DoesNotContain("nexllm", body, StringComparison.Ordinal);
        }

        [Fact]
        public async Task RawRepresentationFactory_fields_win_over_mapped_fields()
        {
            var options = new ChatOptions { MaxOutputTokens = 100, RawRepresentationFactory = _ => JsonNode.Parse("""{"max_output_tokens":64,"store":true,"prompt_cache_key":"k"}""") };

            Assert.Equal(
                $$$"""{"model":"gpt-4.1",{{{Hello}}},"store":true,"max_output_tokens":64,"prompt_cache_key":"k"}""",
                await SentResponsesBodyAsync(options));
        }

        [Fact]
        public async Task Per_request_ModelId_replaces_the_client_model()
        {
            Assert.Equal(
                HelloBody(model: "gpt-4.1-mini"),
                await SentResponsesBodyAsync(new ChatOptions { ModelId = "gpt-4.1-mini" }, model: "gpt-4.1"));
        }
    }
}
