using System.Text;
using Microsoft.Extensions.AI;
using NexLLM.Connectors.Chat.ChatCompletions;
using NexLLM.Connectors.Chat.Claude;
using NexLLM.Connectors.Chat.Gemini;
using NexLLM.Connectors.Chat.Responses;
using NexLLM.Connectors.Http;
using NexLLM.Connectors.Tests.TestSupport;

namespace NexLLM.Connectors.Tests.Http;

/// <summary>
/// The hand-written readers of the common stream events (text deltas) give the updates the serializer's path gives for
/// the same bytes, and leave every other event, or any event they cannot read exactly as the serializer would, to it.
/// </summary>
public sealed class StreamFastPathTests
{
    private sealed class Context : IStreamContext
    {
        public string? RequestId => "req-1";

        public int MaxAccumulatedChars => 1 << 20;

        public NexLLMException Error(NexLLMErrorKind kind, string message, bool transient, Exception? inner = null) => throw new InvalidOperationException(message, inner);
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static string Render(ChatResponseUpdate? update) => update is null ? "(none)" : UpdateText.Render([update]);

    public static TheoryData<string> ChatTextChunks =>
    [
        Chunk.Text("hello"),
        Chunk.Text("héllo 世界 😀 \"quoted\" \\ \n"),
        Chunk.ReasoningContent("thinking…"),
        Chunk.Delta("{\"reasoning\":\"r\"}"),
        Chunk.Delta("{\"reasoning_content\":\"\",\"reasoning\":\"r\",\"content\":\"c\"}"),
        Chunk.Delta("{\"reasoning_content\":\"a\",\"content\":\"b\",\"role\":null,\"refusal\":null,\"tool_calls\":null}"),
        Chunk.Of("[{\"index\":3,\"delta\":{\"content\":\"x\"},\"logprobs\":{\"content\":[{\"token\":\"x\",\"logprob\":-0.1}]},\"finish_reason\":null}]"),
        "{\"choices\":[{\"delta\":{\"content\":\"no id, model or created\"}}],\"usage\":null,\"error\":null}",
        "{\"id\":\"chatcmpl-\\u0031\",\"object\":\"chat.completion.chunk\",\"created\":99999999999999,\"model\":null,\"choices\":[{\"delta\":{\"content\":\"x\"},\"index\":0}],\"obfuscation\":\"abc\"}",
    ];

    [Theory]
    [MemberData(nameof(ChatTextChunks))]
    public void Chat_text_chunks_are_read_fast_and_map_as_the_serializer_path_does(string json)
    {
        var fast = new ChatCompletionsChunkReader().Parse(Utf8(json));
        JsonEvent<ChatCompletionChunk> full = JsonEvent<ChatCompletionChunk>.Parse(Utf8(json), ChatCompletionsJsonContext.Default.ChatCompletionChunk, ChatCompletionsChunkReader.IsError);

        Assert.True(fast.IsText);
        Assert.Equal(Render(new ChatCompletionsStreamMapper(new Context()).Map(full.Value!)), Render(new ChatCompletionsStreamMapper(new Context()).Map(fast.Text)));
    }

    public static TheoryData<string> ChatOtherChunks =>
    [
        Chunk.Role(),
        Chunk.Delta("{\"role\":\"assistant\",\"content\":\"text with a role\"}"),
        Chunk.Refusal("no"),
        Chunk.Tool(0, "call_1", "lookup", "{}"),
        Chunk.Finish("stop"),
        Chunk.Usage(1, 2),
        Chunk.Text(""),
        Chunk.Of("[{\"index\":0,\"delta\":{\"content\":\"a\"}},{\"index\":1,\"delta\":{\"content\":\"b\"}}]"),
        Chunk.Of("[{\"index\":0,\"delta\":{\"content\":\"a\"},\"finish_reason\":\"stop\"}]"),
        // A repeated delta: the serializer keeps the last one; the reader must not merge them.
        Chunk.Of("[{\"index\":0,\"delta\":{\"content\":\"A\"},\"delta\":{\"reasoning_content\":\"B\"}}]"),
        "{\"error\":{\"message\":\"overloaded\"},\"choices\":[{\"delta\":{\"content\":\"a\"}}]}",
        "{\"choices\":[{\"delta\":{\"content\":\"\\ud83d\"}}]}",
        "{\"created\":1.5,\"choices\":[{\"delta\":{\"content\":\"a\"}}]}",
        "{\"choices\":[{\"delta\":{\"content\":7}}]}",
        "{\"choices\":[{\"delta\":{\"content\":\"a\"}}]} trailing",
        "{\"choices\":[{\"delta\":{\"content\":\"a\"}}],}",
        "[DONE]",
    ];

