using System.Globalization;
using System.Net.ServerSentEvents;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using NexLLM.Connectors.Http;
using NexLLM.Connectors.Tests.TestSupport;

namespace NexLLM.Connectors.Tests.Http;

/// <summary>
/// <see cref="SseEventReader"/> hands out exactly the event data that System.Net.ServerSentEvents' <see cref="SseParser"/>
/// (the WHATWG event-stream rules as the BCL implements them, docs/protocols/sse.md) gives for the same bytes, however the bytes are
/// cut into reads; and it keeps the promises that parser does not make (docs/reliability.md): the per-event cap, raw JSON kept
/// for <see cref="SseEventReader.RawJson"/>, data that survives the read buffer being compacted or grown.
/// </summary>
public sealed class SseEventReaderDifferentialTests
{
    /// <summary>A cap no generated event reaches.</summary>
    private const int NoCap = 16 * 1024 * 1024;

    /// <summary>The largest read sizes a seed may pick: one byte splits every CRLF, BOM and character; the last fills the buffer.</summary>
    private static readonly int[] ReadSizes = [1, 2, 3, 5, 8, 13, 64, 512, 100_000];

    private sealed record Outcome(List<byte[]> Events, byte[] RawJson);

    /// <summary>The reference: the BCL parser over the whole body.</summary>
    private static List<byte[]> Reference(byte[] body)
    {
        using var stream = new MemoryStream(body);
        return [.. SseParser.Create(stream, (_, data) => data.ToArray()).Enumerate().Select(item => item.Data)];
    }

    /// <summary>Reads as <see cref="SseStream{T}"/> does: the events in the bytes already read, then the next read, until the end.</summary>
    private static async Task<Outcome> ReadAsync(Stream body, int maxEventBytes = NoCap)
    {
        using var idle = new IdleTimeout(TimeSpan.FromSeconds(30), new FakeTimeProvider(), Harness.Ct);
        using var reader = new SseEventReader(body, maxEventBytes, idle);
        var events = new List<byte[]>();
        do
        {
            TakeEvents(reader, events);
        }
        while (await reader.FillAsync());

        return new Outcome(events, reader.RawJson.ToArray());
    }

    private static void TakeEvents(SseEventReader reader, List<byte[]> events)
    {
        while (reader.TryReadEvent(out ReadOnlySpan<byte> data))
        {
            events.Add(data.ToArray());
        }
    }

