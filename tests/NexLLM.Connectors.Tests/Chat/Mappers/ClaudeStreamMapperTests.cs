using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;
using NexLLM.Connectors.Chat;
using NexLLM.Connectors.Chat.Claude;
using NexLLM.Connectors.Http;
using NexLLM.Connectors.Tests.TestSupport;
using static NexLLM.Connectors.Tests.TestSupport.ClaudeEvent;

namespace NexLLM.Connectors.Tests.Chat.Mappers;

/// <summary>
/// <see cref="ClaudeStreamMapper"/> called directly, event by event, with a <see cref="TestStreamContext"/> (request id
/// <c>rid-map</c>). Events are written by <see cref="ClaudeEvent"/>: message <c>msg_1</c> of <c>claude-sonnet-4-5</c>.
/// </summary>
public sealed class ClaudeStreamMapperTests
{
    private const string Line = "[assistant|msg_1|msg_1|claude-sonnet-4-5||";

    private static ClaudeStreamEvent Parse(string json) => JsonSerializer.Deserialize(json, ClaudeJsonContext.Default.ClaudeStreamEvent)!;

    /// <summary>Maps the events in order and renders every update that is not null.</summary>
    private static string MapAll(ClaudeStreamMapper mapper, params string[] events) =>
        UpdateText.Render(events.Select(e => mapper.Map(Parse(e))).OfType<ChatResponseUpdate>());

    /// <summary>Maps the events in order and returns every update that is not null.</summary>
    private static List<ChatResponseUpdate> Updates(ClaudeStreamMapper mapper, params string[] events) =>
        [.. events.Select(e => mapper.Map(Parse(e))).OfType<ChatResponseUpdate>()];

    public sealed class IsPrelude
    {
        [Theory]
        [InlineData("""{"type":"message_start","message":{"id":"msg_1"}}""", true)]
        [InlineData("""{"type":"ping"}""", true)]
        [InlineData("""{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}""", true)]
        [InlineData("""{"type":"content_block_start","index":0,"content_block":{"type":"thinking","thinking":""}}""", true)]
        [InlineData("""{"type":"content_block_start","index":0,"content_block":{"type":"tool_use","id":"toolu_1","name":"f","input":{}}}""", true)]
        [InlineData("""{"type":"content_block_start","index":0,"content_block":{"type":"text","text":"Hi"}}""", false)]
        [InlineData("""{"type":"content_block_start","index":0,"content_block":{"type":"redacted_thinking","data":"x"}}""", false)]
        [InlineData("""{"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":"{"}}""", false)]
        [InlineData("""{"type":"message_delta","delta":{"stop_reason":"end_turn"}}""", false)]
        [InlineData("""{"type":"message_stop"}""", false)]
        public void Only_an_event_with_nothing_a_caller_would_see_is_a_prelude(string data, bool prelude)
        {
            JsonEvent<ClaudeStreamEvent> item = JsonEvent<ClaudeStreamEvent>.Parse(Encoding.UTF8.GetBytes(data), ClaudeJsonContext.Default.ClaudeStreamEvent, static e => e.Type == "error");

            Assert.Equal(prelude, ClaudeStreamMapper.IsPrelude(item));
        }

        [Fact]
        public void A_text_delta_from_the_fast_path_is_never_a_prelude()
        {
            Assert.False(ClaudeStreamMapper.IsPrelude(new StreamItem<ClaudeTextDelta, ClaudeStreamEvent>(new ClaudeTextDelta(0, false, "Hi"))));
        }
    }

    public sealed class MapTextDelta
    {
        [Fact]
        public void Text_and_thinking_deltas_are_text_and_reasoning_of_the_started_message()
        {
            var mapper = new ClaudeStreamMapper(new TestStreamContext());
            mapper.Map(Parse(MessageStart()));

            List<ChatResponseUpdate> updates = [mapper.Map(new ClaudeTextDelta(0, true, "Hmm")), mapper.Map(new ClaudeTextDelta(1, false, "Hi"))];

            Assert.Equal(Line + "] reasoning:\"Hmm\"\n" + Line + "] text:\"Hi\"\n", UpdateText.Render(updates));
        }
    }

    public sealed class Map
    {
        [Fact]
        public void Message_start_and_empty_block_starts_give_no_update_and_text_deltas_give_text()
        {
            var mapper = new ClaudeStreamMapper(new TestStreamContext());

            Assert.Equal(Line + "] text:\"Hel\"\n" + Line + "] text:\"lo\"\n", MapAll(mapper, MessageStart(), Ping, TextStart(0), TextDelta(0, "Hel"), TextDelta(0, "lo"), BlockStop(0)));
        }

        [Fact]
        public void Text_or_thinking_a_block_starts_with_is_handed_out_at_once()
        {
            var mapper = new ClaudeStreamMapper(new TestStreamContext());

            string rendered = MapAll(
                mapper,
                MessageStart(),
                """{"type":"content_block_start","index":0,"content_block":{"type":"thinking","thinking":"Hmm"}}""",
                """{"type":"content_block_start","index":1,"content_block":{"type":"text","text":"Hi"}}""");

            Assert.Equal(Line + "] reasoning:\"Hmm\"\n" + Line + "] text:\"Hi\"\n", rendered);
        }

