using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;
using NexLLM.Connectors.Chat;
using NexLLM.Connectors.Chat.Gemini;
using NexLLM.Connectors.Http;
using NexLLM.Connectors.Tests.TestSupport;

namespace NexLLM.Connectors.Tests.Chat.Mappers;

/// <summary>
/// <see cref="GeminiStreamMapper"/> called directly, chunk by chunk, with a <see cref="TestStreamContext"/> (request id
/// <c>rid-map</c>). Chunks are written by <see cref="GeminiChunk"/>: response <c>resp-1</c> of <c>gemini-2.5-flash</c>.
/// </summary>
public sealed class GeminiStreamMapperTests
{
    private const string Line = "[assistant|resp-1|resp-1|gemini-2.5-flash||";

    private static GeminiResponse Parse(string json) => JsonSerializer.Deserialize(json, GeminiJsonContext.Default.GeminiResponse)!;

    /// <summary>Maps the chunks in order and returns every update that is not null.</summary>
    private static List<ChatResponseUpdate> Updates(GeminiStreamMapper mapper, params string[] chunks) =>
        [.. chunks.Select(c => mapper.Map(Parse(c))).OfType<ChatResponseUpdate>()];

    public sealed class IsPrelude
    {
        [Theory]
        [InlineData("""{"responseId":"r","modelVersion":"m"}""", true)]
        [InlineData("""{"candidates":[{"content":{"role":"model","parts":[]},"index":0}]}""", true)]
        [InlineData("""{"candidates":[null]}""", true)]
        [InlineData("""{"candidates":[{"content":{"parts":[{"text":"Hi"}]}}]}""", false)]
        [InlineData("""{"candidates":[{"finishReason":"STOP"}]}""", false)]
        [InlineData("""{"usageMetadata":{"promptTokenCount":3}}""", false)]
        [InlineData("""{"promptFeedback":{"blockReason":"SAFETY"}}""", false)]
        public void Only_a_chunk_with_nothing_a_caller_would_see_is_a_prelude(string data, bool prelude)
        {
            JsonEvent<GeminiResponse> item = JsonEvent<GeminiResponse>.Parse(Encoding.UTF8.GetBytes(data), GeminiJsonContext.Default.GeminiResponse, static c => c.Error is not null);

            Assert.Equal(prelude, GeminiStreamMapper.IsPrelude(item));
        }

        [Fact]
        public void A_text_chunk_from_the_fast_path_is_never_a_prelude()
        {
            Assert.False(GeminiStreamMapper.IsPrelude(new StreamItem<GeminiTextChunk, GeminiResponse>(new GeminiTextChunk("r", null, "Hi", null))));
        }
    }

    public sealed class MapTextChunk
    {
        [Fact]
        public void Text_is_handed_out_at_once_and_its_usage_counts_wait_for_the_final_update()
        {
            var mapper = new GeminiStreamMapper(new TestStreamContext());

            ChatResponseUpdate update = mapper.Map(new GeminiTextChunk("resp-1", "gemini-2.5-flash", "Hi", new GeminiUsageCounts(10, 2, 12, null, null, null)));

            Assert.Equal(Line + "] text:\"Hi\"\n", UpdateText.Render([update]));
            Assert.Equal("usage:10/2/12", UpdateText.Render(Assert.Single(mapper.Final().Contents)));
        }
    }

