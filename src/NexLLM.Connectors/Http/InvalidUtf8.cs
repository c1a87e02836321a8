using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace NexLLM.Connectors.Http;

/// <summary>
/// The one rule for bytes that are not UTF-8 inside a response's JSON strings, for every chat format, streamed or not:
/// in text and reasoning (<c>text</c>, <c>thinking</c>, <c>content</c>, <c>refusal</c>, <c>reasoning_content</c>,
/// <c>reasoning</c>) each invalid sequence becomes U+FFFD, as the gateway's own JSON encoder (Go's <c>encoding/json</c>)
/// and the WHATWG decoder of a browser do: a damaged character must not cost the whole answer. Everywhere else the string
/// is refused as the serializer refuses it: tool-call arguments are parsed and acted on, and ids, signatures and
/// finish reasons are echoed or compared, so a changed byte would silently change their meaning.
/// </summary>
/// <remarks>
/// The JSON reader does not validate UTF-8 inside strings; turning them into .NET strings does, and fails. So this runs
/// only after the serializer failed that way: the happy path pays nothing. The number of U+FFFD for a damaged multi-byte
/// sequence follows the Unicode "maximal subpart" practice of .NET's and the WHATWG decoder (Go writes one per byte).
/// </remarks>
internal static class InvalidUtf8
{
    /// <summary>
    /// Rewrites <paramref name="json"/> with every invalid UTF-8 sequence in a text field replaced by U+FFFD. Tool-call
    /// argument objects (<c>input</c>, <c>args</c>) are not entered: a <c>text</c> field inside them is data.
    /// </summary>
    /// <param name="json">The JSON that failed to deserialize.</param>
    /// <param name="repaired">The JSON with its text fields repaired.</param>
    /// <param name="moreTextFields">
    /// A format's own text fields beyond the shared ones (a transcript's <c>delta</c> and <c>word</c>), where the same name
    /// is not also data in that format.
    /// </param>
    /// <returns><see langword="false"/> when no text field needed it (or the JSON is malformed): the serializer's error stands.</returns>
    public static bool TryReplaceInText(ReadOnlySpan<byte> json, out byte[] repaired, string[]? moreTextFields = null)
    {
        repaired = [];
        ArrayBufferWriter<byte>? output = null;
        int copied = 0;
        try
        {
            var reader = new Utf8JsonReader(json);
            while (reader.Read())
            {
                if (reader.TokenType != JsonTokenType.PropertyName)
                {
                    continue;
                }

                bool isText = IsTextField(ref reader, moreTextFields);
                bool isArguments = !isText && (reader.ValueTextEquals("input"u8) || reader.ValueTextEquals("args"u8));
                if (!reader.Read())
                {
                    return false;
                }

                if (isArguments)
                {
                    reader.Skip();
                }
                else if (isText && reader.TokenType == JsonTokenType.String && !Utf8.IsValid(reader.ValueSpan))
                {
                    // The value's bytes as written, escapes included: escapes are ASCII, so they pass through unchanged.
                    int start = checked((int)reader.TokenStartIndex + 1);
                    output ??= new ArrayBufferWriter<byte>(json.Length + 16);
                    output.Write(json[copied..start]);
                    output.Write(Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(reader.ValueSpan)));
                    copied = start + reader.ValueSpan.Length;
                }
            }
        }
        catch (JsonException)
        {
            return false;
        }

        if (output is null)
        {
            return false;
        }

        output.Write(json[copied..]);
        repaired = output.WrittenSpan.ToArray();
        return true;
    }

    private static bool IsTextField(ref Utf8JsonReader reader, string[]? moreTextFields)
    {
        if (reader.ValueTextEquals("text"u8) || reader.ValueTextEquals("thinking"u8) || reader.ValueTextEquals("content"u8)
            || reader.ValueTextEquals("refusal"u8) || reader.ValueTextEquals("reasoning_content"u8) || reader.ValueTextEquals("reasoning"u8))
        {
            return true;
        }

        foreach (string field in moreTextFields ?? [])
        {
            if (reader.ValueTextEquals(field))
            {
                return true;
            }
        }

        return false;
    }
}
