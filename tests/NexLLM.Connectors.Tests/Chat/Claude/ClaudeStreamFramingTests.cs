using NexLLM.Connectors.Tests.TestSupport;
using static NexLLM.Connectors.Tests.TestSupport.ClaudeEvent;

namespace NexLLM.Connectors.Tests.Chat.Claude;

/// <summary>
/// Claude events are dispatched on their JSON <c>type</c>, so every framing gives the same updates: missing or wrong
/// <c>event:</c> lines, the BCL parser's event-type leak, new-api's extra blank lines, pings and comments (docs/protocols/gateway.md#sse-framing, docs/protocols/sse.md#gotchas).
/// </summary>
public sealed class ClaudeStreamFramingTests
{
    private static readonly string[] Events =
    [
        MessageStart(), Ping, ThinkingStart(0), ThinkingDelta(0, "Pensons… 🤔"), SignatureDelta(0, "sig=="), BlockStop(0),
        TextStart(1), TextDelta(1, "héllo 世界 😀 "), Ping, TextDelta(1, "done"), BlockStop(1),
        ToolStart(2, "toolu_1", "lookup"), InputJsonDelta(2, "{\"q\":\"caf"), InputJsonDelta(2, "é ☕\"}"), BlockStop(2),
        MessageDelta("tool_use", """{"output_tokens":22}"""), MessageStop,
    ];

    private const string Expected = """
        [assistant|msg_1|msg_1|claude-sonnet-4-5||] reasoning:"Pensons\u2026 \uD83E\uDD14"
        [assistant|msg_1|msg_1|claude-sonnet-4-5||] reasoning:""
        [assistant|msg_1|msg_1|claude-sonnet-4-5||] text:"h\u00E9llo \u4E16\u754C \uD83D\uDE00 "
        [assistant|msg_1|msg_1|claude-sonnet-4-5||] text:"done"
        [assistant|msg_1|msg_1|claude-sonnet-4-5||] call:toolu_1/lookup/{q="café ☕"}
        [assistant|msg_1|msg_1|claude-sonnet-4-5||tool_calls] nexllm.finish_reason=tool_use
        [assistant|msg_1|msg_1|claude-sonnet-4-5||] usage:25/22/47 nexllm.finish_reason=tool_use

        """;

    private static async Task<string> RenderAsync(string body, int maxReadSize = int.MaxValue)
    {
        using var harness = new Harness();
        harness.Handler.Enqueue(Reply.Sse(body, maxReadSize));
        var (updates, error) = await harness.StreamClaudeAsync();
        Assert.Null(error);
        return UpdateText.Render(updates);
    }

    public static TheoryData<string> Framings =>
    [
        "canonical", "no event lines", "wrong event lines", "leaked event type", "new-api extra blank lines", "comments and pings", "CRLF", "one byte per read",
    ];

    [Theory]
    [MemberData(nameof(Framings))]
    public async Task Every_framing_gives_identical_updates(string framing)
    {
        string body = framing switch
        {
            "canonical" => ClaudeSse.Events(Events),
            "no event lines" => string.Concat(Events.Select(ClaudeSse.DataOnly)),

            // Every event named after another one: only the JSON type counts.
            "wrong event lines" => string.Concat(Events.Select(e => $"event: message_stop\ndata: {e}\n\n")),

            // An event: line followed by a blank line without data leaks its type into the next event in System.Net.ServerSentEvents.
            "leaked event type" => string.Concat(Events.Select(e => $"event: message_stop\n\n{ClaudeSse.DataOnly(e)}")),
            "new-api extra blank lines" => ClaudeSse.PassThrough(Events),
            "comments and pings" => ": PING\n\n" + string.Concat(Events.Select(e => ClaudeSse.Event(e) + ": PING\n\n")),
            "CRLF" => ClaudeSse.Events(Events).Replace("\n", "\r\n", StringComparison.Ordinal),
            _ => ClaudeSse.Events(Events),
        };

        string rendered = await RenderAsync(body, framing == "one byte per read" ? 1 : int.MaxValue);

        Assert.Equal(Expected, rendered);
    }
}
