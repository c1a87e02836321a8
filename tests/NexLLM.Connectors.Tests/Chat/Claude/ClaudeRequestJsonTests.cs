using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using NexLLM.Connectors.Tests.TestSupport;
using static NexLLM.Connectors.Tests.Chat.ChatRequestJsonTests;
using static NexLLM.Connectors.Tests.TestSupport.ClaudeCalls;

namespace NexLLM.Connectors.Tests.Chat.Claude;

/// <summary>The exact request of the Claude Messages adapter (docs/protocols/claude-messages.md): route, headers, and the body byte for byte.</summary>
public sealed class ClaudeRequestJsonTests
{
    private const string Hello = "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Hello\"}]}]";

    public sealed class RouteAndHeaders
    {
        [Fact]
        public async Task Is_posted_to_messages_with_x_api_key_and_anthropic_version_and_no_Authorization()
        {
            RecordedRequest request = await SentClaudeRequestAsync([new ChatMessage(ChatRole.User, "Hello")]);

            Assert.Equal(HttpMethod.Post, request.Method);
            Assert.Equal("https://gateway.test/v1/messages", request.Uri.AbsoluteUri);
            Assert.Equal(Harness.ApiKey, request.Header("x-api-key"));
            Assert.Null(request.Header("Authorization"));
            Assert.Equal("2023-06-01", request.Header("anthropic-version"));
            Assert.Null(request.Header("anthropic-beta"));
            Assert.Equal("application/json", request.Header("Content-Type"));
            Assert.Equal("application/json", request.Header("Accept"));
        }

        [Fact]
        public async Task A_default_Authorization_header_is_never_sent_beside_the_key()
        {
            using var harness = new Harness(o => o.DefaultHeaders["Authorization"] = "Bearer other");
            harness.Handler.Enqueue(Reply.Json(ClaudeOkBody));

            await harness.AskClaudeAsync();

            Assert.Null(harness.Handler.SingleRequest.Header("Authorization"));
            Assert.Equal(Harness.ApiKey, harness.Handler.SingleRequest.Header("x-api-key"));
        }

        [Fact]
        public async Task WithClaudeBeta_values_are_joined_in_one_anthropic_beta_header_and_never_in_the_body()
        {
            var options = new ChatOptions().WithClaudeBeta("context-1m-2025-08-07", "interleaved-thinking-2025-05-14").WithClaudeBeta("files-api-2025-04-14");

            RecordedRequest request = await SentClaudeRequestAsync([new ChatMessage(ChatRole.User, "Hello")], options);

            Assert.Equal("context-1m-2025-08-07,interleaved-thinking-2025-05-14,files-api-2025-04-14", request.Header("anthropic-beta"));
            Assert.Equal($$$"""{"model":"claude-sonnet-4-5","max_tokens":4096,{{{Hello}}}}""", request.BodyText);
        }

        [Fact]
        public async Task A_beta_value_with_a_line_break_written_under_the_reserved_key_is_rejected_before_sending()
        {
            using var harness = new Harness();
            var options = new ChatOptions { AdditionalProperties = new() { ["nexllm.claude.beta"] = "a\r\nx-injected: 1" } };

            await Assert.ThrowsAsync<ArgumentException>(() => harness.AskClaudeAsync(options));

            Assert.Empty(harness.Handler.Requests);
        }
    }

    public sealed class MaxTokensAndThinking
    {
        [Fact]
        public async Task Minimal_is_model_max_tokens_4096_and_messages_as_blocks()
        {
            Assert.Equal($$$"""{"model":"claude-sonnet-4-5","max_tokens":4096,{{{Hello}}}}""", await SentClaudeBodyAsync(options: null));
        }

        [Fact]
        public async Task Empty_options_send_nothing_more()
        {
            Assert.Equal($$$"""{"model":"claude-sonnet-4-5","max_tokens":4096,{{{Hello}}}}""", await SentClaudeBodyAsync(new ChatOptions()));
        }

