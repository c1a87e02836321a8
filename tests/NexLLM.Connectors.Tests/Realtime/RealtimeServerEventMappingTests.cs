using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;
using NexLLM.Connectors.Realtime;

namespace NexLLM.Connectors.Tests.Realtime;

/// <summary>Server events, beta and GA names alike, as M.E.AI's server messages (docs/protocols/realtime.md#server-events-beta-names).</summary>
public sealed class RealtimeServerEventMappingTests
{
    [Theory]
    [InlineData("response.text.delta")]
    [InlineData("response.output_text.delta")]
    public void Text_deltas_under_both_names(string type)
    {
        var message = Assert.IsType<OutputTextAudioRealtimeServerMessage>(Map(
            $$$"""{"type":"{{{type}}}","event_id":"e1","response_id":"r1","item_id":"i1","output_index":0,"content_index":1,"delta":"Hel"}"""));

        Assert.Equal(RealtimeServerMessageType.OutputTextDelta, message.Type);
        Assert.Equal(("e1", "r1", "i1", 0, 1, "Hel"), (message.MessageId, message.ResponseId, message.ItemId, message.OutputIndex, message.ContentIndex, message.Text));
        Assert.Null(message.Audio);
    }

    [Theory]
    [InlineData("response.text.done")]
    [InlineData("response.output_text.done")]
    public void Text_done_under_both_names(string type)
    {
        var message = Assert.IsType<OutputTextAudioRealtimeServerMessage>(Map($$$"""{"type":"{{{type}}}","text":"Hello."}"""));

        Assert.Equal(RealtimeServerMessageType.OutputTextDone, message.Type);
        Assert.Equal("Hello.", message.Text);
    }

    [Theory]
    [InlineData("response.audio.delta", "delta")]
    [InlineData("response.output_audio.delta", "delta")]
    [InlineData("response.audio.done", "done")]
    [InlineData("response.output_audio.done", "done")]
    public void Audio_under_both_names(string type, string kind)
    {
        var message = Assert.IsType<OutputTextAudioRealtimeServerMessage>(Map($$$"""{"type":"{{{type}}}","delta":"AQID"}"""));

        Assert.Equal(kind == "delta" ? RealtimeServerMessageType.OutputAudioDelta : RealtimeServerMessageType.OutputAudioDone, message.Type);
        Assert.Equal(kind == "delta" ? "AQID" : null, message.Audio);
    }

    [Theory]
    [InlineData("response.audio_transcript.delta", """ "delta":"Hi" """)]
    [InlineData("response.output_audio_transcript.delta", """ "delta":"Hi" """)]
    [InlineData("response.audio_transcript.done", """ "transcript":"Hi" """)]
    [InlineData("response.output_audio_transcript.done", """ "transcript":"Hi" """)]
    public void Transcripts_under_both_names(string type, string field)
    {
        var message = Assert.IsType<OutputTextAudioRealtimeServerMessage>(Map($$$"""{"type":"{{{type}}}",{{{field}}}}"""));

        Assert.Equal(
            type.EndsWith(".delta", StringComparison.Ordinal) ? RealtimeServerMessageType.OutputAudioTranscriptionDelta : RealtimeServerMessageType.OutputAudioTranscriptionDone,
            message.Type);
        Assert.Equal("Hi", message.Text);
    }

    [Fact]
    public void A_function_call_output_item_carries_the_call_with_parsed_arguments()
    {
        var message = Assert.IsType<ResponseOutputItemRealtimeServerMessage>(Map(
            """{"type":"response.output_item.done","response_id":"r1","output_index":0,"item":{"id":"fc_1","type":"function_call","status":"completed","call_id":"call_1","name":"get_weather","arguments":"{\"city\":\"Paris\"}"}}"""));

        Assert.Equal(RealtimeServerMessageType.ResponseOutputItemDone, message.Type);
        Assert.Equal(("r1", 0, "fc_1"), (message.ResponseId, message.OutputIndex, message.Item!.Id));
        var call = Assert.IsType<FunctionCallContent>(Assert.Single(message.Item.Contents));
        Assert.Equal(("call_1", "get_weather"), (call.CallId, call.Name));
        Assert.Equal("Paris", call.Arguments!["city"]!.ToString());
        Assert.Equal("fc_1", Assert.IsType<JsonElement>(message.Item.RawRepresentation).GetProperty("id").GetString());
    }

