using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using NexLLM.Connectors.Common;

namespace NexLLM.Connectors.Chat.Gemini;

/// <summary>
/// Converts JSON schema (what M.E.AI produces) to the OpenAPI subset Gemini's <c>parameters</c> and
/// <c>responseSchema</c> accept: upper-case types, <c>nullable</c> instead of a <c>"null"</c> type, <c>$ref</c> inlined,
/// <c>const</c> as a one-value enum, enums on strings only, and keywords Gemini rejects (<c>$schema</c>,
/// <c>additionalProperties</c>, unknown formats...) left out. Results are cached per source object.
/// </summary>
internal static class GeminiSchema
{
    private const int MaxDepth = 32;

    private static readonly string TooDeep =
        $"The JSON schema is nested deeper than {MaxDepth} levels or refers to itself; Gemini's schema subset cannot express it. Send it as JSON schema with WithGeminiJsonSchema().";

    private static readonly ConditionalWeakTable<object, StrongBox<JsonElement>> Cache = [];

    private static readonly HashSet<string> CopiedKeywords =
    [
        "title", "description", "minItems", "maxItems", "minProperties", "maxProperties", "minLength", "maxLength",
        "pattern", "minimum", "maximum", "default", "propertyOrdering",
    ];

    /// <summary>Converts a schema, reusing the conversion made for the same source object.</summary>
    public static JsonElement ConvertCached(object source, JsonElement schema) =>
        Cache.GetValue(source, _ => new StrongBox<JsonElement>(Convert(schema))).Value;

