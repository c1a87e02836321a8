using System.Globalization;

namespace NexLLM.Connectors.Tests.TestSupport;

/// <summary>
/// Builds SSE bytes exactly as the gateway frames Responses streams (docs/protocols/responses.md#through-the-gateway):
/// <c>event: &lt;type&gt;\ndata: &lt;json&gt;\n\n</c>, no <c>[DONE]</c>, and every event numbered by its
/// <c>sequence_number</c> (docs/protocols/responses.md#streaming).
/// </summary>
public static class ResponsesSse
{
    /// <summary>The events, each framed; an event without a <c>sequence_number</c> gets its position, right after its <c>type</c>.</summary>
    public static string Events(params string[] jsonEvents) => ClaudeSse.Events(Numbered(jsonEvents));

    /// <summary>The events with their <c>sequence_number</c>, as OpenAI writes it: the second field.</summary>
    public static string[] Numbered(string[] jsonEvents) =>
    [
        .. jsonEvents.Select((json, i) => json.Contains("\"sequence_number\"", StringComparison.Ordinal)
            ? json
            : json.Insert(json.IndexOf(',', StringComparison.Ordinal), $",\"sequence_number\":{I(i)}")),
    ];

    internal static string I(int value) => value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>
/// Responses stream event JSON in the shapes of docs/protocols/responses.md ("Streaming"): response <c>resp_1</c> of
/// <c>gpt-4.1-2025-04-14</c>, created at 1741290958, its message <c>msg_1</c>, reasoning <c>rs_1</c>, call <c>fc_1</c>.
/// </summary>
public static class ResponsesEvent
{
    public const string Id = "resp_1";

    public const string Model = "gpt-4.1-2025-04-14";

    public const string Usage =
        """{"input_tokens":37,"input_tokens_details":{"cached_tokens":0},"output_tokens":11,"output_tokens_details":{"reasoning_tokens":0},"total_tokens":48}""";

    /// <summary>The response object of a lifecycle event.</summary>
    public static string Response(string status, string output = "[]", string usage = "null", string incompleteDetails = "null", string error = "null", bool store = false, string id = Id) =>
        $$$"""{"id":"{{{id}}}","object":"response","created_at":1741290958,"status":"{{{status}}}","error":{{{error}}},"incomplete_details":{{{incompleteDetails}}},"model":"{{{Model}}}","output":{{{output}}},"parallel_tool_calls":true,"store":{{{(store ? "true" : "false")}}},"text":{"format":{"type":"text"}},"tool_choice":"auto","tools":[],"usage":{{{usage}}}}""";

    public static string Created(string id = Id) => $$$"""{"type":"response.created","response":{{{Response("in_progress", id: id)}}}}""";

    public static string InProgress(string id = Id) => $$$"""{"type":"response.in_progress","response":{{{Response("in_progress", id: id)}}}}""";

    public static string Completed(string usage = Usage, bool store = false, string output = "[]", string id = Id) =>
        $$$"""{"type":"response.completed","response":{{{Response("completed", output, usage, store: store, id: id)}}}}""";

    public static string Incomplete(string reason, string usage = Usage) =>
        $$$"""{"type":"response.incomplete","response":{{{Response("incomplete", usage: usage, incompleteDetails: $"{{\"reason\":\"{reason}\"}}")}}}}""";

    public static string Failed(string code, string message) =>
        $$$"""{"type":"response.failed","response":{{{Response("failed", error: $"{{\"code\":\"{code}\",\"message\":{Json.Quote(message)}}}")}}}}""";

    public static string Error(string code, string message) =>
        $$$"""{"type":"error","code":"{{{code}}}","message":{{{Json.Quote(message)}}},"param":null}""";

    public static string MessageAdded(string id = "msg_1", int index = 0) =>
        $$$"""{"type":"response.output_item.added","output_index":{{{I(index)}}},"item":{"id":"{{{id}}}","type":"message","status":"in_progress","role":"assistant","content":[]}}""";

    public static string TextPartAdded(string itemId = "msg_1", int index = 0) =>
        $$$"""{"type":"response.content_part.added","item_id":"{{{itemId}}}","output_index":{{{I(index)}}},"content_index":0,"part":{"type":"output_text","text":"","annotations":[]}}""";

    public static string TextDelta(string delta, string itemId = "msg_1", int index = 0) =>
        $$$"""{"type":"response.output_text.delta","item_id":"{{{itemId}}}","output_index":{{{I(index)}}},"content_index":0,"delta":{{{Json.Quote(delta, asciiOnly: false)}}},"logprobs":[]}""";

    public static string TextDone(string text, string itemId = "msg_1", int index = 0) =>
        $$$"""{"type":"response.output_text.done","item_id":"{{{itemId}}}","output_index":{{{I(index)}}},"content_index":0,"text":{{{Json.Quote(text, asciiOnly: false)}}},"logprobs":[]}""";

