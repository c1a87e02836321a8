using System.Text;

namespace NexLLM.Connectors.Tests.TestSupport;

/// <summary>
/// A seeded random event stream: data lines with and without the space, <c>data</c> without a colon, empty data,
/// multi-line data, <c>event:</c>/<c>id:</c>/<c>retry:</c> and unknown fields, comments, extra blank lines, LF, CRLF
/// or CR line endings (one kind, or mixed line by line), an optional BOM, non-ASCII text and invalid UTF-8, colons and
/// braces inside values, now and then a line longer than the read buffer, and maybe a last event without its blank
/// line. Lines start with '{' (raw JSON) only when asked for.
/// </summary>
internal sealed class RandomEventStream
{
    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];

    private static readonly string[] Pieces =
        ["hello", "a:b", ": ", "é", "世界", "😀", "{\"k\":\"v: w\"}", "{", "}", "[DONE]", " ", "\t", "data: nested", "\uFEFF", "\0", "x y", "::"];

    private static readonly string[] OtherFields =
    [
        "event: message_start", "event:", "event", "id: 42", "id", "id: a\0b", "retry: 3000", "retry: soon", ": keep-alive", ":",
        ":data: commented out", "foo: bar", "data : spaced name", "Data: capital", "datum: x", "dataa: y", " data: leading space",
        "data\t: tab", "\uFEFFdata: a BOM inside the stream is no BOM",
    ];

    private static readonly string[][] RawJsonBlocks =
    [
        ["{\"error\":{\"message\":\"boom: upstream\",\"code\":500}}"],
        ["{", "  \"error\": {", "    \"message\": \"é 世界\",", "    \"code\": 503", "  }", "}"],
        ["{\"error\":\"data: not a field\"}", "{\"second\":true}"],
    ];

    private readonly Random _random;
    private readonly string? _lineEnd;
    private readonly List<byte> _bytes = [];

    private RandomEventStream(Random random)
    {
        _random = random;
        _lineEnd = random.Next(4) switch { 0 => "\n", 1 => "\r\n", 2 => "\r", _ => null };
    }

    public byte[] Body => [.. _bytes];

    /// <summary>Gets where the first raw JSON line starts, if any.</summary>
    public int? RawJsonStart { get; private set; }

    public static RandomEventStream Create(Random random, bool withRawJson)
    {
        var stream = new RandomEventStream(random);
        stream.Write(withRawJson);
        return stream;
    }

    private void Write(bool withRawJson)
    {
        if (_random.Next(4) == 0)
        {
            _bytes.AddRange(Bom);
        }

        int events = _random.Next(0, 16);
        for (int i = 0; i < events; i++)
        {
            if (withRawJson && _random.Next(5) == 0)
            {
                RawJsonBlock(finalLineBreak: true);
            }

            for (int lines = _random.Next(0, 5); lines > 0; lines--)
            {
                Field();
                LineEnd();
            }

            for (int blanks = _random.Next(6) == 0 ? _random.Next(2, 4) : 1; blanks > 0; blanks--)
            {
                LineEnd();
            }
        }

        if (withRawJson && (RawJsonStart is null || _random.Next(3) == 0))
        {
            RawJsonBlock(finalLineBreak: _random.Next(2) == 0);
        }
        else if (_random.Next(3) == 0)
        {
            // A last event without its blank line: dropped, with or without the break of its last line.
            for (int lines = _random.Next(1, 4); lines > 0; lines--)
            {
                Field();
                if (lines > 1 || _random.Next(2) == 0)
                {
                    LineEnd();
                }
            }
        }
    }

    private void Field()
    {
        switch (_random.Next(12))
        {
            case < 5:
                Text(_random.Next(2) == 0 ? "data: " : "data:");
                Value();
                break;
            case 5:
                Text("data");
                break;
            case 6:
                Text("data:");
                break;
            case 7:
                Text("data:  "); // only the first space goes
                Value();
                break;
            case 8:
                Text("data: {\"type\":\"delta\",\"text\":\"a: b\"}");
                Value();
                break;
            default:
                Text(OtherFields[_random.Next(OtherFields.Length)]);
                break;
        }
    }

    private void Value()
    {
        for (int pieces = _random.Next(0, 5); pieces > 0; pieces--)
        {
            int kind = _random.Next(400);
            if (kind < 6)
            {
                _bytes.Add(kind < 3 ? (byte)0xFF : (byte)0xC3); // invalid UTF-8: both readers pass bytes through
            }
            else if (kind == 6)
            {
                Text(new string('L', _random.Next(1_000, 40_000)));
            }
            else
            {
                Text(Pieces[_random.Next(Pieces.Length)]);
            }
        }
    }

    private void RawJsonBlock(bool finalLineBreak)
    {
        RawJsonStart ??= _bytes.Count;
        string[] lines = RawJsonBlocks[_random.Next(RawJsonBlocks.Length)];
        for (int i = 0; i < lines.Length; i++)
        {
            Text(lines[i]);
            if (finalLineBreak || i < lines.Length - 1)
            {
                LineEnd();
            }
        }
    }

    private void LineEnd() => Text(_lineEnd ?? _random.Next(3) switch { 0 => "\n", 1 => "\r\n", _ => "\r" });

    private void Text(string text) => _bytes.AddRange(Encoding.UTF8.GetBytes(text));
}
