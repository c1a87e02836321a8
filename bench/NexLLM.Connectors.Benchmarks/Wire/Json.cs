using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace NexLLM.Connectors.Benchmarks.Wire;

/// <summary>Writes bodies the way the providers' servers do: only the escaping JSON requires, compact or 2-space indented.</summary>
internal static class Json
{
    public static byte[] Write(Action<Utf8JsonWriter> write, bool indented = false)
    {
        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = indented, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>A string's JSON escaping, without quotes, for bodies written from templates.</summary>
    public static string Escape(string text) => JsonEncodedText.Encode(text, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).ToString();
}
