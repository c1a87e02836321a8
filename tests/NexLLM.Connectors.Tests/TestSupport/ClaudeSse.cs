using System.Globalization;
using System.Text.Json;

namespace NexLLM.Connectors.Tests.TestSupport;

/// <summary>
/// Builds SSE bytes exactly as the gateway frames Claude Messages streams (docs/protocols/gateway.md#sse-framing, docs/protocols/claude-messages.md):
/// <c>event: &lt;type&gt;\ndata: &lt;json&gt;\n\n</c>, the event name rebuilt from the JSON <c>type</c>.
/// </summary>
public static class ClaudeSse
{
    /// <summary>One event, named after its JSON <c>type</c>.</summary>
    public static string Event(string json) => $"event: {TypeOf(json)}\ndata: {json}\n\n";

    /// <summary>The events, each framed; Claude streams have no terminator beyond <c>message_stop</c>.</summary>
    public static string Events(params string[] jsonEvents) => string.Concat(jsonEvents.Select(Event));

    /// <summary>new-api's pass-through framing of upstream events: one extra blank line (<c>data: …\n\n\n</c>).</summary>
    public static string PassThrough(params string[] jsonEvents) => string.Concat(jsonEvents.Select(json => Event(json) + "\n"));

    /// <summary>Only the <c>data:</c> line, no <c>event:</c> line.</summary>
    public static string DataOnly(string json) => $"data: {json}\n\n";

    private static string TypeOf(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("type").GetString()!;
    }
}

/// <summary>Claude stream event JSON in the shapes of docs/protocols/claude-messages.md ("Streaming events").</summary>
public static class ClaudeEvent
{
    public const string MessageStop = """{"type":"message_stop"}""";

    public const string Ping = """{"type":"ping"}""";

    public const string StartUsage = """{"input_tokens":25,"output_tokens":1,"cache_creation_input_tokens":0,"cache_read_input_tokens":0}""";

    public static string MessageStart(string id = "msg_1", string model = "claude-sonnet-4-5", string usageJson = StartUsage) =>
        $$$"""{"type":"message_start","message":{"id":"{{{id}}}","type":"message","role":"assistant","model":"{{{model}}}","content":[],"stop_reason":null,"stop_sequence":null,"usage":{{{usageJson}}}}}""";

    public static string TextStart(int index) =>
        $$$"""{"type":"content_block_start","index":{{{I(index)}}},"content_block":{"type":"text","text":""}}""";

    public static string TextDelta(int index, string text) =>
        $$$"""{"type":"content_block_delta","index":{{{I(index)}}},"delta":{"type":"text_delta","text":{{{Json.Quote(text, asciiOnly: false)}}}}}""";

    public static string ThinkingStart(int index) =>
        $$$"""{"type":"content_block_start","index":{{{I(index)}}},"content_block":{"type":"thinking","thinking":""}}""";

    public static string ThinkingDelta(int index, string thinking) =>
        $$$"""{"type":"content_block_delta","index":{{{I(index)}}},"delta":{"type":"thinking_delta","thinking":{{{Json.Quote(thinking, asciiOnly: false)}}}}}""";

    public static string SignatureDelta(int index, string signature) =>
        $$$"""{"type":"content_block_delta","index":{{{I(index)}}},"delta":{"type":"signature_delta","signature":{{{Json.Quote(signature)}}}}}""";

    public static string RedactedThinkingStart(int index, string data) =>
        $$$"""{"type":"content_block_start","index":{{{I(index)}}},"content_block":{"type":"redacted_thinking","data":{{{Json.Quote(data)}}}}}""";

    public static string ToolStart(int index, string id, string name) =>
        $$$$"""{"type":"content_block_start","index":{{{{I(index)}}}},"content_block":{"type":"tool_use","id":"{{{{id}}}}","name":"{{{{name}}}}","input":{}}}""";

    /// <summary>An <c>input_json_delta</c>; <paramref name="partialJson"/> is the raw fragment, quoted here as a JSON string.</summary>
    public static string InputJsonDelta(int index, string partialJson) =>
        $$$"""{"type":"content_block_delta","index":{{{I(index)}}},"delta":{"type":"input_json_delta","partial_json":{{{Json.Quote(partialJson)}}}}}""";

    public static string BlockStop(int index) => $$$"""{"type":"content_block_stop","index":{{{I(index)}}}}""";

    public static string MessageDelta(string stopReason, string usageJson = """{"output_tokens":12}""") =>
        $$$"""{"type":"message_delta","delta":{"stop_reason":"{{{stopReason}}}","stop_sequence":null},"usage":{{{usageJson}}}}""";

    public static string Error(string type = "overloaded_error", string message = "Overloaded") =>
        $$$"""{"type":"error","error":{"type":"{{{type}}}","message":{{{Json.Quote(message)}}}}}""";

    /// <summary>A whole text answer: message_start, one text block in the given deltas, message_delta, message_stop.</summary>
    public static string[] TextAnswer(string id, params string[] deltas) =>
        [MessageStart(id), TextStart(0), .. deltas.Select(d => TextDelta(0, d)), BlockStop(0), MessageDelta("end_turn"), MessageStop];

    private static string I(int index) => index.ToString(CultureInfo.InvariantCulture);
}
