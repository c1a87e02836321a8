using System.Buffers;
using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using NexLLM.Connectors.Http;

namespace NexLLM.Connectors.Chat;

/// <summary>
/// Reads a JSON string that may be a fragment of a longer text: the usual decoding, and when that fails (a lone surrogate
/// escape, bytes that are not UTF-8) the derived converter's rule for the string's raw bytes.
/// </summary>
internal abstract class FragmentConverter : JsonConverter<string>
{
    public sealed override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"Expected a string, not {reader.TokenType}.");
        }

        try
        {
            return reader.GetString();
        }
        catch (InvalidOperationException)
        {
            // The reader has validated the escapes' syntax; their surrogate pairing or the UTF-8 between them failed.
            return Undecodable(RawValue(ref reader));
        }
    }

    public sealed override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

    /// <summary>The string's bytes as written, escapes included.</summary>
    protected static ReadOnlySpan<byte> RawValue(ref Utf8JsonReader reader) =>
        reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan;

    /// <summary>What a string the usual decoding refused becomes.</summary>
    /// <param name="raw">The string's bytes as written, escapes included.</param>
    /// <returns>The text.</returns>
    protected abstract string Undecodable(ReadOnlySpan<byte> raw);

    /// <summary>Unescapes a JSON string's bytes, keeping lone surrogate escapes; invalid UTF-8 between escapes becomes U+FFFD.</summary>
    protected static string Unescape(ReadOnlySpan<byte> raw)
    {
        var text = new StringBuilder(raw.Length);
        int start = 0;
        for (int i = 0; i < raw.Length; i++)
        {
            if (raw[i] != (byte)'\\')
            {
                continue;
            }

            text.Append(Encoding.UTF8.GetString(raw[start..i]));
            byte escape = raw[++i];
            switch (escape)
            {
                case (byte)'b': text.Append('\b'); break;
                case (byte)'f': text.Append('\f'); break;
                case (byte)'n': text.Append('\n'); break;
                case (byte)'r': text.Append('\r'); break;
                case (byte)'t': text.Append('\t'); break;
                case (byte)'u' when Utf8Parser.TryParse(raw.Slice(i + 1, 4), out ushort unit, out _, 'X'):
                    text.Append((char)unit);
                    i += 4;
                    break;
                default: text.Append((char)escape); break;
            }

            start = i + 1;
        }

        return text.Append(Encoding.UTF8.GetString(raw[start..])).ToString();
    }
}

/// <summary>
/// Reads a text fragment (a streamed delta, or a whole message's text) that may hold half a surrogate pair. A server
/// that cuts text between the two halves of a character outside the BMP writes each half as a lone <c>\uD83D</c> /
/// <c>\uDE00</c> escape (Python's <c>json.dumps</c> does); System.Text.Json refuses to decode those, which would fail the
/// whole stream. The halves are kept as they are, so concatenated fragments rebuild the character. Bytes that are not
/// UTF-8 become U+FFFD, the rule for all text (see <see cref="InvalidUtf8"/>).
/// </summary>
internal sealed class FragmentStringConverter : FragmentConverter
{
    protected override string Undecodable(ReadOnlySpan<byte> raw) => Unescape(raw);
}

/// <summary>
/// Reads tool-call arguments as text (a chat-completions fragment, a Claude <c>partial_json</c>): lone surrogate escapes
/// are kept, as in <see cref="FragmentStringConverter"/>, so that fragments cut anywhere reassemble; but bytes that are not
/// UTF-8 are refused with a <see cref="ResponseContentException"/>, never replaced. Arguments are parsed and acted on:
/// a replaced byte would change what the model asked for without anyone noticing.
/// </summary>
internal sealed class ArgumentsFragmentConverter : FragmentConverter
{
    protected override string Undecodable(ReadOnlySpan<byte> raw) =>
        Utf8.IsValid(raw) ? Unescape(raw) : throw new ResponseContentException("a tool call's arguments are not valid UTF-8");
}