    public static JsonElement Convert(JsonElement schema)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, schema, schema, 0);
        }

        return JsonSerializer.Deserialize(buffer.WrittenSpan, SharedJsonContext.Default.JsonElement);
    }

    /// <summary>Writes one schema; <paramref name="union"/> is the <c>anyOf</c>/<c>oneOf</c> it is the only non-null alternative of, if so.</summary>
    private static void Write(Utf8JsonWriter writer, JsonElement schema, JsonElement root, int depth, JsonElement? union = null)
    {
        if (depth > MaxDepth)
        {
            throw new ArgumentException(TooDeep);
        }

        schema = Resolve(schema, root);
        if (union is null && SingleAlternative(schema) is { } only)
        {
            // A union of one schema and null is how JSON schema writes a nullable reference: that schema, nullable, with the
            // union's own annotations (its description...).
            Write(writer, only, root, depth + 1, schema);
            return;
        }

        writer.WriteStartObject();
        if (schema.ValueKind != JsonValueKind.Object)
        {
            // `true` (anything goes) has no Gemini equivalent but an unconstrained object.
            writer.WriteEndObject();
            return;
        }

        (string? type, bool nullable) = TypeOf(schema);
        nullable |= HasNullAlternative(schema) || (union is { } outer && HasNullAlternative(outer));
        if (type is not null)
        {
            writer.WriteString("type", type);
        }

        if (nullable || (schema.TryGetProperty("nullable", out JsonElement n) && n.ValueKind == JsonValueKind.True))
        {
            writer.WriteBoolean("nullable", true);
        }

        foreach (JsonProperty property in schema.EnumerateObject())
        {
            switch (property.Name)
            {
                case "format" when IsSupportedFormat(type, property.Value.GetString()):
                    property.WriteTo(writer);
                    break;
                case "enum" when type == "STRING":
                    WriteStringEnum(writer, property.Value.EnumerateArray());
                    break;
                case "const" when type == "STRING":
                    WriteStringEnum(writer, [property.Value]);
                    break;
                case "properties" when property.Value.ValueKind == JsonValueKind.Object:
                    writer.WriteStartObject("properties");
                    foreach (JsonProperty child in property.Value.EnumerateObject())
                    {
                        writer.WritePropertyName(child.Name);
                        Write(writer, child.Value, root, depth + 1);
                    }

                    writer.WriteEndObject();
                    break;
                case "required" when property.Value.ValueKind == JsonValueKind.Array:
                    WriteRequired(writer, property.Value, schema);
                    break;
                case "items" when property.Value.ValueKind is JsonValueKind.Object or JsonValueKind.True:
                    writer.WritePropertyName("items");
                    Write(writer, property.Value, root, depth + 1);
                    break;
                case "anyOf" or "oneOf" when NonNullAlternatives(property.Value) is { Count: > 1 } alternatives:
                    writer.WriteStartArray("anyOf");
                    foreach (JsonElement alternative in alternatives)
                    {
                        Write(writer, alternative, root, depth + 1);
                    }

                    writer.WriteEndArray();
                    break;
                case var name when CopiedKeywords.Contains(name):
                    property.WriteTo(writer);
                    break;
            }
        }

        if (union is { } annotations)
        {
            foreach (JsonProperty property in annotations.EnumerateObject())
            {
                if (CopiedKeywords.Contains(property.Name) && !schema.TryGetProperty(property.Name, out _))
                {
                    property.WriteTo(writer);
                }
            }
        }

        writer.WriteEndObject();
    }

    /// <summary>The Gemini type, and whether <c>null</c> is allowed: from <c>type</c> (a string or an array).</summary>
    private static (string? Type, bool Nullable) TypeOf(JsonElement schema)
    {
        if (schema.TryGetProperty("type", out JsonElement type))
        {
            if (type.ValueKind == JsonValueKind.String)
            {
                return (Upper(type.GetString()), false);
            }

            if (type.ValueKind == JsonValueKind.Array)
            {
                string? single = null;
                bool nullable = false;
                foreach (JsonElement item in type.EnumerateArray())
                {
                    if (item.GetString() == "null")
                    {
                        nullable = true;
                    }
                    else
                    {
                        single ??= item.GetString();
                    }
                }

                return (Upper(single), nullable);
            }
        }

        return (schema.TryGetProperty("properties", out _) ? "OBJECT" : null, false);
    }

    private static List<JsonElement> NonNullAlternatives(JsonElement alternatives) =>
        alternatives.ValueKind != JsonValueKind.Array ? [] : [.. alternatives.EnumerateArray().Where(static a => !IsNullType(a))];

    /// <summary>The one non-null alternative of an untyped <c>anyOf</c>/<c>oneOf</c>, if there is exactly one.</summary>
    private static JsonElement? SingleAlternative(JsonElement schema)
    {
        if (schema.ValueKind != JsonValueKind.Object || schema.TryGetProperty("type", out _))
        {
            return null;
        }

        foreach (string union in (ReadOnlySpan<string>)["anyOf", "oneOf"])
        {
            if (schema.TryGetProperty(union, out JsonElement alternatives) && NonNullAlternatives(alternatives) is { Count: 1 } only)
            {
                return only[0];
            }
        }

        return null;
    }

    private static bool HasNullAlternative(JsonElement schema)
    {
        foreach (string union in (ReadOnlySpan<string>)["anyOf", "oneOf"])
        {
            if (schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty(union, out JsonElement alternatives)
                && alternatives.ValueKind == JsonValueKind.Array && alternatives.EnumerateArray().Any(IsNullType))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsNullType(JsonElement schema) =>
        schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("type", out JsonElement t) && t.ValueKind == JsonValueKind.String && t.GetString() == "null";

    private static JsonElement Resolve(JsonElement schema, JsonElement root)
    {
        // Local references only (#, #/$defs/x, #/definitions/x): what M.E.AI's schema generator emits for shared types.
        for (int hops = 0; schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("$ref", out JsonElement reference); hops++)
        {
            string? path = reference.GetString();
            if (hops == MaxDepth)
            {
                throw new ArgumentException(TooDeep);
            }

            if (path == "#")
            {
                // The root: what System.Text.Json's schema exporter writes for a type that contains itself.
                schema = root;
                continue;
            }

            if (path is null || !path.StartsWith("#/", StringComparison.Ordinal))
            {
                throw new ArgumentException($"The JSON schema refers to '{path}'; only local references can be inlined for Gemini.");
            }

            JsonElement target = root;
            foreach (string segment in path[2..].Split('/'))
            {
                if (!target.TryGetProperty(segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal), out target))
                {
                    throw new ArgumentException($"The JSON schema refers to '{path}', which it does not define.");
                }
            }

            schema = target;
        }

        return schema;
    }

    private static void WriteStringEnum(Utf8JsonWriter writer, IEnumerable<JsonElement> values)
    {
        writer.WriteStartArray("enum");
        foreach (JsonElement value in values)
        {
            if (value.ValueKind == JsonValueKind.String)
            {
                writer.WriteStringValue(value.GetString());
            }
        }

        writer.WriteEndArray();
        writer.WriteString("format", "enum");
    }

    private static void WriteRequired(Utf8JsonWriter writer, JsonElement required, JsonElement schema)
    {
        bool hasProperties = schema.TryGetProperty("properties", out JsonElement properties);
        writer.WriteStartArray("required");
        foreach (JsonElement name in required.EnumerateArray())
        {
            if (name.GetString() is { } text && (!hasProperties || properties.TryGetProperty(text, out _)))
            {
                writer.WriteStringValue(text);
            }
        }

        writer.WriteEndArray();
    }

    private static bool IsSupportedFormat(string? type, string? format) => (type, format) switch
    {
        ("STRING", "date-time") => true,
        ("INTEGER", "int32" or "int64") => true,
        ("NUMBER", "float" or "double") => true,
        _ => false,
    };

    private static string? Upper(string? type) => type?.ToUpperInvariant();
}