        [Fact]
        public async Task MaxOutputTokens_is_max_tokens()
        {
            Assert.Equal($$$"""{"model":"claude-sonnet-4-5","max_tokens":300,{{{Hello}}}}""", await SentClaudeBodyAsync(new ChatOptions { MaxOutputTokens = 300 }));
        }

        [Theory]
        [InlineData(ReasoningEffort.None, 4096, """{"type":"disabled"}""")]
        [InlineData(ReasoningEffort.Low, 4096, """{"type":"enabled","budget_tokens":1024}""")]
        [InlineData(ReasoningEffort.Medium, 4096 + 8192, """{"type":"enabled","budget_tokens":8192}""")]
        [InlineData(ReasoningEffort.High, 4096 + 16384, """{"type":"enabled","budget_tokens":16384}""")]
        [InlineData(ReasoningEffort.ExtraHigh, 4096 + 32768, """{"type":"enabled","budget_tokens":32768}""")]
        public async Task Reasoning_effort_gives_a_fixed_budget_and_max_tokens_is_raised_above_it(ReasoningEffort effort, int maxTokens, string thinking)
        {
            string body = await SentClaudeBodyAsync(new ChatOptions { Reasoning = new ReasoningOptions { Effort = effort } });

            Assert.Equal($$$"""{"model":"claude-sonnet-4-5","max_tokens":{{{maxTokens}}},{{{Hello}}},"thinking":{{{thinking}}}}""", body);
        }

        [Fact]
        public async Task MaxOutputTokens_equal_to_the_budget_is_raised_by_the_budget()
        {
            var options = new ChatOptions { MaxOutputTokens = 1024, Reasoning = new ReasoningOptions { Effort = ReasoningEffort.Low } };

            Assert.Equal(
                $$$"""{"model":"claude-sonnet-4-5","max_tokens":2048,{{{Hello}}},"thinking":{"type":"enabled","budget_tokens":1024}}""",
                await SentClaudeBodyAsync(options));
        }

        [Fact]
        public async Task MaxOutputTokens_above_the_budget_is_kept()
        {
            var options = new ChatOptions { MaxOutputTokens = 20000, Reasoning = new ReasoningOptions { Effort = ReasoningEffort.High } };

            Assert.Equal(
                $$$"""{"model":"claude-sonnet-4-5","max_tokens":20000,{{{Hello}}},"thinking":{"type":"enabled","budget_tokens":16384}}""",
                await SentClaudeBodyAsync(options));
        }

        [Theory]
        [InlineData(32_000, 64_000)]   // 32,000 + 32,768 would be 64,768: above the 64,000 Claude Sonnet 4.5 accepts
        [InlineData(31_232, 64_000)]
        [InlineData(31_000, 63_768)]
        [InlineData(64_000, 64_000)]
        public async Task A_raised_max_tokens_stays_within_the_models_output_limit(int maxOutputTokens, int sent)
        {
            var options = new ChatOptions { MaxOutputTokens = maxOutputTokens, Reasoning = new ReasoningOptions { Effort = ReasoningEffort.ExtraHigh } };

            Assert.Equal(
                $$$"""{"model":"claude-sonnet-4-5","max_tokens":{{{sent}}},{{{Hello}}},"thinking":{"type":"enabled","budget_tokens":32768}}""",
                await SentClaudeBodyAsync(options));
        }

        [Fact]
        public async Task A_budget_above_the_output_limit_still_gets_a_max_tokens_above_it()
        {
            var options = new ChatOptions { MaxOutputTokens = 500 }.WithThinkingBudget(70_000);

            Assert.Equal(
                $$$"""{"model":"claude-sonnet-4-5","max_tokens":70001,{{{Hello}}},"thinking":{"type":"enabled","budget_tokens":70000}}""",
                await SentClaudeBodyAsync(options));
        }

        [Fact]
        public async Task WithThinkingBudget_wins_over_the_effort_and_raises_max_tokens()
        {
            var options = new ChatOptions { MaxOutputTokens = 500, Reasoning = new ReasoningOptions { Effort = ReasoningEffort.High } }.WithThinkingBudget(2000);

            Assert.Equal(
                $$$"""{"model":"claude-sonnet-4-5","max_tokens":2500,{{{Hello}}},"thinking":{"type":"enabled","budget_tokens":2000}}""",
                await SentClaudeBodyAsync(options));
        }

