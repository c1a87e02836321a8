using System.Text.Json;
using Microsoft.Extensions.AI;
using NexLLM.Connectors.Tests.TestSupport;
using static NexLLM.Connectors.Tests.TestSupport.GeminiCalls;

namespace NexLLM.Connectors.Tests.Chat.Gemini;

/// <summary>
/// A non-streamed generateContent answer replayed byte for byte (docs/protocols/gemini.md "Response"): parts, thought signatures,
/// every finish reason, prompt blocks, usage arithmetic, safety ratings, grounding, ids.
/// </summary>
public sealed class GeminiResponseMappingTests
{
    /// <summary>The response example of docs/protocols/gemini.md, verbatim but for the elided signature and id.</summary>
    internal const string WireResponse = """
        {"candidates":[{"content":{"role":"model","parts":[{"functionCall":{"name":"get_weather","args":{"city":"Paris"}},"thoughtSignature":"CiIBsig=="}]},
          "finishReason":"STOP","index":0,"safetyRatings":[{"category":"HARM_CATEGORY_HARASSMENT","probability":"NEGLIGIBLE"}]}],
         "usageMetadata":{"promptTokenCount":80,"candidatesTokenCount":12,"totalTokenCount":150,"thoughtsTokenCount":58,"cachedContentTokenCount":0,
           "promptTokensDetails":[{"modality":"TEXT","tokenCount":80}]},
         "modelVersion":"gemini-2.5-flash","responseId":"abc123"}
        """;

    private static string Answer(string partsJson, string finishReason = "STOP", string extra = "", string? usageJson = null) =>
        $$$"""{"candidates":[{"content":{"role":"model","parts":{{{partsJson}}}},"finishReason":"{{{finishReason}}}","index":0{{{extra}}}}],"""
        + (usageJson is null ? string.Empty : $"\"usageMetadata\":{usageJson},")
        + "\"modelVersion\":\"gemini-2.5-flash\",\"responseId\":\"r1\"}";

    public sealed class Parts
    {
        [Fact]
        public async Task The_WIRE_example_is_one_signed_call_ToolCalls_usage_ratings_ids_and_the_request_id()
        {
            ChatResponse response = await ReplayAnswerAsync(WireResponse, requestId: "rid-1");

            var call = Assert.IsType<FunctionCallContent>(Assert.Single(response.Messages.Single().Contents));
            Assert.Equal(("get_weather", "{city=\"Paris\"}", "CiIBsig=="), (call.Name, UpdateText.Arguments(call), call.AdditionalProperties?["nexllm.gemini.thought_signature"]));
            Assert.StartsWith("call_", call.CallId, StringComparison.Ordinal);
            Assert.Equal((ChatRole.Assistant, "abc123", "abc123", "gemini-2.5-flash"), (response.Messages[0].Role, response.ResponseId, response.Messages[0].MessageId, response.ModelId));
            Assert.Equal(ChatFinishReason.ToolCalls, response.FinishReason);
            Assert.Equal(("rid-1", "STOP"), (response.AdditionalProperties?["nexllm.request_id"], response.AdditionalProperties?["nexllm.finish_reason"]));
            Assert.Equal(
                """[{"category":"HARM_CATEGORY_HARASSMENT","probability":"NEGLIGIBLE"}]""",
                Assert.IsType<JsonElement>(response.AdditionalProperties?["nexllm.gemini.safety_ratings"]).GetRawText());
            Assert.Equal((80L, 70L, 150L, 0L, 58L), (response.Usage?.InputTokenCount, response.Usage?.OutputTokenCount, response.Usage?.TotalTokenCount, response.Usage?.CachedInputTokenCount, response.Usage?.ReasoningTokenCount));
            Assert.Null(response.Usage?.AdditionalCounts);
            Assert.Equal("abc123", Assert.IsType<JsonElement>(response.RawRepresentation).GetProperty("responseId").GetString());
        }

        [Fact]
        public async Task Text_parts_are_text_and_a_thought_is_reasoning_with_its_signature_as_ProtectedData()
        {
            ChatResponse response = await ReplayAnswerAsync(Answer("""[{"text":"Considering units.","thought":true,"thoughtSignature":"sig-t"},{"text":"It is "},{"text":"18 C."}]"""));

            Assert.Equal("reasoning:\"Considering units.\" text:\"It is \" text:\"18 C.\"", string.Join(' ', response.Messages[0].Contents.Select(UpdateText.Render)));
            Assert.Equal("sig-t", Assert.IsType<TextReasoningContent>(response.Messages[0].Contents[0]).ProtectedData);
            Assert.Equal("It is 18 C.", response.Text);
            Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        }

