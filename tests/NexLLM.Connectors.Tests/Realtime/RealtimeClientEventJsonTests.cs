using System.ComponentModel;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using NexLLM.Connectors.Realtime;

namespace NexLLM.Connectors.Tests.Realtime;

/// <summary>The exact beta client events M.E.AI's messages become (docs/protocols/realtime.md#client-events).</summary>
public sealed class RealtimeClientEventJsonTests
{
    private readonly List<string> _ignored = [];

    [Fact]
    public void A_session_update_carries_every_option_in_the_beta_shape()
    {
        var options = new RealtimeSessionOptions
        {
            Instructions = "Be brief.",
            Voice = "alloy",
            OutputModalities = ["text", "audio"],
            InputAudioFormat = new RealtimeAudioFormat("audio/pcm", 24000),
            OutputAudioFormat = new RealtimeAudioFormat("audio/pcmu", 8000),
            TranscriptionOptions = new TranscriptionOptions { ModelId = "whisper-1", SpeechLanguage = "en", Prompt = "names" },
            VoiceActivityDetection = new VoiceActivityDetectionOptions { Enabled = true, AllowInterruption = false },
            Tools = [AIFunctionFactory.Create(GetWeather, "get_weather")],
            ToolMode = ChatToolMode.Auto,
            MaxOutputTokens = 200,
            RawRepresentationFactory = () => new JsonObject { ["temperature"] = 0.7 },
        };

        string json = Json(new SessionUpdateRealtimeClientMessage(options) { MessageId = "evt_1" });

        Assert.Equal(
            """{"type":"session.update","event_id":"evt_1","session":{"modalities":["text","audio"],"instructions":"Be brief.","voice":"alloy","input_audio_format":"pcm16","output_audio_format":"g711_ulaw","input_audio_transcription":{"model":"whisper-1","language":"en","prompt":"names"},"turn_detection":{"type":"server_vad","interrupt_response":false},"tools":[{"type":"function","name":"get_weather","description":"Gets the weather in a city.","parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}],"tool_choice":"auto","max_response_output_tokens":200,"temperature":0.7}}""",
            json);
    }

    [Fact]
    public void Voice_activity_detection_turned_off_is_a_null_turn_detection()
    {
        string json = Json(new SessionUpdateRealtimeClientMessage(new RealtimeSessionOptions { VoiceActivityDetection = new() { Enabled = false } }));

        Assert.Equal("""{"type":"session.update","session":{"turn_detection":null}}""", json);
    }

    [Theory]
    [InlineData("none", "none")]
    [InlineData("required", "required")]
    public void Tool_modes_are_strings(string mode, string wire)
    {
        ChatToolMode toolMode = mode == "none" ? ChatToolMode.None : ChatToolMode.RequireAny;
        string json = Json(new SessionUpdateRealtimeClientMessage(new RealtimeSessionOptions { ToolMode = toolMode }));

        Assert.Equal($$$"""{"type":"session.update","session":{"tool_choice":"{{{wire}}}"}}""", json);
    }

