using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;
using NexLLM.Connectors.Chat;
using NexLLM.Connectors.Chat.ChatCompletions;
using NexLLM.Connectors.Http;
using NexLLM.Connectors.Tests.TestSupport;

namespace NexLLM.Connectors.Tests.Chat.Mappers;

/// <summary>
/// <see cref="ChatCompletionsStreamMapper"/> called directly, chunk by chunk, with a <see cref="TestStreamContext"/>
/// (request id <c>rid-map</c>). Chunks are written by <see cref="Chunk"/>: id <c>chatcmpl-1</c>, model <c>gpt-4o-mini</c>,
/// created 1710000000 (2024-03-09T16:00:00Z).
/// </summary>
public sealed class ChatCompletionsStreamMapperTests
{
    private const string Line = "[assistant|chatcmpl-1|chatcmpl-1|gpt-4o-mini|2024-03-09T16:00:00.0000000+00:00|";

    private static ChatCompletionChunk Parse(string json) => JsonSerializer.Deserialize(json, ChatCompletionsJsonContext.Default.ChatCompletionChunk)!;

    /// <summary>Maps the chunks in order and renders every update that is not null.</summary>
    private static string MapAll(ChatCompletionsStreamMapper mapper, params string[] chunks) =>
        UpdateText.Render(chunks.Select(c => mapper.Map(Parse(c))).OfType<ChatResponseUpdate>());

    public sealed class IsPrelude
    {
        [Theory]
        [InlineData("""{"id":"c","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]}""", true)]
        [InlineData("""{"id":"c","choices":[]}""", true)]
        [InlineData("""{"id":"c","choices":[{"index":0,"delta":{"content":"Hi"}}]}""", false)]
        [InlineData("""{"id":"c","choices":[{"index":0,"delta":{"reasoning":"Hmm"}}]}""", false)]
        [InlineData("""{"id":"c","choices":[{"index":0,"delta":{"refusal":"No"}}]}""", false)]
        [InlineData("""{"id":"c","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_1"}]}}]}""", false)]
        [InlineData("""{"id":"c","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}""", false)]
        [InlineData("""{"id":"c","choices":[],"usage":{"prompt_tokens":1,"completion_tokens":1}}""", false)]
        [InlineData("[DONE]", false)]
        public void Only_a_chunk_with_nothing_a_caller_would_see_is_a_prelude(string data, bool prelude)
        {
            JsonEvent<ChatCompletionChunk> item = JsonEvent<ChatCompletionChunk>.Parse(
                Encoding.UTF8.GetBytes(data), ChatCompletionsJsonContext.Default.ChatCompletionChunk, ChatCompletionsChunkReader.IsError);

            Assert.Equal(prelude, ChatCompletionsStreamMapper.IsPrelude(item));
        }

        [Fact]
        public void A_text_chunk_from_the_fast_path_is_never_a_prelude()
        {
            Assert.False(ChatCompletionsStreamMapper.IsPrelude(new StreamItem<ChatTextChunk, ChatCompletionChunk>(new ChatTextChunk("c", null, null, 0, "Hi", null, null))));
        }
    }

    public sealed class MapTextChunk
    {
        [Theory]
        [InlineData("Hi", null, null, " text:\"Hi\"")]
        [InlineData(null, "Hmm", null, " reasoning:\"Hmm\"")]
        [InlineData(null, null, "Hmm", " reasoning:\"Hmm\"")]
        [InlineData("Hi", "Hmm", "other", " reasoning:\"Hmm\" text:\"Hi\"")]
        public void Reasoning_comes_before_the_text_and_reasoning_content_wins_over_reasoning(string? content, string? reasoningContent, string? reasoning, string rendered)
        {
            var mapper = new ChatCompletionsStreamMapper(new TestStreamContext());

            ChatResponseUpdate update = mapper.Map(new ChatTextChunk("chatcmpl-1", "gpt-4o-mini", 1710000000, 0, content, reasoningContent, reasoning));

            Assert.Equal(Line + "]" + rendered + "\n", UpdateText.Render([update]));
        }
    }

    public sealed class Map
    {
        [Fact]
        public void A_role_only_chunk_gives_no_update_and_text_gives_one_without_request_id()
        {
            var mapper = new ChatCompletionsStreamMapper(new TestStreamContext());

            Assert.Null(mapper.Map(Parse(Chunk.Role())));
            Assert.Equal(Line + "] text:\"Hi\"\n", MapAll(mapper, Chunk.Text("Hi")));
            Assert.False(mapper.Finished);
        }