    [Theory]
    [MemberData(nameof(ChatOtherChunks))]
    public void Other_chat_chunks_are_left_to_the_serializer(string json) => Assert.False(new ChatCompletionsChunkReader().Parse(Utf8(json)).IsText);

    [Fact]
    public void Id_and_model_strings_are_read_once_per_stream()
    {
        var reader = new ChatCompletionsChunkReader();
        ChatTextChunk first = reader.Parse(Utf8(Chunk.Text("a"))).Text;
        ChatTextChunk second = reader.Parse(Utf8(Chunk.Text("b"))).Text;
        ChatTextChunk other = reader.Parse(Utf8(Chunk.Text("c", id: "chatcmpl-2"))).Text;

        Assert.Same(first.Id, second.Id);
        Assert.Same(first.Model, second.Model);
        Assert.Equal("chatcmpl-2", other.Id);
    }

    public static TheoryData<string> ClaudeTextEvents =>
    [
        ClaudeEvent.TextDelta(0, "hello"),
        ClaudeEvent.TextDelta(3, "héllo 世界 😀 \"q\" \n"),
        ClaudeEvent.ThinkingDelta(0, "Pensons…"),
        "{\"delta\":{\"text\":\"fields in another order\",\"type\":\"text_delta\"},\"index\":1,\"type\":\"content_block_delta\",\"extra\":[1,{}]}",
    ];

    [Theory]
    [MemberData(nameof(ClaudeTextEvents))]
    public void Claude_text_deltas_are_read_fast_and_map_as_the_serializer_path_does(string json)
    {
        var fast = ClaudeEventReader.Parse(Utf8(json));
        JsonEvent<ClaudeStreamEvent> full = JsonEvent<ClaudeStreamEvent>.Parse(Utf8(json), ClaudeJsonContext.Default.ClaudeStreamEvent, static e => e.Type == "error");

        Assert.True(fast.IsText);
        Assert.Equal(Render(new ClaudeStreamMapper(new Context()).Map(full.Value!)), Render(new ClaudeStreamMapper(new Context()).Map(fast.Text)));
    }

    public static TheoryData<string> ClaudeOtherEvents =>
    [
        ClaudeEvent.MessageStart(),
        ClaudeEvent.Ping,
        ClaudeEvent.TextStart(0),
        ClaudeEvent.TextDelta(0, ""),
        ClaudeEvent.SignatureDelta(0, "sig"),
        ClaudeEvent.InputJsonDelta(0, "{\"a\":1}"),
        ClaudeEvent.BlockStop(0),
        ClaudeEvent.MessageStop,
        "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}",
        "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"\\udc00\"}}",
        "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"citations_delta\",\"citation\":{\"type\":\"char_location\"}}}",
    ];

    [Theory]
    [MemberData(nameof(ClaudeOtherEvents))]
    public void Other_Claude_events_are_left_to_the_serializer(string json) => Assert.False(ClaudeEventReader.Parse(Utf8(json)).IsText);

    public static TheoryData<string> GeminiTextChunks =>
    [
        GeminiChunk.Text("hello"),
        GeminiChunk.Text("héllo 世界 😀", usageJson: "{\"promptTokenCount\":9,\"totalTokenCount\":9,\"promptTokensDetails\":[{\"modality\":\"TEXT\",\"tokenCount\":9}]}"),
        "{\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"spaced\",\"thought\": false}],\"role\": \"model\"},\"index\": 0,\"safetyRatings\": []}],\"modelVersion\": \"gemini-2.5-flash\",\"responseId\": \"r1\"}",
        // A repeated usageMetadata ending in null: the last one wins, as in the serializer.
        "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"a\"}],\"role\":\"model\"},\"index\":0}],\"usageMetadata\":{\"promptTokenCount\":5},\"usageMetadata\":null}",
    ];

