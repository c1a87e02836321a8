using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;
using NexLLM.Connectors.Chat.Responses;
using NexLLM.Connectors.Http;
using NexLLM.Connectors.Tests.TestSupport;
using static NexLLM.Connectors.Tests.TestSupport.ResponsesEvent;

namespace NexLLM.Connectors.Tests.Chat.Mappers;

/// <summary>
/// <see cref="ResponsesStreamMapper"/> called directly, event by event, with a <see cref="TestStreamContext"/> (request id
/// <c>rid-map</c>). Events are written by <see cref="ResponsesEvent"/>: response <c>resp_1</c> of <c>gpt-4.1-2025-04-14</c>.
/// </summary>
public sealed class ResponsesStreamMapperTests
{
    /// <summary>An update before the message item: no message id, so that M.E.AI puts it in the message that follows.</summary>
    private const string Early = "[assistant|resp_1||gpt-4.1-2025-04-14|2025-03-06T19:55:58.0000000+00:00|";

    private const string Line = "[assistant|resp_1|msg_1|gpt-4.1-2025-04-14|2025-03-06T19:55:58.0000000+00:00|";

    private static ResponsesStreamEvent Parse(string json) => JsonSerializer.Deserialize(json, ResponsesJsonContext.Default.ResponsesStreamEvent)!;

    /// <summary>Maps the events in order and returns every update that is not null.</summary>
    private static List<ChatResponseUpdate> Updates(ResponsesStreamMapper mapper, params string[] events) =>
        [.. events.Select(e => mapper.Map(Parse(e))).OfType<ChatResponseUpdate>()];

    /// <summary>Maps the events in order and renders every update that is not null.</summary>
    private static string MapAll(ResponsesStreamMapper mapper, params string[] events) => UpdateText.Render(Updates(mapper, events));

    private static object? ItemIdOf(ChatResponseUpdate update) =>
        Assert.IsType<TextReasoningContent>(Assert.Single(update.Contents)).AdditionalProperties?.GetValueOrDefault("nexllm.responses.item_id");

    public sealed class IsPrelude
    {
        [Theory]
        [InlineData("response.created", true)]
        [InlineData("response.in_progress", true)]
        [InlineData("response.queued", true)]
        [InlineData("response.output_item.added", true)]
        [InlineData("response.content_part.added", true)]
        [InlineData("response.reasoning_summary_part.added", true)]
        [InlineData("response.function_call_arguments.delta", false)]
        [InlineData("response.output_item.done", false)]
        [InlineData("response.reasoning_summary_text.done", false)]
        [InlineData("response.web_search_call.searching", false)]
        [InlineData("response.completed", false)]
        [InlineData("error", false)]
        public void Only_an_event_with_nothing_a_caller_would_see_is_a_prelude(string type, bool prelude)
        {
            Assert.Equal(prelude, ResponsesStreamMapper.IsPrelude(ResponsesEventReader.Parse(Encoding.UTF8.GetBytes($$"""{"type":"{{type}}","output_index":0}"""))));
        }

        [Theory]
        [InlineData("reasoning", true)]
        [InlineData("message", false)]
        [InlineData("function_call", false)]
        [InlineData("web_search_call", false)]
        public void An_item_done_is_a_prelude_only_when_it_is_reasoning_that_waits_for_the_next_update(string itemType, bool prelude)
        {
            string json = $$$"""{"type":"response.output_item.done","output_index":0,"item":{"id":"x_1","type":"{{{itemType}}}"}}""";

            Assert.Equal(prelude, ResponsesStreamMapper.IsPrelude(ResponsesEventReader.Parse(Encoding.UTF8.GetBytes(json))));
        }

        [Fact]
        public void A_delta_from_the_fast_path_is_never_a_prelude()
        {
            var item = ResponsesEventReader.Parse(Encoding.UTF8.GetBytes(TextDelta("Hi")));

            Assert.True(item.IsText);
            Assert.False(ResponsesStreamMapper.IsPrelude(item));
        }
    }

