using System.Text;
using NexLLM.Connectors.Tests.TestSupport;

namespace NexLLM.Connectors.Tests.Http;

/// <summary>
/// The same events framed every way SSE allows (docs/protocols/sse.md#gotchas) give identical updates: line endings, read sizes,
/// BOM, <c>data:</c> spacing, multi-line data, comments and pings, extra blank lines, characters split across reads.
/// </summary>
public sealed class SseFramingTests
{
    /// <summary>A stream that exercises text with multi-byte characters, reasoning, a fragmented tool call, finish and usage.</summary>
    private static readonly string[] Events =
    [
        Chunk.Role(),
        Chunk.ReasoningContent("Pensons… 🤔"),
        Chunk.Text("héllo 世界 😀 "),
        Chunk.Text("done"),
        Chunk.Tool(0, "call_1", "lookup", ""),
        Chunk.Tool(0, null, null, "{\"q\":\"caf"),
        Chunk.Tool(0, null, null, "é ☕\"}"),
        Chunk.Finish("tool_calls"),
        Chunk.Usage(11, 22),
    ];

    private static readonly string Canonical = Sse.Stream(Events);

    private static async Task<string> RenderAsync(byte[] body, int maxReadSize = int.MaxValue)
    {
        using var harness = new Harness();
        harness.Handler.Enqueue(Reply.Status(200).WithBody(body, maxReadSize).WithContentType("text/event-stream"));
        return UpdateText.Render(await harness.StreamAsync());
    }

    private static async Task<string> RenderChunkedAsync(byte[] body, int seed)
    {
        var random = new Random(seed);
        var chunks = new List<byte[]>();
        for (int at = 0; at < body.Length;)
        {
            int size = Math.Min(random.Next(1, 40), body.Length - at);
            chunks.Add(body[at..(at + size)]);
            at += size;
        }

        using var harness = new Harness();
        harness.Handler.Enqueue(Reply.Status(200).WithBody(ScriptedStream.OfChunks(chunks)).WithContentType("text/event-stream"));
        return UpdateText.Render(await harness.StreamAsync());
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public async Task The_canonical_stream_maps_to_the_expected_updates()
    {
        string rendered = await RenderAsync(Utf8(Canonical));

        Assert.Equal(
            """
            [assistant|chatcmpl-1|chatcmpl-1|gpt-4o-mini|2024-03-09T16:00:00.0000000+00:00|] reasoning:"Pensons\u2026 \uD83E\uDD14"
            [assistant|chatcmpl-1|chatcmpl-1|gpt-4o-mini|2024-03-09T16:00:00.0000000+00:00|] text:"h\u00E9llo \u4E16\u754C \uD83D\uDE00 "
            [assistant|chatcmpl-1|chatcmpl-1|gpt-4o-mini|2024-03-09T16:00:00.0000000+00:00|] text:"done"
            [assistant|chatcmpl-1|chatcmpl-1|gpt-4o-mini|2024-03-09T16:00:00.0000000+00:00|] call:call_1/lookup/{q="café ☕"}
            [assistant|chatcmpl-1|chatcmpl-1|gpt-4o-mini|2024-03-09T16:00:00.0000000+00:00|tool_calls] nexllm.finish_reason=tool_calls
            [assistant|chatcmpl-1|chatcmpl-1|gpt-4o-mini|2024-03-09T16:00:00.0000000+00:00|] usage:11/22/33

            """,
            rendered);
    }

    public static TheoryData<string> Framings =>
    [
        "CRLF", "CR", "BOM", "no space after data:", "multi-line data", "comments and pings", "extra blank lines", "id and retry fields",
    ];

    [Theory]
    [MemberData(nameof(Framings))]
    public async Task Every_framing_gives_identical_updates(string framing)
    {
        string text = framing switch
        {
            "CRLF" => Canonical.Replace("\n", "\r\n", StringComparison.Ordinal),
            "CR" => Canonical.Replace("\n", "\r", StringComparison.Ordinal),
            "BOM" => "\uFEFF" + Canonical,
            "no space after data:" => Canonical.Replace("data: ", "data:", StringComparison.Ordinal),
            "multi-line data" => Canonical.Replace(",\"object\"", ",\ndata: \"object\"", StringComparison.Ordinal),
            "comments and pings" => ": PING\n\n" + Canonical.Replace("\n\n", "\n\n: PING\n\n:keep-alive\n", StringComparison.Ordinal),
            "extra blank lines" => "\n\n" + Canonical.Replace("\n\n", "\n\n\n", StringComparison.Ordinal),
            _ => Canonical.Replace("data: ", "id: 7\nretry: 1000\ndata: ", StringComparison.Ordinal),
        };
        Assert.NotEqual(Canonical, text);

        Assert.Equal(await RenderAsync(Utf8(Canonical)), await RenderAsync(Utf8(text)));
    }

    [Fact]
    public async Task One_byte_per_read_gives_identical_updates_with_characters_split_across_reads()
    {
        byte[] body = Utf8(Canonical);
        Assert.True(body.Length > Canonical.Length, "The stream must hold multi-byte characters.");

        Assert.Equal(await RenderAsync(body), await RenderAsync(body, maxReadSize: 1));
    }

    [Fact]
    public async Task One_byte_per_read_with_CRLF_gives_identical_updates()
    {
        Assert.Equal(
            await RenderAsync(Utf8(Canonical)),
            await RenderAsync(Utf8(Canonical.Replace("\n", "\r\n", StringComparison.Ordinal)), maxReadSize: 1));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(42)]
    [InlineData(1234)]
    public async Task Random_chunks_give_identical_updates(int seed)
    {
        string expected = await RenderAsync(Utf8(Canonical));

        Assert.Equal(expected, await RenderChunkedAsync(Utf8(Canonical), seed));
        Assert.Equal(expected, await RenderChunkedAsync(Utf8(Canonical.Replace("\n", "\r\n", StringComparison.Ordinal)), seed));
    }

    [Fact]
    public async Task An_event_without_its_final_blank_line_is_dropped_so_the_stream_is_truncated()
    {
        using var harness = new Harness();
        harness.Handler.Enqueue(Reply.Sse(Sse.Events(Chunk.Text("a"), Chunk.Finish("stop")) + "data: [DONE]"));

        var error = await Assert.ThrowsAsync<NexLLMException>(() => harness.StreamAsync());

        Assert.Equal(NexLLMErrorKind.TruncatedStream, error.Kind);
    }
}