    [Theory]
    [MemberData(nameof(GeminiTextChunks))]
    public void Gemini_text_chunks_are_read_fast_and_map_as_the_serializer_path_does(string json)
    {
        var fast = new GeminiChunkReader().Parse(Utf8(json));
        JsonEvent<GeminiResponse> full = JsonEvent<GeminiResponse>.Parse(Utf8(json), GeminiJsonContext.Default.GeminiResponse, static _ => false);
        var viaSerializer = new GeminiStreamMapper(new Context());
        var viaReader = new GeminiStreamMapper(new Context());

        Assert.True(fast.IsText);
        Assert.Equal(Render(viaSerializer.Map(full.Value!)), Render(viaReader.Map(fast.Text)));
        Assert.Equal(Render(viaSerializer.Final()), Render(viaReader.Final()));
    }

    public static TheoryData<string> GeminiOtherChunks =>
    [
        GeminiChunk.Text("done", finishReason: "STOP"),
        GeminiChunk.Text(""),
        GeminiChunk.Parts($"[{GeminiChunk.ThoughtPart("t")}]"),
        GeminiChunk.Parts($"[{GeminiChunk.TextPart("a", signature: "sig")}]"),
        GeminiChunk.Parts($"[{GeminiChunk.TextPart("a")},{GeminiChunk.TextPart("b")}]"),
        GeminiChunk.Parts($"[{GeminiChunk.CallPart("f", "{}")}]"),
        "{\"candidates\":[{\"content\":{\"role\":\"model\"}}]}",
        "{\"promptFeedback\":{\"blockReason\":\"SAFETY\"}}",
        "{\"error\":{\"code\":429,\"message\":\"busy\"}}",
    ];

    [Theory]
    [MemberData(nameof(GeminiOtherChunks))]
    public void Other_Gemini_chunks_are_left_to_the_serializer(string json) => Assert.False(new GeminiChunkReader().Parse(Utf8(json)).IsText);

    public static TheoryData<string> ResponsesDeltaEvents =>
    [
        ResponsesEvent.TextDelta("hello"),
        ResponsesEvent.TextDelta("héllo 世界 😀 \"quoted\" \\ \n"),
        ResponsesEvent.SummaryDelta("Pensons…"),
        "{\"type\":\"response.reasoning_text.delta\",\"item_id\":\"rs_1\",\"output_index\":0,\"content_index\":0,\"delta\":\"raw thought\",\"sequence_number\":7}",
        "{\"delta\":\"delta first\",\"logprobs\":[{\"token\":\"x\",\"logprob\":-0.1,\"top_logprobs\":[]}],\"item_id\":\"msg_1\",\"type\":\"response.output_text.delta\",\"sequence_number\":4}",
        "{\"sequence_number\":4,\"content_index\":0,\"type\":\"response.output_text.delta\",\"output_index\":0,\"obfuscation\":\"abc\",\"delta\":\"x\"}",
        "{\"type\":\"response.output_text.delta\",\"delta\":\"\\u0048\\u00e9\\ud83d\\ude00\\t\\\"\\/\"}",
        "{\"typ\\u0065\":\"response.output_text.d\\u0065lta\",\"d\\u0065lta\":\"escaped names\"}",
        "{\"type\":\"response.output_text.delta\",\"item_id\":null,\"response\":null,\"item\":null,\"arguments\":null,\"refusal\":null,\"name\":null,\"delta\":\"x\"}",
        "{\"type\":\"response.output_text.delta\",\"delta\":\"first\",\"delta\":\"second\"}",
        "{\"type\":\"response.output_text.delta\",\"type\":\"response.reasoning_summary_text.delta\",\"delta\":\"last type wins\"}",
        "{\"Type\":\"response.completed\",\"type\":\"response.output_text.delta\",\"delta\":\"x\",\"extra\":{\"a\":[1,{\"b\":null}]}}",
    ];