    public sealed class Map
    {
        [Fact]
        public void Lifecycle_item_and_part_events_give_no_update_and_deltas_give_text_of_the_message()
        {
            var mapper = new ResponsesStreamMapper(new TestStreamContext());

            string rendered = MapAll(mapper, Created(), InProgress(), MessageAdded(), TextPartAdded(), TextDelta("Hel"), TextDelta(string.Empty), TextDelta("lo"), TextDone("Hello"), TextPartDone("Hello"), MessageDone("Hello"));

            Assert.Equal(Line + "] text:\"Hel\"\n" + Line + "] text:\"lo\"\n", rendered);
            Assert.False(mapper.Ended);
        }

        [Fact]
        public void Fast_path_deltas_are_text_and_reasoning_of_the_started_response()
        {
            var mapper = new ResponsesStreamMapper(new TestStreamContext());
            Updates(mapper, Created(), MessageAdded());

            List<ChatResponseUpdate> updates = [mapper.Map(new ResponsesTextDelta(IsReasoning: true, "Hmm")), mapper.Map(new ResponsesTextDelta(IsReasoning: false, "Hi"))];

            Assert.Equal(Line + "] reasoning:\"Hmm\"\n" + Line + "] text:\"Hi\"\n", UpdateText.Render(updates));
        }

        [Fact]
        public void The_reasoning_item_id_goes_on_its_first_delta_and_on_its_done_update_with_the_encrypted_content()
        {
            var mapper = new ResponsesStreamMapper(new TestStreamContext());

            List<ChatResponseUpdate> updates = Updates(
                mapper, Created(), ReasoningAdded(), SummaryPartAdded(0), SummaryDelta("A"), SummaryDelta("B"), ReasoningDone(["AB"], "enc"),
                ReasoningAdded("rs_2", 1), SummaryPartAdded(0, "rs_2", 1));
            updates.Add(mapper.Map(new ResponsesTextDelta(IsReasoning: true, "C")));

            Assert.Equal(["rs_1", null, "rs_1", "rs_2"], updates.Select(ItemIdOf));
            Assert.Equal(("", "enc"), (((TextReasoningContent)updates[2].Contents[0]).Text, ((TextReasoningContent)updates[2].Contents[0]).ProtectedData));
        }

        [Fact]
        public void Summary_parts_are_apart_by_a_blank_line_only_between_parts_with_text()
        {
            var mapper = new ResponsesStreamMapper(new TestStreamContext());

            string rendered = MapAll(
                mapper, Created(), ReasoningAdded(), SummaryPartAdded(0), SummaryPartAdded(1), SummaryDelta("One", 1), SummaryPartAdded(2), SummaryPartAdded(3),
                SummaryDelta("Two", 3), ReasoningDone(["", "One", "", "Two"], null));

            Assert.Equal(Early + "] reasoning:\"One\"\n" + Early + "] reasoning:\"\\n\\nTwo\"\n", rendered);
        }

        [Fact]
        public void A_reasoning_item_with_neither_deltas_text_nor_encrypted_content_gives_no_update()
        {
            var mapper = new ResponsesStreamMapper(new TestStreamContext());

            Assert.Equal(string.Empty, MapAll(mapper, Created(), ReasoningAdded(), ReasoningDone([], null)));
        }

        [Fact]
        public void A_refusal_is_handed_out_when_done()
        {
            var mapper = new ResponsesStreamMapper(new TestStreamContext());

            string rendered = MapAll(
                mapper, Created(), MessageAdded(),
                """{"type":"response.refusal.delta","item_id":"msg_1","output_index":0,"content_index":0,"delta":"No."}""",
                """{"type":"response.refusal.done","item_id":"msg_1","output_index":0,"content_index":0,"refusal":"No."}""");

            Assert.Equal(Line + "] error:Refusal:No.\n", rendered);
        }