    [Fact]
    public void A_message_output_item_carries_its_text_and_transcript()
    {
        var message = Assert.IsType<ResponseOutputItemRealtimeServerMessage>(Map(
            """{"type":"response.output_item.added","item":{"id":"m1","type":"message","role":"assistant","content":[{"type":"text","text":"Hi"},{"type":"audio","transcript":"Hello"}]}}"""));

        Assert.Equal(RealtimeServerMessageType.ResponseOutputItemAdded, message.Type);
        Assert.Equal(ChatRole.Assistant, message.Item!.Role);
        Assert.Equal(["Hi", "Hello"], message.Item.Contents.OfType<TextContent>().Select(static t => t.Text));
    }

    [Theory]
    [InlineData("conversation.item.created")]
    [InlineData("conversation.item.added")]
    public void A_created_conversation_item_under_both_names(string type)
    {
        var message = Assert.IsType<ResponseOutputItemRealtimeServerMessage>(Map(
            $$$"""{"type":"{{{type}}}","item":{"id":"u1","type":"message","role":"user","content":[{"type":"input_text","text":"Hi"}]}}"""));

        Assert.Equal(RealtimeServerMessageType.ConversationItemAdded, message.Type);
    }

    [Fact]
    public void Response_done_carries_status_usage_and_output()
    {
        var message = Assert.IsType<ResponseCreatedRealtimeServerMessage>(Map(
            """{"type":"response.done","event_id":"e5","response":{"id":"r1","status":"completed","modalities":["text"],"max_output_tokens":"inf","output":[{"id":"m1","type":"message","role":"assistant","content":[{"type":"text","text":"Hi"}]}],"usage":{"total_tokens":30,"input_tokens":20,"output_tokens":10,"input_token_details":{"cached_tokens":4,"text_tokens":15,"audio_tokens":5},"output_token_details":{"text_tokens":6,"audio_tokens":4}}}}"""));

        Assert.Equal(RealtimeServerMessageType.ResponseDone, message.Type);
        Assert.Equal(("r1", "completed"), (message.ResponseId, message.Status));
        Assert.Equal(["text"], message.OutputModalities!);
        Assert.Null(message.MaxOutputTokens);
        Assert.Single(message.Items!);
        UsageDetails usage = message.Usage!;
        Assert.Equal((20L, 10L, 30L, 4L), (usage.InputTokenCount, usage.OutputTokenCount, usage.TotalTokenCount, usage.CachedInputTokenCount));
        Assert.Equal((15L, 5L, 6L, 4L), (usage.InputTextTokenCount, usage.InputAudioTokenCount, usage.OutputTextTokenCount, usage.OutputAudioTokenCount));
    }

    [Fact]
    public void A_failed_response_carries_its_error()
    {
        var message = Assert.IsType<ResponseCreatedRealtimeServerMessage>(Map(
            """{"type":"response.done","response":{"id":"r1","status":"failed","status_details":{"type":"failed","error":{"type":"server_error","code":"boom","message":"It failed."}}}}"""));

        Assert.Equal(("failed", "It failed.", "boom"), (message.Status, message.Error!.Message, message.Error.ErrorCode));
        Assert.Equal("server_error", Assert.IsType<JsonElement>(message.Error.RawRepresentation).GetProperty("type").GetString());
    }

    [Fact]
    public void Response_created()
    {
        var message = Assert.IsType<ResponseCreatedRealtimeServerMessage>(Map("""{"type":"response.created","response":{"id":"r1","status":"in_progress","max_output_tokens":100}}"""));

        Assert.Equal((RealtimeServerMessageType.ResponseCreated, "r1", (int?)100), (message.Type, message.ResponseId, message.MaxOutputTokens));
    }

    [Theory]
    [InlineData("delta", """ "delta":"Hel" """, "Hel")]
    [InlineData("completed", """ "transcript":"Hello" """, "Hello")]
    [InlineData("failed", """ "error":{"type":"transcription_error","message":"no"} """, null)]
    public void Input_audio_transcription(string kind, string field, string? text)
    {
        var message = Assert.IsType<InputAudioTranscriptionRealtimeServerMessage>(Map(
            $$$"""{"type":"conversation.item.input_audio_transcription.{{{kind}}}","item_id":"i1","content_index":0,{{{field}}}}"""));

        Assert.Equal(("i1", 0, text), (message.ItemId, message.ContentIndex, message.Transcription));
        Assert.Equal(kind == "failed", message.Error is not null);
    }