        [Fact]
        public void A_thinking_signature_is_handed_out_at_the_block_stop_as_empty_reasoning_with_protected_data()
        {
            var mapper = new ClaudeStreamMapper(new TestStreamContext());

            List<ChatResponseUpdate> updates = Updates(mapper, MessageStart(), ThinkingStart(0), ThinkingDelta(0, "Hmm"), SignatureDelta(0, "sig-"), SignatureDelta(0, "1"), BlockStop(0));

            Assert.Equal(2, updates.Count);
            Assert.Equal("Hmm", Assert.IsType<TextReasoningContent>(Assert.Single(updates[0].Contents)).Text);
            var signature = Assert.IsType<TextReasoningContent>(Assert.Single(updates[1].Contents));
            Assert.Equal((string.Empty, "sig-1"), (signature.Text, signature.ProtectedData));
        }

        [Fact]
        public void A_thinking_block_without_a_signature_ends_without_an_update()
        {
            var mapper = new ClaudeStreamMapper(new TestStreamContext());

            Assert.Equal(Line + "] reasoning:\"Hmm\"\n", MapAll(mapper, MessageStart(), ThinkingStart(0), ThinkingDelta(0, "Hmm"), BlockStop(0)));
        }

        [Fact]
        public void Redacted_thinking_is_empty_reasoning_carrying_its_data_and_the_redacted_flag()
        {
            var mapper = new ClaudeStreamMapper(new TestStreamContext());

            List<ChatResponseUpdate> updates = Updates(mapper, MessageStart(), RedactedThinkingStart(0, "opaque"), BlockStop(0));

            var redacted = Assert.IsType<TextReasoningContent>(Assert.Single(Assert.Single(updates).Contents));
            Assert.Equal((string.Empty, "opaque"), (redacted.Text, redacted.ProtectedData));
            Assert.Equal(true, redacted.AdditionalProperties![ChatOptionKeys.ClaudeRedactedThinking]);
        }

        [Fact]
        public void A_tool_call_is_handed_out_whole_at_its_block_stop_from_its_json_fragments()
        {
            var mapper = new ClaudeStreamMapper(new TestStreamContext());

            string rendered = MapAll(mapper, MessageStart(), ToolStart(1, "toolu_1", "get_weather"), InputJsonDelta(1, "{\"city\":"), InputJsonDelta(1, "\"Paris\"}"), BlockStop(1));

            Assert.Equal(Line + "] call:toolu_1/get_weather/{city=\"Paris\"}\n", rendered);
        }

        [Fact]
        public void A_tool_call_without_fragments_takes_the_input_its_block_started_with()
        {
            var mapper = new ClaudeStreamMapper(new TestStreamContext());

            string rendered = MapAll(
                mapper,
                MessageStart(),
                """{"type":"content_block_start","index":0,"content_block":{"type":"tool_use","id":"toolu_1","name":"add","input":{"a":1,"b":2}}}""",
                BlockStop(0));

            Assert.Equal(Line + "] call:toolu_1/add/{a=1,b=2}\n", rendered);
        }

        [Fact]
        public void Tool_input_past_the_cap_is_ResponseTooLarge()
        {
            var mapper = new ClaudeStreamMapper(new TestStreamContext(maxAccumulatedChars: 10));
            Updates(mapper, MessageStart(), ToolStart(0, "toolu_1", "f"), InputJsonDelta(0, "{\"a\":"));

            var error = Assert.Throws<NexLLMException>(() => mapper.Map(Parse(InputJsonDelta(0, "\"123456\"}"))));

            Assert.Equal((NexLLMErrorKind.ResponseTooLarge, false, "rid-map"), (error.Kind, error.IsTransient, error.RequestId));
        }

        [Fact]
        public void A_citation_is_an_empty_text_with_its_annotation()
        {
            var mapper = new ClaudeStreamMapper(new TestStreamContext());

            List<ChatResponseUpdate> updates = Updates(
                mapper,
                MessageStart(),
                """{"type":"content_block_delta","index":0,"delta":{"type":"citations_delta","citation":{"type":"web_search_result_location","cited_text":"Paris is the capital","title":"Paris","url":"https://en.test/Paris"}}}""");

            var text = Assert.IsType<TextContent>(Assert.Single(Assert.Single(updates).Contents));
            var citation = Assert.IsType<CitationAnnotation>(Assert.Single(text.Annotations!));
            Assert.Equal((string.Empty, "Paris", "Paris is the capital", new Uri("https://en.test/Paris")), (text.Text, citation.Title, citation.Snippet, citation.Url));
        }

