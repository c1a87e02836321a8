using System.Buffers;
using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace NexLLM.Connectors.Chat.ChatCompletions;

/// <summary>Writes message content as a plain string when it is one text, else as an array of parts.</summary>
internal sealed class MessageContentConverter : JsonConverter<MessageContent>
{
    /// <summary>Request-only: never read.</summary>
    public override MessageContent? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("Message content is only written.");

    public override void Write(Utf8JsonWriter writer, MessageContent value, JsonSerializerOptions options)
    {
        if (value.Parts is { } parts)
        {
            JsonSerializer.Serialize(writer, parts, ChatCompletionsJsonContext.Default.ListContentPart);
        }
        else
        {
            writer.WriteStringValue(value.Text);
        }
    }
}

/// <summary>Writes <c>tool_choice</c>: a mode string, or <c>{"type":"function","function":{"name":...}}</c>.</summary>
internal sealed class ToolChoiceConverter : JsonConverter<ToolChoice>
{
    /// <summary>Request-only: never read.</summary>
    public override ToolChoice? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("tool_choice is only written.");

    public override void Write(Utf8JsonWriter writer, ToolChoice value, JsonSerializerOptions options)
    {
        if (value.FunctionName is { } name)
        {
            writer.WriteStartObject();
            writer.WriteString("type"u8, "function"u8);
            writer.WriteStartObject("function"u8);
            writer.WriteString("name"u8, name);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteStringValue(value.Mode);
        }
    }
}

/// <summary>
/// Reads a streamed text fragment that may hold half a surrogate pair. A server that cuts text between the two halves of a
/// character outside the BMP writes each half as a lone <c>\uD83D</c> / <c>\uDE00</c> escape (Python's <c>json.dumps</c>
/// does); System.Text.Json refuses to decode those, which would fail the whole stream. The halves are kept as they are, so
/// concatenated fragments rebuild the character (RELIABILITY.md: tool-call arguments split anywhere reassemble exactly).
/// </summary>
internal sealed class FragmentStringConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
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
            // The reader has validated the escapes' syntax; only their surrogate pairing failed.
            return UnescapeKeepingLoneSurrogates(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan);
        }
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

    private static string UnescapeKeepingLoneSurrogates(ReadOnlySpan<byte> raw)
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