        [Fact]
        public async Task A_signature_on_a_text_part_follows_it_as_an_empty_reasoning_content()
        {
            ChatResponse response = await ReplayAnswerAsync(Answer("""[{"text":"Paris.","thoughtSignature":"sig-x"}]"""));

            Assert.Collection(
                response.Messages[0].Contents,
                c => Assert.Equal("Paris.", Assert.IsType<TextContent>(c).Text),
                c => Assert.Equal((string.Empty, "sig-x"), (Assert.IsType<TextReasoningContent>(c).Text, ((TextReasoningContent)c).ProtectedData)));
        }

        [Fact]
        public async Task Calls_get_fresh_distinct_ids_when_none_is_sent_and_keep_one_that_is()
        {
            ChatResponse response = await ReplayAnswerAsync(Answer(
                """[{"functionCall":{"name":"a","args":{}}},{"functionCall":{"name":"b"}},{"functionCall":{"id":"fc-7","name":"c","args":{"n":1,"o":{"p":[true]}}}}]"""));

            FunctionCallContent[] calls = [.. response.Messages[0].Contents.OfType<FunctionCallContent>()];
            Assert.Equal(3, calls.Length);
            Assert.NotEqual(calls[0].CallId, calls[1].CallId);
            Assert.All(calls[..2], c => Assert.Matches("^call_[0-9a-f]{24}$", c.CallId));
            Assert.Equal(("fc-7", "{n=1,o={\"p\":[true]}}"), (calls[2].CallId, UpdateText.Arguments(calls[2])));
            Assert.Equal(("{}", "{}"), (UpdateText.Arguments(calls[0]), UpdateText.Arguments(calls[1])));
            Assert.All(calls, c => Assert.Null(c.AdditionalProperties));
        }

        [Fact]
        public async Task Inline_data_in_the_answer_is_DataContent()
        {
            ChatResponse response = await ReplayAnswerAsync(Answer("""[{"text":"Here:"},{"inlineData":{"mimeType":"image/png","data":"AQID"}}]"""));

            var data = Assert.IsType<DataContent>(response.Messages[0].Contents[1]);
            Assert.Equal("image/png", data.MediaType);
            Assert.Equal(new byte[] { 1, 2, 3 }, data.Data.ToArray());
        }

        [Fact]
        public async Task A_candidate_without_content_is_an_empty_message()
        {
            ChatResponse response = await ReplayAnswerAsync("""{"candidates":[{"finishReason":"SAFETY","index":0,"safetyRatings":[{"category":"HARM_CATEGORY_HATE_SPEECH","probability":"HIGH","blocked":true}]}],"responseId":"r2"}""");

            Assert.Empty(response.Messages.Single().Contents);
            Assert.Equal((ChatFinishReason.ContentFilter, "SAFETY"), (response.FinishReason, response.AdditionalProperties?["nexllm.finish_reason"]));
        }
    }

    public sealed class FinishReasons
    {
        [Theory]
        [InlineData("STOP", "stop")]
        [InlineData("MAX_TOKENS", "length")]
        [InlineData("SAFETY", "content_filter")]
        [InlineData("RECITATION", "content_filter")]
        [InlineData("BLOCKLIST", "content_filter")]
        [InlineData("PROHIBITED_CONTENT", "content_filter")]
        [InlineData("SPII", "content_filter")]
        [InlineData("IMAGE_SAFETY", "content_filter")]
        [InlineData("IMAGE_PROHIBITED_CONTENT", "content_filter")]
        [InlineData("IMAGE_RECITATION", "content_filter")]
        [InlineData("LANGUAGE", "LANGUAGE")]
        [InlineData("OTHER", "OTHER")]
        [InlineData("MALFORMED_FUNCTION_CALL", "MALFORMED_FUNCTION_CALL")]
        [InlineData("UNEXPECTED_TOOL_CALL", "UNEXPECTED_TOOL_CALL")]
        [InlineData("TOO_MANY_TOOL_CALLS", "TOO_MANY_TOOL_CALLS")]
        [InlineData("NO_IMAGE", "NO_IMAGE")]
        [InlineData("IMAGE_OTHER", "IMAGE_OTHER")]
        [InlineData("FINISH_REASON_UNSPECIFIED", "FINISH_REASON_UNSPECIFIED")]
        public async Task Every_value_is_mapped_and_the_raw_value_kept(string raw, string mapped)
        {
            ChatResponse response = await ReplayAnswerAsync(Answer("""[{"text":"x"}]""", raw));

            Assert.Equal(new ChatFinishReason(mapped), response.FinishReason);
            Assert.Equal(raw, response.AdditionalProperties?["nexllm.finish_reason"]);
        }

