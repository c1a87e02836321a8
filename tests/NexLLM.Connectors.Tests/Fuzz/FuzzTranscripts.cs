using System.Text;
using NexLLM.Connectors.Tests.Embeddings;
using NexLLM.Connectors.Tests.TestSupport;

namespace NexLLM.Connectors.Tests.Fuzz;

/// <summary>
/// The decoders under fuzzing: each chat format streamed and not (Responses too), both embedding formats, images, and
/// audio (a verbose_json transcription, a streamed transcription, speech as events).
/// </summary>
internal enum FuzzDecoder
{
    ChatCompletionsStream,
    ChatCompletions,
    ClaudeStream,
    Claude,
    GeminiStream,
    Gemini,
    ResponsesStream,
    Responses,
    OpenAIEmbeddings,
    GeminiEmbeddings,
    Images,
    Transcription,
    TranscriptionStream,
    SpeechStream,
}

/// <summary>
/// A valid answer of one decoder, as the gateway writes it (SSE bodies with LF line ends only, so that the mutator can
/// rewrite them). <paramref name="EndLine"/> is the data line whose event ends a stream (<c>[DONE]</c>, <c>message_stop</c>,
/// Gemini's chunk with the finish reason): a stream cut before that event is complete must not succeed.
/// <paramref name="Marker"/> is a piece of the answer its rendering must show, so that an empty baseline cannot pass.
/// <paramref name="TextTargets"/> and <paramref name="ArgumentTargets"/>, when set, name the fields whose text the decoder
/// shows or acts on, where the usual names would also hit copies it does not read (a Responses stream repeats its text in
/// <c>*.done</c> events; only the deltas are shown).
/// </summary>
internal sealed record FuzzTranscript(
    string Name, FuzzDecoder Decoder, byte[] Body, string? EndLine, string Marker, string[]? TextTargets = null, string[]? ArgumentTargets = null)
{
    public bool IsStream => EndLine is not null;
}

/// <summary>The valid transcripts the fuzzer mutates, built with the tests' own wire helpers.</summary>
internal static class FuzzTranscripts
{
    private const string KeepAlive = ": keep-alive\n\n";

    private static readonly string GeminiFinal =
        """{"candidates":[{"content":{"role":"model","parts":[{"text":"!"}]},"finishReason":"STOP","index":0,"safetyRatings":[{"category":"HARM_CATEGORY_HARASSMENT","probability":"NEGLIGIBLE"}]}],"usageMetadata":{"promptTokenCount":4,"candidatesTokenCount":6,"totalTokenCount":12,"thoughtsTokenCount":2},"modelVersion":"gemini-2.5-flash","responseId":"resp-1"}""";

    private static readonly string GeminiCallFinal = GeminiChunk.Parts(
        """[{"functionCall":{"id":"fc_1","name":"get_weather","args":{"city":"Paris","days":3}}},{"functionCall":{"id":"fc_2","name":"get_time","args":{}}}]""",
        "STOP",
        GeminiChunk.Usage(9, 5));

    private static readonly string[] ResponsesReasoningText = ResponsesSse.Numbered(
    [
        ResponsesEvent.Created(), ResponsesEvent.InProgress(), ResponsesEvent.ReasoningAdded(), ResponsesEvent.SummaryPartAdded(0),
        ResponsesEvent.SummaryDelta("Thinking it over."), ResponsesEvent.SummaryPartDone("Thinking it over."),
        ResponsesEvent.ReasoningDone(["Thinking it over."], "ZW5jcnlwdGVk"), ResponsesEvent.MessageAdded(index: 1), ResponsesEvent.TextPartAdded(index: 1),
        ResponsesEvent.TextDelta("Hello", index: 1), ResponsesEvent.TextDelta(", wörld 😀!", index: 1), ResponsesEvent.TextDone("Hello, wörld 😀!", index: 1),
        ResponsesEvent.MessageDone("Hello, wörld 😀!", index: 1), ResponsesEvent.Completed(),
    ]);