        [Fact]
        public async Task WithThinkingBudget_zero_disables_thinking()
        {
            var options = new ChatOptions { Reasoning = new ReasoningOptions { Effort = ReasoningEffort.High } }.WithThinkingBudget(0);

            Assert.Equal($$$"""{"model":"claude-sonnet-4-5","max_tokens":4096,{{{Hello}}},"thinking":{"type":"disabled"}}""", await SentClaudeBodyAsync(options));
        }

        [Fact]
        public async Task WithClaudeAdaptiveThinking_wins_over_budget_and_effort_and_leaves_max_tokens()
        {
            var options = new ChatOptions { Reasoning = new ReasoningOptions { Effort = ReasoningEffort.High } }.WithThinkingBudget(9000).WithClaudeAdaptiveThinking();

            Assert.Equal($$$"""{"model":"claude-sonnet-4-5","max_tokens":4096,{{{Hello}}},"thinking":{"type":"adaptive"}}""", await SentClaudeBodyAsync(options));
        }

        [Fact]
        public void WithThinkingBudget_rejects_a_negative_budget_and_a_null_options()
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => new ChatOptions().WithThinkingBudget(-1));
            Assert.Throws<ArgumentNullException>(() => ((ChatOptions)null!).WithThinkingBudget(1024));
        }
    }

    public sealed class Sampling
    {
        [Fact]
        public async Task Stop_sequences_temperature_top_p_top_k_and_user_id_in_wire_order()
        {
            var options = new ChatOptions { Temperature = 0.5f, TopP = 0.25f, TopK = 40, StopSequences = ["END", "STOP"] }.WithClaudeUserId("user-42");

            Assert.Equal(
                $$$"""{"model":"claude-sonnet-4-5","max_tokens":4096,{{{Hello}}},"stop_sequences":["END","STOP"],"temperature":0.5,"top_p":0.25,"top_k":40,"metadata":{"user_id":"user-42"}}""",
                await SentClaudeBodyAsync(options));
        }

        [Fact]
        public async Task Extended_thinking_drops_a_temperature_other_than_1_and_top_k_and_logs_them_as_ignored()
        {
            using var harness = new Harness();
            harness.Handler.Enqueue(Reply.Json(ClaudeOkBody));

            await harness.AskClaudeAsync(new ChatOptions { Temperature = 0.5f, TopP = 0.97f, TopK = 40, Reasoning = new ReasoningOptions { Effort = ReasoningEffort.Low } });

            Assert.Equal(
                """{"model":"claude-sonnet-4-5","max_tokens":4096,"messages":[{"role":"user","content":[{"type":"text","text":"Hi"}]}],"top_p":0.97,"thinking":{"type":"enabled","budget_tokens":1024}}""",
                harness.Handler.SingleRequest.BodyText);
            Assert.Contains(harness.Logs.Entries, e => e.Message.Contains("Temperature other than 1 with extended thinking", StringComparison.Ordinal));
            Assert.Contains(harness.Logs.Entries, e => e.Message.Contains("TopK with extended thinking", StringComparison.Ordinal));
        }

        [Fact]
        public async Task Extended_thinking_drops_a_top_p_below_0_95_and_logs_it_as_ignored()
        {
            using var harness = new Harness();
            harness.Handler.Enqueue(Reply.Json(ClaudeOkBody));

            await harness.AskClaudeAsync(new ChatOptions { TopP = 0.9f, Reasoning = new ReasoningOptions { Effort = ReasoningEffort.Low } });

            Assert.DoesNotContain("top_p", harness.Handler.SingleRequest.BodyText, StringComparison.Ordinal);
            Assert.Contains(harness.Logs.Entries, e => e.Message.Contains("TopP below 0.95 with extended thinking", StringComparison.Ordinal));
        }

        [Theory]
        [InlineData(1f, "1", ReasoningEffort.Low, """{"type":"enabled","budget_tokens":1024}""")]
        [InlineData(0.5f, "0.5", ReasoningEffort.None, """{"type":"disabled"}""")]
        public async Task Temperature_1_with_thinking_and_any_temperature_without_it_are_sent(float temperature, string wire, ReasoningEffort effort, string thinking)
        {
            var options = new ChatOptions { Temperature = temperature, Reasoning = new ReasoningOptions { Effort = effort } };

            Assert.Equal(
                $$$"""{"model":"claude-sonnet-4-5","max_tokens":4096,{{{Hello}}},"temperature":{{{wire}}},"thinking":{{{thinking}}}}""",
                await SentClaudeBodyAsync(options));
        }

        [Fact]
        public async Task Seed_and_penalties_are_not_sent_and_are_logged_as_ignored()
        {
            using var harness = new Harness();
            harness.Handler.Enqueue(Reply.Json(ClaudeOkBody));

            await harness.AskClaudeAsync(new ChatOptions { Seed = 42, FrequencyPenalty = 0.5f, PresencePenalty = -0.5f });

            Assert.Equal(
                """{"model":"claude-sonnet-4-5","max_tokens":4096,"messages":[{"role":"user","content":[{"type":"text","text":"Hi"}]}]}""",
                harness.Handler.SingleRequest.BodyText);
            Assert.Contains(harness.Logs.Entries, e => e.Message.Contains("Seed", StringComparison.Ordinal));
            Assert.Contains(harness.Logs.Entries, e => e.Message.Contains("FrequencyPenalty", StringComparison.Ordinal));
        }

        [Theory]
        [InlineData("")]
        [InlineData("  ")]
        public void WithClaudeUserId_rejects_an_empty_id(string userId)
        {
            Assert.Throws<ArgumentException>(() => new ChatOptions().WithClaudeUserId(userId));
        }
    }

    public sealed class PromptCaching
    {
        [Fact]
        public async Task WithClaudePromptCaching_five_minutes_is_a_bare_ephemeral_top_level_cache_control()
        {
            Assert.Equal(
                $$$"""{"model":"claude-sonnet-4-5","max_tokens":4096,{{{Hello}}},"cache_control":{"type":"ephemeral"}}""",
                await SentClaudeBodyAsync(new ChatOptions().WithClaudePromptCaching()));
        }

        [Fact]
        public async Task WithClaudePromptCaching_one_hour_carries_the_ttl()
        {
            Assert.Equal(
                $$$"""{"model":"claude-sonnet-4-5","max_tokens":4096,{{{Hello}}},"cache_control":{"type":"ephemeral","ttl":"1h"}}""",
                await SentClaudeBodyAsync(new ChatOptions().WithClaudePromptCaching(NexLLMCacheTtl.OneHour)));
        }

        [Fact]
        public void An_unknown_ttl_is_an_ArgumentOutOfRangeException()
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => new ChatOptions().WithClaudePromptCaching((NexLLMCacheTtl)7));
            Assert.Throws<ArgumentOutOfRangeException>(() => new TextContent("x").WithClaudeCacheControl((NexLLMCacheTtl)7));
        }

        [Fact]
        public void Null_targets_are_ArgumentNullExceptions()
        {
            Assert.Throws<ArgumentNullException>(() => ((ChatOptions)null!).WithClaudePromptCaching());
            Assert.Throws<ArgumentNullException>(() => ((ChatOptions)null!).WithClaudeSystemCaching());
            Assert.Throws<ArgumentNullException>(() => ((ChatOptions)null!).WithClaudeToolCaching());
            Assert.Throws<ArgumentNullException>(() => ((ChatOptions)null!).WithClaudeAdaptiveThinking());
            Assert.Throws<ArgumentNullException>(() => ((ChatOptions)null!).WithClaudeUserId("u"));
            Assert.Throws<ArgumentNullException>(() => ((TextContent)null!).WithClaudeCacheControl());
            Assert.Throws<ArgumentNullException>(() => ((ChatMessage)null!).WithClaudeCacheBreakpoint());
        }
    }

    public sealed class BetaValidation
    {
        [Theory]
        [InlineData("")]
        [InlineData(" ")]
        [InlineData("a,b")]
        [InlineData("a b")]
        [InlineData("a\tb")]
        [InlineData("a\r\nx-injected: 1")]
        [InlineData("a\0b")]
        public void A_bad_beta_name_is_an_ArgumentException_and_nothing_is_stored(string beta)
        {
            var options = new ChatOptions();

            Assert.Throws<ArgumentException>(() => options.WithClaudeBeta("ok-1", beta));

            Assert.Null(options.AdditionalProperties);
        }

        [Fact]
        public void Null_options_betas_or_beta_are_ArgumentNullExceptions()
        {
            Assert.Throws<ArgumentNullException>(() => ((ChatOptions)null!).WithClaudeBeta("a"));
            Assert.Throws<ArgumentNullException>(() => new ChatOptions().WithClaudeBeta(null!));
            Assert.Throws<ArgumentNullException>(() => new ChatOptions().WithClaudeBeta("a", null!));
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
                    ["service_tier"] = "auto",
                    ["nexllm.private"] = "never sent",
                    ["container"] = JsonElementOf("""{"id":"cntr_1"}"""),
                },
            }.WithClaudeBeta("b-1").WithClaudeUserId("u-1").WithClaudePromptCaching().WithClaudeAdaptiveThinking().WithThinkingBudget(2048);

            string body = await SentClaudeBodyAsync(options);

            Assert.Equal(
                OneLine($$$"""
                    {"model":"claude-sonnet-4-5","max_tokens":4096,{{{Hello}}},"temperature":0.5,"metadata":{"user_id":"u-1"},
                    "thinking":{"type":"adaptive"},"cache_control":{"type":"ephemeral"},"service_tier":"auto","container":{"id":"cntr_1"}}
                    """),
                body);
            Assert.DoesNotContain("nexllm", body, StringComparison.Ordinal);
        }

        [Fact]
        public async Task RawRepresentationFactory_fields_win_over_mapped_fields()
        {
            var options = new ChatOptions { MaxOutputTokens = 100, RawRepresentationFactory = _ => JsonNode.Parse("""{"max_tokens":64,"top_k":5}""") };

            Assert.Equal($$$"""{"model":"claude-sonnet-4-5","max_tokens":64,{{{Hello}}},"top_k":5}""", await SentClaudeBodyAsync(options));
        }

        [Fact]
        public async Task Per_request_ModelId_replaces_the_client_model()
        {
            Assert.Equal(
                $$$"""{"model":"claude-opus-4-1","max_tokens":4096,{{{Hello}}}}""",
                await SentClaudeBodyAsync(new ChatOptions { ModelId = "claude-opus-4-1" }, model: "claude-sonnet-4-5"));
        }

        [Fact]
        public async Task A_per_request_ModelId_with_a_control_character_is_an_ArgumentException_and_nothing_is_sent()
        {
            using var harness = new Harness();

            await Assert.ThrowsAsync<ArgumentException>(() => harness.AskClaudeAsync(new ChatOptions { ModelId = "claude\r\nx" }));

            Assert.Empty(harness.Handler.Requests);
        }

        [Fact]
        public async Task Streaming_adds_stream_true_after_the_messages_and_accepts_an_event_stream()
        {
            using var harness = new Harness();
            harness.Handler.Enqueue(Reply.Sse(ClaudeSse.Events(ClaudeEvent.TextAnswer("msg_1", "ok"))));

            var (_, error) = await harness.StreamClaudeAsync(options: new ChatOptions { MaxOutputTokens = 10 });

            Assert.Null(error);
            RecordedRequest request = harness.Handler.SingleRequest;
            Assert.Equal(
                """{"model":"claude-sonnet-4-5","max_tokens":10,"messages":[{"role":"user","content":[{"type":"text","text":"Hi"}]}],"stream":true}""",
                request.BodyText);
            Assert.Equal("text/event-stream", request.Header("Accept"));
            Assert.Equal("2023-06-01", request.Header("anthropic-version"));
        }
    }
}