        [Theory]
        [InlineData("STOP", "tool_calls")]
        [InlineData("MAX_TOKENS", "length")]
        [InlineData("MALFORMED_FUNCTION_CALL", "MALFORMED_FUNCTION_CALL")]
        public async Task STOP_with_a_function_call_is_ToolCalls_and_other_reasons_stay(string raw, string mapped)
        {
            ChatResponse response = await ReplayAnswerAsync(Answer("""[{"text":"Checking."},{"functionCall":{"name":"now","args":{}}}]""", raw));

            Assert.Equal(new ChatFinishReason(mapped), response.FinishReason);
        }

        [Theory]
        [InlineData("SAFETY")]
        [InlineData("OTHER")]
        [InlineData("BLOCKLIST")]
        [InlineData("PROHIBITED_CONTENT")]
        [InlineData("IMAGE_SAFETY")]
        [InlineData("MODEL_ARMOR")]
        [InlineData("JAILBREAK")]
        [InlineData("BLOCKED_REASON_UNSPECIFIED")]
        public async Task A_prompt_block_is_an_answer_with_an_ErrorContent_naming_the_reason_and_ContentFilter(string reason)
        {
            string body = $$$"""{"promptFeedback":{"blockReason":"{{{reason}}}","safetyRatings":[{"category":"HARM_CATEGORY_DANGEROUS_CONTENT","probability":"HIGH","blocked":true}]},"usageMetadata":{"promptTokenCount":8,"totalTokenCount":8},"modelVersion":"gemini-2.5-flash","responseId":"blk"}""";

            ChatResponse response = await ReplayAnswerAsync(body, requestId: "rid-b");

            var error = Assert.IsType<ErrorContent>(Assert.Single(response.Messages.Single().Contents));
            Assert.Equal(reason, error.ErrorCode);
            Assert.Contains(reason, error.Message, StringComparison.Ordinal);
            Assert.Equal((ChatFinishReason.ContentFilter, reason, "rid-b"), (response.FinishReason, response.AdditionalProperties?["nexllm.finish_reason"], response.AdditionalProperties?["nexllm.request_id"]));
            Assert.Contains("HARM_CATEGORY_DANGEROUS_CONTENT", Assert.IsType<JsonElement>(response.AdditionalProperties?["nexllm.gemini.safety_ratings"]).GetRawText(), StringComparison.Ordinal);
            Assert.Equal((8L, null, 8L), (response.Usage?.InputTokenCount, response.Usage?.OutputTokenCount, response.Usage?.TotalTokenCount));
        }

        [Fact]
        public async Task A_prompt_block_with_an_empty_candidates_array_is_still_an_answer()
        {
            ChatResponse response = await ReplayAnswerAsync("""{"candidates":[],"promptFeedback":{"blockReason":"PROHIBITED_CONTENT"}}""");

            Assert.IsType<ErrorContent>(Assert.Single(response.Messages.Single().Contents));
            Assert.Equal(ChatFinishReason.ContentFilter, response.FinishReason);
        }
    }

    public sealed class Usage
    {
        [Fact]
        public async Task Output_is_candidates_plus_thoughts_and_the_other_counts_are_kept()
        {
            string body = Answer(
                """[{"text":"x"}]""",
                usageJson: """{"promptTokenCount":100,"candidatesTokenCount":20,"totalTokenCount":157,"cachedContentTokenCount":40,"thoughtsTokenCount":30,"toolUsePromptTokenCount":7,"trafficType":"ON_DEMAND"}""");

            UsageDetails usage = (await ReplayAnswerAsync(body)).Usage!;

            Assert.Equal((100L, 50L, 157L, 40L, 30L), (usage.InputTokenCount, usage.OutputTokenCount, usage.TotalTokenCount, usage.CachedInputTokenCount, usage.ReasoningTokenCount));
            Assert.Equal(7L, Assert.Single(usage.AdditionalCounts!, c => c.Key == NexLLMUsageCounts.ToolUsePromptTokens).Value);
        }