    /// <summary>The body in reads of 1 to <paramref name="maxRead"/> bytes (<see cref="int.MaxValue"/>: as large as the reader asks for).</summary>
    private static ScriptedStream InReads(byte[] body, Random random, int maxRead)
    {
        if (maxRead == int.MaxValue)
        {
            return ScriptedStream.Of(body);
        }

        var chunks = new List<byte[]>();
        for (int at = 0; at < body.Length;)
        {
            int size = random.Next(1, Math.Min(maxRead, body.Length - at) + 1);
            chunks.Add(body[at..(at + size)]);
            at += size;
        }

        return ScriptedStream.OfChunks(chunks);
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static void AssertSameEvents(List<byte[]> expected, List<byte[]> actual, string context)
    {
        bool same = expected.Count == actual.Count && expected.Zip(actual).All(pair => pair.First.AsSpan().SequenceEqual(pair.Second));
        Assert.True(same, $"{context}\nBCL parser:     {Show(expected)}\nSseEventReader: {Show(actual)}");
    }

    private static string Show(List<byte[]> events) => $"{events.Count} events [{string.Join(", ", events.Select(data => "\"" + Escape(data) + "\""))}]";

    /// <summary>Bytes as a C#-like literal (non-ASCII as \xNN), cut short for failure messages.</summary>
    private static string Escape(byte[] bytes)
    {
        var text = new StringBuilder();
        foreach (byte b in bytes.AsSpan(0, Math.Min(bytes.Length, 4000)))
        {
            text.Append(b switch
            {
                (byte)'\n' => "\\n",
                (byte)'\r' => "\\r",
                (byte)'"' => "\\\"",
                (byte)'\\' => "\\\\",
                >= 0x20 and < 0x7F => ((char)b).ToString(),
                _ => "\\x" + b.ToString("X2", CultureInfo.InvariantCulture),
            });
        }

        return bytes.Length > 4000 ? text.Append("...(").Append(bytes.Length).Append(" bytes)").ToString() : text.ToString();
    }

    /// <summary>Random streams, and the spec's edge cases, give the BCL parser's data.</summary>
    public sealed class AgainstTheBclParser
    {
        public static TheoryData<int> Seeds => [.. Enumerable.Range(1, 500)];

        [Theory]
        [MemberData(nameof(Seeds))]
        public async Task Random_streams_give_the_same_data_however_they_are_cut_into_reads(int seed)
        {
            var random = new Random(seed);
            byte[] body = RandomEventStream.Create(random, withRawJson: false).Body;
            List<byte[]> expected = Reference(body);

            foreach (int maxRead in new[] { int.MaxValue, 1, ReadSizes[random.Next(ReadSizes.Length)] })
            {
                string context = $"seed {seed}, reads of at most {maxRead} bytes, body \"{Escape(body)}\"";
                Outcome outcome = await ReadAsync(InReads(body, random, maxRead));

                AssertSameEvents(expected, outcome.Events, context);
                Assert.True(outcome.RawJson.Length == 0, $"No line starts with '{{', yet RawJson holds \"{Escape(outcome.RawJson)}\": {context}");
            }
        }

        [Theory]
        [InlineData("data: b")]
        [InlineData("data: b\n")]
        [InlineData("data: b\r")]
        [InlineData("data: b\r\n")]
        [InlineData("data: b\ndata: c\n")]
        [InlineData("data: b\n: comment\n")]
        public async Task An_event_without_its_final_blank_line_is_dropped_by_both(string tail)
        {
            byte[] body = Utf8("data: a\n\n" + tail);

            Assert.Equal(["a"], Reference(body).Select(Encoding.UTF8.GetString));
            Assert.Equal(["a"], (await ReadAsync(ScriptedStream.Of(body, maxReadSize: 1))).Events.Select(Encoding.UTF8.GetString));
        }

        [Theory]
        [InlineData(1)]
        [InlineData(7)]
        [InlineData(700)]
        [InlineData(int.MaxValue)]
        public async Task Multi_line_data_larger_than_the_initial_buffer_is_joined_across_many_reads(int maxRead)
        {
            // Twelve lines of about 3,000 bytes (non-ASCII included) in one event, then one 50,000-byte line: both outgrow the 16 KiB buffer.
            string[] lines = [.. Enumerable.Range(0, 12).Select(i => $"{i}:" + string.Concat(Enumerable.Repeat("é世😀x", 300)))];
            string longLine = new('y', 50_000);
            byte[] body = Utf8(string.Concat(lines.Select(line => "data: " + line + "\r\n")) + "\r\n: ping\r\ndata:" + longLine + "\r\n\r\ndata: end\r\n\r\n");

            Outcome outcome = await ReadAsync(InReads(body, new Random(maxRead), maxRead));

            Assert.Equal([string.Join('\n', lines), longLine, "end"], outcome.Events.Select(Encoding.UTF8.GetString));
            AssertSameEvents(Reference(body), outcome.Events, $"reads of at most {maxRead} bytes");
        }
    }

    /// <summary>The cap counts an event's line bytes (every field and comment, line breaks excluded) and resets with each blank line.</summary>
    public sealed class EventCap
    {
        private const int Cap = 1000;

        public static TheoryData<string, string, int> Layouts => new()
        {
            { "one data line", "\n", int.MaxValue },
            { "one data line", "\r\n", 1 },
            { "one data line", "\r", 7 },
            { "several data lines", "\n", 1 },
            { "several data lines", "\r\n", int.MaxValue },
            { "several data lines", "\r", 13 },
            { "data among other fields", "\n", 5 },
            { "data among other fields", "\r\n", 1 },
            { "data among other fields", "\r", int.MaxValue },
        };

        /// <summary>One event of exactly <paramref name="size"/> line bytes, with its blank line.</summary>
        private static string Event(string layout, int size, string lineEnd)
        {
            string[] lines = layout switch
            {
                "one data line" => [],
                "several data lines" => ["data: first", "data:", "data"],
                _ => [": keep-alive", "event: content_block_delta", "id: 7"],
            };
            int rest = size - lines.Sum(line => line.Length) - "data: ".Length;
            return string.Concat(lines.Append("data: " + new string('x', rest)).Select(line => line + lineEnd)) + lineEnd;
        }

        [Theory]
        [MemberData(nameof(Layouts))]
        public async Task Events_exactly_at_the_cap_are_read(string layout, string lineEnd, int maxRead)
        {
            byte[] body = Utf8(Event(layout, Cap, lineEnd) + Event(layout, Cap, lineEnd) + "data: end" + lineEnd + lineEnd);

            Outcome outcome = await ReadAsync(InReads(body, new Random(maxRead), maxRead), Cap);

            Assert.Equal(3, outcome.Events.Count);
            AssertSameEvents(Reference(body), outcome.Events, layout);
        }

        [Theory]
        [MemberData(nameof(Layouts))]
        public async Task An_event_one_byte_over_the_cap_throws(string layout, string lineEnd, int maxRead)
        {
            byte[] body = Utf8("data: before" + lineEnd + lineEnd + Event(layout, Cap + 1, lineEnd) + "data: after" + lineEnd + lineEnd);

            var error = await Assert.ThrowsAsync<EventTooLargeException>(() => ReadAsync(InReads(body, new Random(maxRead), maxRead), Cap));

            Assert.Equal(Cap, error.Limit);
        }

        [Theory]
        [InlineData(20_000)]
        [InlineData(65_537)]
        [InlineData(100_000)]
        [InlineData(1_000_000)]
        public async Task One_endless_line_throws_before_the_buffer_grows_much_beyond_the_cap(int cap)
        {
            // Every read fills all the room the reader offers and nothing is consumed without a line break, so the bytes read are the buffer's size.
            var body = new GeneratedStream(Utf8("data: "), long.MaxValue, (byte)'x');

            await Assert.ThrowsAsync<EventTooLargeException>(() => ReadAsync(body, cap));

            Assert.InRange(body.BytesRead, cap + 1, 2L * cap);
        }
    }

    /// <summary>Un-prefixed JSON in the stream (docs/protocols/gateway.md#sse-framing, docs/protocols/sse.md) is kept for <see cref="SseEventReader.RawJson"/>; it never changes the data.</summary>
    public sealed class RawJson
    {
        public static TheoryData<int> Seeds => [.. Enumerable.Range(1, 200)];

        [Theory]
        [InlineData("{\"error\":{\"message\":\"quota: exceeded\",\"code\":429}}\n", 1)]
        [InlineData("{\"error\":{\"message\":\"quota: exceeded\",\"code\":429}}\n", int.MaxValue)]
        [InlineData("{\n  \"error\": {\n    \"code\": 429,\n    \"message\": \"quota: exceeded é\"\n  }\n}\n", 3)]
        [InlineData("{\n  \"error\": {\n    \"code\": 429,\n    \"message\": \"quota: exceeded é\"\n  }\n}\n", int.MaxValue)]
        public async Task Raw_json_after_events_is_kept(string json, int maxRead)
        {
            byte[] body = Utf8("data: {\"a\":1}\n\n: ping\n\n" + json);

            Outcome outcome = await ReadAsync(InReads(body, new Random(maxRead), maxRead));

            Assert.Equal(["{\"a\":1}"], outcome.Events.Select(Encoding.UTF8.GetString));
            Assert.Equal(json, Encoding.UTF8.GetString(outcome.RawJson));
        }

        [Theory]
        [InlineData(1)]
        [InlineData(int.MaxValue)]
        public async Task Raw_json_after_events_with_CRLF_still_parses(int maxRead)
        {
            byte[] body = Utf8("data: {\"a\":1}\r\n\r\n{\r\n  \"error\": {\"code\": 429, \"message\": \"quota\"}\r\n}\r\n");

            Outcome outcome = await ReadAsync(InReads(body, new Random(maxRead), maxRead));

            using var error = JsonDocument.Parse(outcome.RawJson);
            Assert.Equal(429, error.RootElement.GetProperty("error").GetProperty("code").GetInt32());
        }

        [Theory]
        [InlineData("{\"error\":{\"code\":500,\"message\":\"internal: error\"}}", 1)]
        [InlineData("{\"error\":{\"code\":500,\"message\":\"internal: error\"}}", 5)]
        [InlineData("{\"error\":{\"code\":500,\"message\":\"internal: error\"}}", int.MaxValue)]
        [InlineData("{\n  \"error\": {\"code\": 503}\n}", 1)]
        [InlineData("{\n  \"error\": {\"code\": 503}\n}", int.MaxValue)]
        public async Task A_body_that_is_only_raw_json_without_a_final_line_break_is_kept(string json, int maxRead)
        {
            Outcome outcome = await ReadAsync(InReads(Utf8(json), new Random(maxRead), maxRead));

            Assert.Empty(outcome.Events);
            Assert.Equal(json, Encoding.UTF8.GetString(outcome.RawJson));
        }

        [Theory]
        [MemberData(nameof(Seeds))]
        public async Task Random_streams_with_raw_json_lines_give_the_same_data_and_keep_the_text_from_the_first_one(int seed)
        {
            var random = new Random(seed);
            var stream = RandomEventStream.Create(random, withRawJson: true);
            byte[] body = stream.Body;
            int rawStart = stream.RawJsonStart ?? throw new InvalidOperationException("The generator always writes raw JSON here.");

            // Each line is kept with its first line-break byte: the LF of a CRLF is left out.
            byte[] expectedRaw = [.. body.Skip(rawStart).Where((b, i) => !(b == (byte)'\n' && body[rawStart + i - 1] == (byte)'\r')).Take(64 * 1024)];

            foreach (int maxRead in new[] { int.MaxValue, 1, ReadSizes[random.Next(ReadSizes.Length)] })
            {
                string context = $"seed {seed}, reads of at most {maxRead} bytes, body \"{Escape(body)}\"";
                Outcome outcome = await ReadAsync(InReads(body, random, maxRead));

                AssertSameEvents(Reference(body), outcome.Events, context);
                Assert.True(outcome.RawJson.AsSpan().SequenceEqual(expectedRaw), $"RawJson \"{Escape(outcome.RawJson)}\", expected \"{Escape(expectedRaw)}\": {context}");
            }
        }
    }

    /// <summary>A data line still in the read buffer is saved before the buffer is compacted under it.</summary>
    public sealed class BufferCompaction
    {
        private static (string Text, List<string> Data) Filler(string name, int minBytes)
        {
            var text = new StringBuilder();
            var data = new List<string>();
            for (int i = 0; text.Length < minBytes; i++)
            {
                string value = name + " " + i.ToString(CultureInfo.InvariantCulture);
                data.Add(value);
                text.Append("data: ").Append(value).Append("\n\n");
            }

            return (text.ToString(), data);
        }

        [Theory]
        [InlineData("data: payload é😀\n", "\n", "payload é😀")]
        [InlineData("data: payload\r", "\n\n", "payload")]
        [InlineData("data: payload\r\n", "\r\n", "payload")]
        [InlineData("data: payload\n: keep", "-alive\n\n", "payload")]
        [InlineData("data: first\n", "data: second\n\n", "first\nsecond")]
        [InlineData("data: first\ndata: second\n", "\n", "first\nsecond")]
        public async Task Data_spans_survive_compaction_between_a_data_line_and_its_blank_line(string endOfFirstRead, string startOfSecondRead, string expected)
        {
            // The first read nearly fills the 16 KiB buffer and ends inside an event; the next read compacts the buffer
            // (nothing or a few bytes unread) and writes over the place where the data line was read.
            (string before, List<string> beforeData) = Filler("before", 15_000);
            (string after, List<string> afterData) = Filler("after", 15_200);
            byte[] first = Utf8(before + endOfFirstRead);
            byte[] second = Utf8(startOfSecondRead + after);
            Assert.InRange(first.Length, 15_000, 16 * 1024);

            Outcome outcome = await ReadAsync(ScriptedStream.OfChunks([first, second]));

            Assert.Equal([.. beforeData, expected, .. afterData], outcome.Events.Select(Encoding.UTF8.GetString));
            AssertSameEvents(Reference([.. first, .. second]), outcome.Events, endOfFirstRead);
        }
    }
}