        [Fact]
        public void A_call_is_handed_out_at_its_arguments_done_with_the_name_the_done_event_gives_and_not_again_with_its_item()
        {
            var mapper = new ResponsesStreamMapper(new TestStreamContext());

            string rendered = MapAll(
                mapper, Created(), CallAdded("draft_name"), ArgumentsDelta("{\"a\":"),
                """{"type":"response.function_call_arguments.done","item_id":"fc_1","output_index":0,"name":"get_weather","arguments":"{\"a\":1}"}""",
                CallDone("get_weather", "{\"a\":1}"), CallDone("get_weather", "{\"a\":1}"));

            Assert.Equal(Early + "] call:call_1/get_weather/{a=1}\n", rendered);
        }

        [Fact]
        public void Malformed_arguments_are_the_call_exception_not_an_error()
        {
            var mapper = new ResponsesStreamMapper(new TestStreamContext());

            var call = Assert.IsType<FunctionCallContent>(Assert.Single(Assert.Single(Updates(mapper, Created(), CallAdded("f"), ArgumentsDone("{\"a\":"))).Contents));

            Assert.NotNull(call.Exception);
        }

        [Fact]
        public void A_message_item_done_hands_out_its_citations_alone()
        {
            var mapper = new ResponsesStreamMapper(new TestStreamContext());

            List<ChatResponseUpdate> updates = Updates(mapper, Created(), MessageAdded(), MessageDone("x", """[{"type":"url_citation","start_index":0,"end_index":1,"url":"https://a.test/","title":"A"}]"""));

            AIContent content = Assert.Single(Assert.Single(updates).Contents);
            Assert.Equal(typeof(AIContent), content.GetType());
            Assert.Equal("A", Assert.IsType<CitationAnnotation>(Assert.Single(content.Annotations!)).Title);
        }

        [Fact]
        public void An_unknown_item_is_handed_out_whole_when_done()
        {
            var mapper = new ResponsesStreamMapper(new TestStreamContext());

            List<ChatResponseUpdate> updates = Updates(mapper, Created(), """{"type":"response.output_item.done","output_index":0,"item":{"id":"x_1","type":"brand_new_call","payload":[1]}}""");

            AIContent content = Assert.Single(Assert.Single(updates).Contents);
            Assert.Equal("""{"type":"brand_new_call","id":"x_1","payload":[1]}""", Assert.IsType<JsonElement>(content.RawRepresentation).GetRawText());
        }

        [Fact]
        public void An_image_that_is_not_base64_is_content_no_caller_can_use()
        {
            var mapper = new ResponsesStreamMapper(new TestStreamContext());
            Updates(mapper, Created());

            Assert.Throws<ResponseContentException>(() => mapper.Map(Parse(
                """{"type":"response.output_item.done","output_index":0,"item":{"id":"ig_1","type":"image_generation_call","status":"completed","result":"%%%"}}""")));
        }

        [Fact]
        public void Completed_ends_the_stream_with_usage_the_finish_the_raw_status_and_the_request_id()
        {
            var mapper = new ResponsesStreamMapper(new TestStreamContext());
            Updates(mapper, Created(), MessageAdded(), TextDelta("x"));

            string rendered = MapAll(mapper, Completed());

            Assert.True(mapper.Ended);
            Assert.Equal(Line + "stop] usage:37/11/48 nexllm.request_id=rid-map nexllm.finish_reason=completed\n", rendered);
        }

        [Fact]
        public void Completed_without_a_response_object_still_ends_the_stream_as_stopped_without_usage()
        {
            var mapper = new ResponsesStreamMapper(new TestStreamContext());
            Updates(mapper, Created());

            string rendered = MapAll(mapper, """{"type":"response.completed","sequence_number":9}""");

            Assert.True(mapper.Ended);
            Assert.Equal("[assistant|resp_1|resp_1|gpt-4.1-2025-04-14|2025-03-06T19:55:58.0000000+00:00|stop] nexllm.request_id=rid-map nexllm.finish_reason=completed\n", rendered);
        }

        [Theory]
        [InlineData("max_output_tokens", "length")]
        [InlineData("content_filter", "content_filter")]
        public void Incomplete_ends_the_stream_with_its_reason(string reason, string finish)
        {
            var mapper = new ResponsesStreamMapper(new TestStreamContext());
            Updates(mapper, Created());

            ChatResponseUpdate update = Assert.Single(Updates(mapper, Incomplete(reason)));

            Assert.True(mapper.Ended);
            Assert.Equal((new ChatFinishReason(finish), reason), (update.FinishReason, update.AdditionalProperties?["nexllm.finish_reason"]));
        }

