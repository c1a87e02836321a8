using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace NexLLM.Connectors.Emulator.Hosting;

/// <summary>Writes JSON the way the gateway does: compact, non-ASCII text left as raw UTF-8 (Go's encoder does not escape it).</summary>
internal static class JsonBuffer
{
    private static readonly JsonWriterOptions WireOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] ToBytes(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WireOptions))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static string ToText(Action<Utf8JsonWriter> write) => Encoding.UTF8.GetString(ToBytes(write));

    /// <summary>
    /// Writes a property whose value is tool-call arguments as JSON text (Claude's <c>input</c>, Gemini's <c>args</c>): as
    /// is when it is JSON, <c>{}</c> when it is empty (a call without arguments), verbatim otherwise (a scripted broken
    /// call then breaks the body, as the script asked).
    /// </summary>
    public static void WriteArguments(Utf8JsonWriter writer, string name, string argumentsJson)
    {
        if (argumentsJson.Length == 0)
        {
            writer.WriteStartObject(name);
            writer.WriteEndObject();
            return;
        }

        writer.WritePropertyName(name);
        writer.WriteRawValue(argumentsJson, skipInputValidation: !IsJson(argumentsJson));
    }

    /// <summary>Writes a string property, or a JSON null when the value is <see langword="null"/>.</summary>
    public static void WriteStringOrNull(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }

    private static bool IsJson(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