    public static string TextPartDone(string text, string itemId = "msg_1", int index = 0) =>
        $$$"""{"type":"response.content_part.done","item_id":"{{{itemId}}}","output_index":{{{I(index)}}},"content_index":0,"part":{"type":"output_text","text":{{{Json.Quote(text, asciiOnly: false)}}},"annotations":[]}}""";

    public static string MessageDone(string text, string annotations = "[]", string id = "msg_1", int index = 0) =>
        $$$"""{"type":"response.output_item.done","output_index":{{{I(index)}}},"item":{"id":"{{{id}}}","type":"message","status":"completed","role":"assistant","content":[{"type":"output_text","text":{{{Json.Quote(text, asciiOnly: false)}}},"annotations":{{{annotations}}}}]}}""";

    public static string ReasoningAdded(string id = "rs_1", int index = 0) =>
        $$$"""{"type":"response.output_item.added","output_index":{{{I(index)}}},"item":{"id":"{{{id}}}","type":"reasoning","summary":[]}}""";

    public static string SummaryPartAdded(int summaryIndex, string itemId = "rs_1", int index = 0) =>
        $$$"""{"type":"response.reasoning_summary_part.added","item_id":"{{{itemId}}}","output_index":{{{I(index)}}},"summary_index":{{{I(summaryIndex)}}},"part":{"type":"summary_text","text":""}}""";

    public static string SummaryDelta(string delta, int summaryIndex = 0, string itemId = "rs_1", int index = 0) =>
        $$$"""{"type":"response.reasoning_summary_text.delta","item_id":"{{{itemId}}}","output_index":{{{I(index)}}},"summary_index":{{{I(summaryIndex)}}},"delta":{{{Json.Quote(delta, asciiOnly: false)}}}}""";

    public static string SummaryPartDone(string text, int summaryIndex = 0, string itemId = "rs_1", int index = 0) =>
        $$$"""{"type":"response.reasoning_summary_part.done","item_id":"{{{itemId}}}","output_index":{{{I(index)}}},"summary_index":{{{I(summaryIndex)}}},"part":{"type":"summary_text","text":{{{Json.Quote(text, asciiOnly: false)}}}}}""";

    /// <summary>A reasoning item done: its summary texts and, when given, its encrypted content.</summary>
    public static string ReasoningDone(string[] summary, string? encrypted, string id = "rs_1", int index = 0) =>
        $$$"""{"type":"response.output_item.done","output_index":{{{I(index)}}},"item":{"id":"{{{id}}}","type":"reasoning",{{{(encrypted is null ? string.Empty : $"\"encrypted_content\":{Json.Quote(encrypted)},")}}}"summary":[{{{string.Join(",", summary.Select(s => $"{{\"type\":\"summary_text\",\"text\":{Json.Quote(s, asciiOnly: false)}}}"))}}}]}}""";

    public static string CallAdded(string name, string id = "fc_1", string callId = "call_1", int index = 0) =>
        $$$"""{"type":"response.output_item.added","output_index":{{{I(index)}}},"item":{"id":"{{{id}}}","type":"function_call","status":"in_progress","arguments":"","call_id":"{{{callId}}}","name":"{{{name}}}"}}""";

    public static string ArgumentsDelta(string delta, string itemId = "fc_1", int index = 0) =>
        $$$"""{"type":"response.function_call_arguments.delta","item_id":"{{{itemId}}}","output_index":{{{I(index)}}},"delta":{{{Json.Quote(delta)}}}}""";

    public static string ArgumentsDone(string arguments, string itemId = "fc_1", int index = 0) =>
        $$$"""{"type":"response.function_call_arguments.done","item_id":"{{{itemId}}}","output_index":{{{I(index)}}},"arguments":{{{Json.Quote(arguments)}}}}""";

    public static string CallDone(string name, string arguments, string id = "fc_1", string callId = "call_1", int index = 0) =>
        $$$"""{"type":"response.output_item.done","output_index":{{{I(index)}}},"item":{"id":"{{{id}}}","type":"function_call","status":"completed","arguments":{{{Json.Quote(arguments)}}},"call_id":"{{{callId}}}","name":"{{{name}}}"}}""";

    /// <summary>A whole text answer: the lifecycle, one message <c>msg_1</c> in the given deltas, and <c>response.completed</c>.</summary>
    public static string[] TextAnswer(params string[] deltas) =>
    [
        Created(), InProgress(), MessageAdded(), TextPartAdded(), .. deltas.Select(d => TextDelta(d)),
        TextDone(string.Concat(deltas)), TextPartDone(string.Concat(deltas)), MessageDone(string.Concat(deltas)), Completed(),
    ];

    /// <summary>A function call <c>fc_1</c>/<c>call_1</c> as OpenAI streams it: added, its fragments, arguments done, item done.</summary>
    public static string[] Call(string name, string[] fragments, int index = 0) =>
    [
        CallAdded(name, index: index), .. fragments.Select(f => ArgumentsDelta(f, index: index)),
        ArgumentsDone(string.Concat(fragments), index: index), CallDone(name, string.Concat(fragments), index: index),
    ];

    private static string I(int value) => ResponsesSse.I(value);
}