    [Theory]
    [MemberData(nameof(ResponsesDeltaEvents))]
    public void Responses_text_and_reasoning_deltas_are_read_fast_and_map_as_the_serializer_path_does(string json)
    {
        var fast = ResponsesEventReader.Parse(Utf8(json));
        JsonEvent<ResponsesStreamEvent> full = JsonEvent<ResponsesStreamEvent>.Parse(Utf8(json), ResponsesJsonContext.Default.ResponsesStreamEvent, ResponsesEventReader.IsError);

        Assert.True(fast.IsText);
        Assert.Equal(RenderResponses(OpenResponses().Map(full.Value!)), RenderResponses(OpenResponses().Map(fast.Text)));
    }

    public static TheoryData<string> ResponsesOtherEvents =>
    [
        ResponsesEvent.Created(),
        ResponsesEvent.MessageAdded(),
        ResponsesEvent.TextDelta(string.Empty),
        ResponsesEvent.TextDone("hello"),
        ResponsesEvent.ArgumentsDelta("{\"a\":"),
        ResponsesEvent.Completed(),
        ResponsesEvent.Error("server_error", "x"),
        "{\"type\":\"response.refusal.delta\",\"item_id\":\"msg_1\",\"delta\":\"no\"}",
        "{\"type\":\"response.audio.delta\",\"delta\":\"AAAA\"}",
        "{\"type\":\"response.output_text.delta\",\"item_id\":7,\"delta\":\"x\"}",
        "{\"type\":\"response.output_text.delta\",\"delta\":7}",
        "{\"type\":\"response.output_text.delta\",\"delta\":\"a\",\"delta\":null}",
        "{\"type\":\"response.output_text.delta\",\"delta\":\"x\",\"response\":{\"id\":\"resp_2\"}}",
        "{\"type\":\"response.output_text.delta\",\"delta\":\"x\",\"item\":{\"type\":\"message\"}}",
        "{\"type\":\"response.output_text.delta\",\"delta\":\"\\udc00\"}",
        "{\"delta\":\"x\",\"type\":\"response.completed\"}",
        "{\"type\":1,\"delta\":\"x\"}",
        "{\"type\":\"response.output_text.delta\",\"delta\":\"x\"} trailing",
        "{\"type\":\"response.output_text.delta\",\"delta\":\"x\",}",
        " {\"type\":\"response.output_text.delta\",\"delta\":\"leading space\"}",
        "[]",
    ];

    [Theory]
    [MemberData(nameof(ResponsesOtherEvents))]
    public void Other_Responses_events_are_left_to_the_serializer(string json) => Assert.False(ResponsesEventReader.Parse(Utf8(json)).IsText);

    [Theory]
    [InlineData("{\"type\":\"response.output_text.delta\",\"item_id\":7,\"delta\":\"x\"}")]
    [InlineData("{\"type\":\"response.output_text.delta\",\"item_id\":{\"id\":\"msg_1\"},\"delta\":\"x\"}")]
    [InlineData("{\"type\":\"response.reasoning_summary_text.delta\",\"name\":[],\"delta\":\"x\"}")]
    public void A_Responses_delta_with_a_field_of_the_wrong_type_is_reported_by_the_serializer(string json)
    {
        Assert.False(ResponsesEventReader.Parse(Utf8(json)).IsText);
        Assert.NotNull(ResponsesEventReader.Parse(Utf8(json)).Parsed.ParseError);
    }

    /// <summary>A mapper inside a started answer with a reasoning item open, so that both paths meet the same state.</summary>
    private static ResponsesStreamMapper OpenResponses()
    {
        var mapper = new ResponsesStreamMapper(new Context());
        foreach (string json in new[] { ResponsesEvent.Created(), ResponsesEvent.ReasoningAdded() })
        {
            mapper.Map(JsonEvent<ResponsesStreamEvent>.Parse(Utf8(json), ResponsesJsonContext.Default.ResponsesStreamEvent, ResponsesEventReader.IsError).Value!);
        }

        return mapper;
    }

    /// <summary>The update as text, with the properties of its content (a reasoning item's id).</summary>
    private static string RenderResponses(ChatResponseUpdate? update) =>
        Render(update) + string.Join(",", update?.Contents.SelectMany(c => c.AdditionalProperties ?? []).Select(p => $"{p.Key}={p.Value}") ?? []);
}