    [Fact]
    public void An_error_event_is_an_error_message()
    {
        var message = Assert.IsType<ErrorRealtimeServerMessage>(Map(
            """{"type":"error","event_id":"evt_req1","error":{"type":"invalid_request_error","code":"invalid_value","message":"Bad voice.","param":"session.voice","event_id":"c7"}}"""));

        Assert.Equal(RealtimeServerMessageType.Error, message.Type);
        Assert.Equal(("evt_req1", "c7"), (message.MessageId, message.OriginatingMessageId));
        Assert.Equal(("Bad voice.", "invalid_value", "session.voice"), (message.Error!.Message, message.Error.ErrorCode, message.Error.Details));
        Assert.Equal("invalid_request_error", Assert.IsType<JsonElement>(message.Error.RawRepresentation).GetProperty("type").GetString());
    }

    [Fact]
    public void A_numeric_error_code_is_text()
    {
        var message = Assert.IsType<ErrorRealtimeServerMessage>(Map("""{"type":"error","error":{"message":"Busy.","code":429}}"""));

        Assert.Equal("429", message.Error!.ErrorCode);
    }

    [Theory]
    [InlineData("session.created")]
    [InlineData("session.updated")]
    [InlineData("input_audio_buffer.speech_started")]
    [InlineData("input_audio_buffer.speech_stopped")]
    [InlineData("input_audio_buffer.committed")]
    [InlineData("input_audio_buffer.cleared")]
    [InlineData("rate_limits.updated")]
    [InlineData("response.function_call_arguments.delta")]
    [InlineData("response.content_part.added")]
    [InlineData("some.future_event")]
    public void Events_without_a_message_type_pass_through_with_their_json(string type)
    {
        string json = $$$"""{"type":"{{{type}}}","event_id":"e1","extra":{"kept":[1,2]}}""";

        RealtimeServerMessage message = Map(json);

        Assert.Equal(typeof(RealtimeServerMessage), message.GetType());
        Assert.Equal(type, message.Type.Value);
        Assert.Equal("e1", message.MessageId);
        Assert.Equal(json, Assert.IsType<JsonElement>(message.RawRepresentation).GetRawText());
    }

    [Fact]
    public void Every_message_keeps_the_event_json()
    {
        string json = """{"type":"response.text.delta","delta":"x","future_field":true}""";

        Assert.Equal(json, Assert.IsType<JsonElement>(Map(json).RawRepresentation).GetRawText());
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1]")]
    [InlineData("""{"type":5}""")]
    [InlineData("""{"no_type":true}""")]
    [InlineData("""{"type":""}""")]
    public void What_is_not_an_event_is_a_json_exception_for_the_session_to_type(string json)
    {
        Assert.ThrowsAny<JsonException>(() => Map(json));
    }

    [Fact]
    public void Invalid_utf8_in_text_becomes_the_replacement_character()
    {
        byte[] json = [.. "{\"type\":\"response.text.delta\",\"delta\":\"a"u8, 0xFF, .. "b\"}"u8];

        var message = Assert.IsType<OutputTextAudioRealtimeServerMessage>(RealtimeServerEventMapper.Map(json));

        Assert.Equal("a\uFFFDb", message.Text);
    }

    [Fact]
    public void Invalid_utf8_in_an_id_is_refused()
    {
        byte[] json = [.. "{\"type\":\"response.text.delta\",\"item_id\":\"a"u8, 0xFF, .. "b\"}"u8];

        Assert.ThrowsAny<JsonException>(() => RealtimeServerEventMapper.Map(json));
    }

    [Fact]
    public void A_responses_metadata_becomes_its_additional_properties()
    {
        var done = Assert.IsType<ResponseCreatedRealtimeServerMessage>(Map("""{"type":"response.done","response":{"id":"r1","status":"completed","metadata":{"turn":"t-7","n":3}}}"""));

        Assert.Equal("t-7", done.AdditionalProperties!["turn"]);
        Assert.Equal("3", done.AdditionalProperties["n"]);
    }

    [Fact]
    public void Null_output_items_and_content_parts_are_skipped_and_an_empty_role_is_none()
    {
        var done = Assert.IsType<ResponseCreatedRealtimeServerMessage>(Map(
            """{"type":"response.done","response":{"id":"r1","status":"completed","output":[null,{"id":"m1","type":"message","role":"","content":[null,{"type":"text","text":"Hi."}]}]}}"""));

        RealtimeConversationItem item = Assert.Single(done.Items!);
        Assert.Null(item.Role);
        Assert.Equal("Hi.", Assert.IsType<TextContent>(Assert.Single(item.Contents)).Text);
    }

    private static RealtimeServerMessage Map(string json) => RealtimeServerEventMapper.Map(Encoding.UTF8.GetBytes(json));
}
