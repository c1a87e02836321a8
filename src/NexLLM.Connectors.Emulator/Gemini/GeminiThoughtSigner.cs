using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using NexLLM.Connectors.Emulator.Shared;

namespace NexLLM.Connectors.Emulator.Gemini;

/// <summary>
/// Makes and checks the <c>thoughtSignature</c> of the parts this emulator sends (docs/protocols/gemini.md#gotchas), as
/// Claude's thinking is signed (both are <see cref="ContentSigner"/>s): a signature is the base64 HMAC-SHA256, under a
/// secret made when the emulator starts, of the part's kind and content — the text of a thought, or the name and the
/// arguments of a function call. Arguments are compared in a canonical form (keys sorted, numbers normalised, strings
/// unescaped), so a client may re-serialise them; any other change makes the signature fail. A signature is valid
/// only on the kind of part it was issued for, so a client test proves it echoes each signature on the same part.
/// </summary>
internal sealed class GeminiThoughtSigner
{
    private static readonly JsonWriterOptions CanonicalOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly ContentSigner _signer = new("nexllm-emulator/gemini-thought-signature");

    /// <summary>The signature of a thought part's text.</summary>
    public string SignThought(string text) => _signer.Sign(Signed("thought", text));

    /// <summary>The signature of a function call part: its name and its arguments (a JSON text; <c>""</c> means <c>{}</c>).</summary>
    public string SignFunctionCall(string name, string argumentsJson) => _signer.Sign(Signed("functionCall", CallContent(name, argumentsJson)));

    /// <summary>Whether <paramref name="signature"/> is this emulator's signature of a thought with that text.</summary>
    public bool VerifyThought(string text, string? signature) => _signer.Verify(Signed("thought", text), signature);

    /// <summary>Whether <paramref name="signature"/> is this emulator's signature of a call with that name and <c>args</c>.</summary>
    public bool VerifyFunctionCall(string name, JsonElement args, string? signature) =>
        _signer.Verify(Signed("functionCall", CallContent(name, args.ValueKind == JsonValueKind.Undefined ? "" : args.GetRawText())), signature);

    // The kind is signed with the content, so a signature is valid only on the kind of part it was issued for.
    private static string Signed(string kind, string content) => kind + "\n" + content;

    private static string CallContent(string name, string argumentsJson) => name + "\n" + Canonical(argumentsJson);

    // Arguments the emulator wrote (\uXXXX escapes, schema order) and the same arguments re-serialised by a client
    // (raw UTF-8, another key order, 21.0 for 21) must sign alike. Text that is not JSON (a scripted broken call) is kept as is.
    private static string Canonical(string argumentsJson)
    {
        if (argumentsJson.Length == 0)
        {
            return "{}";
        }

        try
        {
            using var document = JsonDocument.Parse(argumentsJson);
            var buffer = new ArrayBufferWriter<byte>(argumentsJson.Length + 16);
            using (var writer = new Utf8JsonWriter(buffer, CanonicalOptions))
            {
                WriteCanonical(writer, document.RootElement);
            }

            return Encoding.UTF8.GetString(buffer.WrittenSpan);
        }
        catch (JsonException)
        {
            return argumentsJson;
        }
    }

    private static void WriteCanonical(Utf8JsonWriter writer, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(property.Name);
                    WriteCanonical(writer, property.Value);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    WriteCanonical(writer, item);
                }

                writer.WriteEndArray();
                break;
            case JsonValueKind.Number when element.TryGetDouble(out double number) && double.IsFinite(number):
                writer.WriteRawValue(number.ToString("R", CultureInfo.InvariantCulture), skipInputValidation: true);
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }
}