        [Theory]
        [InlineData("end_turn", "stop")]
        [InlineData("stop_sequence", "stop")]
        [InlineData("max_tokens", "length")]
        [InlineData("model_context_window_exceeded", "length")]
        [InlineData("tool_use", "tool_calls")]
        [InlineData("refusal", "content_filter")]
        [InlineData("pause_turn", "pause_turn")]
        public void The_stop_reason_of_message_delta_is_mapped_and_kept_raw_with_the_request_id(string stopReason, string finishReason)
        {
            var mapper = new ClaudeStreamMapper(new TestStreamContext());

            Assert.Equal($"{Line}{finishReason}] nexllm.request_id=rid-map nexllm.finish_reason={stopReason}\n", MapAll(mapper, MessageStart(), MessageDelta(stopReason)));
            Assert.False(mapper.Stopped);
        }

        [Fact]
        public void Message_stop_hands_out_usage_once_input_counting_cache_reads_and_writes_and_later_counts_replacing_earlier_ones()
        {
            var mapper = new ClaudeStreamMapper(new TestStreamContext());

            List<ChatResponseUpdate> updates = Updates(
                mapper,
                MessageStart(usageJson: """{"input_tokens":25,"output_tokens":1,"cache_creation_input_tokens":5,"cache_read_input_tokens":10}"""),
                MessageDelta("end_turn", """{"output_tokens":7}"""),
                MessageDelta("end_turn", """{"output_tokens":12,"server_tool_use":{"web_search_requests":2}}"""),
                MessageStop);

            Assert.True(mapper.Stopped);
            Assert.Equal(Line + "] usage:40/12/52 nexllm.request_id=rid-map nexllm.finish_reason=end_turn\n", UpdateText.Render([updates[^1]]));
            UsageDetails usage = Assert.IsType<UsageContent>(Assert.Single(updates[^1].Contents)).Details;
            Assert.Equal(10L, usage.CachedInputTokenCount);
            Assert.Equal(new Dictionary<string, long> { [NexLLMUsageCounts.CacheCreationInputTokens] = 5, [NexLLMUsageCounts.WebSearchRequests] = 2 }, usage.AdditionalCounts);
        }

        [Fact]
        public void Events_naming_no_open_block_and_unknown_event_types_give_no_update()
        {
            var mapper = new ClaudeStreamMapper(new TestStreamContext());

            Assert.Equal(string.Empty, MapAll(mapper, MessageStart(), BlockStop(3), InputJsonDelta(4, "{"), SignatureDelta(5, "s"), """{"type":"brand_new_event"}"""));
        }
    }

    public sealed class Restarts
    {
        [Fact]
        public void A_second_message_start_before_anything_visible_replaces_the_first_and_its_open_blocks()
        {
            var mapper = new ClaudeStreamMapper(new TestStreamContext());

            string rendered = MapAll(
                mapper,
                MessageStart("msg_A", usageJson: """{"input_tokens":99}"""),
                ToolStart(0, "toolu_lost", "f"),
                InputJsonDelta(0, "{\"a\":"),
                MessageStart("msg_1"),
                TextDelta(0, "Hi"),
                MessageStop);

            Assert.Equal(Line + "] text:\"Hi\"\n" + Line + "] usage:25/1/26 nexllm.request_id=rid-map\n", rendered);
            Assert.Equal("[assistant|msg_1|msg_1|claude-sonnet-4-5||] nexllm.request_id=rid-map\n", UpdateText.Render([mapper.FlushIncomplete()]));
        }

        [Fact]
        public void A_second_message_start_after_text_was_handed_out_is_a_transient_InStreamError()
        {
            var mapper = new ClaudeStreamMapper(new TestStreamContext());
            mapper.Map(Parse(MessageStart()));
            mapper.Map(new ClaudeTextDelta(0, false, "Hel"));

            var error = Assert.Throws<NexLLMException>(() => mapper.Map(Parse(MessageStart("msg_2"))));

            Assert.Equal((NexLLMErrorKind.InStreamError, true, "rid-map"), (error.Kind, error.IsTransient, error.RequestId));
            Assert.Contains("stream restarted", error.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void A_second_message_start_after_a_stop_reason_was_handed_out_is_an_InStreamError()
        {
            var mapper = new ClaudeStreamMapper(new TestStreamContext());
            mapper.Map(Parse(MessageStart()));
            mapper.Map(Parse(MessageDelta("end_turn")));

            var error = Assert.Throws<NexLLMException>(() => mapper.Map(Parse(MessageStart("msg_2"))));

            Assert.Equal(NexLLMErrorKind.InStreamError, error.Kind);
        }
    }

    public sealed class FlushIncomplete
    {
        [Fact]
        public void Open_tool_calls_are_handed_out_with_the_request_id_and_the_stop_reason_if_one_came()
        {
            var mapper = new ClaudeStreamMapper(new TestStreamContext());
            Updates(mapper, MessageStart(), TextStart(0), TextDelta(0, "Partial"), ToolStart(1, "toolu_1", "get_time"), InputJsonDelta(1, "{\"tz\":\"UTC\"}"), MessageDelta("tool_use"));

            Assert.Equal(Line + "] call:toolu_1/get_time/{tz=\"UTC\"} nexllm.request_id=rid-map nexllm.finish_reason=tool_use\n", UpdateText.Render([mapper.FlushIncomplete()]));
        }
    }
}