        [Theory]
        [InlineData("stop", "stop")]
        [InlineData("length", "length")]
        [InlineData("model_context_window_exceeded", "length")]
        [InlineData("tool_calls", "tool_calls")]
        [InlineData("function_call", "tool_calls")]
        [InlineData("content_filter", "content_filter")]
        [InlineData("pause_turn", "pause_turn")]
        public void A_finish_reason_is_mapped_and_kept_raw_beside_the_request_id(string raw, string finishReason)
        {
            var mapper = new ChatCompletionsStreamMapper(new TestStreamContext());

            Assert.Equal($"{Line}{finishReason}] nexllm.request_id=rid-map nexllm.finish_reason={raw}\n", MapAll(mapper, Chunk.Finish(raw)));
            Assert.True(mapper.Finished);
        }

        [Fact]
        public void Usage_maps_cached_reasoning_and_audio_tokens()
        {
            var mapper = new ChatCompletionsStreamMapper(new TestStreamContext());

            ChatResponseUpdate update = mapper.Map(Parse(Chunk.Of("[]", usageJson:
                """{"prompt_tokens":100,"completion_tokens":40,"total_tokens":140,"prompt_tokens_details":{"cached_tokens":30,"audio_tokens":5},"completion_tokens_details":{"reasoning_tokens":25}}""")))!;

            UsageDetails usage = Assert.IsType<UsageContent>(Assert.Single(update.Contents)).Details;
            Assert.Equal((100L, 40L, 140L, 30L, 25L, 5L), (usage.InputTokenCount, usage.OutputTokenCount, usage.TotalTokenCount, usage.CachedInputTokenCount, usage.ReasoningTokenCount, usage.InputAudioTokenCount));
            Assert.Equal(5L, usage.AdditionalCounts![NexLLMUsageCounts.AudioInputTokens]);
            Assert.Equal("rid-map", update.AdditionalProperties!["nexllm.request_id"]);
            Assert.Null(update.FinishReason);
        }

        [Fact]
        public void A_tool_call_is_handed_out_when_its_arguments_close_and_an_unclosed_one_at_the_finish_with_its_parse_error()
        {
            var mapper = new ChatCompletionsStreamMapper(new TestStreamContext());

            string rendered = MapAll(
                mapper,
                Chunk.Tool(0, "call_1", "get_weather", "{\"ci"),
                Chunk.Tool(0, null, null, "ty\":\"Paris\"}"),
                Chunk.Tool(1, "call_2", "get_time", "{\"tz\":"),
                Chunk.Finish("tool_calls"));

            Assert.Equal(
                Line + """] call:call_1/get_weather/{city="Paris"}""" + "\n"
                + Line + """tool_calls] call:call_2/get_time/null/error nexllm.request_id=rid-map nexllm.finish_reason=tool_calls""" + "\n",
                rendered);
        }

        [Fact]
        public void The_next_call_starting_hands_out_the_previous_one_of_the_same_choice()
        {
            var mapper = new ChatCompletionsStreamMapper(new TestStreamContext());

            string rendered = MapAll(mapper, Chunk.Tool(0, "call_1", "get_time", ""), Chunk.Tool(1, "call_2", "get_date", "{}"));

            Assert.Equal(Line + "] call:call_1/get_time/{} call:call_2/get_date/{}\n", rendered);
        }

        [Fact]
        public void A_fragment_for_a_call_already_handed_out_is_an_InvalidResponse()
        {
            var mapper = new ChatCompletionsStreamMapper(new TestStreamContext());
            mapper.Map(Parse(Chunk.Tool(0, "call_1", "get_time", "{}")));

            var error = Assert.Throws<NexLLMException>(() => mapper.Map(Parse(Chunk.Tool(0, null, null, "{\"x\":1}"))));

            Assert.Equal((NexLLMErrorKind.InvalidResponse, false, "rid-map"), (error.Kind, error.IsTransient, error.RequestId));
            Assert.Contains("after its arguments were complete", error.Message, StringComparison.Ordinal);
            Assert.IsType<FormatException>(error.InnerException);
        }

        [Fact]
        public void Tool_arguments_past_the_cap_are_ResponseTooLarge()
        {
            var mapper = new ChatCompletionsStreamMapper(new TestStreamContext(maxAccumulatedChars: 10));
            mapper.Map(Parse(Chunk.Tool(0, "call_1", "f", "{\"a\":")));

            var error = Assert.Throws<NexLLMException>(() => mapper.Map(Parse(Chunk.Tool(0, null, null, "\"123456\"}"))));

            Assert.Equal((NexLLMErrorKind.ResponseTooLarge, false), (error.Kind, error.IsTransient));
        }

        [Fact]
        public void A_refusal_spelled_out_over_chunks_is_one_ErrorContent_at_the_finish()
        {
            var mapper = new ChatCompletionsStreamMapper(new TestStreamContext());

            string rendered = MapAll(mapper, Chunk.Refusal("I can't "), Chunk.Refusal("help."), Chunk.Finish("stop"));

            Assert.Equal(Line + "stop] error:Refusal:I can't help. nexllm.request_id=rid-map nexllm.finish_reason=stop\n", rendered);
        }