        [Fact]
        public void Failed_and_error_are_no_end_of_the_mapper_the_pipeline_raises_them_first()
        {
            Assert.True(ResponsesEventReader.IsError(Parse(Failed("server_error", "x"))));
            Assert.True(ResponsesEventReader.IsError(Parse(Error("server_error", "x"))));
            Assert.False(ResponsesEventReader.IsError(Parse(Completed())));
        }
    }

    public sealed class Restarts
    {
        [Fact]
        public void A_second_response_created_before_anything_was_handed_out_forgets_the_first_answer()
        {
            var mapper = new ResponsesStreamMapper(new TestStreamContext());

            List<ChatResponseUpdate> updates = Updates(
                mapper, Created("resp_A"), MessageAdded("msg_A"), CallAdded("lost"), ReasoningAdded("rs_A"),
                Created(), ArgumentsDone("{}"), SummaryDelta("Hmm"), MessageAdded(), Completed());

            Assert.Equal(Early + "] reasoning:\"Hmm\"\n" + Line + "stop] usage:37/11/48 nexllm.request_id=rid-map nexllm.finish_reason=completed\n", UpdateText.Render(updates));
            Assert.Null(ItemIdOf(updates[0]));
        }

        [Fact]
        public void A_second_response_created_after_an_update_is_a_transient_InStreamError_with_the_request_id()
        {
            var mapper = new ResponsesStreamMapper(new TestStreamContext());
            Updates(mapper, Created(), MessageAdded());
            mapper.Map(new ResponsesTextDelta(IsReasoning: false, "Hel"));

            var error = Assert.Throws<NexLLMException>(() => mapper.Map(Parse(Created("resp_2"))));

            Assert.Equal((NexLLMErrorKind.InStreamError, true, "rid-map"), (error.Kind, error.IsTransient, error.RequestId));
            Assert.Contains("stream restarted", error.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void In_progress_after_content_is_no_restart()
        {
            var mapper = new ResponsesStreamMapper(new TestStreamContext());
            Updates(mapper, Created(), MessageAdded(), TextDelta("Hel"));

            Assert.Equal(Line + "] text:\"lo\"\n", MapAll(mapper, InProgress(), TextDelta("lo")));
        }
    }

    public sealed class FlushIncomplete
    {
        [Fact]
        public void Hands_out_the_ids_known_so_far_with_the_request_id_and_no_finish()
        {
            var mapper = new ResponsesStreamMapper(new TestStreamContext());
            Updates(mapper, Created(), MessageAdded(), TextDelta("Partial"));

            Assert.Equal(Line + "] nexllm.request_id=rid-map\n", UpdateText.Render([mapper.FlushIncomplete()]));
        }

        [Fact]
        public void A_held_encrypted_only_reasoning_item_is_handed_out_with_it_under_the_response_id()
        {
            var mapper = new ResponsesStreamMapper(new TestStreamContext());
            Assert.Empty(Updates(mapper, Created(), ReasoningAdded(), ReasoningDone([], "enc")));

            ChatResponseUpdate last = mapper.FlushIncomplete();

            Assert.Equal("[assistant|resp_1|resp_1|gpt-4.1-2025-04-14|2025-03-06T19:55:58.0000000+00:00|] reasoning:\"\" nexllm.request_id=rid-map\n", UpdateText.Render([last]));
            Assert.Equal("enc", Assert.IsType<TextReasoningContent>(Assert.Single(last.Contents)).ProtectedData);
        }

        [Fact]
        public void Before_any_event_it_carries_only_the_request_id()
        {
            Assert.Equal("[assistant|||||] nexllm.request_id=rid-map\n", UpdateText.Render([new ResponsesStreamMapper(new TestStreamContext()).FlushIncomplete()]));
        }
    }
}
