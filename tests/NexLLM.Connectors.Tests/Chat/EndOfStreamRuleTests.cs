using System.Text;
using Microsoft.Extensions.AI;
using NexLLM.Connectors.Chat.ChatCompletions;
using NexLLM.Connectors.Chat.Claude;
using NexLLM.Connectors.Chat.Gemini;
using NexLLM.Connectors.Chat.Responses;
using NexLLM.Connectors.Http;
using NexLLM.Connectors.Tests.TestSupport;

namespace NexLLM.Connectors.Tests.Chat;

/// <summary>
/// Each format's end-of-stream rule on its own, with the format's real mapper fed real events: which event stops the reading,
/// when the answer is complete, what the truncation error names, and what is given last.
/// </summary>
public sealed class EndOfStreamRuleTests
{
    private static JsonEvent<T> Event<T>(string json, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
        where T : class => JsonEvent<T>.Parse(Encoding.UTF8.GetBytes(json), type, static _ => false);

    public sealed class ChatCompletions
    {
        private static readonly ChatCompletionsEndOfStream Rule = ChatCompletionsEndOfStream.Instance;

        private static JsonEvent<ChatCompletionChunk> Chunk(string json) => Event(json, ChatCompletionsJsonContext.Default.ChatCompletionChunk);

        [Fact]
        public void DONE_ends_the_reading_and_a_chunk_does_not()
        {
            var mapper = new ChatCompletionsStreamMapper(new TestStreamContext());

            Assert.True(Rule.Ends(Chunk("[DONE]"), mapper));
            Assert.False(Rule.Ends(Chunk(TestSupport.Chunk.Finish("stop")), mapper));
        }

        [Fact]
        public void Complete_only_with_DONE_after_a_finish_reason()
        {
            var mapper = new ChatCompletionsStreamMapper(new TestStreamContext());
            Assert.False(Rule.IsComplete(mapper, sawEnd: true));

            mapper.Map(Chunk(TestSupport.Chunk.Finish("stop")).Value!);

            Assert.False(Rule.IsComplete(mapper, sawEnd: false));
            Assert.True(Rule.IsComplete(mapper, sawEnd: true));
        }

        [Theory]
        [InlineData(true, "a finish_reason before [DONE]")]
        [InlineData(false, "a finish_reason and [DONE]")]
        public void The_error_names_what_is_missing(bool sawEnd, string missing) => Assert.Equal(missing, Rule.Missing(sawEnd));

        [Fact]
        public void A_complete_stream_gives_nothing_more_and_an_allowed_incomplete_one_its_held_tool_call()
        {
            var mapper = new ChatCompletionsStreamMapper(new TestStreamContext());
            mapper.Map(Chunk(TestSupport.Chunk.Tool(0, "call_1", "get_weather", "{\"city\":")).Value!);

            Assert.Null(Rule.Last(mapper, complete: true));
            ChatResponseUpdate last = Rule.Last(mapper, complete: false)!;
            var call = Assert.IsType<FunctionCallContent>(Assert.Single(last.Contents));
            Assert.Equal(("call_1", "get_weather"), (call.CallId, call.Name));
            Assert.Null(last.FinishReason);
            Assert.Equal(TestStreamContext.DefaultRequestId, last.AdditionalProperties?["nexllm.request_id"]);
        }
    }

    public sealed class Claude
    {
        private static readonly ClaudeEndOfStream Rule = ClaudeEndOfStream.Instance;

        private static JsonEvent<ClaudeStreamEvent> Event(string json) => EndOfStreamRuleTests.Event(json, ClaudeJsonContext.Default.ClaudeStreamEvent);

        [Fact]
        public void Message_stop_ends_the_reading_and_a_stop_reason_alone_does_not()
        {
            var mapper = new ClaudeStreamMapper(new TestStreamContext());
            JsonEvent<ClaudeStreamEvent> start = Event("""{"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","model":"m","content":[],"usage":{"input_tokens":3,"output_tokens":1}}}""");
            JsonEvent<ClaudeStreamEvent> delta = Event("""{"type":"message_delta","delta":{"stop_reason":"end_turn"},"usage":{"output_tokens":2}}""");
            JsonEvent<ClaudeStreamEvent> stop = Event("""{"type":"message_stop"}""");

            mapper.Map(start.Value!);
            Assert.False(Rule.Ends(start, mapper));
            mapper.Map(delta.Value!);
            Assert.False(Rule.Ends(delta, mapper));
            mapper.Map(stop.Value!);
            Assert.True(Rule.Ends(stop, mapper));
        }

        [Fact]
        public void Complete_exactly_when_reading_stopped_at_message_stop()
        {
            var mapper = new ClaudeStreamMapper(new TestStreamContext());

            Assert.True(Rule.IsComplete(mapper, sawEnd: true));
            Assert.False(Rule.IsComplete(mapper, sawEnd: false));
            Assert.Equal("message_stop", Rule.Missing(sawEnd: false));
            Assert.Null(Rule.Last(mapper, complete: true));
            ChatResponseUpdate last = Rule.Last(mapper, complete: false)!;
            Assert.Empty(last.Contents);
            Assert.Equal(TestStreamContext.DefaultRequestId, last.AdditionalProperties?["nexllm.request_id"]);
        }
    }

    public sealed class Gemini
    {
        private static readonly GeminiEndOfStream Rule = GeminiEndOfStream.Instance;

        private static JsonEvent<GeminiResponse> Chunk(string json) => Event(json, GeminiJsonContext.Default.GeminiResponse);

        [Fact]
        public void No_event_ends_the_reading_and_a_finish_reason_makes_it_complete()
        {
            var mapper = new GeminiStreamMapper(new TestStreamContext());
            JsonEvent<GeminiResponse> text = Chunk(GeminiChunk.Parts("""[{"text":"Hi"}]"""));
            JsonEvent<GeminiResponse> last = Chunk(GeminiChunk.Parts("[]", "STOP"));

            mapper.Map(text.Value!);
            Assert.False(Rule.Ends(text, mapper));
            Assert.False(Rule.IsComplete(mapper, sawEnd: false));
            mapper.Map(last.Value!);
            Assert.False(Rule.Ends(last, mapper));
            Assert.True(Rule.IsComplete(mapper, sawEnd: false));
            Assert.Equal("a finishReason", Rule.Missing(sawEnd: false));
        }

        [Fact]
        public void The_final_update_is_given_complete_or_not()
        {
            var finished = new GeminiStreamMapper(new TestStreamContext());
            finished.Map(Chunk(GeminiChunk.Parts("[]", "STOP")).Value!);

            Assert.Equal(ChatFinishReason.Stop, Rule.Last(finished, complete: true)!.FinishReason);
            Assert.Null(Rule.Last(new GeminiStreamMapper(new TestStreamContext()), complete: false)!.FinishReason);
        }
    }

    public sealed class Responses
    {
        private static readonly ResponsesEndOfStream Rule = ResponsesEndOfStream.Instance;

        private static JsonEvent<ResponsesStreamEvent> Event(string json) => EndOfStreamRuleTests.Event(json, ResponsesJsonContext.Default.ResponsesStreamEvent);

        /// <summary>Maps the event as the pipeline does, then asks the rule whether reading stops there.</summary>
        private static bool MapThenEnds(ResponsesStreamMapper mapper, string json)
        {
            JsonEvent<ResponsesStreamEvent> parsed = Event(json);
            mapper.Map(parsed.Value!);
            return Rule.Ends(parsed, mapper);
        }

        [Theory]
        [InlineData("completed")]
        [InlineData("incomplete")]
        public void Response_completed_or_incomplete_ends_the_reading_and_no_earlier_event_does(string end)
        {
            var mapper = new ResponsesStreamMapper(new TestStreamContext());

            Assert.All(
                [ResponsesEvent.Created(), ResponsesEvent.InProgress(), ResponsesEvent.MessageAdded(), ResponsesEvent.TextDelta("Hi"), ResponsesEvent.MessageDone("Hi")],
                json => Assert.False(MapThenEnds(mapper, json)));
            Assert.True(MapThenEnds(mapper, end == "completed" ? ResponsesEvent.Completed() : ResponsesEvent.Incomplete("max_output_tokens")));
        }

        [Fact]
        public void Complete_exactly_when_reading_stopped_at_the_end_event_and_the_error_names_every_end()
        {
            var mapper = new ResponsesStreamMapper(new TestStreamContext());

            Assert.True(Rule.IsComplete(mapper, sawEnd: true));
            Assert.False(Rule.IsComplete(mapper, sawEnd: false));
            Assert.Equal("response.completed, response.incomplete or response.failed", Rule.Missing(sawEnd: false));
        }

        [Fact]
        public void A_complete_stream_gives_nothing_more_and_an_allowed_incomplete_one_the_ids_with_the_request_id()
        {
            var mapper = new ResponsesStreamMapper(new TestStreamContext());
            MapThenEnds(mapper, ResponsesEvent.Created());
            MapThenEnds(mapper, ResponsesEvent.MessageAdded());

            Assert.Null(Rule.Last(mapper, complete: true));
            ChatResponseUpdate last = Rule.Last(mapper, complete: false)!;
            Assert.Empty(last.Contents);
            Assert.Equal(("resp_1", "msg_1", null), (last.ResponseId, last.MessageId, last.FinishReason));
            Assert.Equal(TestStreamContext.DefaultRequestId, last.AdditionalProperties?["nexllm.request_id"]);
        }
    }
}