        [Fact]
        public void A_refusal_past_the_cap_is_ResponseTooLarge()
        {
            var mapper = new ChatCompletionsStreamMapper(new TestStreamContext(maxAccumulatedChars: 8));
            mapper.Map(Parse(Chunk.Refusal("12345")));

            var error = Assert.Throws<NexLLMException>(() => mapper.Map(Parse(Chunk.Refusal("6789"))));

            Assert.Equal((NexLLMErrorKind.ResponseTooLarge, false), (error.Kind, error.IsTransient));
        }

        [Fact]
        public void Two_choices_keep_their_tool_calls_apart_and_each_finish_hands_out_only_its_own()
        {
            var mapper = new ChatCompletionsStreamMapper(new TestStreamContext());

            string rendered = MapAll(
                mapper,
                Chunk.Of("""[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_a","function":{"name":"f","arguments":"{\"n\":"}}]}}]"""),
                Chunk.Of("""[{"index":1,"delta":{"tool_calls":[{"index":0,"id":"call_b","function":{"name":"g","arguments":"{\"n\":"}}]}}]"""),
                Chunk.Of("""[{"index":1,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"2}"}}]},"finish_reason":"tool_calls"}]"""));

            Assert.Equal(Line + "tool_calls] call:call_b/g/{n=2} nexllm.request_id=rid-map nexllm.finish_reason=tool_calls\n", rendered);
            Assert.Equal("call:call_a/f/null/error", UpdateText.Render(Assert.Single(mapper.FlushIncomplete().Contents)));
        }
    }

    public sealed class Restarts
    {
        [Fact]
        public void A_new_id_with_a_role_before_anything_was_handed_out_starts_over_without_the_first_answers_state()
        {
            var mapper = new ChatCompletionsStreamMapper(new TestStreamContext());

            string rendered = MapAll(
                mapper,
                Chunk.Role("chatcmpl-A"),
                Chunk.Tool(0, "call_lost", "f", "{\"a\":"),
                Chunk.Refusal("lost"),
                Chunk.Role("chatcmpl-1"),
                Chunk.Text("Hello"),
                Chunk.Finish("stop"));

            Assert.Equal(Line + "] text:\"Hello\"\n" + Line + "stop] nexllm.request_id=rid-map nexllm.finish_reason=stop\n", rendered);
        }

        [Fact]
        public void A_new_id_without_a_role_is_a_continuation_under_its_own_id()
        {
            var mapper = new ChatCompletionsStreamMapper(new TestStreamContext());

            string rendered = MapAll(mapper, Chunk.Text("Hel"), Chunk.Text("lo", id: "chatcmpl-2"));

            Assert.Equal(Line + "] text:\"Hel\"\n" + Line.Replace("chatcmpl-1", "chatcmpl-2", StringComparison.Ordinal) + "] text:\"lo\"\n", rendered);
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public void A_new_id_with_a_role_after_text_was_handed_out_is_a_transient_InStreamError(bool textFromFastPath)
        {
            var mapper = new ChatCompletionsStreamMapper(new TestStreamContext());
            if (textFromFastPath)
            {
                mapper.Map(new ChatTextChunk("chatcmpl-1", "gpt-4o-mini", 1710000000, 0, "Hel", null, null));
            }
            else
            {
                mapper.Map(Parse(Chunk.Text("Hel")));
            }

            var error = Assert.Throws<NexLLMException>(() => mapper.Map(Parse(Chunk.Role("chatcmpl-2"))));

            Assert.Equal((NexLLMErrorKind.InStreamError, true, "rid-map"), (error.Kind, error.IsTransient, error.RequestId));
            Assert.Contains("stream restarted", error.Message, StringComparison.Ordinal);
        }
    }

    public sealed class FlushIncomplete
    {
        [Fact]
        public void Pending_tool_calls_and_a_refusal_are_handed_out_with_the_request_id_and_no_finish_reason()
        {
            var mapper = new ChatCompletionsStreamMapper(new TestStreamContext());
            MapAll(mapper, Chunk.Tool(0, "call_1", "get_time", "{\"tz\":\"UTC\""), Chunk.Refusal("No."));

            ChatResponseUpdate update = mapper.FlushIncomplete();

            Assert.Equal("[assistant|chatcmpl-1|chatcmpl-1|||] call:call_1/get_time/null/error error:Refusal:No. nexllm.request_id=rid-map\n", UpdateText.Render([update]));
        }

        [Fact]
        public void With_nothing_pending_it_is_an_empty_update_of_the_stream()
        {
            var mapper = new ChatCompletionsStreamMapper(new TestStreamContext(requestId: null));
            MapAll(mapper, Chunk.Text("Hi"));

            Assert.Equal("[assistant|chatcmpl-1|chatcmpl-1|||]\n", UpdateText.Render([mapper.FlushIncomplete()]));
        }
    }
}