        [Fact]
        public async Task Audio_and_text_tokens_come_from_the_per_modality_lists()
        {
            string body = Answer(
                """[{"text":"x"}]""",
                usageJson: """
                {"promptTokenCount":130,"candidatesTokenCount":60,"totalTokenCount":190,
                 "promptTokensDetails":[{"modality":"TEXT","tokenCount":30},{"modality":"AUDIO","tokenCount":90},{"modality":"IMAGE","tokenCount":10}],
                 "candidatesTokensDetails":[{"modality":"AUDIO","tokenCount":45},{"modality":"TEXT","tokenCount":15}]}
                """);

            UsageDetails usage = (await ReplayAnswerAsync(body)).Usage!;

            Assert.Equal((90L, 30L, 45L, 15L), (usage.InputAudioTokenCount, usage.InputTextTokenCount, usage.OutputAudioTokenCount, usage.OutputTextTokenCount));
            Assert.Equal(90L, usage.AdditionalCounts![NexLLMUsageCounts.AudioInputTokens]);
            Assert.Equal(45L, usage.AdditionalCounts[NexLLMUsageCounts.AudioOutputTokens]);
        }

        [Fact]
        public async Task Without_per_modality_lists_there_are_no_audio_counts()
        {
            UsageDetails usage = (await ReplayAnswerAsync(Answer("""[{"text":"x"}]""", usageJson: """{"promptTokenCount":5,"candidatesTokenCount":2}"""))).Usage!;

            Assert.Equal((null, null, null, null), (usage.InputAudioTokenCount, usage.InputTextTokenCount, usage.OutputAudioTokenCount, usage.OutputTextTokenCount));
            Assert.Null(usage.AdditionalCounts);
        }

        [Fact]
        public async Task A_missing_total_is_input_plus_output_plus_tool_use_prompt_tokens()
        {
            string body = Answer("""[{"text":"x"}]""", usageJson: """{"promptTokenCount":10,"candidatesTokenCount":3,"thoughtsTokenCount":2,"toolUsePromptTokenCount":4}""");

            UsageDetails usage = (await ReplayAnswerAsync(body)).Usage!;

            Assert.Equal((10L, 5L, 19L), (usage.InputTokenCount, usage.OutputTokenCount, usage.TotalTokenCount));
        }

        [Fact]
        public async Task No_usageMetadata_is_no_usage()
        {
            Assert.Null((await ReplayAnswerAsync(Answer("""[{"text":"x"}]"""))).Usage);
        }
    }

    public sealed class Facts
    {
        [Fact]
        public async Task Grounding_metadata_is_kept_in_AdditionalProperties_as_sent()
        {
            const string Grounding = """{"webSearchQueries":["weather paris"],"groundingChunks":[{"web":{"uri":"https://example.test","title":"Example"}}]}""";

            ChatResponse response = await ReplayAnswerAsync(Answer("""[{"text":"18 C"}]""", extra: $",\"groundingMetadata\":{Grounding}"));

            Assert.Equal(Grounding, Assert.IsType<JsonElement>(response.AdditionalProperties?["nexllm.gemini.grounding_metadata"]).GetRawText());
        }

        [Fact]
        public async Task Without_a_request_id_header_only_the_finish_reason_is_in_AdditionalProperties()
        {
            ChatResponse response = await ReplayAnswerAsync(Answer("""[{"text":"x"}]"""));

            Assert.Equal("nexllm.finish_reason", Assert.Single(response.AdditionalProperties!).Key);
        }

        [Fact]
        public async Task Unknown_fields_are_tolerated_and_only_the_first_candidate_is_read()
        {
            string body = """
                {"candidates":[{"content":{"role":"model","parts":[{"text":"one","future":1}]},"finishReason":"STOP","index":0,"avgLogprobs":-0.1,"citationMetadata":{"citations":[]}},
                 {"content":{"role":"model","parts":[{"text":"two"}]},"finishReason":"STOP","index":1}],"extra":{"a":[1]},"responseId":"r"}
                """;

            Assert.Equal("one", (await ReplayAnswerAsync(body)).Text);
        }
    }
}
