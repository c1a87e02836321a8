using System.Globalization;
using System.Text;
using System.Text.Json;
using NexLLM.Connectors.Tests.TestSupport;

namespace NexLLM.Connectors.Tests.Fuzz;

/// <summary>
/// Makes case <c>n</c> of a seed from a valid transcript, the same every time (its own <see cref="Random"/>, seeded from
/// the seed and the case number): line ends rewritten (LF, CRLF, CR, or mixed), at most one kind of damage, maybe a byte
/// order mark, and a way of delivery (whole, one byte per read, random chunks).
/// </summary>
internal static class FuzzMutator
{
    private static readonly byte[][] InvalidSequences = [[0x82], [0xFF], [0xC3], [0xE2, 0x82], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xC0, 0xAF]];
    private static readonly string[] TextTargets = ["\"text\":\"", "\"thinking\":\"", "\"content\":\"", "\"reasoning_content\":\""];
    private static readonly string[] ArgumentTargets = ["\"arguments\":\"", "\"partial_json\":\"", "\"input\":{\"", "\"args\":{\""];
    private static readonly string[] HugeNumbers =
        ["1e400", "-1e400", "99999999999999999999999999999", "-9223372036854775809", "9223372036854775808", "2147483648", "-1", "1.5", "1E-400", "0.1e1"];

    private static readonly string[] OtherTypes = ["{}", "[]", "\"\"", "\"x\"", "0", "true", "-1", "[null]", "{\"a\":1}"];
    private static readonly string[] BogusEncodings = ["gzip", "br", "deflate", "gzip, br", "br, gzip", "deflate, br"];
    private static readonly string[] RealEncodings = ["gzip", "br", "deflate"];

    /// <summary>Each kind of damage and its weight out of 100.</summary>
    private static readonly (Damage Kind, int Weight)[] Damages =
    [
        (Damage.None, 8), (Damage.Truncate, 14), (Damage.ContentLengthShort, 5), (Damage.ContentLengthLong, 4), (Damage.ContentLengthHuge, 2),
        (Damage.BogusEncoding, 6), (Damage.RealEncoding, 5), (Damage.IdentityLabel, 2), (Damage.ByteFlips, 11), (Damage.InvalidUtf8Anywhere, 8),
        (Damage.InvalidUtf8InText, 8), (Damage.InvalidUtf8InArguments, 5), (Damage.NullValue, 7), (Damage.HugeNumber, 5), (Damage.HugeString, 2),
        (Damage.DeepNesting, 1), (Damage.OtherType, 4), (Damage.EventEdit, 3),
    ];

    private enum Damage
    {
        None, Truncate, ContentLengthShort, ContentLengthLong, ContentLengthHuge, BogusEncoding, RealEncoding, IdentityLabel,
        ByteFlips, InvalidUtf8Anywhere, InvalidUtf8InText, InvalidUtf8InArguments, NullValue, HugeNumber, HugeString, DeepNesting,
        OtherType, EventEdit,
    }

    /// <summary>A well-mixed seed for one case (SplitMix64 of the run's seed and the case number): cases are independent.</summary>
    public static int CaseSeed(int seed, int number)
    {
        ulong x = ((ulong)(uint)seed << 32) | (uint)number;
        x += 0x9E3779B97F4A7C15;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EB;
        return (int)(x ^ (x >> 31));
    }

    public static FuzzCase Create(int seed, int number, FuzzTranscript transcript)
    {
        var random = new Random(CaseSeed(seed, number));
        var steps = new List<string>();
        Damage damage = Pick(random);
        FuzzExpectation expectation = FuzzExpectation.Identical;
        byte[] body = transcript.Body;
        if (damage == Damage.EventEdit && transcript.IsStream)
        {
            // On the transcript's own LF framing, before the line ends change: an event is what a blank line ends.
            (body, bool lostEnd) = EditEvents(body, transcript.EndLine!, random, steps);
            expectation = lostEnd ? FuzzExpectation.Fails : FuzzExpectation.Typed;
        }

        body = transcript.IsStream ? LineEnds(body, random, steps) : body;

        string? encoding = null;
        long? contentLength = null;

        // Damage to the content first, on the transcript's own bytes.
        switch (damage)
        {
            case Damage.ByteFlips:
                body = [.. body];
                for (int flips = random.Next(1, 4); flips > 0; flips--)
                {
                    int at = random.Next(body.Length);
                    byte mask = (byte)random.Next(1, 256);
                    body[at] ^= mask;
                    steps.Add(Invariant($"byte {at} ^= 0x{mask:X2}"));
                }

                expectation = FuzzExpectation.Typed;
                break;
            case Damage.InvalidUtf8Anywhere:
                body = Insert(body, random.Next(body.Length + 1), InvalidSequences[random.Next(InvalidSequences.Length)], steps);
                expectation = FuzzExpectation.Typed;
                break;
            case Damage.InvalidUtf8InText when Targets(body, transcript.TextTargets ?? TextTargets) is { Count: > 0 } texts:
                body = Insert(body, texts[random.Next(texts.Count)], InvalidSequences[random.Next(InvalidSequences.Length)], steps);
                expectation = FuzzExpectation.TextReplaced;
                break;
            case Damage.InvalidUtf8InArguments when Targets(body, transcript.ArgumentTargets ?? ArgumentTargets) is { Count: > 0 } arguments:
                body = Insert(body, arguments[random.Next(arguments.Count)], InvalidSequences[random.Next(InvalidSequences.Length)], steps);
                expectation = FuzzExpectation.ArgumentsRefused;
                break;
            case Damage.NullValue when Values(body, transcript.IsStream, null) is { Count: > 0 } values:
                body = Replace(body, values[random.Next(values.Count)], "null", steps);
                expectation = FuzzExpectation.Typed;
                break;
            case Damage.HugeNumber when Values(body, transcript.IsStream, JsonTokenType.Number) is { Count: > 0 } numbers:
                body = Replace(body, numbers[random.Next(numbers.Count)], HugeNumbers[random.Next(HugeNumbers.Length)], steps);
                expectation = FuzzExpectation.Typed;
                break;
            case Damage.HugeString when Values(body, transcript.IsStream, JsonTokenType.String) is { Count: > 0 } strings:
                body = Replace(body, strings[random.Next(strings.Count)], $"\"{new string('x', random.Next(60_000, 300_000))}\"", steps);
                expectation = FuzzExpectation.Typed;
                break;
            case Damage.OtherType when Values(body, transcript.IsStream, null) is { Count: > 0 } any:
                body = Replace(body, any[random.Next(any.Count)], OtherTypes[random.Next(OtherTypes.Length)], steps);
                expectation = FuzzExpectation.Typed;
                break;
            case Damage.DeepNesting when Values(body, transcript.IsStream, null) is { Count: > 0 } nested:
                int depth = random.Next(65, 2_000);
                body = Replace(body, nested[random.Next(nested.Count)], new string('[', depth) + new string(']', depth), steps);
                expectation = FuzzExpectation.Typed;
                break;
        }

        if (random.Next(6) == 0)
        {
            body = [0xEF, 0xBB, 0xBF, .. body];
            steps.Add("BOM");
        }

        // Then damage to the framing, on the final bytes.
        int end = transcript.IsStream ? EndBoundary(body, transcript.EndLine!) : int.MaxValue;
        switch (damage)
        {
            case Damage.Truncate:
                int cut = random.Next(body.Length);
                steps.Add(Invariant($"cut at {cut} of {body.Length} (the end event is complete at {end})"));
                body = body[..cut];
                expectation = cut >= end ? FuzzExpectation.Identical : FuzzExpectation.Fails;
                break;
            case Damage.ContentLengthShort:
                contentLength = random.Next(body.Length);
                steps.Add(Invariant($"Content-Length {contentLength} of {body.Length} (the end event is complete at {end})"));
                expectation = contentLength >= end ? FuzzExpectation.Identical : FuzzExpectation.Fails;
                break;
            case Damage.ContentLengthLong or Damage.ContentLengthHuge:
                contentLength = damage == Damage.ContentLengthHuge ? 1L << 40 : body.Length + random.Next(1, 1000);
                steps.Add(Invariant($"Content-Length {contentLength} of {body.Length}"));
                expectation = transcript.IsStream ? FuzzExpectation.IdenticalOrFails : FuzzExpectation.Fails;
                break;
            case Damage.BogusEncoding:
                encoding = BogusEncodings[random.Next(BogusEncodings.Length)];
                contentLength = body.Length;
                steps.Add($"plain body labelled '{encoding}'");
                expectation = FuzzExpectation.Fails;
                break;
            case Damage.RealEncoding:
                encoding = RealEncodings[random.Next(RealEncodings.Length)];
                body = SocketsHandlerBody.Encode(body, encoding);
                contentLength = random.Next(2) == 0 ? body.Length : null;
                steps.Add($"encoded as '{encoding}'");
                break;
            case Damage.IdentityLabel:
                encoding = "identity";
                steps.Add("labelled 'identity'");
                break;
        }

        FuzzDelivery delivery = random.Next(10) switch
        {
            < 4 => FuzzDelivery.Whole,
            < 7 when body.Length <= 16 * 1024 => FuzzDelivery.OneBytePerRead,
            _ => FuzzDelivery.RandomChunks,
        };

        List<int> chunks = [];
        if (delivery == FuzzDelivery.RandomChunks)
        {
            int largest = random.Next(1, 300);
            for (int left = body.Length; left > 0;)
            {
                int size = Math.Min(left, random.Next(1, largest + 1));
                chunks.Add(size);
                left -= size;
            }
        }

        return new FuzzCase(number, transcript, body, encoding, contentLength, delivery, chunks, steps.Count == 0 ? "unmutated" : string.Join(", ", steps), expectation);
    }

    /// <summary>
    /// Where a cut leaves the end event complete: after its data line, that line's break and the blank line's break (of a
    /// CRLF blank line only the CR is needed). <see cref="int.MaxValue"/> when the end event is not there.
    /// </summary>
    public static int EndBoundary(byte[] body, string endLine)
    {
        byte[] line = Encoding.UTF8.GetBytes(endLine);
        int at = body.AsSpan().LastIndexOf(line);
        if (at < 0 || (at > 0 && body[at - 1] is not ((byte)'\r' or (byte)'\n')))
        {
            return int.MaxValue;
        }

        int position = at + line.Length;
        position += position + 1 < body.Length && body[position] == (byte)'\r' && body[position + 1] == (byte)'\n' ? 2 : 1;
        return position < body.Length && body[position] is (byte)'\r' or (byte)'\n' ? position + 1 : int.MaxValue;
    }

    private static Damage Pick(Random random)
    {
        int roll = random.Next(100);
        foreach ((Damage kind, int weight) in Damages)
        {
            if ((roll -= weight) < 0)
            {
                return kind;
            }
        }

        return Damage.None;
    }

    /// <summary>Rewrites the LF line ends of an event stream: all LF, CRLF or CR, or mixed line by line (never a CR then an LF-only blank line, which would be one CRLF).</summary>
    private static byte[] LineEnds(byte[] body, Random random, List<string> steps)
    {
        int mode = random.Next(5);
        if (mode < 2)
        {
            return body;
        }

        string[] lines = Encoding.UTF8.GetString(body).Split('\n');
        var text = new StringBuilder(body.Length + lines.Length);
        string previous = "\n";
        for (int i = 0; i < lines.Length - 1; i++)
        {
            string end = mode switch { 2 => "\r\n", 3 => "\r", _ => random.Next(3) switch { 0 => "\n", 1 => "\r\n", _ => "\r" } };
            if (previous == "\r" && lines[i].Length == 0 && end == "\n")
            {
                end = "\r\n";
            }

            text.Append(lines[i]).Append(end);
            previous = end;
        }

        steps.Add(mode switch { 2 => "CRLF", 3 => "CR", _ => "mixed line ends" });
        return Encoding.UTF8.GetBytes(text.Append(lines[^1]).ToString());
    }

    /// <summary>Duplicates, drops or swaps events; a stream that lost its end event must fail.</summary>
    private static (byte[] Body, bool LostEnd) EditEvents(byte[] body, string endLine, Random random, List<string> steps)
    {
        List<string> events = [.. Encoding.UTF8.GetString(body).Split("\n\n")];
        List<int> real = [.. Enumerable.Range(0, events.Count).Where(i => events[i].Length > 0)];
        int at = real[random.Next(real.Count)];
        bool lostEnd = false;
        switch (random.Next(3))
        {
            case 0:
                events.Insert(at, events[at]);
                steps.Add(Invariant($"event {at} duplicated"));
                break;
            case 1:
                lostEnd = events[at].Split('\n').Contains(endLine);
                events.RemoveAt(at);
                steps.Add(Invariant($"event {at} dropped"));
                break;
            default:
                int next = real.FirstOrDefault(i => i > at, real[0]);
                (events[at], events[next]) = (events[next], events[at]);
                steps.Add(Invariant($"events {at} and {next} swapped"));
                break;
        }

        return (Encoding.UTF8.GetBytes(string.Join("\n\n", events)), lostEnd);
    }

    private static List<int> Targets(byte[] body, string[] patterns)
    {
        var found = new List<int>();
        foreach (string pattern in patterns)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(pattern);
            for (int at = body.AsSpan().IndexOf(bytes); at >= 0; at = NextIndex(body, bytes, at + 1))
            {
                found.Add(at + bytes.Length);
            }
        }

        return found;

        static int NextIndex(byte[] body, byte[] bytes, int from) => body.AsSpan(from).IndexOf(bytes) is var next and >= 0 ? from + next : -1;
    }

    /// <summary>The spans of the JSON values below the root of every JSON document in the body (every data line of a stream), of one kind or all.</summary>
    private static List<(int Start, int End)> Values(byte[] body, bool stream, JsonTokenType? kind)
    {
        var values = new List<(int, int)>();
        foreach ((int start, int length) in Documents(body, stream))
        {
            var reader = new Utf8JsonReader(body.AsSpan(start, length));
            var open = new Stack<int>();
            try
            {
                while (reader.Read())
                {
                    int depth = open.Count;
                    switch (reader.TokenType)
                    {
                        case JsonTokenType.StartObject or JsonTokenType.StartArray:
                            open.Push((int)reader.TokenStartIndex);
                            break;
                        case JsonTokenType.EndObject or JsonTokenType.EndArray:
                            int from = open.Pop();
                            if (open.Count > 0 && kind is null)
                            {
                                values.Add((start + from, start + (int)reader.BytesConsumed));
                            }

                            break;
                        case JsonTokenType.PropertyName or JsonTokenType.Comment:
                            break;
                        default:
                            if (depth > 0 && (kind is null || kind == reader.TokenType))
                            {
                                values.Add((start + (int)reader.TokenStartIndex, start + (int)reader.BytesConsumed));
                            }

                            break;
                    }
                }
            }
            catch (JsonException)
            {
                // Not JSON (already damaged, or [DONE]): nothing to take from it.
            }
        }

        return values;
    }

    private static IEnumerable<(int Start, int Length)> Documents(byte[] body, bool stream)
    {
        if (!stream)
        {
            yield return (0, body.Length);
            yield break;
        }

        for (int start = 0; start < body.Length;)
        {
            int end = body.AsSpan(start).IndexOfAny((byte)'\r', (byte)'\n') is var found and >= 0 ? start + found : body.Length;
            ReadOnlySpan<byte> line = body.AsSpan(start, end - start);
            if (line.StartsWith("data: {"u8))
            {
                yield return (start + 6, end - start - 6);
            }

            start = end + 1;
        }
    }

    private static byte[] Insert(byte[] body, int at, byte[] bytes, List<string> steps)
    {
        steps.Add(Invariant($"inserted {Convert.ToHexString(bytes)} at {at}"));
        return [.. body.AsSpan(0, at), .. bytes, .. body.AsSpan(at)];
    }

    private static byte[] Replace(byte[] body, (int Start, int End) span, string value, List<string> steps)
    {
        string shown = value.Length > 40 ? $"{value[..20]}…({value.Length} chars)" : value;
        steps.Add(Invariant($"bytes {span.Start}..{span.End} ('{Encoding.UTF8.GetString(body, span.Start, Math.Min(span.End - span.Start, 40))}') replaced by {shown}"));
        return [.. body.AsSpan(0, span.Start), .. Encoding.UTF8.GetBytes(value), .. body.AsSpan(span.End)];
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