    private static readonly string[] ResponsesTools = ResponsesSse.Numbered(
    [
        ResponsesEvent.Created(), ResponsesEvent.InProgress(), .. ResponsesEvent.Call("get_weather", ["{\"ci", "ty\":\"Paris\"}"]),
        ResponsesEvent.Completed(),
    ]);

    public static IReadOnlyList<FuzzTranscript> All { get; } =
    [
        Stream("chat text", FuzzDecoder.ChatCompletionsStream, "Second line", "data: [DONE]", Sse.Stream(
            Chunk.Role(), Chunk.ReasoningContent("Thinking about it."), Chunk.Text("Hello"), Chunk.Text(", wörld 😀!"), Chunk.Text("\nSecond line"),
            Chunk.Finish("stop"), Chunk.Usage(5, 7)) + KeepAlive),
        Stream("chat tools", FuzzDecoder.ChatCompletionsStream, "Paris", "data: [DONE]", Sse.Stream(
            Chunk.Role(), Chunk.Tool(0, "call_1", "get_weather", "{\"ci"), Chunk.Tool(0, null, null, "ty\":\"Paris\"}"), Chunk.Tool(1, "call_2", "get_time", "{}"),
            Chunk.Finish("tool_calls"), Chunk.Usage(9, 4))),
        Json("chat text", FuzzDecoder.ChatCompletions, "Second line",
            """{"id":"chatcmpl-9","object":"chat.completion","created":1710000000,"model":"gpt-4o-mini","choices":[{"index":0,"message":{"role":"assistant","content":"Hello, wörld 😀!\nSecond line","reasoning_content":"Thinking."},"finish_reason":"stop"}],"usage":{"prompt_tokens":5,"completion_tokens":7,"total_tokens":12,"prompt_tokens_details":{"cached_tokens":2}}}"""),
        Json("chat tools", FuzzDecoder.ChatCompletions, "Paris",
            """{"id":"chatcmpl-8","object":"chat.completion","created":1710000001,"model":"gpt-4o-mini","choices":[{"index":0,"message":{"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}},{"id":"call_2","type":"function","function":{"name":"get_time","arguments":"{}"}}]},"finish_reason":"tool_calls"}],"usage":{"prompt_tokens":9,"completion_tokens":4,"total_tokens":13}}"""),
        Stream("claude thinking", FuzzDecoder.ClaudeStream, "Let me think.", "data: " + ClaudeEvent.MessageStop, ClaudeSse.Events(
            ClaudeEvent.MessageStart(), ClaudeEvent.ThinkingStart(0), ClaudeEvent.ThinkingDelta(0, "Let me think."), ClaudeEvent.SignatureDelta(0, "c2lnbmF0dXJl"),
            ClaudeEvent.BlockStop(0), ClaudeEvent.TextStart(1), ClaudeEvent.TextDelta(1, "Hello"), ClaudeEvent.TextDelta(1, ", wörld 😀!"), ClaudeEvent.BlockStop(1),
            ClaudeEvent.MessageDelta("end_turn"), ClaudeEvent.MessageStop)),
        Stream("claude tools (pass-through framing)", FuzzDecoder.ClaudeStream, "Paris", "data: " + ClaudeEvent.MessageStop, ClaudeSse.PassThrough(
            ClaudeEvent.MessageStart(), ClaudeEvent.Ping, ClaudeEvent.TextStart(0), ClaudeEvent.TextDelta(0, "Checking."), ClaudeEvent.BlockStop(0),
            ClaudeEvent.ToolStart(1, "toolu_1", "get_weather"), ClaudeEvent.InputJsonDelta(1, "{\"city\":"), ClaudeEvent.InputJsonDelta(1, "\"Paris\"}"), ClaudeEvent.BlockStop(1),
            ClaudeEvent.MessageDelta("tool_use"), ClaudeEvent.MessageStop)),
        Json("claude thinking", FuzzDecoder.Claude, "Let me think.",
            """{"id":"msg_9","type":"message","role":"assistant","model":"claude-sonnet-4-5","content":[{"type":"thinking","thinking":"Let me think.","signature":"c2ln"},{"type":"text","text":"Hello, wörld 😀!"}],"stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":25,"output_tokens":12,"cache_read_input_tokens":3}}"""),
        Json("claude tools", FuzzDecoder.Claude, "Paris",
            """{"id":"msg_8","type":"message","role":"assistant","model":"claude-sonnet-4-5","content":[{"type":"text","text":"Checking."},{"type":"tool_use","id":"toolu_1","name":"get_weather","input":{"city":"Paris","days":3}}],"stop_reason":"tool_use","stop_sequence":null,"usage":{"input_tokens":30,"output_tokens":20}}"""),
        Stream("gemini text", FuzzDecoder.GeminiStream, "Thinking.", "data: " + GeminiFinal, GeminiSse.Events(
            GeminiChunk.Parts($"[{GeminiChunk.ThoughtPart("Thinking.")}]"), GeminiChunk.Text("Hello", usageJson: GeminiChunk.Usage(4, 1)),
            GeminiChunk.Text(", wörld 😀", usageJson: GeminiChunk.Usage(4, 5)), GeminiFinal) + KeepAlive),
        Stream("gemini tools", FuzzDecoder.GeminiStream, "Paris", "data: " + GeminiCallFinal, GeminiSse.Events(GeminiChunk.Text("Checking."), GeminiCallFinal)),
        Json("gemini text", FuzzDecoder.Gemini, "data:image/png:AQID",
            """{"candidates":[{"content":{"role":"model","parts":[{"text":"Thinking.","thought":true},{"text":"Hello, wörld 😀!"},{"inlineData":{"mimeType":"image/png","data":"AQID"}}]},"finishReason":"STOP","index":0}],"usageMetadata":{"promptTokenCount":4,"candidatesTokenCount":6,"totalTokenCount":10},"modelVersion":"gemini-2.5-flash","responseId":"resp-9"}"""),
        Json("gemini tools", FuzzDecoder.Gemini, "Paris",
            """{"candidates":[{"content":{"role":"model","parts":[{"functionCall":{"id":"fc_1","name":"get_weather","args":{"city":"Paris","days":3}},"thoughtSignature":"c2ln"}]},"finishReason":"STOP","index":0}],"usageMetadata":{"promptTokenCount":9,"candidatesTokenCount":5,"totalTokenCount":14},"modelVersion":"gemini-2.5-flash","responseId":"resp-8"}"""),
        Stream("responses reasoning and text", FuzzDecoder.ResponsesStream, "Thinking it over.", "data: " + ResponsesReasoningText[^1], ClaudeSse.Events(ResponsesReasoningText) + KeepAlive)
            with { TextTargets = ["\"delta\":\""] },
        Stream("responses tools", FuzzDecoder.ResponsesStream, "Paris", "data: " + ResponsesTools[^1], ClaudeSse.Events(ResponsesTools))
            with { TextTargets = [], ArgumentTargets = ["\"arguments\":\""] },
        Json("responses reasoning and text", FuzzDecoder.Responses, "Thinking.",
            """{"id":"resp_9","object":"response","created_at":1741290958,"status":"completed","error":null,"incomplete_details":null,"model":"o4-mini","output":[{"id":"rs_9","type":"reasoning","summary":[{"type":"summary_text","text":"Thinking."}],"encrypted_content":"ZW5j"},{"id":"msg_9","type":"message","status":"completed","role":"assistant","content":[{"type":"output_text","text":"Hello, wörld 😀!","annotations":[{"type":"url_citation","url":"https://example.com/","title":"Example","start_index":0,"end_index":5}]}]}],"usage":{"input_tokens":5,"input_tokens_details":{"cached_tokens":2},"output_tokens":7,"output_tokens_details":{"reasoning_tokens":3},"total_tokens":12}}"""),
        Json("responses tools", FuzzDecoder.Responses, "Paris",
            """{"id":"resp_8","object":"response","created_at":1741290958,"status":"completed","model":"gpt-4.1","output":[{"id":"fc_1","type":"function_call","status":"completed","call_id":"call_1","name":"get_weather","arguments":"{\"city\":\"Paris\"}"},{"id":"ws_1","type":"web_search_call","status":"completed","action":{"type":"search","query":"weather Paris"}}],"usage":{"input_tokens":9,"output_tokens":4,"total_tokens":13}}"""),
        Json("openai embeddings", FuzzDecoder.OpenAIEmbeddings, "0.001", EmbeddingTestData.Body(EmbeddingTestData.Item(1, 0.5f, -1.5f, 3f), EmbeddingTestData.Item(0, "[0.25,1e-3,-2]"))),
        Json("gemini embeddings", FuzzDecoder.GeminiEmbeddings, "-3.25", """{"embeddings":[{"values":[0.25,-0.5,1]},{"values":[1.5,2,-3.25]}]}"""),
        Json("images", FuzzDecoder.Images, "A tall white lighthouse",
            $$$"""{"created":1713833628,"data":[{"b64_json":"{{{Images.ImageTestData.PngBase64}}}","revised_prompt":"A tall white lighthouse, wörld 😀."},{"url":"https://cdn.example/img/abc.png?sig=1","revised_prompt":null}],"output_format":"png","usage":{"input_tokens":50,"input_tokens_details":{"image_tokens":40,"text_tokens":10},"output_tokens":4160,"total_tokens":4210}}""")
            with { TextTargets = ["\"revised_prompt\":\""], ArgumentTargets = [] },
        .. Audio,
    ];

