using System.Text.Json;
using NexLLM.Connectors.Emulator.Hosting;

namespace NexLLM.Connectors.Emulator.Gemini;

/// <summary>
/// Reads Gemini's schemas into the JSON schemas the engine understands. <c>parameters</c> and <c>responseSchema</c>
/// are Google's OpenAPI subset, whose types are upper case (<c>"OBJECT"</c>, <c>"STRING"</c>, docs/protocols/gemini.md); every
/// <c>type</c> is lower-cased, the rest is kept (<c>nullable</c>, <c>enum</c>, <c>format</c>, <c>anyOf</c>…).
/// <c>parametersJsonSchema</c> and <c>responseJsonSchema</c> are JSON schemas already and pass through the same way.
/// </summary>
internal static class GeminiSchema
{
    private const int MaxDepth = 64;

    /// <summary>A detached, normalised copy of <paramref name="schema"/>, or <see langword="null"/> when it is not an object.</summary>
    public static JsonElement? Normalize(JsonElement schema)
    {
        if (schema.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        byte[] json = JsonBuffer.ToBytes(w => Write(w, schema, depth: 0));
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    private static void Write(Utf8JsonWriter writer, JsonElement element, int depth)
    {
        if (depth > MaxDepth)
        {
            element.WriteTo(writer);
            return;
        }

        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject())
                {
                    writer.WritePropertyName(property.Name);
                    if (property.Name == "type")
                    {
                        WriteType(writer, property.Value);
                    }
                    else
                    {
                        Write(writer, property.Value, depth + 1);
                    }
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    Write(writer, item, depth + 1);
                }

                writer.WriteEndArray();
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }

    // "type": "OBJECT" or ["STRING", "NULL"]; a property that happens to be called "type" holds a schema object and is recursed into.
    private static void WriteType(Utf8JsonWriter writer, JsonElement type)
    {
        switch (type.ValueKind)
        {
            case JsonValueKind.String:
                writer.WriteStringValue(type.GetString()!.ToLowerInvariant());
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in type.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.String)
                    {
                        writer.WriteStringValue(item.GetString()!.ToLowerInvariant());
                    }
                    else
                    {
                        item.WriteTo(writer);
                    }
                }

                writer.WriteEndArray();
                break;
            default:
                Write(writer, type, depth: 1);
                break;
        }
    }
}