    public sealed class Map
    {
        [Fact]
        public void Thoughts_texts_and_calls_keep_their_signatures()
        {
            var mapper = new GeminiStreamMapper(new TestStreamContext());

            List<ChatResponseUpdate> updates = Updates(mapper, GeminiChunk.Parts(
                $"[{GeminiChunk.ThoughtPart("Hmm", "sig-1")},{GeminiChunk.TextPart("Hi", "sig-2")},{GeminiChunk.CallPart("get_weather", """{"city":"Paris"}""", "sig-3")}]"));

            IList<AIContent> contents = Assert.Single(updates).Contents;
            Assert.Equal(4, contents.Count);
            var thought = Assert.IsType<TextReasoningContent>(contents[0]);
            Assert.Equal(("Hmm", "sig-1"), (thought.Text, thought.ProtectedData));
            Assert.Equal("Hi", Assert.IsType<TextContent>(contents[1]).Text);
            var textSignature = Assert.IsType<TextReasoningContent>(contents[2]);
            Assert.Equal((string.Empty, "sig-2"), (textSignature.Text, textSignature.ProtectedData));
            var call = Assert.IsType<FunctionCallContent>(contents[3]);
            Assert.Equal(("get_weather", "{city=\"Paris\"}", "sig-3"), (call.Name, UpdateText.Arguments(call), call.AdditionalProperties![ChatOptionKeys.GeminiThoughtSignature]));
            Assert.Matches("^call_[0-9a-f]{24}$", call.CallId);
        }

        [Fact]
        public void Inline_data_is_a_DataContent_and_data_that_is_not_base64_is_a_ResponseContentException_for_the_client_to_type()
        {
            var mapper = new GeminiStreamMapper(new TestStreamContext());

            List<ChatResponseUpdate> updates = Updates(mapper, GeminiChunk.Parts("""[{"inlineData":{"mimeType":"image/png","data":"AQID"}}]"""));

            var data = Assert.IsType<DataContent>(Assert.Single(Assert.Single(updates).Contents));
            Assert.Equal("image/png", data.MediaType);
            Assert.Equal([1, 2, 3], data.Data.ToArray());
            var error = Assert.Throws<ResponseContentException>(() => mapper.Map(Parse(GeminiChunk.Parts("""[{"inlineData":{"mimeType":"image/png","data":"*not base64*"}}]"""))));
            Assert.Equal("the data of an inlineData part is not valid base64", error.Message);
        }

        [Fact]
        public void A_chunk_without_parts_gives_no_update_and_a_finish_reason_marks_the_end()
        {
            var mapper = new GeminiStreamMapper(new TestStreamContext());

            Assert.Empty(Updates(mapper, GeminiChunk.Parts("[]")));
            Assert.False(mapper.Finished);
            Assert.Empty(Updates(mapper, GeminiChunk.Parts("[]", "STOP")));
            Assert.True(mapper.Finished);
        }

        [Fact]
        public void A_blocked_prompt_is_an_ErrorContent_and_ends_the_answer_as_a_content_filter()
        {
            var mapper = new GeminiStreamMapper(new TestStreamContext());

            List<ChatResponseUpdate> updates = Updates(mapper, """{"promptFeedback":{"blockReason":"PROHIBITED_CONTENT","safetyRatings":[]},"responseId":"resp-1","modelVersion":"gemini-2.5-flash"}""");

            Assert.Equal(Line + "] error:PROHIBITED_CONTENT:The prompt was blocked (PROHIBITED_CONTENT).\n", UpdateText.Render(updates));
            Assert.True(mapper.Finished);
            ChatResponseUpdate final = mapper.Final();
            Assert.Equal(Line + "content_filter] nexllm.request_id=rid-map nexllm.finish_reason=PROHIBITED_CONTENT nexllm.gemini.safety_ratings=[]\n", UpdateText.Render([final]));
        }
    }

    public sealed class Final
    {
        [Theory]
        [InlineData("STOP", false, "stop")]
        [InlineData("STOP", true, "tool_calls")]
        [InlineData("MAX_TOKENS", false, "length")]
        [InlineData("SAFETY", false, "content_filter")]
        [InlineData("RECITATION", false, "content_filter")]
        [InlineData("MALFORMED_FUNCTION_CALL", false, "MALFORMED_FUNCTION_CALL")]
        public void The_finish_reason_is_mapped_STOP_after_a_call_being_ToolCalls_and_kept_raw(string raw, bool withCall, string finishReason)
        {
            var mapper = new GeminiStreamMapper(new TestStreamContext());
            Updates(mapper, withCall ? GeminiChunk.Parts($"[{GeminiChunk.CallPart("f", "{}")}]") : GeminiChunk.Text("Hi"), GeminiChunk.Parts("[]", raw));

            Assert.Equal($"{Line}{finishReason}] nexllm.request_id=rid-map nexllm.finish_reason={raw}\n", UpdateText.Render([mapper.Final()]));
        }

        [Fact]
        public void Usage_is_the_last_chunks_counts_with_thoughts_in_the_output_and_tool_use_prompt_tokens_kept_apart()
        {
            var mapper = new GeminiStreamMapper(new TestStreamContext());
            Updates(
                mapper,
                GeminiChunk.Text("a", usageJson: """{"promptTokenCount":10,"candidatesTokenCount":1,"totalTokenCount":11}"""),
                GeminiChunk.Text("b", "STOP", """{"promptTokenCount":10,"candidatesTokenCount":5,"thoughtsTokenCount":3,"cachedContentTokenCount":4,"toolUsePromptTokenCount":2}"""));

            UsageDetails usage = Assert.IsType<UsageContent>(Assert.Single(mapper.Final().Contents)).Details;

            Assert.Equal((10L, 8L, 20L, 4L, 3L), (usage.InputTokenCount, usage.OutputTokenCount, usage.TotalTokenCount, usage.CachedInputTokenCount, usage.ReasoningTokenCount));
            Assert.Equal(new Dictionary<string, long> { [NexLLMUsageCounts.ToolUsePromptTokens] = 2 }, usage.AdditionalCounts);
        }

        [Fact]
        public void Safety_ratings_and_grounding_of_the_final_candidate_are_kept()
        {
            var mapper = new GeminiStreamMapper(new TestStreamContext());
            Updates(mapper, """{"candidates":[{"content":{"parts":[{"text":"Hi"}]},"finishReason":"STOP","safetyRatings":[{"category":"HARM_CATEGORY_HATE_SPEECH","probability":"NEGLIGIBLE"}],"groundingMetadata":{"webSearchQueries":["q"]}}],"responseId":"resp-1"}""");

            AdditionalPropertiesDictionary properties = mapper.Final().AdditionalProperties!;

            Assert.Equal("""[{"category":"HARM_CATEGORY_HATE_SPEECH","probability":"NEGLIGIBLE"}]""", ((JsonElement)properties[ChatOptionKeys.GeminiSafetyRatings]!).GetRawText());
            Assert.Equal("""{"webSearchQueries":["q"]}""", ((JsonElement)properties[ChatOptionKeys.GeminiGroundingMetadata]!).GetRawText());
        }

        [Fact]
        public void Without_a_finish_reason_or_usage_it_carries_only_the_request_id()
        {
            var mapper = new GeminiStreamMapper(new TestStreamContext());
            Updates(mapper, GeminiChunk.Text("Hi"));

            Assert.Equal(Line + "] nexllm.request_id=rid-map\n", UpdateText.Render([mapper.Final()]));
            Assert.False(mapper.Finished);
        }
    }

    public sealed class Restarts
    {
        [Fact]
        public void A_new_response_id_before_anything_was_handed_out_starts_over_without_the_first_responses_usage_or_finish()
        {
            var mapper = new GeminiStreamMapper(new TestStreamContext());

            List<ChatResponseUpdate> updates = Updates(
                mapper,
                GeminiChunk.Parts("[]", "MAX_TOKENS", """{"promptTokenCount":99,"candidatesTokenCount":9}""", id: "resp-A"),
                GeminiChunk.Text("Hi", id: "resp-1"),
                GeminiChunk.Text("!", id: "resp-1"));

            Assert.Equal(Line + "] text:\"Hi\"\n" + Line + "] text:\"!\"\n", UpdateText.Render(updates));
            Assert.False(mapper.Finished);
            Assert.Equal(Line + "] nexllm.request_id=rid-map\n", UpdateText.Render([mapper.Final()]));
        }

        [Fact]
        public void A_new_response_id_after_text_was_handed_out_is_a_transient_InStreamError()
        {
            var mapper = new GeminiStreamMapper(new TestStreamContext());
            mapper.Map(new GeminiTextChunk("resp-1", "gemini-2.5-flash", "Hel", null));

            var error = Assert.Throws<NexLLMException>(() => mapper.Map(Parse(GeminiChunk.Text("Hello", id: "resp-2"))));

            Assert.Equal((NexLLMErrorKind.InStreamError, true, "rid-map"), (error.Kind, error.IsTransient, error.RequestId));
            Assert.Contains("stream restarted", error.Message, StringComparison.Ordinal);
        }
    }
}