    private const string TranscriptionDone =
        """{"type":"transcript.text.done","text":"Hello, wörld 😀!","usage":{"type":"tokens","input_tokens":14,"input_token_details":{"audio_tokens":10,"text_tokens":4},"output_tokens":6,"total_tokens":20}}""";

    private const string SpeechDone = """{"type":"speech.audio.done","usage":{"input_tokens":3,"output_tokens":9,"total_tokens":12}}""";

    /// <summary>The audio decoders' transcripts.</summary>
    private static FuzzTranscript[] Audio =>
    [
        Json("transcription verbose", FuzzDecoder.Transcription, "Hello",
            """{"task":"transcribe","language":"english","duration":2.5,"text":"Hello, wörld 😀!","segments":[{"id":0,"seek":0,"start":0.0,"end":2.5,"text":" Hello, wörld 😀!","tokens":[1,2],"temperature":0.0,"avg_logprob":-0.1,"compression_ratio":1.2,"no_speech_prob":0.01}],"words":[{"word":"Hello","start":0.1,"end":0.6},{"word":"wörld","start":0.8,"end":1.4}],"usage":{"type":"duration","seconds":3}}""")
            with { TextTargets = ["\"text\":\"", "\"word\":\""], ArgumentTargets = [] },
        Stream("transcription stream", FuzzDecoder.TranscriptionStream, "Hello", "data: " + TranscriptionDone,
            "data: {\"type\":\"transcript.text.delta\",\"delta\":\"Hello\"}\n\n" + KeepAlive
            + "data: {\"type\":\"transcript.text.delta\",\"delta\":\", wörld 😀!\"}\n\n"
            + "data: " + TranscriptionDone + "\n\n")
            with { TextTargets = ["\"delta\":\""], ArgumentTargets = [] },
        Stream("speech events", FuzzDecoder.SpeechStream, "data:audio/wav:AQID", "data: " + SpeechDone,
            "data: {\"type\":\"speech.audio.delta\",\"audio\":\"AQID\"}\n\n" + KeepAlive
            + "data: {\"type\":\"speech.audio.delta\",\"audio\":\"BAUG\"}\n\n"
            + "data: " + SpeechDone + "\n\n")
            with { TextTargets = [], ArgumentTargets = [] },
    ];

    private static FuzzTranscript Stream(string name, FuzzDecoder decoder, string marker, string endLine, string body) =>
        new(name, decoder, Encoding.UTF8.GetBytes(body), endLine, marker);

    private static FuzzTranscript Json(string name, FuzzDecoder decoder, string marker, string body) => new(name, decoder, Encoding.UTF8.GetBytes(body), null, marker);
}