    [Fact]
    public void One_required_function_is_refused_before_sending_since_the_gateway_would_end_the_session()
    {
        var message = new SessionUpdateRealtimeClientMessage(new RealtimeSessionOptions { ToolMode = ChatToolMode.RequireSpecific("get_weather") });

        var error = Assert.Throws<ArgumentException>(() => Json(message));
        Assert.Contains("get_weather", error.Message, StringComparison.Ordinal);
        Assert.Contains("tool_choice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_raw_event_with_a_tool_choice_object_is_refused_too()
    {
        var message = new RealtimeClientMessage
        {
            RawRepresentation = """{"type":"response.create","response":{"tool_choice":{"type":"function","name":"f"}}}""",
        };

        var error = Assert.Throws<ArgumentException>(() => Json(message));
        Assert.Contains("response.tool_choice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_transcription_session_is_refused()
    {
        var message = new SessionUpdateRealtimeClientMessage(new RealtimeSessionOptions { SessionKind = RealtimeSessionKind.Transcription });

        Assert.Throws<ArgumentException>(() => Json(message));
    }

    [Fact]
    public void An_unknown_audio_format_is_refused()
    {
        var message = new SessionUpdateRealtimeClientMessage(new RealtimeSessionOptions { InputAudioFormat = new RealtimeAudioFormat("audio/mpeg", 44100) });

        var error = Assert.Throws<ArgumentException>(() => Json(message));
        Assert.Contains("audio/mpeg", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Audio_is_appended_as_base64_and_committed()
    {
        Assert.Equal(
            """{"type":"input_audio_buffer.append","audio":"AQID"}""",
            Json(new InputAudioBufferAppendRealtimeClientMessage(new DataContent(new byte[] { 1, 2, 3 }, "audio/pcm"))));
        Assert.Equal("""{"type":"input_audio_buffer.commit","event_id":"c1"}""", Json(new InputAudioBufferCommitRealtimeClientMessage { MessageId = "c1" }));
    }

    [Fact]
    public void A_user_message_item_has_input_text_and_input_audio_parts()
    {
        var item = new RealtimeConversationItem([new TextContent("Hi"), new DataContent(new byte[] { 1, 2, 3 }, "audio/pcm")], "item_1", ChatRole.User);

        Assert.Equal(
            """{"type":"conversation.item.create","item":{"id":"item_1","type":"message","role":"user","content":[{"type":"input_text","text":"Hi"},{"type":"input_audio","audio":"AQID"}]}}""",
            Json(new CreateConversationItemRealtimeClientMessage(item)));
    }

    [Fact]
    public void An_assistant_message_item_has_text_parts()
    {
        var item = new RealtimeConversationItem([new TextContent("Hello.")], role: ChatRole.Assistant);

        Assert.Equal(
            """{"type":"conversation.item.create","item":{"type":"message","role":"assistant","content":[{"type":"text","text":"Hello."}]}}""",
            Json(new CreateConversationItemRealtimeClientMessage(item)));
    }

    [Fact]
    public void A_function_result_is_a_function_call_output_item()
    {
        var item = new RealtimeConversationItem([new FunctionResultContent("call_1", JsonSerializer.SerializeToElement(new Dictionary<string, int> { ["c"] = 18 }))]);

        Assert.Equal(
            """{"type":"conversation.item.create","item":{"type":"function_call_output","call_id":"call_1","output":"{\"c\":18}"}}""",
            Json(new CreateConversationItemRealtimeClientMessage(item)));
    }

    [Fact]
    public void A_function_result_mixed_with_text_is_refused()
    {
        var item = new RealtimeConversationItem([new FunctionResultContent("call_1", "18"), new TextContent("x")]);

        Assert.Throws<ArgumentException>(() => Json(new CreateConversationItemRealtimeClientMessage(item)));
    }

    [Fact]
    public void A_response_create_carries_its_settings_and_additional_properties()
    {
        var message = new CreateResponseRealtimeClientMessage
        {
            OutputModalities = ["text"],
            Instructions = "Answer in French.",
            OutputVoice = "verse",
            MaxOutputTokens = 50,
            ExcludeFromConversation = true,
            ToolMode = ChatToolMode.None,
            AdditionalProperties = new() { ["temperature"] = 0.6, ["nexllm.reserved"] = "never sent" },
        };

        Assert.Equal(
            """{"type":"response.create","response":{"modalities":["text"],"instructions":"Answer in French.","voice":"verse","tool_choice":"none","max_response_output_tokens":50,"conversation":"none","temperature":0.6}}""",
            Json(message));
    }

    [Fact]
    public void A_bare_response_create_has_an_empty_response()
    {
        Assert.Equal("""{"type":"response.create","response":{}}""", Json(new CreateResponseRealtimeClientMessage()));
    }

    [Theory]
    [InlineData("""{"type":"input_audio_buffer.clear"}""")]
    [InlineData("""{"type":"response.cancel"}""")]
    [InlineData("""{"type":"conversation.item.truncate","item_id":"i1","content_index":0,"audio_end_ms":1500}""")]
    public void Events_without_a_message_type_are_sent_from_the_raw_representation(string raw)
    {
        Assert.Equal(raw, Json(new RealtimeClientMessage { RawRepresentation = raw }));
        Assert.Equal(raw, Json(new RealtimeClientMessage { RawRepresentation = JsonDocument.Parse(raw).RootElement }));
        Assert.Equal(raw, Json(new RealtimeClientMessage { RawRepresentation = Encoding.UTF8.GetBytes(raw) }));
    }

    [Fact]
    public void A_raw_event_gets_the_message_id_when_it_has_none()
    {
        Assert.Equal(
            """{"type":"response.cancel","event_id":"e9"}""",
            Json(new RealtimeClientMessage { RawRepresentation = """{"type":"response.cancel"}""", MessageId = "e9" }));
    }

    [Fact]
    public void A_response_create_without_an_id_gets_the_sessions_id_and_other_events_do_not()
    {
        var typed = RealtimeClientEventMapper.ToJson(new CreateResponseRealtimeClientMessage(), _ignored.Add, "r1");
        var raw = RealtimeClientEventMapper.ToJson(new RealtimeClientMessage { RawRepresentation = """{"type":"response.create"}""" }, _ignored.Add, "r2");
        var own = RealtimeClientEventMapper.ToJson(new CreateResponseRealtimeClientMessage { MessageId = "mine" }, _ignored.Add, "r3");
        var other = RealtimeClientEventMapper.ToJson(new RealtimeClientMessage { RawRepresentation = """{"type":"response.cancel"}""" }, _ignored.Add, "r4");

        Assert.Equal(("""{"type":"response.create","event_id":"r1","response":{}}""", "r1"), (Encoding.UTF8.GetString(typed.Json), typed.EventId));
        Assert.Equal(("""{"type":"response.create","event_id":"r2"}""", "r2"), (Encoding.UTF8.GetString(raw.Json), raw.EventId));
        Assert.Equal("mine", own.EventId);
        Assert.Equal(("""{"type":"response.cancel"}""", (string?)null), (Encoding.UTF8.GetString(other.Json), other.EventId));
    }

    [Theory]
    [InlineData("""[1,2]""")]
    [InlineData("""{"no":"type"}""")]
    [InlineData("""{"type":""")]
    public void A_raw_event_that_is_not_an_event_is_refused(string raw)
    {
        Assert.Throws<ArgumentException>(() => Json(new RealtimeClientMessage { RawRepresentation = raw }));
    }

    [Fact]
    public void A_message_type_without_an_event_and_without_json_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => Json(new RealtimeClientMessage()));
        Assert.Contains("RawRepresentation", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tool_that_is_not_a_function_is_logged_as_ignored()
    {
        string json = Json(new CreateResponseRealtimeClientMessage { Tools = [new HostedWebSearchTool()] });

        Assert.Equal("""{"type":"response.create","response":{}}""", json);
        Assert.Single(_ignored);
    }

    [Description("Gets the weather in a city.")]
    private static string GetWeather(string city) => city;

    private string Json(RealtimeClientMessage message) => Encoding.UTF8.GetString(RealtimeClientEventMapper.ToJson(message, _ignored.Add).Json);
}
